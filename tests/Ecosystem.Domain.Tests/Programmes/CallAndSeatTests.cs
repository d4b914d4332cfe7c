using Ecosystem.Domain.Programmes;

namespace Ecosystem.Domain.Tests.Programmes;

public sealed class CallAndSeatTests : ProgrammeSpec
{
    [Fact]
    public void Opening_a_call_records_its_window() =>
        Given(CohortIn(CohortStatus.Planned)).When(OpenCall()).Then(CallOpened());

    [Fact]
    public void Opening_a_call_that_closes_before_it_opens_is_refused() =>
        Given(CohortIn(CohortStatus.Planned)).When(OpenCall(OpensOn, OpensOn.AddDays(-1))).ThenRefused("call.window-invalid");

    [Fact]
    public void Opening_a_call_that_closes_the_day_it_opens_is_refused() =>
        Given(CohortIn(CohortStatus.Planned)).When(OpenCall(OpensOn, OpensOn)).ThenRefused("call.window-invalid");

    [Fact]
    public void Opening_the_same_call_again_records_nothing() =>
        Given(CohortIn(CohortStatus.CallOpen)).When(OpenCall()).ThenNothing();

    [Fact]
    public void Opening_a_second_call_while_one_is_open_is_refused() =>
        Given(CohortIn(CohortStatus.CallOpen)).When(OpenCall(closesOn: ClosesOn.AddDays(7))).ThenRefused("call.already-open");

    [Fact]
    public void Reopening_a_closed_call_is_refused() =>
        Given(CohortIn(CohortStatus.CallClosed)).When(OpenCall(closesOn: ClosesOn.AddDays(7))).ThenRefused("call.already-closed");

    [Fact]
    public void Another_cohorts_open_call_does_not_stop_a_cohort_opening_its_own() =>
        Given(ProgrammeLaunched(), CohortPlanned(cohortId: OtherCohortId), CallOpened(OtherCohortId), CohortPlanned())
            .When(OpenCall())
            .Then(CallOpened());

    [Fact]
    public void Closing_an_open_call_records_it() =>
        Given(CohortIn(CohortStatus.CallOpen)).When(CloseCall()).Then(CallClosed());

    [Fact]
    public void Closing_a_closed_call_records_nothing() =>
        Given(CohortIn(CohortStatus.CallClosed)).When(CloseCall()).ThenNothing();

    [Fact]
    public void Closing_a_call_that_never_opened_is_refused() =>
        Given(CohortIn(CohortStatus.Planned)).When(CloseCall()).ThenRefused("call.not-open");

    [Fact]
    public void Allocating_a_seat_after_the_call_closed_records_it() =>
        Given(CohortIn(CohortStatus.CallClosed)).When(AllocateSeat(StartupA)).Then(SeatAllocated(StartupA));

    [Fact]
    public void Allocating_a_seat_in_a_running_cohort_records_it() =>
        Given(CohortIn(CohortStatus.Running)).When(AllocateSeat(StartupA)).Then(SeatAllocated(StartupA));

    [Theory]
    [InlineData(CohortStatus.Planned)]
    [InlineData(CohortStatus.CallOpen)]
    public void Allocating_a_seat_before_the_call_closed_is_refused(CohortStatus status) =>
        Given(CohortIn(status)).When(AllocateSeat(StartupA)).ThenRefused("call.not-closed");

    [Theory]
    [InlineData(CohortStatus.Completed)]
    [InlineData(CohortStatus.Cancelled)]
    public void Allocating_a_seat_in_a_finished_cohort_is_refused(CohortStatus status) =>
        Given(CohortIn(status)).When(AllocateSeat(StartupA)).ThenRefused("cohort.finished");

    [Fact]
    public void Allocating_a_seat_beyond_capacity_is_refused() =>
        Given([.. CohortIn(CohortStatus.CallClosed, capacity: 1), SeatAllocated(StartupA)])
            .When(AllocateSeat(StartupB))
            .ThenRefused("cohort.full");

    [Fact]
    public void Allocating_the_last_seat_is_accepted() =>
        Given([.. CohortIn(CohortStatus.CallClosed, capacity: 2), SeatAllocated(StartupA)])
            .When(AllocateSeat(StartupB))
            .Then(SeatAllocated(StartupB));

    [Fact]
    public void Allocating_a_seat_to_a_startup_that_holds_one_records_nothing() =>
        Given([.. CohortIn(CohortStatus.CallClosed, capacity: 1), SeatAllocated(StartupA)])
            .When(AllocateSeat(StartupA))
            .ThenNothing();

    [Fact]
    public void Raising_the_capacity_of_a_full_cohort_makes_room() =>
        Given([.. CohortIn(CohortStatus.CallClosed, capacity: 1), SeatAllocated(StartupA), CohortCapacityChanged(2)])
            .When(AllocateSeat(StartupB))
            .Then(SeatAllocated(StartupB));

    [Fact]
    public void Releasing_a_seat_records_it() =>
        Given([.. CohortIn(CohortStatus.CallClosed), SeatAllocated(StartupA)]).When(ReleaseSeat(StartupA)).Then(SeatReleased(StartupA));

    [Fact]
    public void Releasing_a_seat_that_is_not_held_records_nothing() =>
        Given(CohortIn(CohortStatus.CallClosed)).When(ReleaseSeat(StartupA)).ThenNothing();

    [Fact]
    public void A_released_seat_goes_to_the_next_startup() =>
        Given([.. CohortIn(CohortStatus.CallClosed, capacity: 1), SeatAllocated(StartupA), SeatReleased(StartupA)])
            .When(AllocateSeat(StartupB))
            .Then(SeatAllocated(StartupB));

    [Fact]
    public void Releasing_a_seat_in_a_completed_cohort_is_refused() =>
        Given([.. CohortIn(CohortStatus.Running), SeatAllocated(StartupA), DemoDayHeld(), CohortCompleted()])
            .When(ReleaseSeat(StartupA))
            .ThenRefused("cohort.finished");
}
