namespace Ecosystem.Domain.Tests.Missions;

public sealed class DelegationTests : MissionSpec
{
    [Fact]
    public void A_delegate_joins_a_planned_mission() => Given(MissionPlanned()).When(Join()).Then(DelegateJoined());

    [Fact]
    public void A_delegate_joins_a_confirmed_mission() => Given(Confirmed).When(Join()).Then(DelegateJoined());

    [Fact]
    public void Joining_a_mission_under_way_is_refused() => Given(UnderWay).When(Join()).ThenRefused("mission.delegation-closed");

    [Fact]
    public void Joining_without_a_name_is_refused() => Given(MissionPlanned()).When(Join(Delegate(name: ""))).ThenRefused("input.required");

    [Fact]
    public void Joining_again_with_the_same_details_records_nothing() => Given(MissionPlanned(), DelegateJoined()).When(Join()).ThenNothing();

    [Fact]
    public void Joining_again_under_a_new_person_id_with_the_same_details_records_nothing() =>
        Given(MissionPlanned(), DelegateJoined()).When(Join(Delegate(personId: PersonB, name: " delegate a (SYNTHETIC)"))).ThenNothing();

    [Fact]
    public void The_same_person_joining_with_another_role_is_refused() =>
        Given(MissionPlanned(), DelegateJoined()).When(Join(Delegate(role: "interpreter"))).ThenRefused("mission.delegate-duplicate");

    [Fact]
    public void The_same_name_in_the_same_organisation_under_another_id_with_another_role_is_refused() =>
        Given(MissionPlanned(), DelegateJoined()).When(Join(Delegate(personId: PersonB, role: "interpreter"))).ThenRefused("mission.delegate-duplicate");

    [Fact]
    public void A_second_person_joins() =>
        Given(MissionPlanned(), DelegateJoined()).When(Join(Delegate(personId: PersonB, name: "Delegate B (synthetic)")))
            .Then(DelegateJoined(Delegate(personId: PersonB, name: "Delegate B (synthetic)")));

    [Fact]
    public void A_delegate_leaves_a_planned_mission() => Given(MissionPlanned(), DelegateJoined()).When(Leave()).Then(DelegateLeft());

    [Fact]
    public void Leaving_again_records_nothing() => Given(MissionPlanned(), DelegateJoined(), DelegateLeft()).When(Leave()).ThenNothing();

    [Fact]
    public void Someone_who_never_joined_cannot_leave() => Given(MissionPlanned()).When(Leave()).ThenRefused("delegate.not-found");

    [Fact]
    public void Leaving_a_mission_under_way_is_refused() =>
        Given(MissionPlanned(), DelegateJoined(), MissionConfirmed(), MissionStarted()).When(Leave()).ThenRefused("mission.delegation-closed");

    [Fact]
    public void A_delegate_who_left_may_join_again()
    {
        Given(MissionPlanned(), DelegateJoined(), DelegateLeft()).When(Join()).Then(DelegateJoined());
        var state = PlannedStateAfter(MissionPlanned(), DelegateJoined(), DelegateLeft(), DelegateJoined());
        Assert.Single(state.Delegates);
        Assert.Empty(state.FormerDelegates);
    }
}
