using System.Collections.Immutable;
using static Ecosystem.Domain.Missions.MissionEvent;

namespace Ecosystem.Domain.Missions;

/// <summary>Inbound: visitors to Torino. Outbound: Torino's organisations abroad.</summary>
public enum MissionDirection { Inbound, Outbound }

/// <summary>Planned → Confirmed → UnderWay → Completed; Cancelled before it starts.</summary>
public enum MissionStatus { Planned, Confirmed, UnderWay, Completed, Cancelled }

public enum VisitStatus { Scheduled, Held, Cancelled }

/// <summary>A member of the delegation: the person's name and e-mail are personal data, keyed by <see cref="PersonId"/>.</summary>
public sealed record MissionDelegate(
    Guid PersonId,
    string Organisation,
    [property: PersonalData] string Name,
    [property: PersonalData] string? Email,
    string Role);

public sealed record Visit(Guid VisitId, string Organisation, string Place, DateOnly On, Guid? AgreementId, VisitStatus Status);

/// <summary>Something promised during or after the mission; <see cref="Owner"/> is the organisation or office that carries it.</summary>
public sealed record FollowUp(Guid FollowUpId, string What, string Owner, DateOnly DueOn, string? Outcome);

public abstract record Mission
{
    public sealed record NotPlanned : Mission;

    public sealed record Planned(
        Guid MissionId,
        MissionDirection Direction,
        string Title,
        string Organiser,
        ImmutableList<string> Countries,
        ImmutableList<string> Cities,
        string Purpose,
        ImmutableList<string> Sectors,
        DateOnly StartsOn,
        DateOnly EndsOn,
        Guid? ProgrammeId,
        Guid? CohortId,
        Guid? HubOfficeId,
        MissionStatus Status,
        string? CancellationReason,
        ImmutableList<MissionDelegate> Delegates,
        ImmutableList<Guid> FormerDelegates,
        ImmutableList<Visit> Visits,
        ImmutableList<FollowUp> FollowUps) : Mission
    {
        public MissionDelegate? FindDelegate(Guid personId) => Delegates.Find(d => d.PersonId == personId);

        public Visit? FindVisit(Guid visitId) => Visits.Find(v => v.VisitId == visitId);

        public FollowUp? FindFollowUp(Guid followUpId) => FollowUps.Find(f => f.FollowUpId == followUpId);
    }

    private Mission() { }
}

public static partial class MissionDecider
{
    public static Mission Initial { get; } = new Mission.NotPlanned();

    public static Mission Evolve(Mission state, MissionEvent @event) => (state, @event) switch
    {
        (Mission.NotPlanned, MissionPlanned e) => new Mission.Planned(e.MissionId, e.Direction, e.Title, e.Organiser, [.. e.Countries], [.. e.Cities],
            e.Purpose, [.. e.Sectors], e.StartsOn, e.EndsOn, e.ProgrammeId, e.CohortId, e.HubOfficeId, MissionStatus.Planned, null, [], [], [], []),
        (Mission.Planned m, MissionConfirmed) => m with { Status = MissionStatus.Confirmed },
        (Mission.Planned m, MissionStarted) => m with { Status = MissionStatus.UnderWay },
        (Mission.Planned m, MissionCompleted) => m with { Status = MissionStatus.Completed },
        (Mission.Planned m, MissionCancelled e) => m with { Status = MissionStatus.Cancelled, CancellationReason = e.Reason },
        (Mission.Planned m, DelegateJoined e) => m with
        {
            Delegates = m.Delegates.Add(e.Delegate),
            FormerDelegates = m.FormerDelegates.Remove(e.Delegate.PersonId),
        },
        (Mission.Planned m, DelegateLeft e) => m with
        {
            Delegates = m.Delegates.RemoveAll(d => d.PersonId == e.PersonId),
            FormerDelegates = m.FormerDelegates.Add(e.PersonId),
        },
        (Mission.Planned m, VisitScheduled e) => m with
        {
            Visits = m.Visits.Add(new Visit(e.VisitId, e.Organisation, e.Place, e.On, e.AgreementId, VisitStatus.Scheduled)),
        },
        (Mission.Planned m, VisitHeld e) => m with { Visits = WithVisitStatus(m, e.VisitId, VisitStatus.Held) },
        (Mission.Planned m, VisitCancelled e) => m with { Visits = WithVisitStatus(m, e.VisitId, VisitStatus.Cancelled) },
        (Mission.Planned m, FollowUpOpened e) => m with { FollowUps = m.FollowUps.Add(new FollowUp(e.FollowUpId, e.What, e.Owner, e.DueOn, null)) },
        (Mission.Planned m, FollowUpClosed e) => m with
        {
            FollowUps = m.FollowUps.Select(f => f.FollowUpId == e.FollowUpId ? f with { Outcome = e.Outcome } : f).ToImmutableList(),
        },
        _ => state,
    };

    private static ImmutableList<Visit> WithVisitStatus(Mission.Planned m, Guid visitId, VisitStatus status) =>
        m.Visits.Select(v => v.VisitId == visitId ? v with { Status = status } : v).ToImmutableList();
}
