using System.Collections.Immutable;
using static Ecosystem.Domain.Agreements.AgreementEvent;

namespace Ecosystem.Domain.Agreements;

public enum AgreementKind { Twinning, Mou, CooperationProject, Hosting, DoubleDegree }

/// <summary>Drafted → Signed → Renewed → Expired | Terminated.</summary>
public enum AgreementStatus { Drafted, Signed, Renewed, Expired, Terminated }

public enum LinkKind { Programme, HubOffice, Mission }

/// <summary>A party: the organisation, its ISO country code and its role in the agreement (e.g. "host", "coordinator").</summary>
public sealed record Party(string Organisation, string Country, string Role);

/// <summary>Who signed for a party: the name is personal data, keyed by <see cref="PersonId"/>; the title is the office held.</summary>
public sealed record Signatory(Guid PersonId, string Organisation, [property: PersonalData] string Name, string Title);

public sealed record Amendment(string Summary, DateOnly On);

public sealed record AgreementLink(LinkKind Kind, Guid TargetId);

public abstract record Agreement
{
    public sealed record NotDrafted : Agreement;

    public sealed record Drafted(
        Guid AgreementId,
        AgreementKind Kind,
        string Title,
        ImmutableList<Party> Parties,
        ImmutableList<string> Sectors,
        ImmutableList<string> Topics,
        DateOnly StartsOn,
        DateOnly? EndsOn,
        AgreementStatus Status,
        DateOnly? SignedOn,
        ImmutableList<Signatory> Signatories,
        ImmutableList<Amendment> Amendments,
        ImmutableList<AgreementLink> Links,
        DateOnly? EndedOn,
        string? TerminationReason) : Agreement
    {
        public bool IsInForce => Status is AgreementStatus.Signed or AgreementStatus.Renewed;
    }

    private Agreement() { }
}

public static partial class AgreementDecider
{
    public static Agreement Initial { get; } = new Agreement.NotDrafted();

    public static Agreement Evolve(Agreement state, AgreementEvent @event) => (state, @event) switch
    {
        (Agreement.NotDrafted, AgreementDrafted e) => new Agreement.Drafted(e.AgreementId, e.Kind, e.Title, [.. e.Parties], [.. e.Sectors], [.. e.Topics],
            e.StartsOn, e.EndsOn, AgreementStatus.Drafted, null, [], [], [], null, null),
        (Agreement.Drafted a, AgreementSigned e) => a with { Status = AgreementStatus.Signed, SignedOn = e.SignedOn, Signatories = [.. e.Signatories] },
        (Agreement.Drafted a, AgreementRenewed e) => a with
        {
            Status = AgreementStatus.Renewed,
            StartsOn = e.NewTermStartsOn ?? a.StartsOn,
            EndsOn = e.EndsOn,
            EndedOn = null,
        },
        (Agreement.Drafted a, AgreementAmended e) => a with { Amendments = a.Amendments.Add(new Amendment(e.Summary, e.On)) },
        (Agreement.Drafted a, AgreementExpired e) => a with { Status = AgreementStatus.Expired, EndedOn = e.On },
        (Agreement.Drafted a, AgreementTerminated e) => a with { Status = AgreementStatus.Terminated, EndedOn = e.On, TerminationReason = e.Reason },
        (Agreement.Drafted a, AgreementLinked e) => a with { Links = a.Links.Add(new AgreementLink(e.Kind, e.TargetId)) },
        _ => state,
    };
}
