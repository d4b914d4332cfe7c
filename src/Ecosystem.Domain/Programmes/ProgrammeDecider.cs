using static Ecosystem.Domain.Programmes.ProgrammeCommand;
using static Ecosystem.Domain.Programmes.ProgrammeEvent;

namespace Ecosystem.Domain.Programmes;

public static partial class ProgrammeDecider
{
    public static IReadOnlyList<ProgrammeEvent> Decide(ProgrammeCommand command, Programme state) => (command, state) switch
    {
        (LaunchProgramme c, Programme.NotLaunched) => Launch(c),
        (_, Programme.NotLaunched) => throw Rule.Broken(RuleCodes.ProgrammeNotLaunched, "The programme has not been launched"),
        (_, Programme.Launched p) when IsRepeat(command, p) => [],
        (_, Programme.Launched { Status: ProgrammeStatus.Closed }) =>
            throw Rule.Broken(RuleCodes.ProgrammeClosed, "A closed programme accepts no command"),
        (LaunchProgramme, Programme.Launched) =>
            throw Rule.Broken(RuleCodes.ProgrammeAlreadyLaunched, "The programme was already launched with other details"),
        (AddPartner c, Programme.Launched p) => AddPartnerTo(p, c),
        (PlanCohort c, Programme.Launched p) => Plan(p, c),
        (ChangeCohortCapacity c, Programme.Launched p) => ChangeCapacity(p, p.RequireCohort(c.CohortId), c),
        (OpenCall c, Programme.Launched p) => Open(p, p.RequireCohort(c.CohortId), c),
        (CloseCall c, Programme.Launched p) => Close(p, p.RequireCohort(c.CohortId), c),
        (AllocateSeat c, Programme.Launched p) => Allocate(p, p.RequireCohort(c.CohortId), c),
        (ReleaseSeat c, Programme.Launched p) => Release(p, p.RequireCohort(c.CohortId), c),
        (StartCohort c, Programme.Launched p) => Start(p, p.RequireCohort(c.CohortId), c),
        (SetMilestone c, Programme.Launched p) => Set(p, p.RequireCohort(c.CohortId), c),
        (HoldDemoDay c, Programme.Launched p) => Hold(p, p.RequireCohort(c.CohortId), c),
        (CompleteCohort c, Programme.Launched p) => Complete(p, p.RequireCohort(c.CohortId), c),
        (CancelCohort c, Programme.Launched p) => Cancel(p, p.RequireCohort(c.CohortId), c),
        (CloseProgramme c, Programme.Launched p) => [new ProgrammeClosed(p.ProgrammeId, c.Now)],
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown programme command"),
    };

    /// <summary>A command whose effect the programme already shows records nothing, even once the programme is closed.</summary>
    private static bool IsRepeat(ProgrammeCommand command, Programme.Launched p) => command switch
    {
        LaunchProgramme c => (p.ProgrammeId, p.Name, p.Kind, p.Sectors, p.TargetCountries, p.Venue, p.Operator, p.Eligibility)
            == (c.ProgrammeId, c.Name, c.Kind, c.Sectors, c.TargetCountries, c.Venue, c.Operator, c.Eligibility),
        AddPartner c => p.Partners.Contains(new Partner(c.Organisation, c.Role)),
        PlanCohort c => p.FindCohort(c.CohortId) is { } cohort
            && (cohort.Edition, cohort.Capacity, cohort.StartsOn, cohort.EndsOn) == (c.Edition, c.Capacity, c.StartsOn, c.EndsOn),
        ChangeCohortCapacity c => p.FindCohort(c.CohortId)?.Capacity == c.Capacity,
        OpenCall c => p.FindCohort(c.CohortId) is { Status: CohortStatus.CallOpen } cohort && cohort.Call == new CallWindow(c.OpensOn, c.ClosesOn),
        CloseCall c => p.FindCohort(c.CohortId)?.Status is CohortStatus.CallClosed or CohortStatus.Running or CohortStatus.Completed,
        AllocateSeat c => p.FindCohort(c.CohortId)?.HoldsSeatFor(c.StartupId) == true,
        ReleaseSeat c => p.FindCohort(c.CohortId)?.HoldsSeatFor(c.StartupId) == false,
        StartCohort c => p.FindCohort(c.CohortId)?.Status == CohortStatus.Running,
        SetMilestone c => p.FindCohort(c.CohortId)?.FindMilestone(c.MilestoneId) == new Milestone(c.MilestoneId, c.Title, c.DueOn, c.Mandatory),
        HoldDemoDay c => p.FindCohort(c.CohortId)?.DemoDay == new DemoDay(c.On, c.Venue),
        CompleteCohort c => p.FindCohort(c.CohortId)?.Status == CohortStatus.Completed,
        CancelCohort c => p.FindCohort(c.CohortId)?.Status == CohortStatus.Cancelled,
        CloseProgramme => p.Status == ProgrammeStatus.Closed,
        _ => false,
    };

