using static Ecosystem.Domain.Agreements.AgreementCommand;
using static Ecosystem.Domain.Agreements.AgreementEvent;

namespace Ecosystem.Domain.Agreements;

/// <summary>
/// An agreement's rules, each with its code in <see cref="RuleCodes"/>:
/// only DraftAgreement before drafting (agreement.not-drafted) and once with the same details (agreement.already-drafted);
/// a title and at least two parties (agreement.parties-too-few), each named once (agreement.party-duplicate) with an ISO
/// country (agreement.country-invalid); dates in order (agreement.dates-invalid);
/// signed once (agreement.already-signed), by at least one signatory for every party (agreement.party-unsigned) and only
/// by parties (agreement.signatory-not-a-party); renewal, amendment, expiry and termination only after signing
/// (agreement.not-signed); a renewal moves the end date later (agreement.renewal-end-invalid); a running agreement is
/// extended, not renewed as a new term (agreement.still-running); an expired one is renewed only as a new term starting
/// after it ended (agreement.new-term-required); an expired one is neither amended nor terminated (agreement.expired);
/// amendments and termination are dated on or after the signing (agreement.before-signing); an agreement expires only
/// after its end date (agreement.not-yet-due), never when open-ended (agreement.open-ended); a terminated agreement
/// accepts nothing but links, so it cannot be renewed (agreement.terminated).
/// Links to programmes, hub offices and missions are recorded in any state once drafted.
/// Repeating a command whose effect the agreement already shows records nothing.
/// </summary>
public static partial class AgreementDecider
{
    public static IReadOnlyList<AgreementEvent> Decide(AgreementCommand command, Agreement state) => (command, state) switch
    {
        (DraftAgreement c, Agreement.NotDrafted) => Draft(c),
        (_, Agreement.NotDrafted) => throw Rule.Broken(RuleCodes.AgreementNotDrafted, "The agreement has not been drafted"),
        (_, Agreement.Drafted a) when IsRepeat(command, a) => [],
        (DraftAgreement, Agreement.Drafted) => throw Rule.Broken(RuleCodes.AgreementAlreadyDrafted, "The agreement was already drafted with other details"),
        (LinkAgreement c, Agreement.Drafted a) => [new AgreementLinked(a.AgreementId, c.Kind, c.TargetId, c.Now)],
        (_, Agreement.Drafted { Status: AgreementStatus.Terminated }) =>
            throw Rule.Broken(RuleCodes.AgreementTerminated, "A terminated agreement accepts nothing but links; it cannot be renewed"),
        (SignAgreement c, Agreement.Drafted a) => Sign(a, c),
        (_, Agreement.Drafted { Status: AgreementStatus.Drafted }) =>
            throw Rule.Broken(RuleCodes.AgreementNotSigned, "The agreement has not been signed yet"),
        (RenewAgreement c, Agreement.Drafted a) => Renew(a, c),
        (ExpireAgreement c, Agreement.Drafted a) => Expire(a, c),
        (_, Agreement.Drafted { Status: AgreementStatus.Expired }) =>
            throw Rule.Broken(RuleCodes.AgreementExpired, "An expired agreement is only renewed as a new term"),
        (AmendAgreement c, Agreement.Drafted a) => Amend(a, c),
        (TerminateAgreement c, Agreement.Drafted a) => Terminate(a, c),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown agreement command"),
    };

    private static bool IsRepeat(AgreementCommand command, Agreement.Drafted a) => command switch
    {
        DraftAgreement c => (a.AgreementId, a.Kind, a.Title, a.StartsOn, a.EndsOn) == (c.AgreementId, c.Kind, c.Title, c.StartsOn, c.EndsOn)
            && a.Status == AgreementStatus.Drafted && a.Parties.SequenceEqual(c.Parties) && a.Sectors.SequenceEqual(c.Sectors) && a.Topics.SequenceEqual(c.Topics),
        SignAgreement c => a.SignedOn == c.SignedOn && a.Signatories.Count == c.Signatories.Count
            && a.Signatories.Zip(c.Signatories).All(pair => SameSignatory(pair.First, pair.Second)),
        RenewAgreement c => a.Status == AgreementStatus.Renewed && a.EndsOn == c.EndsOn && (c.NewTermStartsOn is null || c.NewTermStartsOn == a.StartsOn),
        AmendAgreement c => a.Amendments.Any(amendment => amendment.On == c.On && Rule.SameText(amendment.Summary, c.Summary)),
        ExpireAgreement => a.Status == AgreementStatus.Expired,
        TerminateAgreement => a.Status == AgreementStatus.Terminated,
        LinkAgreement c => a.Links.Contains(new AgreementLink(c.Kind, c.TargetId)),
        _ => false,
    };

    private static bool SameSignatory(Signatory a, Signatory b) =>
        Rule.SameText(a.Organisation, b.Organisation) && Rule.SameText(a.Name, b.Name) && Rule.SameText(a.Title, b.Title);

