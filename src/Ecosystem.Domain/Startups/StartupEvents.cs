namespace Ecosystem.Domain.Startups;

public abstract record StartupEvent
{
    public abstract Guid StartupId { get; init; }

    public sealed record StartupRegistered(
        Guid StartupId,
        string Name,
        StartupKind Kind,
        DateOnly FoundedOn,
        string HqCountry,
        ValueList<string> Sectors,
        ValueList<Founder> Founders,
        DateTimeOffset RegisteredAt) : StartupEvent;

    public sealed record ApplicationSubmitted(Guid StartupId, Guid ProgrammeId, Guid CohortId, DateTimeOffset SubmittedAt) : StartupEvent;

    public sealed record ApplicationShortlisted(Guid StartupId, Guid ProgrammeId, Guid CohortId, DateTimeOffset ShortlistedAt) : StartupEvent;

    public sealed record ApplicationWaitlisted(Guid StartupId, Guid ProgrammeId, Guid CohortId, DateTimeOffset WaitlistedAt) : StartupEvent;

    public sealed record ApplicationRejected(Guid StartupId, Guid ProgrammeId, Guid CohortId, string Reason, DateTimeOffset RejectedAt) : StartupEvent;

    public sealed record Admitted(Guid StartupId, Guid ProgrammeId, Guid CohortId, DateTimeOffset AdmittedAt) : StartupEvent;

    public sealed record Onboarded(Guid StartupId, Guid ProgrammeId, Guid CohortId, string AgreementRef, DateTimeOffset OnboardedAt) : StartupEvent;

    public sealed record MilestoneAchieved(Guid StartupId, Guid ProgrammeId, Guid CohortId, Guid MilestoneId, DateTimeOffset AchievedAt) : StartupEvent;

    public sealed record MilestoneMissed(Guid StartupId, Guid ProgrammeId, Guid CohortId, Guid MilestoneId, DateTimeOffset MissedAt) : StartupEvent;

    public sealed record Graduated(Guid StartupId, Guid ProgrammeId, Guid CohortId, DateTimeOffset GraduatedAt) : StartupEvent;

    public sealed record Withdrew(Guid StartupId, Guid ProgrammeId, Guid CohortId, string Reason, DateTimeOffset WithdrewAt) : StartupEvent;

    public sealed record Removed(Guid StartupId, Guid ProgrammeId, Guid CohortId, string Reason, DateTimeOffset RemovedAt) : StartupEvent;

    public sealed record InvestmentRecorded(
        Guid StartupId,
        Guid InvestmentId,
        string Investor,
        decimal Amount,
        string Currency,
        Instrument Instrument,
        decimal StakePct,
        DateTimeOffset RecordedAt) : StartupEvent;

    private StartupEvent() { }
}