    private static IReadOnlyList<ProgrammeEvent> Launch(LaunchProgramme c)
    {
        Rule.RequireText(c.Name, "A programme's name");
        Rule.Require(c.Sectors.Count > 0 && c.Sectors.All(s => !string.IsNullOrWhiteSpace(s)), RuleCodes.InputRequired,
            "A programme needs at least one sector");
        Rule.Require(c.Eligibility is null or { MinYearsSme: >= 0, MinYearsStartup: >= 0 }, RuleCodes.EligibilityRuleInvalid,
            "Minimum years of operation cannot be negative");
        return [new ProgrammeLaunched(c.ProgrammeId, c.Name, c.Kind, c.Sectors, c.TargetCountries, c.Venue, c.Operator, c.Eligibility, c.Now)];
    }

    private static IReadOnlyList<ProgrammeEvent> AddPartnerTo(Programme.Launched p, AddPartner c)
    {
        Rule.RequireText(c.Organisation, "A partner's organisation");
        return [new PartnerAdded(p.ProgrammeId, c.Organisation, c.Role, c.Now)];
    }

    private static IReadOnlyList<ProgrammeEvent> Plan(Programme.Launched p, PlanCohort c)
    {
        Rule.Require(p.FindCohort(c.CohortId) is null, RuleCodes.CohortAlreadyPlanned, $"Cohort {c.CohortId} was already planned with other details");
        Rule.RequireText(c.Edition, "A cohort's edition");
        Rule.Require(c.Capacity > 0, RuleCodes.CohortCapacityInvalid, "A cohort needs at least one seat");
        Rule.Require(c.EndsOn >= c.StartsOn, RuleCodes.CohortDatesInvalid, "A cohort cannot end before it starts");
        return [new CohortPlanned(p.ProgrammeId, c.CohortId, c.Edition, c.Capacity, c.StartsOn, c.EndsOn, c.Now)];
    }

    private static IReadOnlyList<ProgrammeEvent> ChangeCapacity(Programme.Launched p, Cohort cohort, ChangeCohortCapacity c)
    {
        RequireUnfinished(cohort);
        Rule.Require(c.Capacity > 0, RuleCodes.CohortCapacityInvalid, "A cohort needs at least one seat");
        Rule.Require(c.Capacity >= cohort.AllocatedStartupIds.Count, RuleCodes.CohortCapacityBelowAllocated,
            $"{cohort.AllocatedStartupIds.Count} seats are already allocated");
        return [new CohortCapacityChanged(p.ProgrammeId, cohort.CohortId, c.Capacity, c.Now)];
    }

    private static IReadOnlyList<ProgrammeEvent> Open(Programme.Launched p, Cohort cohort, OpenCall c)
    {
        RequireUnfinished(cohort);
        Rule.Require(c.ClosesOn > c.OpensOn, RuleCodes.CallWindowInvalid, "A call must close after it opens");
        Rule.Require(cohort.Status != CohortStatus.CallOpen, RuleCodes.CallAlreadyOpen, "The cohort already has an open call");
        Rule.Require(cohort.Status == CohortStatus.Planned, RuleCodes.CallAlreadyClosed, "The cohort's call has already closed");
        return [new CallOpened(p.ProgrammeId, cohort.CohortId, c.OpensOn, c.ClosesOn, c.Now)];
    }

