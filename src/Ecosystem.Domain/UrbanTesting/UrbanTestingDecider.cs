using static Ecosystem.Domain.UrbanTesting.UrbanTestingCommand;
using static Ecosystem.Domain.UrbanTesting.UrbanTestingEvent;

namespace Ecosystem.Domain.UrbanTesting;

public static partial class UrbanTestingDecider
{
    public static IReadOnlyList<UrbanTestingEvent> Decide(UrbanTestingCommand command, UrbanTestingUseCase state) => (command, state) switch
    {
        (SubmitProposal c, UrbanTestingUseCase.NotSubmitted) => Submit(c),
        (_, UrbanTestingUseCase.NotSubmitted) => throw Rule.Broken(RuleCodes.UseCaseNotSubmitted, "No proposal has been submitted"),
        (_, UrbanTestingUseCase.Proposed u) when IsRepeat(command, u) => [],
        (_, UrbanTestingUseCase.Proposed u) when u.Status.IsTerminal() =>
            throw Rule.Broken(RuleCodes.UseCaseTerminal, $"The use case is {u.Status} and accepts nothing more"),
        (SubmitProposal, UrbanTestingUseCase.Proposed) =>
            throw Rule.Broken(RuleCodes.UseCaseAlreadySubmitted, "The proposal was already submitted with other details"),
        (AssessFeasibility c, UrbanTestingUseCase.Proposed u) => Assess(u, c),
        (RequestAuthorisation c, UrbanTestingUseCase.Proposed u) => Request(u, c),
        (GrantAuthorisation c, UrbanTestingUseCase.Proposed u) => Grant(u, c),
        (DenyAuthorisation c, UrbanTestingUseCase.Proposed u) => Deny(u, c),
        (AssignTestSite c, UrbanTestingUseCase.Proposed u) => Assign(u, c),
        (StartTest c, UrbanTestingUseCase.Proposed u) => Start(u, c),
        (RecordKpi c, UrbanTestingUseCase.Proposed u) => Record(u, c),
        (SuspendTest c, UrbanTestingUseCase.Proposed u) => Suspend(u, c),
        (ResumeTest c, UrbanTestingUseCase.Proposed u) => Resume(u, c),
        (CompleteTest c, UrbanTestingUseCase.Proposed u) => Complete(u, c),
        (SubmitResultsReport c, UrbanTestingUseCase.Proposed u) => Report(u, c),
        (AcceptReport c, UrbanTestingUseCase.Proposed u) => Accept(u, c),
        (AwardContribution c, UrbanTestingUseCase.Proposed u) => Award(u, c),
        (ProposeScaleUp c, UrbanTestingUseCase.Proposed u) => ScaleUp(u, c),
        (WithdrawProposal c, UrbanTestingUseCase.Proposed u) => [new ProposalWithdrawn(u.UseCaseId, c.Reason, c.Now)],
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown urban-testing command"),
    };

    /// <summary>Repeating a command whose effect the use case already shows records nothing.</summary>
    private static bool IsRepeat(UrbanTestingCommand command, UrbanTestingUseCase.Proposed u) => command switch
    {
        SubmitProposal c => (u.UseCaseId, u.ProposerStartupId, u.ProposerOrganisation, u.Title, u.Domain, u.Trl, u.DurationDays)
            == (c.UseCaseId, c.ProposerStartupId, c.ProposerOrganisation, c.Title, c.Domain, c.Trl, c.DurationDays),
        AssessFeasibility c => u.Feasibility == new Feasibility(c.Feasible, c.Conditions),
        RequestAuthorisation c => u.FindAuthorisation(c.Authority) is not null,
        GrantAuthorisation c => u.FindAuthorisation(c.Authority) is { Status: AuthorisationStatus.Granted } a
            && (a.ValidFrom, a.ValidTo, a.Area) == (c.ValidFrom, c.ValidTo, c.Area),
        DenyAuthorisation c => u.FindAuthorisation(c.Authority)?.Status == AuthorisationStatus.Denied,
        AssignTestSite c => u.Site == new TestSite(c.Site, c.Area),
        StartTest c => u.StartedOn == c.On,
        RecordKpi c => u.LatestKpi(c.Name) == new Kpi(c.Name, c.Value, c.Unit),
        SuspendTest => u.Status == UseCaseStatus.Suspended,
        ResumeTest => u.Status == UseCaseStatus.InTest,
        CompleteTest c => u.CompletedOn == c.On,
        SubmitResultsReport c => u.Report is { } report && (report.TrlAfter, report.Summary) == (c.TrlAfter, c.Summary),
        AcceptReport => u.Report?.Accepted == true,
        AwardContribution c => u.Contribution == c.Amount,
        ProposeScaleUp c => u.ScaleUp == c.Path,
        WithdrawProposal => u.Status == UseCaseStatus.Withdrawn,
        _ => false,
    };

