using Ecosystem.Domain.HubOffices;

namespace Ecosystem.Api.HubOffices;

/// <summary>
/// A hub office as the directory shows it: the current location (null before it opens) with its opening and
/// inauguration, and the earlier locations, oldest first, each with the day the office left.
/// </summary>
public sealed record HubOfficeView(
    Guid Id,
    string University,
    string Country,
    HubStatus Status,
    Location? CurrentLocation,
    IReadOnlyList<Location> LocationHistory,
    IReadOnlyList<PartnerUniversity> Partners,
    IReadOnlyList<string> Services,
    long Version);

public static class HubOfficeViewMapping
{
    public static HubOfficeView ToView(this HubOffice.Approved h, long version) =>
        new(h.HubOfficeId, h.University, h.Country, h.Status, h.CurrentLocation, h.PastLocations, h.Partners, h.Services, version);
}