    private static IReadOnlyList<ProgrammeEvent> Close(Programme.Launched p, Cohort cohort, CloseCall c)
    {
        RequireUnfinished(cohort);
        Rule.Require(cohort.Status == CohortStatus.CallOpen, RuleCodes.CallNotOpen, "The cohort has no open call");
        return [new CallClosed(p.ProgrammeId, cohort.CohortId, c.Now)];
    }

    private static IReadOnlyList<ProgrammeEvent> Allocate(Programme.Launched p, Cohort cohort, AllocateSeat c)
    {
        RequireUnfinished(cohort);
        Rule.Require(cohort.Status is CohortStatus.CallClosed or CohortStatus.Running, RuleCodes.CallNotClosed,
            "Seats are allocated only once the call has closed");
        Rule.Require(cohort.SeatsLeft() > 0, RuleCodes.CohortFull, $"All {cohort.Capacity} seats of the cohort are allocated");
        return [new SeatAllocated(p.ProgrammeId, cohort.CohortId, c.StartupId, c.Now)];
    }

    private static IReadOnlyList<ProgrammeEvent> Release(Programme.Launched p, Cohort cohort, ReleaseSeat c)
    {
        RequireUnfinished(cohort);
        return [new SeatReleased(p.ProgrammeId, cohort.CohortId, c.StartupId, c.Reason, c.Now)];
    }

    private static IReadOnlyList<ProgrammeEvent> Start(Programme.Launched p, Cohort cohort, StartCohort c)
    {
        RequireUnfinished(cohort);
        Rule.Require(cohort.Status == CohortStatus.CallClosed, RuleCodes.CallNotClosed, "A cohort starts once its call has closed");
        return [new CohortStarted(p.ProgrammeId, cohort.CohortId, c.Now)];
    }

    private static IReadOnlyList<ProgrammeEvent> Set(Programme.Launched p, Cohort cohort, SetMilestone c)
    {
        RequireUnfinished(cohort);
        Rule.RequireText(c.Title, "A milestone's title");
        return [new MilestoneSet(p.ProgrammeId, cohort.CohortId, c.MilestoneId, c.Title, c.DueOn, c.Mandatory, c.Now)];
    }

    private static IReadOnlyList<ProgrammeEvent> Hold(Programme.Launched p, Cohort cohort, HoldDemoDay c)
    {
        Rule.RequireText(c.Venue, "A demo day's venue");
        Rule.Require(cohort.Status == CohortStatus.Running, RuleCodes.DemoDayCohortNotRunning, "A demo day needs a running cohort");
        Rule.Require(cohort.DemoDay is null, RuleCodes.DemoDayAlreadyHeld, $"The cohort held its demo day on {cohort.DemoDay?.On}");
        return [new DemoDayHeld(p.ProgrammeId, cohort.CohortId, c.On, c.Venue, c.Now)];
    }

    private static IReadOnlyList<ProgrammeEvent> Complete(Programme.Launched p, Cohort cohort, CompleteCohort c)
    {
        RequireUnfinished(cohort);
        Rule.Require(cohort.Status == CohortStatus.Running, RuleCodes.CohortNotRunning, "Only a running cohort can complete");
        // Policy: an accelerator's cohort ends with its demo day; a business mission has none.
        Rule.Require(p.Kind != ProgrammeKind.Accelerator || cohort.DemoDay is not null, RuleCodes.CohortDemoDayMissing,
            "An accelerator cohort completes only after its demo day");
        return [new CohortCompleted(p.ProgrammeId, cohort.CohortId, c.Now)];
    }

    private static IReadOnlyList<ProgrammeEvent> Cancel(Programme.Launched p, Cohort cohort, CancelCohort c)
    {
        RequireUnfinished(cohort);
        Rule.Require(cohort.Status != CohortStatus.Running, RuleCodes.CohortAlreadyStarted, "A running cohort cannot be cancelled");
        return [new CohortCancelled(p.ProgrammeId, cohort.CohortId, c.Reason, c.Now)];
    }

    private static void RequireUnfinished(Cohort cohort) =>
        Rule.Require(!cohort.IsFinished(), RuleCodes.CohortFinished, $"Cohort {cohort.Edition} is {cohort.Status.ToString().ToLowerInvariant()}");
}
