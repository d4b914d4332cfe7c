using Ecosystem.Domain.HubOffices;
using Ecosystem.Domain.Tests.Support;

namespace Ecosystem.Domain.Tests.HubOffices;

public abstract class HubOfficeSpec() : DeciderSpec<HubOffice, HubOfficeEvent, HubOfficeCommand>(
    HubOfficeDecider.Initial, HubOfficeDecider.Evolve, HubOfficeDecider.Decide)
{
    protected static readonly Guid HubId = new("0195d000-0000-7000-8000-000000000001");
    protected static readonly DateTimeOffset Now = new(2025, 10, 1, 9, 0, 0, TimeSpan.FromHours(2));
    protected const string Actor = "international@polito.example";
    protected const string PoliTo = "Politecnico di Torino";
    protected const string KyotoHost = "Kyoto Research Park";
    protected const string TokyoHost = "Italian Chamber of Commerce in Japan";
    protected static readonly DateOnly KyotoOpenedOn = new(2023, 5, 15);
    protected static readonly DateOnly KyotoInauguratedOn = new(2023, 7, 11);
    protected static readonly DateOnly TokyoFrom = new(2025, 6, 1);
    protected static readonly DateOnly TokyoInauguratedOn = new(2025, 9, 29);

    protected static HubOfficeEvent HubApproved() => new HubOfficeEvent.HubApproved(HubId, PoliTo, "JP", Now);

    protected static HubOfficeEvent LocationOpened(string city = "Kyoto", string host = KyotoHost, DateOnly? openedOn = null) =>
        new HubOfficeEvent.LocationOpened(HubId, city, host, openedOn ?? KyotoOpenedOn, Now);

    protected static HubOfficeEvent LocationInaugurated(DateOnly? on = null, string venue = "Kyoto Research Park hall") =>
        new HubOfficeEvent.LocationInaugurated(HubId, on ?? KyotoInauguratedOn, venue, Now);

    protected static HubOfficeEvent PartnerUniversityRegistered(string university = "Waseda University", AgreementType agreement = AgreementType.Mou) =>
        new HubOfficeEvent.PartnerUniversityRegistered(HubId, university, agreement, Now);

    protected static HubOfficeEvent ServiceOffered(string service = "student mobility desk") => new HubOfficeEvent.ServiceOffered(HubId, service, Now);

    protected static HubOfficeEvent OfficeRelocated(string from = "Kyoto", string to = "Tokyo", string host = TokyoHost, DateOnly? effectiveOn = null) =>
        new HubOfficeEvent.OfficeRelocated(HubId, from, to, host, effectiveOn ?? TokyoFrom, Now);

    protected static HubOfficeEvent HubSuspended() => new HubOfficeEvent.HubSuspended(HubId, Now);

    protected static HubOfficeEvent HubResumed() => new HubOfficeEvent.HubResumed(HubId, Now);

    protected static HubOfficeEvent HubClosed() => new HubOfficeEvent.HubClosed(HubId, Now);

    protected static HubOfficeEvent[] OpenInKyoto => [HubApproved(), LocationOpened()];

    protected static HubOfficeEvent[] RelocatedToTokyo => [.. OpenInKyoto, LocationInaugurated(), OfficeRelocated()];

    protected static HubOfficeCommand ApproveHub(string university = PoliTo, string country = "JP") =>
        new HubOfficeCommand.ApproveHub(HubId, university, country, Now, Actor);

    protected static HubOfficeCommand OpenLocation(string city = "Kyoto", string host = KyotoHost, DateOnly? openedOn = null) =>
        new HubOfficeCommand.OpenLocation(HubId, city, host, openedOn ?? KyotoOpenedOn, Now, Actor);

    protected static HubOfficeCommand InaugurateLocation(DateOnly? on = null, string venue = "Kyoto Research Park hall") =>
        new HubOfficeCommand.InaugurateLocation(HubId, on ?? KyotoInauguratedOn, venue, Now, Actor);

    protected static HubOfficeCommand RegisterPartnerUniversity(string university = "Waseda University", AgreementType agreement = AgreementType.Mou) =>
        new HubOfficeCommand.RegisterPartnerUniversity(HubId, university, agreement, Now, Actor);

    protected static HubOfficeCommand OfferService(string service = "student mobility desk") => new HubOfficeCommand.OfferService(HubId, service, Now, Actor);

    protected static HubOfficeCommand Relocate(string to = "Tokyo", string host = TokyoHost, DateOnly? effectiveOn = null) =>
        new HubOfficeCommand.Relocate(HubId, to, host, effectiveOn ?? TokyoFrom, Now, Actor);

    protected static HubOfficeCommand SuspendHub() => new HubOfficeCommand.SuspendHub(HubId, Now, Actor);

    protected static HubOfficeCommand ResumeHub() => new HubOfficeCommand.ResumeHub(HubId, Now, Actor);

    protected static HubOfficeCommand CloseHub() => new HubOfficeCommand.CloseHub(HubId, Now, Actor);

    protected HubOffice.Approved ApprovedStateAfter(params HubOfficeEvent[] history) => Assert.IsType<HubOffice.Approved>(StateAfter(history));
}
