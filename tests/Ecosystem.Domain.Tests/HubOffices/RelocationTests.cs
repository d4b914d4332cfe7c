using Ecosystem.Domain.HubOffices;

namespace Ecosystem.Domain.Tests.HubOffices;

public sealed class RelocationTests : HubOfficeSpec
{
    [Fact]
    public void Relocating_to_another_city_records_where_from_and_where_to() =>
        Given([.. OpenInKyoto, LocationInaugurated()]).When(Relocate()).Then(OfficeRelocated());

    [Theory]
    [InlineData("Kyoto")]
    [InlineData(" kyoto ")]
    public void Relocating_to_the_city_the_office_is_in_is_refused(string city) =>
        Given(OpenInKyoto).When(Relocate(city, "Kyoto University")).ThenRefused("hub.relocation-same-city");

    [Fact]
    public void Repeating_the_last_relocation_records_nothing() =>
        Given(RelocatedToTokyo).When(Relocate()).ThenNothing();

    [Fact]
    public void Relocating_within_the_city_reached_by_the_last_relocation_is_refused() =>
        Given(RelocatedToTokyo).When(Relocate("Tokyo", "Institute of Science Tokyo")).ThenRefused("hub.relocation-same-city");

    [Fact]
    public void A_relocation_is_not_repeated_by_one_that_merely_matches_the_opened_location() =>
        Given(OpenInKyoto).When(Relocate("Kyoto", KyotoHost, KyotoOpenedOn)).ThenRefused("hub.relocation-same-city");

    [Fact]
    public void Relocating_before_the_current_location_opened_is_refused() =>
        Given(OpenInKyoto).When(Relocate(effectiveOn: KyotoOpenedOn.AddDays(-1))).ThenRefused("hub.relocation-before-opening");

    [Fact]
    public void Relocating_on_the_day_the_current_location_opened_is_accepted() =>
        Given(OpenInKyoto).When(Relocate(effectiveOn: KyotoOpenedOn)).Then(OfficeRelocated(effectiveOn: KyotoOpenedOn));

    [Fact]
    public void Relocating_before_any_location_is_refused() =>
        Given(HubApproved()).When(Relocate()).ThenRefused("hub.no-location");

    [Fact]
    public void Relocating_without_a_host_is_refused() =>
        Given(OpenInKyoto).When(Relocate(host: "")).ThenRefused("input.required");

    [Fact]
    public void Relocating_a_suspended_hub_office_is_refused() =>
        Given([.. OpenInKyoto, HubSuspended()]).When(Relocate()).ThenRefused("hub.suspended");

    [Fact]
    public void Relocating_a_closed_hub_office_is_refused() =>
        Given([.. OpenInKyoto, HubClosed()]).When(Relocate()).ThenRefused("hub.closed");

    [Fact]
    public void The_new_location_is_inaugurated_on_its_own() =>
        Given(RelocatedToTokyo)
            .When(InaugurateLocation(TokyoInauguratedOn, "Italian Chamber of Commerce in Japan"))
            .Then(LocationInaugurated(TokyoInauguratedOn, "Italian Chamber of Commerce in Japan"));

    [Fact]
    public void The_new_location_cannot_be_inaugurated_before_the_move() =>
        Given(RelocatedToTokyo).When(InaugurateLocation(TokyoFrom.AddDays(-1), "ICCJ")).ThenRefused("hub.inauguration-before-opening");

    [Fact]
    public void Relocating_on_from_the_new_city_is_accepted() =>
        Given(RelocatedToTokyo)
            .When(Relocate("Osaka", "Osaka University", new DateOnly(2026, 4, 1)))
            .Then(OfficeRelocated("Tokyo", "Osaka", "Osaka University", new DateOnly(2026, 4, 1)));

    [Fact]
    public void The_Japan_hub_keeps_one_current_location_and_its_history()
    {
        var hub = ApprovedStateAfter(
        [
            .. RelocatedToTokyo, LocationInaugurated(TokyoInauguratedOn, "ICCJ"),
            PartnerUniversityRegistered("Kyoto Institute of Technology", AgreementType.DoubleDegree),
        ]);

        Assert.Equal(HubStatus.Open, hub.Status);
        Assert.Equal(new Location("Tokyo", TokyoHost, TokyoFrom, "Kyoto", new Inauguration(TokyoInauguratedOn, "ICCJ"), null), hub.CurrentLocation);
        var kyoto = Assert.Single(hub.PastLocations);
        Assert.Equal(("Kyoto", KyotoInauguratedOn, TokyoFrom), (kyoto.City, kyoto.Inauguration?.On, kyoto.LeftOn));
        Assert.Equal([new PartnerUniversity("Kyoto Institute of Technology", AgreementType.DoubleDegree)], hub.Partners);
    }
}
