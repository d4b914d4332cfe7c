using System.Collections.Immutable;
using static Ecosystem.Domain.UrbanTesting.UrbanTestingEvent;

namespace Ecosystem.Domain.UrbanTesting;

public enum TestingDomain { SmartRoad, AirMobility, Industry, UrbanServices }

public enum ScaleUpPath { Procurement, Replication, Network }

public enum UseCaseStatus
{
    Submitted, Feasible, NotFeasible, Authorising, Authorised, Denied, SiteAssigned,
    InTest, Suspended, Completed, Reported, Accepted, ScaledUp, Withdrawn,
}

public enum AuthorisationStatus { Requested, Granted, Denied }

public sealed record Feasibility(bool Feasible, ValueList<string> Conditions);

public sealed record Authorisation(
    string Authority,
    AuthorisationStatus Status,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    string? Area,
    string? DenialReason);

public sealed record TestSite(string Name, string Area);

public sealed record Kpi(string Name, decimal Value, string Unit);

public sealed record ResultsReport(int TrlAfter, string Summary, bool Accepted);

public static class UseCaseStatusRules
{
    public static bool IsTerminal(this UseCaseStatus status) =>
        status is UseCaseStatus.NotFeasible or UseCaseStatus.Denied or UseCaseStatus.ScaledUp or UseCaseStatus.Withdrawn;

    /// <summary>Feasible, not yet testing: authorisations and the site are being arranged.</summary>
    public static bool IsPreparing(this UseCaseStatus status) =>
        status is UseCaseStatus.Feasible or UseCaseStatus.Authorising or UseCaseStatus.Authorised or UseCaseStatus.SiteAssigned;
}

public abstract record UrbanTestingUseCase
{
    public sealed record NotSubmitted : UrbanTestingUseCase;

    public sealed record Proposed(
        Guid UseCaseId,
        Guid? ProposerStartupId,
        string? ProposerOrganisation,
        string Title,
        TestingDomain Domain,
        int Trl,
        int DurationDays,
        UseCaseStatus Status,
        DateTimeOffset StatusSince,
        Feasibility? Feasibility,
        ImmutableList<Authorisation> Authorisations,
        TestSite? Site,
        DateOnly? StartedOn,
        DateOnly? CompletedOn,
        ImmutableList<Kpi> Kpis,
        ResultsReport? Report,
        decimal? Contribution,
        ScaleUpPath? ScaleUp,
        string? WithdrawalReason) : UrbanTestingUseCase
    {
        public Authorisation? FindAuthorisation(string authority) => Authorisations.Find(a => Rule.SameText(a.Authority, authority));

        public Kpi? LatestKpi(string name) => Kpis.FindLast(k => Rule.SameText(k.Name, name));

        internal Proposed MovedTo(UseCaseStatus status, DateTimeOffset at) =>
            status == Status ? this : this with { Status = status, StatusSince = at };

        internal Proposed WithAuthorisation(string authority, Func<Authorisation, Authorisation> change) =>
            FindAuthorisation(authority) is { } authorisation
                ? this with { Authorisations = Authorisations.Replace(authorisation, change(authorisation)) }
                : this;

        /// <summary>After a grant: still authorising while any request is pending, else ready for (or with) a site.</summary>
        internal Proposed AfterGrant(DateTimeOffset at) =>
            Authorisations.Any(a => a.Status == AuthorisationStatus.Requested) ? MovedTo(UseCaseStatus.Authorising, at)
            : Site is not null ? MovedTo(UseCaseStatus.SiteAssigned, at)
            : MovedTo(UseCaseStatus.Authorised, at);
    }

    private UrbanTestingUseCase() { }
}

public static partial class UrbanTestingDecider
{
    public static UrbanTestingUseCase Initial { get; } = new UrbanTestingUseCase.NotSubmitted();

