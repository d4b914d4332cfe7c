using Ecosystem.Domain.Missions;

namespace Ecosystem.Domain.Tests.Missions;

public sealed class VisitAndFollowUpTests : MissionSpec
{
    [Fact]
    public void Scheduling_a_visit_within_the_dates_records_it() => Given(MissionPlanned()).When(ScheduleVisit()).Then(VisitScheduled());

    [Fact]
    public void Scheduling_a_visit_on_the_first_and_last_day_is_accepted()
    {
        Given(MissionPlanned()).When(ScheduleVisit(StartsOn)).Then(VisitScheduled(StartsOn));
        Given(MissionPlanned()).When(ScheduleVisit(EndsOn)).Then(VisitScheduled(EndsOn));
    }

    [Fact]
    public void Scheduling_a_visit_before_the_mission_is_refused() =>
        Given(MissionPlanned()).When(ScheduleVisit(StartsOn.AddDays(-1))).ThenRefused("mission.visit-outside-dates");

    [Fact]
    public void Scheduling_a_visit_after_the_mission_is_refused() =>
        Given(MissionPlanned()).When(ScheduleVisit(EndsOn.AddDays(1))).ThenRefused("mission.visit-outside-dates");

    [Fact]
    public void Scheduling_a_visit_under_way_is_accepted() => Given(UnderWay).When(ScheduleVisit()).Then(VisitScheduled());

    [Fact]
    public void Scheduling_the_same_visit_again_records_nothing() => Given(MissionPlanned(), VisitScheduled()).When(ScheduleVisit()).ThenNothing();

    [Fact]
    public void Scheduling_a_visit_id_again_with_other_details_is_refused() =>
        Given(MissionPlanned(), VisitScheduled()).When(ScheduleVisit(place: "Officine Grandi Riparazioni")).ThenRefused("mission.visit-conflict");

    [Fact]
    public void Scheduling_a_visit_without_a_place_is_refused() => Given(MissionPlanned()).When(ScheduleVisit(place: "")).ThenRefused("input.required");

    [Fact]
    public void Holding_a_visit_under_way_records_it() => Given([.. UnderWay, VisitScheduled()]).When(HoldVisit()).Then(VisitHeld());

    [Fact]
    public void Holding_a_visit_before_the_mission_is_under_way_is_refused() =>
        Given([.. Confirmed, VisitScheduled()]).When(HoldVisit()).ThenRefused("mission.not-under-way");

    [Fact]
    public void Holding_an_unknown_visit_is_refused() => Given(UnderWay).When(HoldVisit()).ThenRefused("visit.not-found");

    [Fact]
    public void Holding_a_held_visit_again_records_nothing() => Given([.. UnderWay, VisitScheduled(), VisitHeld()]).When(HoldVisit()).ThenNothing();

    [Fact]
    public void Holding_a_cancelled_visit_is_refused() =>
        Given([.. UnderWay, VisitScheduled(), VisitCancelled()]).When(HoldVisit()).ThenRefused("mission.visit-cancelled");

    [Fact]
    public void Cancelling_a_scheduled_visit_records_it() => Given(MissionPlanned(), VisitScheduled()).When(CancelVisit()).Then(VisitCancelled());

    [Fact]
    public void Cancelling_a_cancelled_visit_records_nothing() =>
        Given(MissionPlanned(), VisitScheduled(), VisitCancelled()).When(CancelVisit()).ThenNothing();

    [Fact]
    public void Cancelling_a_held_visit_is_refused() =>
        Given([.. UnderWay, VisitScheduled(), VisitHeld()]).When(CancelVisit()).ThenRefused("mission.visit-held");

    [Fact]
    public void Cancelling_an_unknown_visit_is_refused() => Given(MissionPlanned()).When(CancelVisit()).ThenRefused("visit.not-found");

    [Fact]
    public void A_visits_status_shows_in_the_state() =>
        Assert.Equal(VisitStatus.Held, Assert.Single(PlannedStateAfter([.. UnderWay, VisitScheduled(), VisitHeld()]).Visits).Status);

    [Fact]
    public void Opening_a_follow_up_during_the_mission_records_it() => Given(UnderWay).When(OpenFollowUp()).Then(FollowUpOpened());

    [Fact]
    public void Opening_a_follow_up_before_the_mission_is_refused() => Given(Confirmed).When(OpenFollowUp()).ThenRefused("mission.follow-up-too-early");

    [Fact]
    public void Opening_a_follow_up_due_before_the_mission_is_refused() =>
        Given(UnderWay).When(OpenFollowUp(StartsOn.AddDays(-1))).ThenRefused("mission.follow-up-due-invalid");

    [Fact]
    public void Opening_a_follow_up_without_an_owner_is_refused() => Given(UnderWay).When(OpenFollowUp(owner: " ")).ThenRefused("input.required");

    [Fact]
    public void Opening_the_same_follow_up_again_records_nothing() => Given([.. UnderWay, FollowUpOpened()]).When(OpenFollowUp()).ThenNothing();

    [Fact]
    public void Opening_a_follow_up_id_again_with_other_details_is_refused() =>
        Given([.. UnderWay, FollowUpOpened()]).When(OpenFollowUp(owner: "Camera di commercio di Torino")).ThenRefused("mission.follow-up-conflict");

    [Fact]
    public void Closing_a_follow_up_after_completion_records_it() =>
        Given([.. Completed, FollowUpOpened()]).When(CloseFollowUp()).Then(FollowUpClosed());

    [Fact]
    public void Closing_a_follow_up_again_with_the_same_outcome_records_nothing() =>
        Given([.. Completed, FollowUpOpened(), FollowUpClosed()]).When(CloseFollowUp(" call HELD")).ThenNothing();

    [Fact]
    public void Closing_a_closed_follow_up_with_another_outcome_is_refused() =>
        Given([.. Completed, FollowUpOpened(), FollowUpClosed()]).When(CloseFollowUp("Dropped")).ThenRefused("mission.follow-up-closed");

    [Fact]
    public void Closing_an_unknown_follow_up_is_refused() => Given(Completed).When(CloseFollowUp()).ThenRefused("follow-up.not-found");

    [Fact]
    public void Closing_a_follow_up_without_an_outcome_is_refused() =>
        Given([.. Completed, FollowUpOpened()]).When(CloseFollowUp("")).ThenRefused("input.required");

    [Fact]
    public void A_closed_follow_up_shows_its_outcome() =>
        Assert.Equal("Call held", Assert.Single(PlannedStateAfter([.. Completed, FollowUpOpened(), FollowUpClosed()]).FollowUps).Outcome);
}
