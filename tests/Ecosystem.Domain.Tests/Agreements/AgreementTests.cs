using System.Reflection;
using Ecosystem.Domain.Agreements;

namespace Ecosystem.Domain.Tests.Agreements;

public sealed class AgreementTests : AgreementSpec
{
    static readonly Guid MissionId = new("0195d000-0000-7000-8000-0000000000a1");

    [Fact]
    public void Drafting_an_agreement_records_it() => Given().When(Draft()).Then(Drafted());

    [Fact]
    public void Drafting_an_open_ended_agreement_records_it() => Given().When(Draft(openEnded: true)).Then(Drafted(openEnded: true));

    [Fact]
    public void Drafting_the_same_agreement_again_records_nothing() => Given(Drafted()).When(Draft()).ThenNothing();

    [Fact]
    public void Drafting_a_drafted_agreement_with_other_details_is_refused() =>
        Given(Drafted()).When(Draft(title: "Other")).ThenRefused("agreement.already-drafted");

    [Fact]
    public void Drafting_without_a_title_is_refused() => Given().When(Draft(title: "")).ThenRefused("input.required");

    [Fact]
    public void Drafting_with_one_party_is_refused() => Given().When(Draft(parties: [Torino])).ThenRefused("agreement.parties-too-few");

    [Fact]
    public void Drafting_with_the_same_party_twice_is_refused() =>
        Given().When(Draft(parties: [Torino, Torino with { Organisation = " city of TORINO" }])).ThenRefused("agreement.party-duplicate");

    [Fact]
    public void Drafting_with_a_party_country_that_is_not_an_iso_code_is_refused() =>
        Given().When(Draft(parties: [Torino, Nagoya with { Country = "Japan" }])).ThenRefused("agreement.country-invalid");

    [Fact]
    public void Drafting_with_a_party_without_a_role_is_refused() =>
        Given().When(Draft(parties: [Torino, Nagoya with { Role = " " }])).ThenRefused("input.required");

    [Fact]
    public void Drafting_an_agreement_that_ends_before_it_starts_is_refused() =>
        Given().When(Draft(endsOn: StartsOn.AddDays(-1))).ThenRefused("agreement.dates-invalid");

    [Fact]
    public void Signing_before_drafting_is_refused() => Given().When(Sign()).ThenRefused("agreement.not-drafted");

    [Fact]
    public void Signing_a_draft_records_the_date_and_signatories() => Given(Drafted()).When(Sign()).Then(Signed());

    [Fact]
    public void Signing_again_with_the_same_signatories_records_nothing() => Given(InForce).When(Sign()).ThenNothing();

    [Fact]
    public void Signing_a_signed_agreement_with_other_details_is_refused() =>
        Given(InForce).When(Sign(signedOn: SignedOn.AddDays(1))).ThenRefused("agreement.already-signed");

    [Fact]
    public void Signing_without_a_signatory_for_every_party_is_refused() =>
        Given(Drafted()).When(Sign([new(TorinoSigner, "City of Torino", "Signatory T (synthetic)", "Mayor")])).ThenRefused("agreement.party-unsigned");

    [Fact]
    public void Signing_by_someone_who_is_not_a_party_is_refused() =>
        Given(Drafted()).When(Sign([.. Signatories(), new(Guid.NewGuid(), "Region of Piedmont", "Someone (synthetic)", "President")]))
            .ThenRefused("agreement.signatory-not-a-party");

    [Fact]
    public void Signing_with_a_nameless_signatory_is_refused() => Given(Drafted()).When(Sign(Signatories(torinoName: ""))).ThenRefused("input.required");

    [Fact]
    public void A_signatorys_name_is_marked_as_personal_data() =>
        Assert.Equal(["Name"], typeof(Signatory).GetProperties().Where(p => p.GetCustomAttribute<PersonalDataAttribute>() is not null).Select(p => p.Name));

    [Fact]
    public void Signing_shows_in_the_state()
    {
        var state = DraftedStateAfter(InForce);
        Assert.Equal((AgreementStatus.Signed, SignedOn, 2), (state.Status, state.SignedOn, state.Signatories.Count));
    }

    [Fact]
    public void Amending_a_signed_agreement_records_it() => Given(InForce).When(Amend()).Then(Amended());

    [Fact]
    public void Amending_a_draft_is_refused() => Given(Drafted()).When(Amend()).ThenRefused("agreement.not-signed");

    [Fact]
    public void Amending_with_a_date_before_the_signing_is_refused() =>
        Given(InForce).When(Amend(on: SignedOn.AddDays(-1))).ThenRefused("agreement.before-signing");

    [Fact]
    public void Amending_without_a_summary_is_refused() => Given(InForce).When(Amend(summary: " ")).ThenRefused("input.required");

    [Fact]
    public void The_same_amendment_twice_records_nothing() => Given([.. InForce, Amended()]).When(Amend()).ThenNothing();

    [Fact]
    public void Amending_an_expired_agreement_is_refused() => Given(HasExpired).When(Amend()).ThenRefused("agreement.expired");

    [Fact]
    public void Amending_a_renewed_agreement_records_it() =>
        Given([.. InForce, Renewed(EndsOn.AddYears(2))]).When(Amend()).Then(Amended());

    [Fact]
    public void Links_are_recorded_once()
    {
        Given(Drafted()).When(Link(LinkKind.Mission, MissionId)).Then(Linked(LinkKind.Mission, MissionId));
        Given(Drafted(), Linked(LinkKind.Mission, MissionId)).When(Link(LinkKind.Mission, MissionId)).ThenNothing();
    }

    [Fact]
    public void A_terminated_agreement_still_takes_links() =>
        Given([.. InForce, Terminated()]).When(Link(LinkKind.HubOffice, MissionId)).Then(Linked(LinkKind.HubOffice, MissionId));

    [Fact]
    public void Linking_before_drafting_is_refused() => Given().When(Link(LinkKind.Programme, MissionId)).ThenRefused("agreement.not-drafted");
}
