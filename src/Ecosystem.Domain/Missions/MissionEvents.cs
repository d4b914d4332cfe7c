namespace Ecosystem.Domain.Missions;

public abstract record MissionEvent
{
    public abstract Guid MissionId { get; init; }

    /// <summary>
    /// A delegation is planned. <see cref="Countries"/> and <see cref="Cities"/> are the counterpart's: where an inbound
    /// delegation comes from, where an outbound one goes. The links are optional: a programme cohort (an EU Business Hub
    /// mission is a cohort) or a hub office that organises or hosts it.
    /// </summary>
    public sealed record MissionPlanned(
        Guid MissionId,
        MissionDirection Direction,
        string Title,
        string Organiser,
        ValueList<string> Countries,
        ValueList<string> Cities,
        string Purpose,
        ValueList<string> Sectors,
        DateOnly StartsOn,
        DateOnly EndsOn,
        Guid? ProgrammeId,
        Guid? CohortId,
        Guid? HubOfficeId,
        DateTimeOffset PlannedAt) : MissionEvent;

    public sealed record MissionConfirmed(Guid MissionId, DateTimeOffset ConfirmedAt) : MissionEvent;

    public sealed record MissionStarted(Guid MissionId, DateTimeOffset StartedAt) : MissionEvent;

    public sealed record MissionCompleted(Guid MissionId, DateTimeOffset CompletedAt) : MissionEvent;

    public sealed record MissionCancelled(Guid MissionId, string Reason, DateTimeOffset CancelledAt) : MissionEvent;

    public sealed record DelegateJoined(Guid MissionId, MissionDelegate Delegate, DateTimeOffset JoinedAt) : MissionEvent;

    public sealed record DelegateLeft(Guid MissionId, Guid PersonId, DateTimeOffset LeftAt) : MissionEvent;

    /// <param name="AgreementId">The agreement the visit takes place under (e.g. the twinning behind a visit to Nagoya), if any.</param>
    public sealed record VisitScheduled(
        Guid MissionId,
        Guid VisitId,
        string Organisation,
        string Place,
        DateOnly On,
        Guid? AgreementId,
        DateTimeOffset ScheduledAt) : MissionEvent;

    public sealed record VisitHeld(Guid MissionId, Guid VisitId, DateTimeOffset HeldAt) : MissionEvent;

    public sealed record VisitCancelled(Guid MissionId, Guid VisitId, DateTimeOffset CancelledAt) : MissionEvent;

    public sealed record FollowUpOpened(Guid MissionId, Guid FollowUpId, string What, string Owner, DateOnly DueOn, DateTimeOffset OpenedAt) : MissionEvent;

    public sealed record FollowUpClosed(Guid MissionId, Guid FollowUpId, string Outcome, DateTimeOffset ClosedAt) : MissionEvent;

    private MissionEvent() { }
}
