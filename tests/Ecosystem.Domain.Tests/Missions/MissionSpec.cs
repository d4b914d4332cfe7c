using Ecosystem.Domain.Missions;
using Ecosystem.Domain.Tests.Support;

namespace Ecosystem.Domain.Tests.Missions;

/// <summary>The Nagoya delegation's visit to Torino, 9–11 November 2022, as the scenario.</summary>
public abstract class MissionSpec() : DeciderSpec<Mission, MissionEvent, MissionCommand>(MissionDecider.Initial, MissionDecider.Evolve, MissionDecider.Decide)
{
    protected static readonly Guid MissionId = new("0195d000-0000-7000-8000-0000000000a1");
    protected static readonly Guid PersonA = new("0195d000-0000-7000-8000-0000000000b1");
    protected static readonly Guid PersonB = new("0195d000-0000-7000-8000-0000000000b2");
    protected static readonly Guid VisitId = new("0195d000-0000-7000-8000-0000000000c1");
    protected static readonly Guid FollowUpId = new("0195d000-0000-7000-8000-0000000000d1");
    protected static readonly DateTimeOffset Now = new(2022, 11, 1, 9, 0, 0, TimeSpan.FromHours(1));
    protected const string Actor = "international@comune.torino.example";
    protected static readonly DateOnly StartsOn = new(2022, 11, 9);
    protected static readonly DateOnly EndsOn = new(2022, 11, 11);
    protected const string Title = "Nagoya delegation to Torino";
    protected const string Organiser = "City of Nagoya";

    protected static MissionDelegate Delegate(Guid? personId = null, string name = "Delegate A (synthetic)", string organisation = "City of Nagoya",
        string role = "head of delegation", string? email = null) => new(personId ?? PersonA, organisation, name, email, role);

    protected static MissionEvent MissionPlanned(DateOnly? startsOn = null, DateOnly? endsOn = null) =>
        new MissionEvent.MissionPlanned(MissionId, MissionDirection.Inbound, Title, Organiser, ["JP"], ["Nagoya"], "Twinning relations and innovation",
            ["automotive", "aerospace"], startsOn ?? StartsOn, endsOn ?? EndsOn, null, null, null, Now);

    protected static MissionEvent MissionConfirmed() => new MissionEvent.MissionConfirmed(MissionId, Now);

    protected static MissionEvent MissionStarted() => new MissionEvent.MissionStarted(MissionId, Now);

    protected static MissionEvent MissionCompleted() => new MissionEvent.MissionCompleted(MissionId, Now);

    protected static MissionEvent MissionCancelled(string reason = "postponed") => new MissionEvent.MissionCancelled(MissionId, reason, Now);

    protected static MissionEvent DelegateJoined(MissionDelegate? @delegate = null) => new MissionEvent.DelegateJoined(MissionId, @delegate ?? Delegate(), Now);

    protected static MissionEvent DelegateLeft(Guid? personId = null) => new MissionEvent.DelegateLeft(MissionId, personId ?? PersonA, Now);

    protected static MissionEvent VisitScheduled(DateOnly? on = null, Guid? visitId = null) =>
        new MissionEvent.VisitScheduled(MissionId, visitId ?? VisitId, "OGR Torino", "Torino", on ?? new DateOnly(2022, 11, 10), null, Now);

    protected static MissionEvent VisitHeld() => new MissionEvent.VisitHeld(MissionId, VisitId, Now);

    protected static MissionEvent VisitCancelled() => new MissionEvent.VisitCancelled(MissionId, VisitId, Now);

    protected static MissionEvent FollowUpOpened(DateOnly? dueOn = null) =>
        new MissionEvent.FollowUpOpened(MissionId, FollowUpId, "Exchange on smart-mobility tests", "City of Torino", dueOn ?? new DateOnly(2023, 3, 31), Now);

    protected static MissionEvent FollowUpClosed(string outcome = "Call held") => new MissionEvent.FollowUpClosed(MissionId, FollowUpId, outcome, Now);

    protected static MissionEvent[] Confirmed => [MissionPlanned(), MissionConfirmed()];

    protected static MissionEvent[] UnderWay => [.. Confirmed, MissionStarted()];

    protected static MissionEvent[] Completed => [.. UnderWay, MissionCompleted()];

    protected static MissionCommand PlanMission(string title = Title, DateOnly? startsOn = null, DateOnly? endsOn = null, string[]? countries = null,
        Guid? programmeId = null, Guid? cohortId = null) =>
        new MissionCommand.PlanMission(MissionId, MissionDirection.Inbound, title, Organiser, new ValueList<string>(countries ?? ["JP"]), ["Nagoya"],
            "Twinning relations and innovation", ["automotive", "aerospace"], startsOn ?? StartsOn, endsOn ?? EndsOn, programmeId, cohortId, null, Now, Actor);

    protected static MissionCommand ConfirmMission() => new MissionCommand.ConfirmMission(MissionId, Now, Actor);

    protected static MissionCommand StartMission() => new MissionCommand.StartMission(MissionId, Now, Actor);

    protected static MissionCommand CompleteMission() => new MissionCommand.CompleteMission(MissionId, Now, Actor);

    protected static MissionCommand CancelMission(string reason = "postponed") => new MissionCommand.CancelMission(MissionId, reason, Now, Actor);

    protected static MissionCommand Join(MissionDelegate? @delegate = null) => new MissionCommand.JoinDelegation(MissionId, @delegate ?? Delegate(), Now, Actor);

    protected static MissionCommand Leave(Guid? personId = null) => new MissionCommand.LeaveDelegation(MissionId, personId ?? PersonA, Now, Actor);

    protected static MissionCommand ScheduleVisit(DateOnly? on = null, string place = "Torino", Guid? visitId = null) =>
        new MissionCommand.ScheduleVisit(MissionId, visitId ?? VisitId, "OGR Torino", place, on ?? new DateOnly(2022, 11, 10), null, Now, Actor);

    protected static MissionCommand HoldVisit(Guid? visitId = null) => new MissionCommand.HoldVisit(MissionId, visitId ?? VisitId, Now, Actor);

    protected static MissionCommand CancelVisit(Guid? visitId = null) => new MissionCommand.CancelVisit(MissionId, visitId ?? VisitId, Now, Actor);

    protected static MissionCommand OpenFollowUp(DateOnly? dueOn = null, string owner = "City of Torino") =>
        new MissionCommand.OpenFollowUp(MissionId, FollowUpId, "Exchange on smart-mobility tests", owner, dueOn ?? new DateOnly(2023, 3, 31), Now, Actor);

    protected static MissionCommand CloseFollowUp(string outcome = "Call held", Guid? followUpId = null) =>
        new MissionCommand.CloseFollowUp(MissionId, followUpId ?? FollowUpId, outcome, Now, Actor);

    protected Mission.Planned PlannedStateAfter(params MissionEvent[] history) => Assert.IsType<Mission.Planned>(StateAfter(history));
}
