using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Tests.Support;

namespace Ecosystem.Domain.Tests.Programmes;

public abstract class ProgrammeSpec() : DeciderSpec<Programme, ProgrammeEvent, ProgrammeCommand>(
    ProgrammeDecider.Initial, ProgrammeDecider.Evolve, ProgrammeDecider.Decide)
{
    protected static readonly Guid ProgrammeId = new("0195a000-0000-7000-8000-000000000001");
    protected static readonly Guid CohortId = new("0195a000-0000-7000-8000-0000000000c1");
    protected static readonly Guid OtherCohortId = new("0195a000-0000-7000-8000-0000000000c2");
    protected static readonly Guid StartupA = new("0195a000-0000-7000-8000-0000000000a1");
    protected static readonly Guid StartupB = new("0195a000-0000-7000-8000-0000000000a2");
    protected static readonly Guid StartupC = new("0195a000-0000-7000-8000-0000000000a3");
    protected static readonly Guid MilestoneId = new("0195a000-0000-7000-8000-0000000000e1");
    protected static readonly Guid OtherMilestoneId = new("0195a000-0000-7000-8000-0000000000e2");
    protected static readonly DateTimeOffset Now = new(2022, 6, 1, 10, 0, 0, TimeSpan.FromHours(2));
    protected const string Actor = "manager@ogr.example";
    protected static readonly DateOnly OpensOn = new(2022, 3, 1);
    protected static readonly DateOnly ClosesOn = new(2022, 5, 25);
    protected static readonly DateOnly StartsOn = new(2022, 7, 4);
    protected static readonly DateOnly EndsOn = new(2022, 12, 16);
    protected static readonly DateOnly DemoDayOn = new(2022, 12, 15);

    protected static ProgrammeEvent ProgrammeLaunched(ProgrammeKind kind = ProgrammeKind.Accelerator, Eligibility? eligibility = null) =>
        new ProgrammeEvent.ProgrammeLaunched(ProgrammeId, "Takeoff Accelerator", kind, ["aerospace", "advanced-hardware"], ["IT"],
            "OGR Torino", "Plug and Play", eligibility, Now);

    protected static ProgrammeEvent PartnerAdded(string organisation = "ESA", string role = "selection committee") =>
        new ProgrammeEvent.PartnerAdded(ProgrammeId, organisation, role, Now);

    protected static ProgrammeEvent CohortPlanned(int capacity = 10, Guid? cohortId = null) =>
        new ProgrammeEvent.CohortPlanned(ProgrammeId, cohortId ?? CohortId, "2022", capacity, StartsOn, EndsOn, Now);

    protected static ProgrammeEvent CohortCapacityChanged(int capacity) => new ProgrammeEvent.CohortCapacityChanged(ProgrammeId, CohortId, capacity, Now);

    protected static ProgrammeEvent CallOpened(Guid? cohortId = null) => new ProgrammeEvent.CallOpened(ProgrammeId, cohortId ?? CohortId, OpensOn, ClosesOn, Now);

    protected static ProgrammeEvent CallClosed(Guid? cohortId = null) => new ProgrammeEvent.CallClosed(ProgrammeId, cohortId ?? CohortId, Now);

    protected static ProgrammeEvent SeatAllocated(Guid startupId) => new ProgrammeEvent.SeatAllocated(ProgrammeId, CohortId, startupId, Now);

    protected static ProgrammeEvent SeatReleased(Guid startupId, string reason = "withdrew") =>
        new ProgrammeEvent.SeatReleased(ProgrammeId, CohortId, startupId, reason, Now);

    protected static ProgrammeEvent CohortStarted() => new ProgrammeEvent.CohortStarted(ProgrammeId, CohortId, Now);

    protected static ProgrammeEvent MilestoneSet(Guid? milestoneId = null, bool mandatory = true, DateOnly? dueOn = null) =>
        new ProgrammeEvent.MilestoneSet(ProgrammeId, CohortId, milestoneId ?? MilestoneId, "Prototype flight test", dueOn ?? new DateOnly(2022, 10, 1), mandatory, Now);

    protected static ProgrammeEvent DemoDayHeld(DateOnly? on = null) => new ProgrammeEvent.DemoDayHeld(ProgrammeId, CohortId, on ?? DemoDayOn, "OGR Torino", Now);

    protected static ProgrammeEvent CohortCompleted() => new ProgrammeEvent.CohortCompleted(ProgrammeId, CohortId, Now);

    protected static ProgrammeEvent CohortCancelled() => new ProgrammeEvent.CohortCancelled(ProgrammeId, CohortId, "too few applicants", Now);

    protected static ProgrammeEvent ProgrammeClosed() => new ProgrammeEvent.ProgrammeClosed(ProgrammeId, Now);

    /// <summary>The history of a launched programme whose one cohort has reached <paramref name="status"/>.</summary>
    protected static ProgrammeEvent[] CohortIn(CohortStatus status, int capacity = 10, ProgrammeKind kind = ProgrammeKind.Accelerator) => status switch
    {
        CohortStatus.Planned => [ProgrammeLaunched(kind), CohortPlanned(capacity)],
        CohortStatus.CallOpen => [.. CohortIn(CohortStatus.Planned, capacity, kind), CallOpened()],
        CohortStatus.CallClosed => [.. CohortIn(CohortStatus.CallOpen, capacity, kind), CallClosed()],
        CohortStatus.Running => [.. CohortIn(CohortStatus.CallClosed, capacity, kind), CohortStarted()],
        CohortStatus.Completed => [.. CohortIn(CohortStatus.Running, capacity, kind), DemoDayHeld(), CohortCompleted()],
        CohortStatus.Cancelled => [.. CohortIn(CohortStatus.Planned, capacity, kind), CohortCancelled()],
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    protected static ProgrammeCommand LaunchProgramme(
        ProgrammeKind kind = ProgrammeKind.Accelerator, Eligibility? eligibility = null, string name = "Takeoff Accelerator", ValueList<string>? sectors = null) =>
        new ProgrammeCommand.LaunchProgramme(ProgrammeId, name, kind, sectors ?? ["aerospace", "advanced-hardware"], ["IT"],
            "OGR Torino", "Plug and Play", eligibility, Now, Actor);

    protected static ProgrammeCommand AddPartner(string organisation = "ESA", string role = "selection committee") =>
        new ProgrammeCommand.AddPartner(ProgrammeId, organisation, role, Now, Actor);

    protected static ProgrammeCommand PlanCohort(
        int capacity = 10, DateOnly? startsOn = null, DateOnly? endsOn = null, Guid? cohortId = null, string edition = "2022") =>
        new ProgrammeCommand.PlanCohort(ProgrammeId, cohortId ?? CohortId, edition, capacity, startsOn ?? StartsOn, endsOn ?? EndsOn, Now, Actor);

    protected static ProgrammeCommand ChangeCohortCapacity(int capacity, Guid? cohortId = null) =>
        new ProgrammeCommand.ChangeCohortCapacity(ProgrammeId, cohortId ?? CohortId, capacity, Now, Actor);

    protected static ProgrammeCommand OpenCall(DateOnly? opensOn = null, DateOnly? closesOn = null) =>
        new ProgrammeCommand.OpenCall(ProgrammeId, CohortId, opensOn ?? OpensOn, closesOn ?? ClosesOn, Now, Actor);

    protected static ProgrammeCommand CloseCall() => new ProgrammeCommand.CloseCall(ProgrammeId, CohortId, Now, Actor);

    protected static ProgrammeCommand AllocateSeat(Guid startupId, Guid? cohortId = null) =>
        new ProgrammeCommand.AllocateSeat(ProgrammeId, cohortId ?? CohortId, startupId, Now, Actor);

    protected static ProgrammeCommand ReleaseSeat(Guid startupId, string reason = "withdrew") =>
        new ProgrammeCommand.ReleaseSeat(ProgrammeId, CohortId, startupId, reason, Now, Actor);

    protected static ProgrammeCommand StartCohort() => new ProgrammeCommand.StartCohort(ProgrammeId, CohortId, Now, Actor);

    protected static ProgrammeCommand SetMilestone(Guid? milestoneId = null, bool mandatory = true, DateOnly? dueOn = null, string title = "Prototype flight test") =>
        new ProgrammeCommand.SetMilestone(ProgrammeId, CohortId, milestoneId ?? MilestoneId, title, dueOn ?? new DateOnly(2022, 10, 1), mandatory, Now, Actor);

    protected static ProgrammeCommand HoldDemoDay(DateOnly? on = null, string venue = "OGR Torino") =>
        new ProgrammeCommand.HoldDemoDay(ProgrammeId, CohortId, on ?? DemoDayOn, venue, Now, Actor);

    protected static ProgrammeCommand CompleteCohort() => new ProgrammeCommand.CompleteCohort(ProgrammeId, CohortId, Now, Actor);

    protected static ProgrammeCommand CancelCohort() => new ProgrammeCommand.CancelCohort(ProgrammeId, CohortId, "too few applicants", Now, Actor);

    protected static ProgrammeCommand CloseProgramme() => new ProgrammeCommand.CloseProgramme(ProgrammeId, Now, Actor);

    protected Programme.Launched LaunchedStateAfter(params ProgrammeEvent[] history) => Assert.IsType<Programme.Launched>(StateAfter(history));
}
