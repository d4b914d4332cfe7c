namespace Ecosystem.Domain.UrbanTesting;

public abstract record UrbanTestingEvent
{
    public abstract Guid UseCaseId { get; init; }

    public sealed record ProposalSubmitted(
        Guid UseCaseId,
        Guid? ProposerStartupId,
        string? ProposerOrganisation,
        string Title,
        TestingDomain Domain,
        int Trl,
        int DurationDays,
        DateTimeOffset SubmittedAt) : UrbanTestingEvent;

    public sealed record FeasibilityAssessed(Guid UseCaseId, bool Feasible, ValueList<string> Conditions, DateTimeOffset AssessedAt) : UrbanTestingEvent;

    public sealed record AuthorisationRequested(Guid UseCaseId, string Authority, DateTimeOffset RequestedAt) : UrbanTestingEvent;

    public sealed record AuthorisationGranted(
        Guid UseCaseId,
        string Authority,
        DateOnly ValidFrom,
        DateOnly ValidTo,
        string Area,
        DateTimeOffset GrantedAt) : UrbanTestingEvent;

    public sealed record AuthorisationDenied(Guid UseCaseId, string Authority, string Reason, DateTimeOffset DeniedAt) : UrbanTestingEvent;

    public sealed record TestSiteAssigned(Guid UseCaseId, string Site, string Area, DateTimeOffset AssignedAt) : UrbanTestingEvent;

    public sealed record TestStarted(Guid UseCaseId, DateOnly On, DateTimeOffset StartedAt) : UrbanTestingEvent;

    public sealed record KpiRecorded(Guid UseCaseId, string Name, decimal Value, string Unit, DateTimeOffset RecordedAt) : UrbanTestingEvent;

    public sealed record TestSuspended(Guid UseCaseId, string Reason, DateTimeOffset SuspendedAt) : UrbanTestingEvent;

    public sealed record TestResumed(Guid UseCaseId, DateTimeOffset ResumedAt) : UrbanTestingEvent;

    public sealed record TestCompleted(Guid UseCaseId, DateOnly On, DateTimeOffset CompletedAt) : UrbanTestingEvent;

    public sealed record ResultsReportSubmitted(Guid UseCaseId, int TrlAfter, string Summary, DateTimeOffset SubmittedAt) : UrbanTestingEvent;

    public sealed record ReportAccepted(Guid UseCaseId, DateTimeOffset AcceptedAt) : UrbanTestingEvent;

    public sealed record ContributionAwarded(Guid UseCaseId, decimal Amount, DateTimeOffset AwardedAt) : UrbanTestingEvent;

    public sealed record ScaleUpProposed(Guid UseCaseId, ScaleUpPath Path, DateTimeOffset ProposedAt) : UrbanTestingEvent;

    public sealed record ProposalWithdrawn(Guid UseCaseId, string Reason, DateTimeOffset WithdrawnAt) : UrbanTestingEvent;

    private UrbanTestingEvent() { }
}
