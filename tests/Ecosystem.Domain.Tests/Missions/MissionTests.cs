using System.Reflection;
using Ecosystem.Domain.Missions;

namespace Ecosystem.Domain.Tests.Missions;

public sealed class MissionTests : MissionSpec
{
    [Fact]
    public void Planning_a_mission_records_it() => Given().When(PlanMission()).Then(MissionPlanned());

    [Fact]
    public void Planning_the_same_mission_again_records_nothing() => Given(MissionPlanned()).When(PlanMission()).ThenNothing();

    [Fact]
    public void Planning_a_planned_mission_with_other_details_is_refused() =>
        Given(MissionPlanned()).When(PlanMission(title: "Another title")).ThenRefused("mission.already-planned");

    [Fact]
    public void Planning_a_mission_without_a_title_is_refused() => Given().When(PlanMission(title: " ")).ThenRefused("input.required");

    [Fact]
    public void Planning_a_mission_without_a_country_is_refused() => Given().When(PlanMission(countries: [])).ThenRefused("input.required");

    [Fact]
    public void Planning_a_mission_to_a_country_that_is_not_an_iso_code_is_refused() =>
        Given().When(PlanMission(countries: ["Japan"])).ThenRefused("mission.country-invalid");

    [Fact]
    public void Planning_a_mission_that_ends_before_it_starts_is_refused() =>
        Given().When(PlanMission(startsOn: EndsOn, endsOn: StartsOn)).ThenRefused("mission.dates-invalid");

    [Fact]
    public void Planning_a_one_day_mission_is_accepted() =>
        Given().When(PlanMission(endsOn: StartsOn)).Then(MissionPlanned(endsOn: StartsOn));

    [Fact]
    public void Linking_a_mission_to_a_cohort_without_its_programme_is_refused() =>
        Given().When(PlanMission(cohortId: Guid.NewGuid())).ThenRefused("mission.cohort-without-programme");

    [Fact]
    public void Linking_a_mission_to_a_cohort_of_a_programme_is_accepted()
    {
        var programmeId = Guid.NewGuid();
        var cohortId = Guid.NewGuid();
        var planned = Assert.IsType<MissionEvent.MissionPlanned>(Assert.Single(MissionDecider.Decide(PlanMission(programmeId: programmeId, cohortId: cohortId),
            MissionDecider.Initial)));
        Assert.Equal((programmeId, cohortId), (planned.ProgrammeId, planned.CohortId));
    }

    [Fact]
    public void Confirming_before_planning_is_refused() => Given().When(ConfirmMission()).ThenRefused("mission.not-planned");

    [Fact]
    public void Confirming_a_planned_mission_records_it() => Given(MissionPlanned()).When(ConfirmMission()).Then(MissionConfirmed());

    [Fact]
    public void Confirming_a_mission_under_way_records_nothing() => Given(UnderWay).When(ConfirmMission()).ThenNothing();

    [Fact]
    public void Starting_a_confirmed_mission_records_it() => Given(Confirmed).When(StartMission()).Then(MissionStarted());

    [Fact]
    public void Starting_a_mission_that_is_not_confirmed_is_refused() => Given(MissionPlanned()).When(StartMission()).ThenRefused("mission.not-confirmed");

    [Fact]
    public void Starting_a_mission_under_way_again_records_nothing() => Given(UnderWay).When(StartMission()).ThenNothing();

    [Fact]
    public void Completing_a_mission_under_way_records_it() => Given(UnderWay).When(CompleteMission()).Then(MissionCompleted());

    [Fact]
    public void Completing_a_mission_that_has_not_started_is_refused() => Given(Confirmed).When(CompleteMission()).ThenRefused("mission.not-under-way");

    [Fact]
    public void Completing_a_completed_mission_records_nothing() => Given(Completed).When(CompleteMission()).ThenNothing();

    [Fact]
    public void Cancelling_a_planned_mission_records_it() => Given(MissionPlanned()).When(CancelMission()).Then(MissionCancelled());

    [Fact]
    public void Cancelling_a_confirmed_mission_records_it() => Given(Confirmed).When(CancelMission()).Then(MissionCancelled());

    [Fact]
    public void Cancelling_without_a_reason_is_refused() => Given(MissionPlanned()).When(CancelMission(" ")).ThenRefused("input.required");

    [Fact]
    public void Cancelling_a_mission_under_way_is_refused() => Given(UnderWay).When(CancelMission()).ThenRefused("mission.already-started");

    [Fact]
    public void Cancelling_a_cancelled_mission_records_nothing() => Given(MissionPlanned(), MissionCancelled()).When(CancelMission("other")).ThenNothing();

    [Fact]
    public void A_cancelled_mission_accepts_nothing() =>
        Given(MissionPlanned(), MissionCancelled()).When(ConfirmMission()).ThenRefused("mission.cancelled");

    [Fact]
    public void A_cancelled_mission_takes_no_follow_up() =>
        Given(MissionPlanned(), MissionCancelled()).When(OpenFollowUp()).ThenRefused("mission.cancelled");

    [Fact]
    public void A_completed_mission_takes_no_visit() => Given(Completed).When(ScheduleVisit()).ThenRefused("mission.completed");

    [Fact]
    public void A_completed_mission_takes_no_delegate() => Given(Completed).When(Join()).ThenRefused("mission.completed");

    [Fact]
    public void A_completed_mission_takes_follow_ups() => Given(Completed).When(OpenFollowUp()).Then(FollowUpOpened());

    [Fact]
    public void The_state_shows_status_and_cancellation_reason()
    {
        Assert.Equal(MissionStatus.Completed, PlannedStateAfter(Completed).Status);
        var cancelled = PlannedStateAfter(MissionPlanned(), MissionCancelled("travel restrictions"));
        Assert.Equal((MissionStatus.Cancelled, "travel restrictions"), (cancelled.Status, cancelled.CancellationReason));
    }

    [Fact]
    public void A_delegates_name_and_email_are_marked_as_personal_data()
    {
        var marked = typeof(MissionDelegate).GetProperties()
            .Where(property => property.GetCustomAttribute<PersonalDataAttribute>() is not null)
            .Select(property => property.Name);

        Assert.Equal(["Name", "Email"], marked);
    }
}