    public static UrbanTestingUseCase Evolve(UrbanTestingUseCase state, UrbanTestingEvent @event) => (state, @event) switch
    {
        (UrbanTestingUseCase.NotSubmitted, ProposalSubmitted e) => new UrbanTestingUseCase.Proposed(
            e.UseCaseId, e.ProposerStartupId, e.ProposerOrganisation, e.Title, e.Domain, e.Trl, e.DurationDays,
            UseCaseStatus.Submitted, e.SubmittedAt, null, [], null, null, null, [], null, null, null, null),
        (UrbanTestingUseCase.Proposed u, FeasibilityAssessed e) => (u with { Feasibility = new Feasibility(e.Feasible, e.Conditions) })
            .MovedTo(e.Feasible ? UseCaseStatus.Feasible : UseCaseStatus.NotFeasible, e.AssessedAt),
        (UrbanTestingUseCase.Proposed u, AuthorisationRequested e) => (u with
        {
            Authorisations = u.Authorisations.Add(new Authorisation(e.Authority, AuthorisationStatus.Requested, null, null, null, null)),
        }).MovedTo(UseCaseStatus.Authorising, e.RequestedAt),
        (UrbanTestingUseCase.Proposed u, AuthorisationGranted e) => u.WithAuthorisation(e.Authority, a => a with
        {
            Status = AuthorisationStatus.Granted,
            ValidFrom = e.ValidFrom,
            ValidTo = e.ValidTo,
            Area = e.Area,
        }).AfterGrant(e.GrantedAt),
        (UrbanTestingUseCase.Proposed u, AuthorisationDenied e) => u.WithAuthorisation(e.Authority, a => a with
        {
            Status = AuthorisationStatus.Denied,
            DenialReason = e.Reason,
        }).MovedTo(UseCaseStatus.Denied, e.DeniedAt),
        (UrbanTestingUseCase.Proposed u, TestSiteAssigned e) => (u with { Site = new TestSite(e.Site, e.Area) })
            .MovedTo(UseCaseStatus.SiteAssigned, e.AssignedAt),
        (UrbanTestingUseCase.Proposed u, TestStarted e) => (u with { StartedOn = e.On }).MovedTo(UseCaseStatus.InTest, e.StartedAt),
        (UrbanTestingUseCase.Proposed u, KpiRecorded e) => u with { Kpis = u.Kpis.Add(new Kpi(e.Name, e.Value, e.Unit)) },
        (UrbanTestingUseCase.Proposed u, TestSuspended e) => u.MovedTo(UseCaseStatus.Suspended, e.SuspendedAt),
        (UrbanTestingUseCase.Proposed u, TestResumed e) => u.MovedTo(UseCaseStatus.InTest, e.ResumedAt),
        (UrbanTestingUseCase.Proposed u, TestCompleted e) => (u with { CompletedOn = e.On }).MovedTo(UseCaseStatus.Completed, e.CompletedAt),
        (UrbanTestingUseCase.Proposed u, ResultsReportSubmitted e) => (u with { Report = new ResultsReport(e.TrlAfter, e.Summary, false) })
            .MovedTo(UseCaseStatus.Reported, e.SubmittedAt),
        (UrbanTestingUseCase.Proposed u, ReportAccepted e) => (u with { Report = u.Report is { } report ? report with { Accepted = true } : null })
            .MovedTo(UseCaseStatus.Accepted, e.AcceptedAt),
        (UrbanTestingUseCase.Proposed u, ContributionAwarded e) => u with { Contribution = e.Amount },
        (UrbanTestingUseCase.Proposed u, ScaleUpProposed e) => (u with { ScaleUp = e.Path }).MovedTo(UseCaseStatus.ScaledUp, e.ProposedAt),
        (UrbanTestingUseCase.Proposed u, ProposalWithdrawn e) => (u with { WithdrawalReason = e.Reason }).MovedTo(UseCaseStatus.Withdrawn, e.WithdrawnAt),
        _ => state,
    };
}
