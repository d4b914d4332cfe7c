using Ecosystem.Domain.HubOffices;

namespace Ecosystem.Domain.Tests.HubOffices;

public sealed class HubOfficeTests : HubOfficeSpec
{
    [Fact]
    public void Approving_a_hub_office_records_it() =>
        Given().When(ApproveHub()).Then(HubApproved());

    [Fact]
    public void Approving_a_hub_office_without_a_university_is_refused() =>
        Given().When(ApproveHub(university: "")).ThenRefused("input.required");

    [Fact]
    public void Approving_the_same_hub_office_again_records_nothing() =>
        Given(HubApproved()).When(ApproveHub()).ThenNothing();

    [Fact]
    public void Approving_an_approved_hub_office_with_other_details_is_refused() =>
        Given(HubApproved()).When(ApproveHub(country: "KR")).ThenRefused("hub.already-approved");

    [Fact]
    public void Opening_a_location_before_approval_is_refused() =>
        Given().When(OpenLocation()).ThenRefused("hub.not-approved");

    [Fact]
    public void Opening_the_first_location_records_it() =>
        Given(HubApproved()).When(OpenLocation()).Then(LocationOpened());

    [Fact]
    public void Opening_the_same_location_again_records_nothing() =>
        Given(OpenInKyoto).When(OpenLocation()).ThenNothing();

    [Fact]
    public void Opening_a_second_location_is_refused() =>
        Given(OpenInKyoto).When(OpenLocation("Osaka", "Osaka University", new DateOnly(2024, 1, 10))).ThenRefused("hub.location-already-open");

    [Fact]
    public void Opening_a_location_without_a_host_is_refused() =>
        Given(HubApproved()).When(OpenLocation(host: " ")).ThenRefused("input.required");

    [Fact]
    public void Inaugurating_the_location_records_it() =>
        Given(OpenInKyoto).When(InaugurateLocation()).Then(LocationInaugurated());

    [Fact]
    public void Inaugurating_on_the_opening_day_is_accepted() =>
        Given(OpenInKyoto).When(InaugurateLocation(KyotoOpenedOn)).Then(LocationInaugurated(KyotoOpenedOn));

    [Fact]
    public void Inaugurating_before_the_opening_is_refused() =>
        Given(OpenInKyoto).When(InaugurateLocation(KyotoOpenedOn.AddDays(-1))).ThenRefused("hub.inauguration-before-opening");

    [Fact]
    public void Approving_a_hub_in_a_country_that_is_not_an_iso_code_is_refused() =>
        Given().When(new HubOfficeCommand.ApproveHub(HubId, "Politecnico di Torino", "Japan", Now, Actor)).ThenRefused("hub.country-invalid");

    [Fact]
    public void Inaugurating_without_a_location_is_refused() =>
        Given(HubApproved()).When(InaugurateLocation()).ThenRefused("hub.no-location");

    [Fact]
    public void Inaugurating_the_same_way_twice_records_nothing() =>
        Given([.. OpenInKyoto, LocationInaugurated()]).When(InaugurateLocation()).ThenNothing();

    [Fact]
    public void Inaugurating_again_with_the_venue_spelled_differently_records_nothing() =>
        Given([.. OpenInKyoto, LocationInaugurated()]).When(InaugurateLocation(venue: "  kyoto research park HALL ")).ThenNothing();

    [Fact]
    public void Inaugurating_an_inaugurated_location_again_is_refused() =>
        Given([.. OpenInKyoto, LocationInaugurated()]).When(InaugurateLocation(KyotoInauguratedOn.AddDays(1))).ThenRefused("hub.already-inaugurated");

    [Fact]
    public void Registering_a_partner_university_records_it() =>
        Given(OpenInKyoto).When(RegisterPartnerUniversity()).Then(PartnerUniversityRegistered());

    [Fact]
    public void Registering_the_same_partnership_twice_records_nothing() =>
        Given([.. OpenInKyoto, PartnerUniversityRegistered()]).When(RegisterPartnerUniversity("waseda university")).ThenNothing();

    [Fact]
    public void Registering_a_second_agreement_with_a_partner_records_it() =>
        Given([.. OpenInKyoto, PartnerUniversityRegistered("Kyoto Institute of Technology", AgreementType.Mou)])
            .When(RegisterPartnerUniversity("Kyoto Institute of Technology", AgreementType.DoubleDegree))
            .Then(PartnerUniversityRegistered("Kyoto Institute of Technology", AgreementType.DoubleDegree));

    [Fact]
    public void Registering_a_partner_without_a_name_is_refused() =>
        Given(OpenInKyoto).When(RegisterPartnerUniversity("")).ThenRefused("input.required");

    [Fact]
    public void Offering_a_service_records_it() =>
        Given(OpenInKyoto).When(OfferService()).Then(ServiceOffered());

    [Fact]
    public void Offering_an_offered_service_records_nothing() =>
        Given([.. OpenInKyoto, ServiceOffered()]).When(OfferService("Student Mobility Desk")).ThenNothing();

    [Fact]
    public void Suspending_a_hub_office_records_it() =>
        Given(OpenInKyoto).When(SuspendHub()).Then(HubSuspended());

    [Fact]
    public void Suspending_a_suspended_hub_office_records_nothing() =>
        Given([.. OpenInKyoto, HubSuspended()]).When(SuspendHub()).ThenNothing();

    [Fact]
    public void A_suspended_hub_office_refuses_everything_but_resuming_and_closing()
    {
        HubOfficeCommand[] commands =
        [
            InaugurateLocation(), RegisterPartnerUniversity(), OfferService(), Relocate(),
            OpenLocation("Osaka", "Osaka University", new DateOnly(2024, 1, 10)),
        ];
        Assert.All(commands, command => Given([.. OpenInKyoto, HubSuspended()]).When(command).ThenRefused("hub.suspended"));
    }

    [Fact]
    public void Resuming_a_suspended_hub_office_records_it_and_reopens_it()
    {
        Given([.. OpenInKyoto, HubSuspended()]).When(ResumeHub()).Then(HubResumed());
        Assert.Equal(HubStatus.Open, ApprovedStateAfter([.. OpenInKyoto, HubSuspended(), HubResumed()]).Status);
    }

    [Fact]
    public void Resuming_a_hub_office_that_is_not_suspended_records_nothing() =>
        Given(OpenInKyoto).When(ResumeHub()).ThenNothing();

    [Fact]
    public void Closing_a_hub_office_records_it() =>
        Given(OpenInKyoto).When(CloseHub()).Then(HubClosed());

    [Fact]
    public void Closing_a_suspended_hub_office_records_it() =>
        Given([.. OpenInKyoto, HubSuspended()]).When(CloseHub()).Then(HubClosed());

    [Fact]
    public void Closing_a_closed_hub_office_records_nothing() =>
        Given([.. OpenInKyoto, HubClosed()]).When(CloseHub()).ThenNothing();

    [Fact]
    public void A_closed_hub_office_accepts_nothing()
    {
        HubOfficeCommand[] commands =
        [
            ApproveHub(country: "KR"), InaugurateLocation(), RegisterPartnerUniversity(), OfferService(), Relocate(), SuspendHub(), ResumeHub(),
            OpenLocation("Osaka", "Osaka University", new DateOnly(2024, 1, 10)),
        ];
        Assert.All(commands, command => Given([.. OpenInKyoto, HubClosed()]).When(command).ThenRefused("hub.closed"));
    }
}
