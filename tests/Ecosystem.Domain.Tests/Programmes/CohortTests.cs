using Ecosystem.Domain.Programmes;

namespace Ecosystem.Domain.Tests.Programmes;

public sealed class CohortTests : ProgrammeSpec
{
    [Fact]
    public void Planning_a_cohort_records_it() =>
        Given(ProgrammeLaunched()).When(PlanCohort(capacity: 10)).Then(CohortPlanned(capacity: 10));

    [Fact]
    public void Planning_a_cohort_without_seats_is_refused() =>
        Given(ProgrammeLaunched()).When(PlanCohort(capacity: 0)).ThenRefused("cohort.capacity-invalid");

    [Fact]
    public void Planning_a_cohort_that_ends_before_it_starts_is_refused() =>
        Given(ProgrammeLaunched()).When(PlanCohort(startsOn: StartsOn, endsOn: StartsOn.AddDays(-1))).ThenRefused("cohort.dates-invalid");

    [Fact]
    public void Planning_a_cohort_of_a_single_day_is_accepted() =>
        Given(ProgrammeLaunched())
            .When(PlanCohort(startsOn: StartsOn, endsOn: StartsOn))
            .Then(new ProgrammeEvent.CohortPlanned(ProgrammeId, CohortId, "2022", 10, StartsOn, StartsOn, Now));

    [Fact]
    public void Planning_a_cohort_without_an_edition_is_refused() =>
        Given(ProgrammeLaunched()).When(PlanCohort(edition: "")).ThenRefused("input.required");

    [Fact]
    public void Planning_the_same_cohort_again_records_nothing() =>
        Given(ProgrammeLaunched(), CohortPlanned()).When(PlanCohort()).ThenNothing();

    [Fact]
    public void Planning_a_known_cohort_with_other_details_is_refused() =>
        Given(ProgrammeLaunched(), CohortPlanned(capacity: 10)).When(PlanCohort(capacity: 12)).ThenRefused("cohort.already-planned");

    [Fact]
    public void Planning_a_second_cohort_is_accepted() =>
        Given(ProgrammeLaunched(), CohortPlanned())
            .When(PlanCohort(cohortId: OtherCohortId))
            .Then(CohortPlanned(cohortId: OtherCohortId));

    [Fact]
    public void A_command_for_an_unknown_cohort_is_refused() =>
        Given(ProgrammeLaunched(), CohortPlanned()).When(AllocateSeat(StartupA, OtherCohortId)).ThenRefused("cohort.not-found");

    [Fact]
    public void Raising_a_cohorts_capacity_records_it() =>
        Given(CohortIn(CohortStatus.CallOpen)).When(ChangeCohortCapacity(12)).Then(CohortCapacityChanged(12));

    [Fact]
    public void Changing_the_capacity_to_what_it_is_records_nothing() =>
        Given(CohortIn(CohortStatus.Planned, capacity: 10)).When(ChangeCohortCapacity(10)).ThenNothing();

    [Fact]
    public void Changing_the_capacity_to_zero_is_refused() =>
        Given(CohortIn(CohortStatus.Planned)).When(ChangeCohortCapacity(0)).ThenRefused("cohort.capacity-invalid");

    [Fact]
    public void Lowering_the_capacity_below_the_allocated_seats_is_refused() =>
        Given([.. CohortIn(CohortStatus.CallClosed), SeatAllocated(StartupA), SeatAllocated(StartupB)])
            .When(ChangeCohortCapacity(1))
            .ThenRefused("cohort.capacity-below-allocated");

    [Fact]
    public void Lowering_the_capacity_to_the_allocated_seats_is_accepted() =>
        Given([.. CohortIn(CohortStatus.CallClosed), SeatAllocated(StartupA), SeatAllocated(StartupB)])
            .When(ChangeCohortCapacity(2))
            .Then(CohortCapacityChanged(2));

    [Fact]
    public void Changing_the_capacity_of_a_completed_cohort_is_refused() =>
        Given(CohortIn(CohortStatus.Completed)).When(ChangeCohortCapacity(12)).ThenRefused("cohort.finished");

    [Fact]
    public void Starting_a_cohort_after_its_call_closed_records_it() =>
        Given(CohortIn(CohortStatus.CallClosed)).When(StartCohort()).Then(CohortStarted());

    [Fact]
    public void Starting_a_cohort_while_its_call_is_open_is_refused() =>
        Given(CohortIn(CohortStatus.CallOpen)).When(StartCohort()).ThenRefused("call.not-closed");

    [Fact]
    public void Starting_a_running_cohort_records_nothing() =>
        Given(CohortIn(CohortStatus.Running)).When(StartCohort()).ThenNothing();

    [Fact]
    public void Starting_a_cancelled_cohort_is_refused() =>
        Given(CohortIn(CohortStatus.Cancelled)).When(StartCohort()).ThenRefused("cohort.finished");

    [Fact]
    public void Setting_a_milestone_records_it() =>
        Given(CohortIn(CohortStatus.Running)).When(SetMilestone()).Then(MilestoneSet());

