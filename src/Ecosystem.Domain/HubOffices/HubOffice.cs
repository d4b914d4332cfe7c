using System.Collections.Immutable;
using static Ecosystem.Domain.HubOffices.HubOfficeEvent;

namespace Ecosystem.Domain.HubOffices;

public enum HubStatus { Approved, Open, Suspended, Closed }

public enum AgreementType { Mou, DoubleDegree }

public sealed record Inauguration(DateOnly On, string Venue);

/// <summary>Where the hub is hosted; <see cref="RelocatedFrom"/> is set when the hub moved here from another city.</summary>
public sealed record Location(string City, string Host, DateOnly OpenedOn, string? RelocatedFrom, Inauguration? Inauguration, DateOnly? LeftOn);

public sealed record PartnerUniversity(string University, AgreementType Agreement);

public abstract record HubOffice
{
    public sealed record NotApproved : HubOffice;

    public sealed record Approved(
        Guid HubOfficeId,
        string University,
        string Country,
        HubStatus Status,
        Location? CurrentLocation,
        ImmutableList<Location> PastLocations,
        ImmutableList<PartnerUniversity> Partners,
        ImmutableList<string> Services) : HubOffice;

    private HubOffice() { }
}

public static partial class HubOfficeDecider
{
    public static HubOffice Initial { get; } = new HubOffice.NotApproved();

    public static HubOffice Evolve(HubOffice state, HubOfficeEvent @event) => (state, @event) switch
    {
        (HubOffice.NotApproved, HubApproved e) => new HubOffice.Approved(e.HubOfficeId, e.University, e.Country, HubStatus.Approved, null, [], [], []),
        (HubOffice.Approved h, LocationOpened e) => h with
        {
            Status = HubStatus.Open,
            CurrentLocation = new Location(e.City, e.Host, e.OpenedOn, null, null, null),
        },
        (HubOffice.Approved { CurrentLocation: { } current } h, LocationInaugurated e) => h with
        {
            CurrentLocation = current with { Inauguration = new Inauguration(e.On, e.Venue) },
        },
        (HubOffice.Approved h, PartnerUniversityRegistered e) => h with { Partners = h.Partners.Add(new PartnerUniversity(e.University, e.Agreement)) },
        (HubOffice.Approved h, ServiceOffered e) => h with { Services = h.Services.Add(e.Service) },
        (HubOffice.Approved { CurrentLocation: { } current } h, OfficeRelocated e) => h with
        {
            PastLocations = h.PastLocations.Add(current with { LeftOn = e.EffectiveOn }),
            CurrentLocation = new Location(e.ToCity, e.Host, e.EffectiveOn, e.FromCity, null, null),
        },
        (HubOffice.Approved h, HubSuspended) => h with { Status = HubStatus.Suspended },
        (HubOffice.Approved h, HubResumed) => h with { Status = h.CurrentLocation is null ? HubStatus.Approved : HubStatus.Open },
        (HubOffice.Approved h, HubClosed) => h with { Status = HubStatus.Closed },
        _ => state,
    };
}
