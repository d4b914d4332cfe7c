using static Ecosystem.Domain.HubOffices.HubOfficeCommand;
using static Ecosystem.Domain.HubOffices.HubOfficeEvent;

namespace Ecosystem.Domain.HubOffices;

public static partial class HubOfficeDecider
{
    public static IReadOnlyList<HubOfficeEvent> Decide(HubOfficeCommand command, HubOffice state) => (command, state) switch
    {
        (ApproveHub c, HubOffice.NotApproved) => Approve(c),
        (_, HubOffice.NotApproved) => throw Rule.Broken(RuleCodes.HubNotApproved, "The hub office has not been approved"),
        (_, HubOffice.Approved h) when IsRepeat(command, h) => [],
        (_, HubOffice.Approved { Status: HubStatus.Closed }) => throw Rule.Broken(RuleCodes.HubClosed, "A closed hub office accepts no command"),
        (ApproveHub, HubOffice.Approved) => throw Rule.Broken(RuleCodes.HubAlreadyApproved, "The hub office was already approved with other details"),
        (CloseHub c, HubOffice.Approved h) => [new HubClosed(h.HubOfficeId, c.Now)],
        // Resuming a hub that is not suspended is a repeat, so only a suspended hub gets here.
        (ResumeHub c, HubOffice.Approved h) => [new HubResumed(h.HubOfficeId, c.Now)],
        (_, HubOffice.Approved { Status: HubStatus.Suspended }) =>
            throw Rule.Broken(RuleCodes.HubSuspended, "A suspended hub office only resumes or closes"),
        (SuspendHub c, HubOffice.Approved h) => [new HubSuspended(h.HubOfficeId, c.Now)],
        (OpenLocation c, HubOffice.Approved h) => Open(h, c),
        (InaugurateLocation c, HubOffice.Approved h) => Inaugurate(h, c),
        (RegisterPartnerUniversity c, HubOffice.Approved h) => Register(h, c),
        (OfferService c, HubOffice.Approved h) => Offer(h, c),
        (Relocate c, HubOffice.Approved h) => Move(h, c),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown hub office command"),
    };

    /// <summary>
    /// Repeating a command whose effect the hub already shows records nothing. A relocation is a repeat only when
    /// the current location came from a relocation to the same city and host on the same date; any other
    /// "relocation" to the current city is refused.
    /// </summary>
    private static bool IsRepeat(HubOfficeCommand command, HubOffice.Approved h) => command switch
    {
        ApproveHub c => (h.HubOfficeId, h.University, h.Country) == (c.HubOfficeId, c.University, c.Country),
        OpenLocation c => h.CurrentLocation is { } location && IsAt(location, c.City, c.Host, c.OpenedOn),
        InaugurateLocation c => h.CurrentLocation?.Inauguration is { } done && done.On == c.On && Rule.SameText(done.Venue, c.Venue),
        RegisterPartnerUniversity c => h.Partners.Any(p => Rule.SameText(p.University, c.University) && p.Agreement == c.Agreement),
        OfferService c => h.Services.Any(service => Rule.SameText(service, c.Service)),
        Relocate c => h.CurrentLocation is { RelocatedFrom: not null } location && IsAt(location, c.ToCity, c.Host, c.EffectiveOn),
        SuspendHub => h.Status == HubStatus.Suspended,
        ResumeHub => h.Status is HubStatus.Approved or HubStatus.Open,
        CloseHub => h.Status == HubStatus.Closed,
        _ => false,
    };

    private static bool IsAt(Location location, string city, string host, DateOnly since) =>
        Rule.SameText(location.City, city) && Rule.SameText(location.Host, host) && location.OpenedOn == since;

    private static IReadOnlyList<HubOfficeEvent> Approve(ApproveHub c)
    {
        Rule.RequireText(c.University, "A hub office's university");
        Rule.RequireText(c.Country, "A hub office's country");
        Rule.Require(c.Country is [>= 'A' and <= 'Z', >= 'A' and <= 'Z'], RuleCodes.HubCountryInvalid,
            $"A hub office's country is a two-letter ISO code in capitals, not '{c.Country}'");
        return [new HubApproved(c.HubOfficeId, c.University, c.Country, c.Now)];
    }

    private static IReadOnlyList<HubOfficeEvent> Open(HubOffice.Approved h, OpenLocation c)
    {
        Rule.RequireText(c.City, "A location's city");
        Rule.RequireText(c.Host, "A location's host");
        Rule.Require(h.CurrentLocation is null, RuleCodes.HubLocationAlreadyOpen,
            $"The hub office is already in {h.CurrentLocation?.City}; it relocates rather than opening a second location");
        return [new LocationOpened(h.HubOfficeId, c.City, c.Host, c.OpenedOn, c.Now)];
    }

    private static Location RequireLocation(HubOffice.Approved h) =>
        h.CurrentLocation ?? throw Rule.Broken(RuleCodes.HubNoLocation, "The hub office has not opened a location yet");

    private static IReadOnlyList<HubOfficeEvent> Inaugurate(HubOffice.Approved h, InaugurateLocation c)
    {
        Rule.RequireText(c.Venue, "An inauguration's venue");
        var location = RequireLocation(h);
        Rule.Require(c.On >= location.OpenedOn, RuleCodes.HubInaugurationBeforeOpening,
            $"The location in {location.City} opened on {location.OpenedOn:yyyy-MM-dd}");
        Rule.Require(location.Inauguration is null, RuleCodes.HubAlreadyInaugurated,
            $"The location in {location.City} was inaugurated on {location.Inauguration?.On:yyyy-MM-dd}");
        return [new LocationInaugurated(h.HubOfficeId, c.On, c.Venue, c.Now)];
    }

    private static IReadOnlyList<HubOfficeEvent> Register(HubOffice.Approved h, RegisterPartnerUniversity c)
    {
        Rule.RequireText(c.University, "A partner's university");
        return [new PartnerUniversityRegistered(h.HubOfficeId, c.University, c.Agreement, c.Now)];
    }

    private static IReadOnlyList<HubOfficeEvent> Offer(HubOffice.Approved h, OfferService c)
    {
        Rule.RequireText(c.Service, "A service");
        return [new ServiceOffered(h.HubOfficeId, c.Service, c.Now)];
    }

    private static IReadOnlyList<HubOfficeEvent> Move(HubOffice.Approved h, Relocate c)
    {
        Rule.RequireText(c.ToCity, "A relocation's city");
        Rule.RequireText(c.Host, "A relocation's host");
        var location = RequireLocation(h);
        Rule.Require(!Rule.SameText(location.City, c.ToCity), RuleCodes.HubRelocationSameCity, $"The hub office is already in {location.City}");
        Rule.Require(c.EffectiveOn >= location.OpenedOn, RuleCodes.HubRelocationBeforeOpening,
            $"The location in {location.City} opened on {location.OpenedOn:yyyy-MM-dd}");
        return [new OfficeRelocated(h.HubOfficeId, location.City, c.ToCity, c.Host, c.EffectiveOn, c.Now)];
    }
}
