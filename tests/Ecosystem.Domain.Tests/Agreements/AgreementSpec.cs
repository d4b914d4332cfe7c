using Ecosystem.Domain.Agreements;
using Ecosystem.Domain.Tests.Support;

namespace Ecosystem.Domain.Tests.Agreements;

/// <summary>A two-year cooperation project between Torino and Nagoya (IURC), as the scenario; dates (synthetic).</summary>
public abstract class AgreementSpec() : DeciderSpec<Agreement, AgreementEvent, AgreementCommand>(
    AgreementDecider.Initial, AgreementDecider.Evolve, AgreementDecider.Decide)
{
    protected static readonly Guid AgreementId = new("0195d000-0000-7000-8000-0000000000e1");
    protected static readonly Guid TorinoSigner = new("0195d000-0000-7000-8000-0000000000f1");
    protected static readonly Guid NagoyaSigner = new("0195d000-0000-7000-8000-0000000000f2");
    protected static readonly DateTimeOffset Now = new(2023, 3, 1, 9, 0, 0, TimeSpan.FromHours(1));
    protected const string Actor = "international@comune.torino.example";
    protected const string Title = "Torino–Nagoya cooperation project (IURC)";
    protected static readonly DateOnly StartsOn = new(2023, 3, 1);
    protected static readonly DateOnly EndsOn = new(2025, 2, 28);
    protected static readonly DateOnly SignedOn = new(2023, 2, 20);

    protected static readonly Party Torino = new("City of Torino", "IT", "partner");
    protected static readonly Party Nagoya = new("City of Nagoya", "JP", "partner");

    protected static DateTimeOffset After(DateOnly day) => new(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(1));

    protected static ValueList<Signatory> Signatories(string torinoName = "Signatory T (synthetic)") =>
        [new(TorinoSigner, "City of Torino", torinoName, "Mayor"), new(NagoyaSigner, "City of Nagoya", "Signatory N (synthetic)", "Mayor")];

    protected static AgreementEvent Drafted(DateOnly? endsOn = null, bool openEnded = false) =>
        new AgreementEvent.AgreementDrafted(AgreementId, AgreementKind.CooperationProject, Title, [Torino, Nagoya], ["automotive"], ["smart mobility"], StartsOn,
            openEnded ? null : endsOn ?? EndsOn, Now);

    protected static AgreementEvent Signed() => new AgreementEvent.AgreementSigned(AgreementId, SignedOn, Signatories(), Now);

    protected static AgreementEvent Renewed(DateOnly endsOn, DateOnly? newTermStartsOn = null, DateTimeOffset? at = null) =>
        new AgreementEvent.AgreementRenewed(AgreementId, newTermStartsOn, endsOn, at ?? Now);

    protected static AgreementEvent Amended(string summary = "Adds aerospace", DateOnly? on = null) =>
        new AgreementEvent.AgreementAmended(AgreementId, summary, on ?? new DateOnly(2024, 1, 15), Now);

    protected static AgreementEvent Expired(DateTimeOffset? at = null) => new AgreementEvent.AgreementExpired(AgreementId, EndsOn, at ?? After(EndsOn.AddDays(1)));

    protected static AgreementEvent Terminated(string reason = "Funding ended", DateOnly? on = null) =>
        new AgreementEvent.AgreementTerminated(AgreementId, reason, on ?? new DateOnly(2024, 6, 30), Now);

    protected static AgreementEvent Linked(LinkKind kind, Guid target) => new AgreementEvent.AgreementLinked(AgreementId, kind, target, Now);

    protected static AgreementEvent[] InForce => [Drafted(), Signed()];

    protected static AgreementEvent[] HasExpired => [Drafted(), Signed(), Expired()];

    protected static AgreementCommand Draft(string title = Title, Party[]? parties = null, DateOnly? startsOn = null, DateOnly? endsOn = null, bool openEnded = false) =>
        new AgreementCommand.DraftAgreement(AgreementId, AgreementKind.CooperationProject, title, new ValueList<Party>(parties ?? [Torino, Nagoya]), ["automotive"],
            ["smart mobility"], startsOn ?? StartsOn, openEnded ? null : endsOn ?? EndsOn, Now, Actor);

    protected static AgreementCommand Sign(ValueList<Signatory>? signatories = null, DateOnly? signedOn = null) =>
        new AgreementCommand.SignAgreement(AgreementId, signedOn ?? SignedOn, signatories ?? Signatories(), Now, Actor);

    protected static AgreementCommand Renew(DateOnly endsOn, DateOnly? newTermStartsOn = null, DateTimeOffset? now = null) =>
        new AgreementCommand.RenewAgreement(AgreementId, newTermStartsOn, endsOn, now ?? Now, Actor);

    protected static AgreementCommand Amend(string summary = "Adds aerospace", DateOnly? on = null) =>
        new AgreementCommand.AmendAgreement(AgreementId, summary, on ?? new DateOnly(2024, 1, 15), Now, Actor);

    protected static AgreementCommand Expire(DateTimeOffset now) => new AgreementCommand.ExpireAgreement(AgreementId, now, Actor);

    protected static AgreementCommand Terminate(string reason = "Funding ended", DateOnly? on = null) =>
        new AgreementCommand.TerminateAgreement(AgreementId, reason, on ?? new DateOnly(2024, 6, 30), Now, Actor);

    protected static AgreementCommand Link(LinkKind kind, Guid target) => new AgreementCommand.LinkAgreement(AgreementId, kind, target, Now, Actor);

    protected Agreement.Drafted DraftedStateAfter(params AgreementEvent[] history) => Assert.IsType<Agreement.Drafted>(StateAfter(history));
}