    [Fact]
    public void Setting_the_same_milestone_twice_records_nothing() =>
        Given([.. CohortIn(CohortStatus.Running), MilestoneSet()]).When(SetMilestone()).ThenNothing();

    [Fact]
    public void Setting_a_milestone_again_with_a_new_due_date_records_the_change() =>
        Given([.. CohortIn(CohortStatus.Running), MilestoneSet()])
            .When(SetMilestone(dueOn: new DateOnly(2022, 11, 1)))
            .Then(MilestoneSet(dueOn: new DateOnly(2022, 11, 1)));

    [Fact]
    public void A_milestone_set_again_replaces_the_earlier_one()
    {
        var cohort = LaunchedStateAfter([.. CohortIn(CohortStatus.Running), MilestoneSet(), MilestoneSet(mandatory: false)]).RequireCohort(CohortId);
        Assert.False(Assert.Single(cohort.Milestones).Mandatory);
        Assert.Empty(cohort.MandatoryMilestoneIds());
    }

    [Fact]
    public void Setting_a_milestone_without_a_title_is_refused() =>
        Given(CohortIn(CohortStatus.Running)).When(SetMilestone(title: " ")).ThenRefused("input.required");

    [Fact]
    public void Setting_a_milestone_on_a_completed_cohort_is_refused() =>
        Given(CohortIn(CohortStatus.Completed)).When(SetMilestone(OtherMilestoneId)).ThenRefused("cohort.finished");

    [Fact]
    public void Holding_a_demo_day_in_a_running_cohort_records_it() =>
        Given(CohortIn(CohortStatus.Running)).When(HoldDemoDay()).Then(DemoDayHeld());

    [Theory]
    [InlineData(CohortStatus.Planned)]
    [InlineData(CohortStatus.CallOpen)]
    [InlineData(CohortStatus.CallClosed)]
    [InlineData(CohortStatus.Cancelled)]
    public void Holding_a_demo_day_without_a_running_cohort_is_refused(CohortStatus status) =>
        Given(CohortIn(status)).When(HoldDemoDay()).ThenRefused("demo-day.cohort-not-running");

    [Fact]
    public void Holding_the_same_demo_day_twice_records_nothing() =>
        Given([.. CohortIn(CohortStatus.Running), DemoDayHeld()]).When(HoldDemoDay()).ThenNothing();

    [Fact]
    public void Holding_a_second_demo_day_is_refused() =>
        Given([.. CohortIn(CohortStatus.Running), DemoDayHeld()]).When(HoldDemoDay(DemoDayOn.AddDays(1))).ThenRefused("demo-day.already-held");

    [Fact]
    public void Holding_a_demo_day_without_a_venue_is_refused() =>
        Given(CohortIn(CohortStatus.Running)).When(HoldDemoDay(venue: "")).ThenRefused("input.required");

    [Fact]
    public void Completing_an_accelerator_cohort_after_its_demo_day_records_it() =>
        Given([.. CohortIn(CohortStatus.Running), DemoDayHeld()]).When(CompleteCohort()).Then(CohortCompleted());

    [Fact]
    public void Completing_an_accelerator_cohort_without_its_demo_day_is_refused() =>
        Given(CohortIn(CohortStatus.Running)).When(CompleteCohort()).ThenRefused("cohort.demo-day-missing");

    [Fact]
    public void Completing_a_business_mission_needs_no_demo_day() =>
        Given(CohortIn(CohortStatus.Running, kind: ProgrammeKind.Internationalisation)).When(CompleteCohort()).Then(CohortCompleted());

    [Fact]
    public void Completing_a_cohort_that_is_not_running_is_refused() =>
        Given(CohortIn(CohortStatus.CallClosed)).When(CompleteCohort()).ThenRefused("cohort.not-running");

    [Fact]
    public void Completing_a_completed_cohort_records_nothing() =>
        Given(CohortIn(CohortStatus.Completed)).When(CompleteCohort()).ThenNothing();

    [Theory]
    [InlineData(CohortStatus.Planned)]
    [InlineData(CohortStatus.CallOpen)]
    [InlineData(CohortStatus.CallClosed)]
    public void Cancelling_a_cohort_before_it_runs_records_it(CohortStatus status) =>
        Given(CohortIn(status)).When(CancelCohort()).Then(CohortCancelled());

    [Fact]
    public void Cancelling_a_running_cohort_is_refused() =>
        Given(CohortIn(CohortStatus.Running)).When(CancelCohort()).ThenRefused("cohort.already-started");

    [Fact]
    public void Cancelling_a_completed_cohort_is_refused() =>
        Given(CohortIn(CohortStatus.Completed)).When(CancelCohort()).ThenRefused("cohort.finished");

    [Fact]
    public void Cancelling_a_cancelled_cohort_records_nothing() =>
        Given(CohortIn(CohortStatus.Cancelled)).When(CancelCohort()).ThenNothing();

    [Fact]
    public void A_cancelled_cohort_opens_no_call() =>
        Given(CohortIn(CohortStatus.Cancelled)).When(OpenCall()).ThenRefused("cohort.finished");
}
