namespace Ecosystem.Domain.Missions;

public abstract record MissionCommand : IDomainCommand
{
    public abstract Guid MissionId { get; init; }

    public abstract DateTimeOffset Now { get; init; }

    public abstract string Actor { get; init; }

    public sealed record PlanMission(
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
        DateTimeOffset Now,
        string Actor) : MissionCommand;

    public sealed record ConfirmMission(Guid MissionId, DateTimeOffset Now, string Actor) : MissionCommand;

    public sealed record StartMission(Guid MissionId, DateTimeOffset Now, string Actor) : MissionCommand;

    public sealed record CompleteMission(Guid MissionId, DateTimeOffset Now, string Actor) : MissionCommand;

    public sealed record CancelMission(Guid MissionId, string Reason, DateTimeOffset Now, string Actor) : MissionCommand;

    public sealed record JoinDelegation(Guid MissionId, MissionDelegate Delegate, DateTimeOffset Now, string Actor) : MissionCommand;

    public sealed record LeaveDelegation(Guid MissionId, Guid PersonId, DateTimeOffset Now, string Actor) : MissionCommand;

    public sealed record ScheduleVisit(Guid MissionId, Guid VisitId, string Organisation, string Place, DateOnly On, Guid? AgreementId, DateTimeOffset Now, string Actor)
        : MissionCommand;

    public sealed record HoldVisit(Guid MissionId, Guid VisitId, DateTimeOffset Now, string Actor) : MissionCommand;

    public sealed record CancelVisit(Guid MissionId, Guid VisitId, DateTimeOffset Now, string Actor) : MissionCommand;

    public sealed record OpenFollowUp(Guid MissionId, Guid FollowUpId, string What, string Owner, DateOnly DueOn, DateTimeOffset Now, string Actor) : MissionCommand;

    public sealed record CloseFollowUp(Guid MissionId, Guid FollowUpId, string Outcome, DateTimeOffset Now, string Actor) : MissionCommand;

    private MissionCommand() { }
}
