using static Ecosystem.Domain.Missions.MissionCommand;
using static Ecosystem.Domain.Missions.MissionEvent;

namespace Ecosystem.Domain.Missions;

/// <summary>
/// A mission's rules, each with its code in <see cref="RuleCodes"/>:
/// only PlanMission before planning (mission.not-planned) and once with the same details (mission.already-planned);
/// a title, organiser, purpose and at least one counterpart country (input.required), as ISO codes (mission.country-invalid);
/// dates in order (mission.dates-invalid); a cohort only with its programme (mission.cohort-without-programme);
/// Planned → Confirmed (confirming after the start is a repeat) → UnderWay (mission.not-confirmed) → Completed
/// (mission.not-under-way); cancelled only before it starts (mission.already-started), then it accepts nothing
/// (mission.cancelled); a completed mission takes only follow-ups (mission.completed);
/// delegates join and leave only while Planned or Confirmed (mission.delegation-closed), never twice — by person or by
/// name and organisation (mission.delegate-duplicate) — and only known ones leave (delegate.not-found);
/// a visit falls within the mission's dates (mission.visit-outside-dates), keeps its id's details (mission.visit-conflict),
/// is held only while the mission is under way (mission.not-under-way), and is either held or cancelled
/// (mission.visit-cancelled, mission.visit-held, visit.not-found);
/// follow-ups are opened during or after the mission (mission.follow-up-too-early), due no earlier than its start
/// (mission.follow-up-due-invalid), keep their id's details (mission.follow-up-conflict) and are closed once with
/// one outcome (mission.follow-up-closed, follow-up.not-found).
/// Repeating a command whose effect the mission already shows records nothing.
/// </summary>
public static partial class MissionDecider
{
    public static IReadOnlyList<MissionEvent> Decide(MissionCommand command, Mission state) => (command, state) switch
    {
        (PlanMission c, Mission.NotPlanned) => Plan(c),
        (_, Mission.NotPlanned) => throw Rule.Broken(RuleCodes.MissionNotPlanned, "The mission has not been planned"),
        (_, Mission.Planned m) when IsRepeat(command, m) => [],
        (_, Mission.Planned { Status: MissionStatus.Cancelled }) => throw Rule.Broken(RuleCodes.MissionCancelled, "A cancelled mission accepts no command"),
        (PlanMission, Mission.Planned) => throw Rule.Broken(RuleCodes.MissionAlreadyPlanned, "The mission was already planned with other details"),
        (OpenFollowUp c, Mission.Planned m) => Open(m, c),
        (CloseFollowUp c, Mission.Planned m) => Close(m, c),
        (_, Mission.Planned { Status: MissionStatus.Completed }) =>
            throw Rule.Broken(RuleCodes.MissionCompleted, "A completed mission only takes follow-ups"),
        // Confirming a confirmed or started mission is a repeat, so only a planned mission gets here.
        (ConfirmMission c, Mission.Planned m) => [new MissionConfirmed(m.MissionId, c.Now)],
        (StartMission c, Mission.Planned m) => Start(m, c),
        (CompleteMission c, Mission.Planned m) => Complete(m, c),
        (CancelMission c, Mission.Planned m) => Cancel(m, c),
        (JoinDelegation c, Mission.Planned m) => Join(m, c),
        (LeaveDelegation c, Mission.Planned m) => Leave(m, c),
        (ScheduleVisit c, Mission.Planned m) => Schedule(m, c),
        (HoldVisit c, Mission.Planned m) => Hold(m, c),
        (CancelVisit c, Mission.Planned m) => CancelOne(m, c),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown mission command"),
    };