    private static IReadOnlyList<UrbanTestingEvent> Submit(SubmitProposal c)
    {
        Rule.RequireText(c.Title, "A proposal's title");
        Rule.Require(c.ProposerStartupId is not null || !string.IsNullOrWhiteSpace(c.ProposerOrganisation), RuleCodes.ProposalProposerMissing,
            "A proposal names its proposer: a startup, an organisation or both");
        RequireTrl(c.Trl);
        Rule.Require(c.DurationDays > 0, RuleCodes.ProposalDurationInvalid, "A test lasts at least one day");
        return [new ProposalSubmitted(c.UseCaseId, c.ProposerStartupId, c.ProposerOrganisation, c.Title, c.Domain, c.Trl, c.DurationDays, c.Now)];
    }

    private static void RequireTrl(int trl) =>
        Rule.Require(trl is >= 1 and <= 9, RuleCodes.TrlOutOfRange, "A technology readiness level is between 1 and 9");

    private static IReadOnlyList<UrbanTestingEvent> Assess(UrbanTestingUseCase.Proposed u, AssessFeasibility c)
    {
        Rule.Require(u.Status == UseCaseStatus.Submitted, RuleCodes.FeasibilityAlreadyAssessed, "Feasibility was already assessed otherwise");
        return [new FeasibilityAssessed(u.UseCaseId, c.Feasible, c.Conditions, c.Now)];
    }

    private static IReadOnlyList<UrbanTestingEvent> Request(UrbanTestingUseCase.Proposed u, RequestAuthorisation c)
    {
        Rule.RequireText(c.Authority, "An authorisation's authority");
        Rule.Require(u.Status != UseCaseStatus.Submitted, RuleCodes.FeasibilityNotAssessed, "Authorisations are requested once the test is found feasible");
        Rule.Require(u.Status.IsPreparing(), RuleCodes.UseCaseInvalidTransition, "Authorisations are requested before the test starts");
        return [new AuthorisationRequested(u.UseCaseId, c.Authority, c.Now)];
    }

    private static Authorisation RequirePending(UrbanTestingUseCase.Proposed u, string authority)
    {
        var authorisation = u.FindAuthorisation(authority)
            ?? throw Rule.Broken(RuleCodes.AuthorisationNotRequested, $"No authorisation was requested from {authority}");
        Rule.Require(authorisation.Status == AuthorisationStatus.Requested, RuleCodes.AuthorisationAlreadyDecided,
            $"{authorisation.Authority} already decided on the authorisation");
        return authorisation;
    }

    private static IReadOnlyList<UrbanTestingEvent> Grant(UrbanTestingUseCase.Proposed u, GrantAuthorisation c)
    {
        var authorisation = RequirePending(u, c.Authority);
        Rule.RequireText(c.Area, "An authorisation's area");
        Rule.Require(c.ValidTo >= c.ValidFrom, RuleCodes.AuthorisationValidityInvalid, "An authorisation cannot expire before it is valid");
        return [new AuthorisationGranted(u.UseCaseId, authorisation.Authority, c.ValidFrom, c.ValidTo, c.Area, c.Now)];
    }

    private static IReadOnlyList<UrbanTestingEvent> Deny(UrbanTestingUseCase.Proposed u, DenyAuthorisation c)
    {
        var authorisation = RequirePending(u, c.Authority);
        return [new AuthorisationDenied(u.UseCaseId, authorisation.Authority, c.Reason, c.Now)];
    }

    private static IReadOnlyList<UrbanTestingEvent> Assign(UrbanTestingUseCase.Proposed u, AssignTestSite c)
    {
        Rule.RequireText(c.Site, "A test site");
        Rule.RequireText(c.Area, "A test site's area");
        Rule.Require(u.Status is not (UseCaseStatus.Feasible or UseCaseStatus.Authorising), RuleCodes.AuthorisationMissing,
            "A test site is assigned once every requested authorisation is granted");
        Rule.Require(u.Status is UseCaseStatus.Authorised or UseCaseStatus.SiteAssigned, RuleCodes.UseCaseInvalidTransition,
            "A test site is assigned after authorisation and before the test starts");
        return [new TestSiteAssigned(u.UseCaseId, c.Site, c.Area, c.Now)];
    }

    private static IReadOnlyList<UrbanTestingEvent> Start(UrbanTestingUseCase.Proposed u, StartTest c)
    {
        Rule.Require(u.Status.IsPreparing(), RuleCodes.UseCaseInvalidTransition, "A test starts once, after the proposal was found feasible");
        Rule.Require(u.Authorisations.Count > 0 && u.Authorisations.All(a => a.Status == AuthorisationStatus.Granted), RuleCodes.AuthorisationMissing,
            "A test starts only when every requested authorisation is granted");
        var site = u.Site ?? throw Rule.Broken(RuleCodes.SiteNotAssigned, "A test starts only on an assigned site");
        foreach (var authorisation in u.Authorisations)
        {
            Rule.Require(c.On >= authorisation.ValidFrom, RuleCodes.AuthorisationNotYetValid,
                $"{authorisation.Authority}'s authorisation is valid from {authorisation.ValidFrom:yyyy-MM-dd}");
            Rule.Require(c.On <= authorisation.ValidTo, RuleCodes.AuthorisationExpired,
                $"{authorisation.Authority}'s authorisation expired on {authorisation.ValidTo:yyyy-MM-dd}");
            Rule.Require(AreaPath.Covers(authorisation.Area ?? "", site.Area), RuleCodes.SiteOutsideAuthorisedArea,
                $"{site.Name} ({site.Area}) lies outside the area {authorisation.Authority} authorised ({authorisation.Area})");
        }
        return [new TestStarted(u.UseCaseId, c.On, c.Now)];
    }

