namespace Ecosystem.Domain.Agreements;

public abstract record AgreementEvent
{
    public abstract Guid AgreementId { get; init; }

    /// <param name="EndsOn">Null for an open-ended agreement (a twinning usually is).</param>
    public sealed record AgreementDrafted(
        Guid AgreementId,
        AgreementKind Kind,
        string Title,
        ValueList<Party> Parties,
        ValueList<string> Sectors,
        ValueList<string> Topics,
        DateOnly StartsOn,
        DateOnly? EndsOn,
        DateTimeOffset DraftedAt) : AgreementEvent;

    public sealed record AgreementSigned(Guid AgreementId, DateOnly SignedOn, ValueList<Signatory> Signatories, DateTimeOffset SignedAt) : AgreementEvent;

    /// <param name="NewTermStartsOn">Set when an expired agreement is renewed as a new term; null when a running one is extended.</param>
    public sealed record AgreementRenewed(Guid AgreementId, DateOnly? NewTermStartsOn, DateOnly EndsOn, DateTimeOffset RenewedAt) : AgreementEvent;

    public sealed record AgreementAmended(Guid AgreementId, string Summary, DateOnly On, DateTimeOffset AmendedAt) : AgreementEvent;

    public sealed record AgreementExpired(Guid AgreementId, DateOnly On, DateTimeOffset ExpiredAt) : AgreementEvent;

    public sealed record AgreementTerminated(Guid AgreementId, string Reason, DateOnly On, DateTimeOffset TerminatedAt) : AgreementEvent;

    /// <summary>The agreement is tied to a programme, a hub office, or a mission it gave rise to.</summary>
    public sealed record AgreementLinked(Guid AgreementId, LinkKind Kind, Guid TargetId, DateTimeOffset LinkedAt) : AgreementEvent;

    private AgreementEvent() { }
}