    private static bool IsRepeat(MissionCommand command, Mission.Planned m) => command switch
    {
        PlanMission c => (m.MissionId, m.Direction, m.Title, m.Organiser, m.Purpose, m.StartsOn, m.EndsOn, m.ProgrammeId, m.CohortId, m.HubOfficeId)
            == (c.MissionId, c.Direction, c.Title, c.Organiser, c.Purpose, c.StartsOn, c.EndsOn, c.ProgrammeId, c.CohortId, c.HubOfficeId)
            && m.Countries.SequenceEqual(c.Countries) && m.Cities.SequenceEqual(c.Cities) && m.Sectors.SequenceEqual(c.Sectors),
        ConfirmMission => m.Status is MissionStatus.Confirmed or MissionStatus.UnderWay or MissionStatus.Completed,
        StartMission => m.Status is MissionStatus.UnderWay or MissionStatus.Completed,
        CompleteMission => m.Status == MissionStatus.Completed,
        CancelMission => m.Status == MissionStatus.Cancelled,
        JoinDelegation c => m.FindDelegate(c.Delegate.PersonId) == c.Delegate || m.Delegates.Any(d => SamePerson(d, c.Delegate) && SameDetails(d, c.Delegate)),
        LeaveDelegation c => m.FindDelegate(c.PersonId) is null && m.FormerDelegates.Contains(c.PersonId),
        ScheduleVisit c => m.FindVisit(c.VisitId) is { } v && (v.Organisation, v.Place, v.On, v.AgreementId) == (c.Organisation, c.Place, c.On, c.AgreementId),
        HoldVisit c => m.FindVisit(c.VisitId)?.Status == VisitStatus.Held,
        CancelVisit c => m.FindVisit(c.VisitId)?.Status == VisitStatus.Cancelled,
        OpenFollowUp c => m.FindFollowUp(c.FollowUpId) is { } f && (f.What, f.Owner, f.DueOn) == (c.What, c.Owner, c.DueOn),
        CloseFollowUp c => m.FindFollowUp(c.FollowUpId)?.Outcome is { } outcome && Rule.SameText(outcome, c.Outcome),
        _ => false,
    };

    private static bool SamePerson(MissionDelegate a, MissionDelegate b) =>
        a.PersonId == b.PersonId || (Rule.SameText(a.Name, b.Name) && Rule.SameText(a.Organisation, b.Organisation));

    private static bool SameDetails(MissionDelegate a, MissionDelegate b) =>
        Rule.SameText(a.Name, b.Name) && Rule.SameText(a.Organisation, b.Organisation) && Rule.SameText(a.Role, b.Role) && Rule.SameText(a.Email, b.Email);

    private static IReadOnlyList<MissionEvent> Plan(PlanMission c)
    {
        Rule.RequireText(c.Title, "A mission's title");
        Rule.RequireText(c.Organiser, "A mission's organiser");
        Rule.RequireText(c.Purpose, "A mission's purpose");
        Rule.Require(c.Countries.Count > 0, RuleCodes.InputRequired, "A mission names at least one counterpart country");
        foreach (var country in c.Countries)
            Rule.Require(country is [>= 'A' and <= 'Z', >= 'A' and <= 'Z'], RuleCodes.MissionCountryInvalid,
                $"A mission's countries are two-letter ISO codes in capitals, not '{country}'");
        Rule.Require(c.EndsOn >= c.StartsOn, RuleCodes.MissionDatesInvalid, "A mission cannot end before it starts");
        Rule.Require(c.CohortId is null || c.ProgrammeId is not null, RuleCodes.MissionCohortWithoutProgramme, "A mission linked to a cohort names its programme too");
        return [new MissionPlanned(c.MissionId, c.Direction, c.Title, c.Organiser, c.Countries, c.Cities, c.Purpose, c.Sectors, c.StartsOn, c.EndsOn,
            c.ProgrammeId, c.CohortId, c.HubOfficeId, c.Now)];
    }

    private static IReadOnlyList<MissionEvent> Start(Mission.Planned m, StartMission c)
    {
        Rule.Require(m.Status == MissionStatus.Confirmed, RuleCodes.MissionNotConfirmed, "A mission gets under way only once confirmed");
        return [new MissionStarted(m.MissionId, c.Now)];
    }

    private static IReadOnlyList<MissionEvent> Complete(Mission.Planned m, CompleteMission c)
    {
        Rule.Require(m.Status == MissionStatus.UnderWay, RuleCodes.MissionNotUnderWay, "Only a mission under way can complete");
        return [new MissionCompleted(m.MissionId, c.Now)];
    }

    private static IReadOnlyList<MissionEvent> Cancel(Mission.Planned m, CancelMission c)
    {
        Rule.RequireText(c.Reason, "A cancellation's reason");
        Rule.Require(m.Status is MissionStatus.Planned or MissionStatus.Confirmed, RuleCodes.MissionAlreadyStarted,
            "A mission can be cancelled only before it gets under way");
        return [new MissionCancelled(m.MissionId, c.Reason, c.Now)];
    }

    private static void RequireOpenDelegation(Mission.Planned m) =>
        Rule.Require(m.Status is MissionStatus.Planned or MissionStatus.Confirmed, RuleCodes.MissionDelegationClosed,
            "Delegates join and leave only while the mission is planned or confirmed");

