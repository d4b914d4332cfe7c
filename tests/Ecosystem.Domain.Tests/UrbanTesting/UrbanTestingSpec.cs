using Ecosystem.Domain.Tests.Support;
using Ecosystem.Domain.UrbanTesting;

namespace Ecosystem.Domain.Tests.UrbanTesting;

public abstract class UrbanTestingSpec() : DeciderSpec<UrbanTestingUseCase, UrbanTestingEvent, UrbanTestingCommand>(
    UrbanTestingDecider.Initial, UrbanTestingDecider.Evolve, UrbanTestingDecider.Decide)
{
    protected static readonly Guid UseCaseId = new("0195c000-0000-7000-8000-000000000001");
    protected static readonly Guid ProposerStartupId = new("0195c000-0000-7000-8000-0000000000a1");
    protected static readonly DateTimeOffset Now = new(2024, 3, 1, 9, 0, 0, TimeSpan.FromHours(1));
    protected const string Actor = "citylab@comune.torino.example";
    protected const string Enac = "ENAC";
    protected const string City = "Città di Torino";
    protected const string AuthorisedArea = "Parco Dora";
    protected const string Site = "DoraLab";
    protected const string SiteArea = "Parco Dora/DoraLab";
    protected static readonly DateOnly ValidFrom = new(2024, 4, 1);
    protected static readonly DateOnly ValidTo = new(2024, 9, 30);
    protected static readonly DateOnly StartOn = new(2024, 4, 15);
    protected static readonly DateOnly EndOn = new(2024, 9, 15);

    protected static UrbanTestingEvent ProposalSubmitted(bool byStartup = true, string? organisation = "Orbital Drones srl") =>
        new UrbanTestingEvent.ProposalSubmitted(UseCaseId, byStartup ? ProposerStartupId : null, organisation, "BVLOS delivery drones",
            TestingDomain.AirMobility, 6, 120, Now);

    protected static UrbanTestingEvent FeasibilityAssessed(bool feasible = true, ValueList<string>? conditions = null) =>
        new UrbanTestingEvent.FeasibilityAssessed(UseCaseId, feasible, conditions ?? ["flights only on weekdays"], Now);

    protected static UrbanTestingEvent AuthorisationRequested(string authority = Enac) => new UrbanTestingEvent.AuthorisationRequested(UseCaseId, authority, Now);

    protected static UrbanTestingEvent AuthorisationGranted(
        string authority = Enac, DateOnly? validFrom = null, DateOnly? validTo = null, string area = AuthorisedArea) =>
        new UrbanTestingEvent.AuthorisationGranted(UseCaseId, authority, validFrom ?? ValidFrom, validTo ?? ValidTo, area, Now);

    protected static UrbanTestingEvent AuthorisationDenied(string authority = Enac) =>
        new UrbanTestingEvent.AuthorisationDenied(UseCaseId, authority, "airspace conflict", Now);

    protected static UrbanTestingEvent TestSiteAssigned(string site = Site, string area = SiteArea) =>
        new UrbanTestingEvent.TestSiteAssigned(UseCaseId, site, area, Now);

    protected static UrbanTestingEvent TestStarted(DateOnly? on = null) => new UrbanTestingEvent.TestStarted(UseCaseId, on ?? StartOn, Now);

    protected static UrbanTestingEvent KpiRecorded(decimal value = 42m) => new UrbanTestingEvent.KpiRecorded(UseCaseId, "deliveries", value, "count", Now);

    protected static UrbanTestingEvent TestSuspended() => new UrbanTestingEvent.TestSuspended(UseCaseId, "storm warning", Now);

    protected static UrbanTestingEvent TestResumed() => new UrbanTestingEvent.TestResumed(UseCaseId, Now);

    protected static UrbanTestingEvent TestCompleted(DateOnly? on = null) => new UrbanTestingEvent.TestCompleted(UseCaseId, on ?? EndOn, Now);

    protected static UrbanTestingEvent ResultsReportSubmitted(int trlAfter = 7, string summary = "Safe BVLOS flights over the park") =>
        new UrbanTestingEvent.ResultsReportSubmitted(UseCaseId, trlAfter, summary, Now);

    protected static UrbanTestingEvent ReportAccepted() => new UrbanTestingEvent.ReportAccepted(UseCaseId, Now);

    protected static UrbanTestingEvent ContributionAwarded(decimal amount = 20_000m) => new UrbanTestingEvent.ContributionAwarded(UseCaseId, amount, Now);

    protected static UrbanTestingEvent ScaleUpProposed(ScaleUpPath path = ScaleUpPath.Procurement) => new UrbanTestingEvent.ScaleUpProposed(UseCaseId, path, Now);

    protected static UrbanTestingEvent ProposalWithdrawn() => new UrbanTestingEvent.ProposalWithdrawn(UseCaseId, "funding fell through", Now);

    /// <summary>The history of a use case that has reached <paramref name="status"/> with one authorisation, from ENAC.</summary>
    protected static UrbanTestingEvent[] UseCaseIn(UseCaseStatus status) => status switch
    {
        UseCaseStatus.Submitted => [ProposalSubmitted()],
        UseCaseStatus.Feasible => [.. UseCaseIn(UseCaseStatus.Submitted), FeasibilityAssessed()],
        UseCaseStatus.NotFeasible => [.. UseCaseIn(UseCaseStatus.Submitted), FeasibilityAssessed(feasible: false)],
        UseCaseStatus.Authorising => [.. UseCaseIn(UseCaseStatus.Feasible), AuthorisationRequested()],
        UseCaseStatus.Authorised => [.. UseCaseIn(UseCaseStatus.Authorising), AuthorisationGranted()],
        UseCaseStatus.Denied => [.. UseCaseIn(UseCaseStatus.Authorising), AuthorisationDenied()],
        UseCaseStatus.SiteAssigned => [.. UseCaseIn(UseCaseStatus.Authorised), TestSiteAssigned()],
        UseCaseStatus.InTest => [.. UseCaseIn(UseCaseStatus.SiteAssigned), TestStarted()],
        UseCaseStatus.Suspended => [.. UseCaseIn(UseCaseStatus.InTest), TestSuspended()],
        UseCaseStatus.Completed => [.. UseCaseIn(UseCaseStatus.InTest), TestCompleted()],
        UseCaseStatus.Reported => [.. UseCaseIn(UseCaseStatus.Completed), ResultsReportSubmitted()],
        UseCaseStatus.Accepted => [.. UseCaseIn(UseCaseStatus.Reported), ReportAccepted()],
        UseCaseStatus.ScaledUp => [.. UseCaseIn(UseCaseStatus.Accepted), ScaleUpProposed()],
        UseCaseStatus.Withdrawn => [.. UseCaseIn(UseCaseStatus.Submitted), ProposalWithdrawn()],
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    protected static UrbanTestingCommand SubmitProposal(
        bool byStartup = true, string? organisation = "Orbital Drones srl", int trl = 6, int durationDays = 120, string title = "BVLOS delivery drones") =>
        new UrbanTestingCommand.SubmitProposal(UseCaseId, byStartup ? ProposerStartupId : null, organisation, title, TestingDomain.AirMobility, trl, durationDays, Now, Actor);

    protected static UrbanTestingCommand AssessFeasibility(bool feasible = true, ValueList<string>? conditions = null) =>
        new UrbanTestingCommand.AssessFeasibility(UseCaseId, feasible, conditions ?? ["flights only on weekdays"], Now, Actor);

    protected static UrbanTestingCommand RequestAuthorisation(string authority = Enac) =>
        new UrbanTestingCommand.RequestAuthorisation(UseCaseId, authority, Now, Actor);

    protected static UrbanTestingCommand GrantAuthorisation(
        string authority = Enac, DateOnly? validFrom = null, DateOnly? validTo = null, string area = AuthorisedArea) =>
        new UrbanTestingCommand.GrantAuthorisation(UseCaseId, authority, validFrom ?? ValidFrom, validTo ?? ValidTo, area, Now, Actor);

    protected static UrbanTestingCommand DenyAuthorisation(string authority = Enac) =>
        new UrbanTestingCommand.DenyAuthorisation(UseCaseId, authority, "airspace conflict", Now, Actor);

    protected static UrbanTestingCommand AssignTestSite(string site = Site, string area = SiteArea) =>
        new UrbanTestingCommand.AssignTestSite(UseCaseId, site, area, Now, Actor);

    protected static UrbanTestingCommand StartTest(DateOnly? on = null) => new UrbanTestingCommand.StartTest(UseCaseId, on ?? StartOn, Now, Actor);

    protected static UrbanTestingCommand RecordKpi(decimal value = 42m, string name = "deliveries") =>
        new UrbanTestingCommand.RecordKpi(UseCaseId, name, value, "count", Now, Actor);

    protected static UrbanTestingCommand SuspendTest() => new UrbanTestingCommand.SuspendTest(UseCaseId, "storm warning", Now, Actor);

    protected static UrbanTestingCommand ResumeTest() => new UrbanTestingCommand.ResumeTest(UseCaseId, Now, Actor);

    protected static UrbanTestingCommand CompleteTest(DateOnly? on = null) => new UrbanTestingCommand.CompleteTest(UseCaseId, on ?? EndOn, Now, Actor);

    protected static UrbanTestingCommand SubmitResultsReport(int trlAfter = 7, string summary = "Safe BVLOS flights over the park") =>
        new UrbanTestingCommand.SubmitResultsReport(UseCaseId, trlAfter, summary, Now, Actor);

    protected static UrbanTestingCommand AcceptReport() => new UrbanTestingCommand.AcceptReport(UseCaseId, Now, Actor);

    protected static UrbanTestingCommand AwardContribution(decimal amount = 20_000m) => new UrbanTestingCommand.AwardContribution(UseCaseId, amount, Now, Actor);

    protected static UrbanTestingCommand ProposeScaleUp(ScaleUpPath path = ScaleUpPath.Procurement) =>
        new UrbanTestingCommand.ProposeScaleUp(UseCaseId, path, Now, Actor);

    protected static UrbanTestingCommand WithdrawProposal() => new UrbanTestingCommand.WithdrawProposal(UseCaseId, "funding fell through", Now, Actor);

    protected UrbanTestingUseCase.Proposed ProposedStateAfter(params UrbanTestingEvent[] history) =>
        Assert.IsType<UrbanTestingUseCase.Proposed>(StateAfter(history));
}
