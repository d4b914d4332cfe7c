namespace Ecosystem.Domain.Programmes;

public abstract record ProgrammeEvent
{
    public abstract Guid ProgrammeId { get; init; }

    public sealed record ProgrammeLaunched(
        Guid ProgrammeId,
        string Name,
        ProgrammeKind Kind,
        ValueList<string> Sectors,
        ValueList<string> TargetCountries,
        string Venue,
        string Operator,
        Eligibility? Eligibility,
        DateTimeOffset LaunchedAt) : ProgrammeEvent;

    public sealed record PartnerAdded(Guid ProgrammeId, string Organisation, string Role, DateTimeOffset AddedAt) : ProgrammeEvent;

    public sealed record CohortPlanned(
        Guid ProgrammeId,
        Guid CohortId,
        string Edition,
        int Capacity,
        DateOnly StartsOn,
        DateOnly EndsOn,
        DateTimeOffset PlannedAt) : ProgrammeEvent;

    public sealed record CohortCapacityChanged(Guid ProgrammeId, Guid CohortId, int Capacity, DateTimeOffset ChangedAt) : ProgrammeEvent;

    public sealed record CallOpened(Guid ProgrammeId, Guid CohortId, DateOnly OpensOn, DateOnly ClosesOn, DateTimeOffset OpenedAt) : ProgrammeEvent;

    public sealed record CallClosed(Guid ProgrammeId, Guid CohortId, DateTimeOffset ClosedAt) : ProgrammeEvent;

    public sealed record SeatAllocated(Guid ProgrammeId, Guid CohortId, Guid StartupId, DateTimeOffset AllocatedAt) : ProgrammeEvent;

    public sealed record SeatReleased(Guid ProgrammeId, Guid CohortId, Guid StartupId, string Reason, DateTimeOffset ReleasedAt) : ProgrammeEvent;

    public sealed record CohortStarted(Guid ProgrammeId, Guid CohortId, DateTimeOffset StartedAt) : ProgrammeEvent;

    public sealed record MilestoneSet(
        Guid ProgrammeId,
        Guid CohortId,
        Guid MilestoneId,
        string Title,
        DateOnly DueOn,
        bool Mandatory,
        DateTimeOffset SetAt) : ProgrammeEvent;

    public sealed record DemoDayHeld(Guid ProgrammeId, Guid CohortId, DateOnly On, string Venue, DateTimeOffset HeldAt) : ProgrammeEvent;

    public sealed record CohortCompleted(Guid ProgrammeId, Guid CohortId, DateTimeOffset CompletedAt) : ProgrammeEvent;

    public sealed record CohortCancelled(Guid ProgrammeId, Guid CohortId, string Reason, DateTimeOffset CancelledAt) : ProgrammeEvent;

    public sealed record ProgrammeClosed(Guid ProgrammeId, DateTimeOffset ClosedAt) : ProgrammeEvent;

    private ProgrammeEvent() { }
}