    private static IReadOnlyList<UrbanTestingEvent> Record(UrbanTestingUseCase.Proposed u, RecordKpi c)
    {
        Rule.RequireText(c.Name, "A KPI's name");
        Rule.Require(u.Status is UseCaseStatus.InTest or UseCaseStatus.Suspended or UseCaseStatus.Completed, RuleCodes.KpiOutsideTest,
            "KPIs are recorded from the start of the test until its completion");
        return [new KpiRecorded(u.UseCaseId, c.Name, c.Value, c.Unit, c.Now)];
    }

    private static IReadOnlyList<UrbanTestingEvent> Suspend(UrbanTestingUseCase.Proposed u, SuspendTest c)
    {
        Rule.Require(u.Status == UseCaseStatus.InTest, RuleCodes.UseCaseInvalidTransition, "Only a running test can be suspended");
        return [new TestSuspended(u.UseCaseId, c.Reason, c.Now)];
    }

    private static IReadOnlyList<UrbanTestingEvent> Resume(UrbanTestingUseCase.Proposed u, ResumeTest c)
    {
        Rule.Require(u.Status == UseCaseStatus.Suspended, RuleCodes.UseCaseInvalidTransition, "Only a suspended test can be resumed");
        return [new TestResumed(u.UseCaseId, c.Now)];
    }

    private static IReadOnlyList<UrbanTestingEvent> Complete(UrbanTestingUseCase.Proposed u, CompleteTest c)
    {
        Rule.Require(u.Status == UseCaseStatus.InTest, RuleCodes.UseCaseInvalidTransition, "Only a running test can complete");
        Rule.Require(c.On >= u.StartedOn, RuleCodes.TestDatesInvalid, $"The test started on {u.StartedOn:yyyy-MM-dd}");
        foreach (var authorisation in u.Authorisations)
            Rule.Require(c.On <= authorisation.ValidTo, RuleCodes.TestEndsAfterAuthorisation,
                $"The test must end by {authorisation.ValidTo:yyyy-MM-dd}, when {authorisation.Authority}'s authorisation expires");
        return [new TestCompleted(u.UseCaseId, c.On, c.Now)];
    }

    private static IReadOnlyList<UrbanTestingEvent> Report(UrbanTestingUseCase.Proposed u, SubmitResultsReport c)
    {
        Rule.Require(u.Status != UseCaseStatus.Accepted, RuleCodes.UseCaseInvalidTransition, "The accepted report cannot be replaced");
        Rule.Require(u.Status is UseCaseStatus.Completed or UseCaseStatus.Reported, RuleCodes.TestNotCompleted,
            "A results report follows the test's completion");
        RequireTrl(c.TrlAfter);
        Rule.RequireText(c.Summary, "A report's summary");
        return [new ResultsReportSubmitted(u.UseCaseId, c.TrlAfter, c.Summary, c.Now)];
    }

    private static IReadOnlyList<UrbanTestingEvent> Accept(UrbanTestingUseCase.Proposed u, AcceptReport c)
    {
        Rule.Require(u.Status == UseCaseStatus.Reported, RuleCodes.ReportNotSubmitted, "A report is accepted once submitted after the test");
        return [new ReportAccepted(u.UseCaseId, c.Now)];
    }

    private static IReadOnlyList<UrbanTestingEvent> Award(UrbanTestingUseCase.Proposed u, AwardContribution c)
    {
        Rule.Require(c.Amount > 0, RuleCodes.ContributionAmountInvalid, "A contribution's amount is positive");
        Rule.Require(u.Status == UseCaseStatus.Accepted, RuleCodes.ContributionBeforeAcceptance, "A contribution follows the report's acceptance");
        Rule.Require(u.Contribution is null, RuleCodes.ContributionAlreadyAwarded, $"A contribution of {u.Contribution} was already awarded");
        return [new ContributionAwarded(u.UseCaseId, c.Amount, c.Now)];
    }

    private static IReadOnlyList<UrbanTestingEvent> ScaleUp(UrbanTestingUseCase.Proposed u, ProposeScaleUp c)
    {
        Rule.Require(u.Status == UseCaseStatus.Accepted, RuleCodes.ScaleUpBeforeAcceptance, "A scale-up follows the report's acceptance");
        return [new ScaleUpProposed(u.UseCaseId, c.Path, c.Now)];
    }
}
