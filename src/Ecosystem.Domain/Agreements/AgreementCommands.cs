namespace Ecosystem.Domain.Agreements;

public abstract record AgreementCommand : IDomainCommand
{
    public abstract Guid AgreementId { get; init; }

    public abstract DateTimeOffset Now { get; init; }

    public abstract string Actor { get; init; }

    public sealed record DraftAgreement(
        Guid AgreementId,
        AgreementKind Kind,
        string Title,
        ValueList<Party> Parties,
        ValueList<string> Sectors,
        ValueList<string> Topics,
        DateOnly StartsOn,
        DateOnly? EndsOn,
        DateTimeOffset Now,
        string Actor) : AgreementCommand;

    public sealed record SignAgreement(Guid AgreementId, DateOnly SignedOn, ValueList<Signatory> Signatories, DateTimeOffset Now, string Actor) : AgreementCommand;

    /// <param name="NewTermStartsOn">Required to renew an expired agreement (a new term); leave null to extend a running one.</param>
    public sealed record RenewAgreement(Guid AgreementId, DateOnly? NewTermStartsOn, DateOnly EndsOn, DateTimeOffset Now, string Actor) : AgreementCommand;

    public sealed record AmendAgreement(Guid AgreementId, string Summary, DateOnly On, DateTimeOffset Now, string Actor) : AgreementCommand;

    /// <summary>Records that the agreement ran out: on the day after its end date or later.</summary>
    public sealed record ExpireAgreement(Guid AgreementId, DateTimeOffset Now, string Actor) : AgreementCommand;

    public sealed record TerminateAgreement(Guid AgreementId, string Reason, DateOnly On, DateTimeOffset Now, string Actor) : AgreementCommand;

    public sealed record LinkAgreement(Guid AgreementId, LinkKind Kind, Guid TargetId, DateTimeOffset Now, string Actor) : AgreementCommand;

    private AgreementCommand() { }
}
