namespace Ecosystem.Domain.UrbanTesting;

public abstract record UrbanTestingCommand : IDomainCommand
{
    public abstract Guid UseCaseId { get; init; }

    public abstract DateTimeOffset Now { get; init; }

    public abstract string Actor { get; init; }

    /// <summary>Propose a test; the proposer is a registered startup, an organisation, or both.</summary>
    public sealed record SubmitProposal(
        Guid UseCaseId,
        Guid? ProposerStartupId,
        string? ProposerOrganisation,
        string Title,
        TestingDomain Domain,
        int Trl,
        int DurationDays,
        DateTimeOffset Now,
        string Actor) : UrbanTestingCommand;

    public sealed record AssessFeasibility(Guid UseCaseId, bool Feasible, ValueList<string> Conditions, DateTimeOffset Now, string Actor) : UrbanTestingCommand;

    public sealed record RequestAuthorisation(Guid UseCaseId, string Authority, DateTimeOffset Now, string Actor) : UrbanTestingCommand;

    public sealed record GrantAuthorisation(
        Guid UseCaseId,
        string Authority,
        DateOnly ValidFrom,
        DateOnly ValidTo,
        string Area,
        DateTimeOffset Now,
        string Actor) : UrbanTestingCommand;

    public sealed record DenyAuthorisation(Guid UseCaseId, string Authority, string Reason, DateTimeOffset Now, string Actor) : UrbanTestingCommand;

    public sealed record AssignTestSite(Guid UseCaseId, string Site, string Area, DateTimeOffset Now, string Actor) : UrbanTestingCommand;

    public sealed record StartTest(Guid UseCaseId, DateOnly On, DateTimeOffset Now, string Actor) : UrbanTestingCommand;

    public sealed record RecordKpi(Guid UseCaseId, string Name, decimal Value, string Unit, DateTimeOffset Now, string Actor) : UrbanTestingCommand;

    public sealed record SuspendTest(Guid UseCaseId, string Reason, DateTimeOffset Now, string Actor) : UrbanTestingCommand;

    public sealed record ResumeTest(Guid UseCaseId, DateTimeOffset Now, string Actor) : UrbanTestingCommand;

    public sealed record CompleteTest(Guid UseCaseId, DateOnly On, DateTimeOffset Now, string Actor) : UrbanTestingCommand;

    public sealed record SubmitResultsReport(Guid UseCaseId, int TrlAfter, string Summary, DateTimeOffset Now, string Actor) : UrbanTestingCommand;

    public sealed record AcceptReport(Guid UseCaseId, DateTimeOffset Now, string Actor) : UrbanTestingCommand;

    public sealed record AwardContribution(Guid UseCaseId, decimal Amount, DateTimeOffset Now, string Actor) : UrbanTestingCommand;

    public sealed record ProposeScaleUp(Guid UseCaseId, ScaleUpPath Path, DateTimeOffset Now, string Actor) : UrbanTestingCommand;

    public sealed record WithdrawProposal(Guid UseCaseId, string Reason, DateTimeOffset Now, string Actor) : UrbanTestingCommand;

    private UrbanTestingCommand() { }
}