    private static IReadOnlyList<MissionEvent> Join(Mission.Planned m, JoinDelegation c)
    {
        Rule.RequireText(c.Delegate.Name, "A delegate's name");
        Rule.RequireText(c.Delegate.Organisation, "A delegate's organisation");
        Rule.RequireText(c.Delegate.Role, "A delegate's role");
        RequireOpenDelegation(m);
        Rule.Require(!m.Delegates.Any(d => SamePerson(d, c.Delegate)), RuleCodes.MissionDelegateDuplicate,
            "That person is already in the delegation, with other details");
        return [new DelegateJoined(m.MissionId, c.Delegate, c.Now)];
    }

    private static IReadOnlyList<MissionEvent> Leave(Mission.Planned m, LeaveDelegation c)
    {
        Rule.Require(m.FindDelegate(c.PersonId) is not null, RuleCodes.MissionDelegateNotFound, $"Person {c.PersonId} is not in the delegation");
        RequireOpenDelegation(m);
        return [new DelegateLeft(m.MissionId, c.PersonId, c.Now)];
    }

    private static IReadOnlyList<MissionEvent> Schedule(Mission.Planned m, ScheduleVisit c)
    {
        Rule.RequireText(c.Organisation, "A visit's organisation");
        Rule.RequireText(c.Place, "A visit's place");
        Rule.Require(m.FindVisit(c.VisitId) is null, RuleCodes.MissionVisitConflict, $"Visit {c.VisitId} was already scheduled with other details");
        Rule.Require(c.On >= m.StartsOn && c.On <= m.EndsOn, RuleCodes.MissionVisitOutsideDates,
            $"A visit falls within the mission's dates, {m.StartsOn:yyyy-MM-dd} to {m.EndsOn:yyyy-MM-dd}");
        return [new VisitScheduled(m.MissionId, c.VisitId, c.Organisation, c.Place, c.On, c.AgreementId, c.Now)];
    }

    private static Visit RequireVisit(Mission.Planned m, Guid visitId) =>
        m.FindVisit(visitId) ?? throw Rule.Broken(RuleCodes.MissionVisitNotFound, $"The mission has no visit {visitId}");

    private static IReadOnlyList<MissionEvent> Hold(Mission.Planned m, HoldVisit c)
    {
        var visit = RequireVisit(m, c.VisitId);
        Rule.Require(visit.Status != VisitStatus.Cancelled, RuleCodes.MissionVisitCancelled, "A cancelled visit cannot be held");
        Rule.Require(m.Status == MissionStatus.UnderWay, RuleCodes.MissionNotUnderWay, "A visit is held while the mission is under way");
        return [new VisitHeld(m.MissionId, c.VisitId, c.Now)];
    }

    private static IReadOnlyList<MissionEvent> CancelOne(Mission.Planned m, CancelVisit c)
    {
        var visit = RequireVisit(m, c.VisitId);
        Rule.Require(visit.Status != VisitStatus.Held, RuleCodes.MissionVisitHeld, "A visit that was held cannot be cancelled");
        return [new VisitCancelled(m.MissionId, c.VisitId, c.Now)];
    }

    private static IReadOnlyList<MissionEvent> Open(Mission.Planned m, OpenFollowUp c)
    {
        Rule.RequireText(c.What, "A follow-up's description");
        Rule.RequireText(c.Owner, "A follow-up's owner");
        Rule.Require(m.Status is MissionStatus.UnderWay or MissionStatus.Completed, RuleCodes.MissionFollowUpTooEarly,
            "Follow-ups are opened during or after the mission");
        Rule.Require(m.FindFollowUp(c.FollowUpId) is null, RuleCodes.MissionFollowUpConflict, $"Follow-up {c.FollowUpId} was already opened with other details");
        Rule.Require(c.DueOn >= m.StartsOn, RuleCodes.MissionFollowUpDueInvalid, $"A follow-up is due no earlier than the mission's start, {m.StartsOn:yyyy-MM-dd}");
        return [new FollowUpOpened(m.MissionId, c.FollowUpId, c.What, c.Owner, c.DueOn, c.Now)];
    }

    private static IReadOnlyList<MissionEvent> Close(Mission.Planned m, CloseFollowUp c)
    {
        Rule.RequireText(c.Outcome, "A follow-up's outcome");
        var followUp = m.FindFollowUp(c.FollowUpId) ?? throw Rule.Broken(RuleCodes.MissionFollowUpNotFound, $"The mission has no follow-up {c.FollowUpId}");
        Rule.Require(followUp.Outcome is null, RuleCodes.MissionFollowUpClosed, $"The follow-up was already closed: {followUp.Outcome}");
        return [new FollowUpClosed(m.MissionId, c.FollowUpId, c.Outcome, c.Now)];
    }
}
