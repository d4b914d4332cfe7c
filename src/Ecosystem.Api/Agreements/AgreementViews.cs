using Ecosystem.Domain.Agreements;

namespace Ecosystem.Api.Agreements;

/// <summary>An agreement as the registry shows it: parties, scope, current term, signing (signatory names are personal data), amendments and links.</summary>
public sealed record AgreementView(
    Guid Id,
    AgreementKind Kind,
    string Title,
    IReadOnlyList<Party> Parties,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<string> Topics,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    AgreementStatus Status,
    DateOnly? SignedOn,
    IReadOnlyList<Signatory> Signatories,
    IReadOnlyList<Amendment> Amendments,
    IReadOnlyList<AgreementLink> Links,
    DateOnly? EndedOn,
    string? TerminationReason,
    long Version);

public static class AgreementViewMapping
{
    public static AgreementView ToView(this Agreement.Drafted a, long version) =>
        new(a.AgreementId, a.Kind, a.Title, a.Parties, a.Sectors, a.Topics, a.StartsOn, a.EndsOn, a.Status, a.SignedOn, a.Signatories, a.Amendments, a.Links,
            a.EndedOn, a.TerminationReason, version);
}