    private static IReadOnlyList<AgreementEvent> Draft(DraftAgreement c)
    {
        Rule.RequireText(c.Title, "An agreement's title");
        Rule.Require(c.Parties.Count >= 2, RuleCodes.AgreementPartiesTooFew, "An agreement binds at least two parties");
        foreach (var party in c.Parties)
        {
            Rule.RequireText(party.Organisation, "A party's organisation");
            Rule.RequireText(party.Role, "A party's role");
            Rule.Require(party.Country is [>= 'A' and <= 'Z', >= 'A' and <= 'Z'], RuleCodes.AgreementCountryInvalid,
                $"A party's country is a two-letter ISO code in capitals, not '{party.Country}'");
        }
        Rule.Require(c.Parties.DistinctBy(p => p.Organisation.Trim().ToUpperInvariant()).Count() == c.Parties.Count, RuleCodes.AgreementPartyDuplicate,
            "Each party is named once");
        Rule.Require(c.EndsOn is null || c.EndsOn >= c.StartsOn, RuleCodes.AgreementDatesInvalid, "An agreement cannot end before it starts");
        return [new AgreementDrafted(c.AgreementId, c.Kind, c.Title, c.Parties, c.Sectors, c.Topics, c.StartsOn, c.EndsOn, c.Now)];
    }

    private static IReadOnlyList<AgreementEvent> Sign(Agreement.Drafted a, SignAgreement c)
    {
        Rule.Require(a.Status == AgreementStatus.Drafted, RuleCodes.AgreementAlreadySigned, $"The agreement was already signed on {a.SignedOn:yyyy-MM-dd}");
        foreach (var signatory in c.Signatories)
        {
            Rule.RequireText(signatory.Name, "A signatory's name");
            Rule.RequireText(signatory.Title, "A signatory's title");
            Rule.Require(a.Parties.Any(p => Rule.SameText(p.Organisation, signatory.Organisation)), RuleCodes.AgreementSignatoryNotAParty,
                $"'{signatory.Organisation}' is not a party to the agreement");
        }
        var unsigned = a.Parties.Where(p => !c.Signatories.Any(s => Rule.SameText(s.Organisation, p.Organisation))).Select(p => p.Organisation).ToList();
        Rule.Require(unsigned.Count == 0, RuleCodes.AgreementPartyUnsigned, $"Every party signs; no signatory for {string.Join(", ", unsigned)}");
        return [new AgreementSigned(a.AgreementId, c.SignedOn, c.Signatories, c.Now)];
    }

    private static IReadOnlyList<AgreementEvent> Renew(Agreement.Drafted a, RenewAgreement c)
    {
        if (a.Status == AgreementStatus.Expired)
        {
            Rule.Require(c.NewTermStartsOn is { } start && start > a.EndedOn, RuleCodes.AgreementNewTermRequired,
                $"An expired agreement is renewed only as a new term starting after {a.EndedOn:yyyy-MM-dd}");
            Rule.Require(c.EndsOn >= c.NewTermStartsOn!.Value, RuleCodes.AgreementRenewalEndInvalid, "A new term cannot end before it starts");
        }
        else
        {
            Rule.Require(c.NewTermStartsOn is null, RuleCodes.AgreementStillRunning, "A running agreement is extended, not renewed as a new term");
            Rule.Require(a.EndsOn is null ? c.EndsOn >= a.StartsOn : c.EndsOn > a.EndsOn, RuleCodes.AgreementRenewalEndInvalid,
                $"A renewal moves the end date later than {a.EndsOn ?? a.StartsOn:yyyy-MM-dd}");
        }
        return [new AgreementRenewed(a.AgreementId, c.NewTermStartsOn, c.EndsOn, c.Now)];
    }

    private static IReadOnlyList<AgreementEvent> Expire(Agreement.Drafted a, ExpireAgreement c)
    {
        var endsOn = a.EndsOn ?? throw Rule.Broken(RuleCodes.AgreementOpenEnded, "An open-ended agreement does not expire; it is terminated");
        Rule.Require(c.Date() > endsOn, RuleCodes.AgreementNotYetDue, $"The agreement runs until {endsOn:yyyy-MM-dd}");
        return [new AgreementExpired(a.AgreementId, endsOn, c.Now)];
    }

    private static IReadOnlyList<AgreementEvent> Amend(Agreement.Drafted a, AmendAgreement c)
    {
        Rule.RequireText(c.Summary, "An amendment's summary");
        Rule.Require(c.On >= a.SignedOn, RuleCodes.AgreementBeforeSigning, $"The agreement was signed on {a.SignedOn:yyyy-MM-dd}");
        return [new AgreementAmended(a.AgreementId, c.Summary, c.On, c.Now)];
    }

    private static IReadOnlyList<AgreementEvent> Terminate(Agreement.Drafted a, TerminateAgreement c)
    {
        Rule.RequireText(c.Reason, "A termination's reason");
        Rule.Require(c.On >= a.SignedOn, RuleCodes.AgreementBeforeSigning, $"The agreement was signed on {a.SignedOn:yyyy-MM-dd}");
        return [new AgreementTerminated(a.AgreementId, c.Reason, c.On, c.Now)];
    }
}
