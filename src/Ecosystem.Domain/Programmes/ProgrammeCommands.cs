namespace Ecosystem.Domain.Programmes;

public abstract record ProgrammeCommand : IDomainCommand
{
    public abstract Guid ProgrammeId { get; init; }

    public abstract DateTimeOffset Now { get; init; }

    public abstract string Actor { get; init; }

    public sealed record LaunchProgramme(
        Guid ProgrammeId,
        string Name,
        ProgrammeKind Kind,
        ValueList<string> Sectors,
        ValueList<string> TargetCountries,
        string Venue,
        string Operator,
        Eligibility? Eligibility,
        DateTimeOffset Now,
        string Actor) : ProgrammeCommand;

    public sealed record AddPartner(Guid ProgrammeId, string Organisation, string Role, DateTimeOffset Now, string Actor) : ProgrammeCommand;

    public sealed record PlanCohort(
        Guid ProgrammeId,
        Guid CohortId,
        string Edition,
        int Capacity,
        DateOnly StartsOn,
        DateOnly EndsOn,
        DateTimeOffset Now,
        string Actor) : ProgrammeCommand;

    public sealed record ChangeCohortCapacity(Guid ProgrammeId, Guid CohortId, int Capacity, DateTimeOffset Now, string Actor) : ProgrammeCommand;

    public sealed record OpenCall(Guid ProgrammeId, Guid CohortId, DateOnly OpensOn, DateOnly ClosesOn, DateTimeOffset Now, string Actor) : ProgrammeCommand;

    public sealed record CloseCall(Guid ProgrammeId, Guid CohortId, DateTimeOffset Now, string Actor) : ProgrammeCommand;

    public sealed record AllocateSeat(Guid ProgrammeId, Guid CohortId, Guid StartupId, DateTimeOffset Now, string Actor) : ProgrammeCommand;

    public sealed record ReleaseSeat(Guid ProgrammeId, Guid CohortId, Guid StartupId, string Reason, DateTimeOffset Now, string Actor) : ProgrammeCommand;

    public sealed record StartCohort(Guid ProgrammeId, Guid CohortId, DateTimeOffset Now, string Actor) : ProgrammeCommand;

    public sealed record SetMilestone(
        Guid ProgrammeId,
        Guid CohortId,
        Guid MilestoneId,
        string Title,
        DateOnly DueOn,
        bool Mandatory,
        DateTimeOffset Now,
        string Actor) : ProgrammeCommand;

    public sealed record HoldDemoDay(Guid ProgrammeId, Guid CohortId, DateOnly On, string Venue, DateTimeOffset Now, string Actor) : ProgrammeCommand;

    public sealed record CompleteCohort(Guid ProgrammeId, Guid CohortId, DateTimeOffset Now, string Actor) : ProgrammeCommand;

    public sealed record CancelCohort(Guid ProgrammeId, Guid CohortId, string Reason, DateTimeOffset Now, string Actor) : ProgrammeCommand;

    public sealed record CloseProgramme(Guid ProgrammeId, DateTimeOffset Now, string Actor) : ProgrammeCommand;

    private ProgrammeCommand() { }
}
