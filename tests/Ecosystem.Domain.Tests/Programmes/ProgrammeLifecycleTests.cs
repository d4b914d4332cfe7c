using Ecosystem.Domain.Programmes;

namespace Ecosystem.Domain.Tests.Programmes;

public sealed class ProgrammeLifecycleTests : ProgrammeSpec
{
    [Fact]
    public void Launching_a_programme_records_its_launch() =>
        Given().When(LaunchProgramme()).Then(ProgrammeLaunched());

    [Fact]
    public void Launching_the_EU_Business_Hub_records_its_eligibility_rule() =>
        Given()
            .When(LaunchProgramme(ProgrammeKind.Internationalisation, Eligibility.EuBusinessHub))
            .Then(ProgrammeLaunched(ProgrammeKind.Internationalisation, new Eligibility(HqInEu: true, MinYearsSme: 5, MinYearsStartup: 3)));

    [Fact]
    public void Launching_a_programme_without_a_name_is_refused() =>
        Given().When(LaunchProgramme(name: " ")).ThenRefused("input.required");

    [Fact]
    public void Launching_a_programme_without_sectors_is_refused() =>
        Given().When(LaunchProgramme(sectors: ValueList<string>.Empty)).ThenRefused("input.required");

    [Fact]
    public void Launching_a_programme_with_a_negative_minimum_age_is_refused() =>
        Given().When(LaunchProgramme(eligibility: new Eligibility(true, -1, 3))).ThenRefused("eligibility.rule-invalid");

    [Fact]
    public void Launching_the_same_programme_again_records_nothing() =>
        Given(ProgrammeLaunched()).When(LaunchProgramme()).ThenNothing();

    [Fact]
    public void Launching_a_launched_programme_with_other_details_is_refused() =>
        Given(ProgrammeLaunched()).When(LaunchProgramme(name: "Quickload")).ThenRefused("programme.already-launched");

    [Fact]
    public void Planning_a_cohort_before_the_launch_is_refused() =>
        Given().When(PlanCohort()).ThenRefused("programme.not-launched");

    [Fact]
    public void Closing_a_programme_that_was_never_launched_is_refused() =>
        Given().When(CloseProgramme()).ThenRefused("programme.not-launched");

    [Fact]
    public void Adding_a_partner_records_it() =>
        Given(ProgrammeLaunched()).When(AddPartner()).Then(PartnerAdded());

    [Fact]
    public void Adding_the_same_partner_twice_records_nothing() =>
        Given(ProgrammeLaunched(), PartnerAdded()).When(AddPartner()).ThenNothing();

    [Fact]
    public void Adding_a_known_organisation_in_another_role_records_it() =>
        Given(ProgrammeLaunched(), PartnerAdded("ESA", "selection committee"))
            .When(AddPartner("ESA", "mentor"))
            .Then(PartnerAdded("ESA", "mentor"));

    [Fact]
    public void Adding_a_partner_without_an_organisation_is_refused() =>
        Given(ProgrammeLaunched()).When(AddPartner(organisation: "")).ThenRefused("input.required");

    [Fact]
    public void Closing_a_programme_records_its_closure() =>
        Given(ProgrammeLaunched()).When(CloseProgramme()).Then(ProgrammeClosed());

    [Fact]
    public void Closing_a_closed_programme_records_nothing() =>
        Given(ProgrammeLaunched(), ProgrammeClosed()).When(CloseProgramme()).ThenNothing();

    [Fact]
    public void A_closed_programme_refuses_every_other_command()
    {
        ProgrammeCommand[] commands =
        [
            LaunchProgramme(name: "Another"), AddPartner("ASI"), PlanCohort(cohortId: OtherCohortId), ChangeCohortCapacity(12),
            OpenCall(closesOn: ClosesOn.AddDays(1)), CloseCall(), AllocateSeat(StartupB), StartCohort(),
            SetMilestone(OtherMilestoneId), HoldDemoDay(), CompleteCohort(), CancelCohort(),
        ];
        ProgrammeEvent[] history = [.. CohortIn(CohortStatus.CallOpen), ProgrammeClosed()];
        Assert.All(commands, command => Given(history).When(command).ThenRefused("programme.closed"));
    }

    [Fact]
    public void Releasing_a_seat_in_a_closed_programme_is_refused() =>
        Given([.. CohortIn(CohortStatus.Running), SeatAllocated(StartupA), ProgrammeClosed()])
            .When(ReleaseSeat(StartupA))
            .ThenRefused("programme.closed");

    [Fact]
    public void Repeating_a_command_that_took_effect_before_the_closure_records_nothing() =>
        Given([.. CohortIn(CohortStatus.CallClosed), SeatAllocated(StartupA), ProgrammeClosed()])
            .When(AllocateSeat(StartupA))
            .ThenNothing();

    [Fact]
    public void A_programme_runs_a_cohort_from_plan_to_completion()
    {
        var state = LaunchedStateAfter(
            ProgrammeLaunched(), PartnerAdded(), CohortPlanned(capacity: 2), CallOpened(), CallClosed(), SeatAllocated(StartupA),
            SeatAllocated(StartupB), CohortStarted(), MilestoneSet(), MilestoneSet(OtherMilestoneId, mandatory: false), DemoDayHeld(),
            CohortCompleted(), ProgrammeClosed());

        Assert.Equal(ProgrammeStatus.Closed, state.Status);
        Assert.Equal([new Partner("ESA", "selection committee")], state.Partners);
        var cohort = Assert.Single(state.Cohorts);
        Assert.Equal(CohortStatus.Completed, cohort.Status);
        Assert.Equal(new CallWindow(OpensOn, ClosesOn), cohort.Call);
        Assert.Equal([StartupA, StartupB], cohort.AllocatedStartupIds);
        Assert.Equal(0, cohort.SeatsLeft());
        Assert.Equal(new DemoDay(DemoDayOn, "OGR Torino"), cohort.DemoDay);
        Assert.Equal([MilestoneId, OtherMilestoneId], cohort.Milestones.Select(m => m.MilestoneId));
        Assert.Equal([MilestoneId], state.MandatoryMilestonesOf(CohortId));
    }

    [Fact]
    public void Events_a_state_cannot_take_leave_it_unchanged()
    {
        var initial = StateAfter();
        Assert.Same(initial, ProgrammeDecider.Evolve(initial, CohortStarted()));
    }
}
