namespace Ecosystem.Domain.HubOffices;

public abstract record HubOfficeEvent
{
    public abstract Guid HubOfficeId { get; init; }

    public sealed record HubApproved(Guid HubOfficeId, string University, string Country, DateTimeOffset ApprovedAt) : HubOfficeEvent;

    public sealed record LocationOpened(Guid HubOfficeId, string City, string Host, DateOnly OpenedOn, DateTimeOffset OpenedAt) : HubOfficeEvent;

    public sealed record LocationInaugurated(Guid HubOfficeId, DateOnly On, string Venue, DateTimeOffset InauguratedAt) : HubOfficeEvent;

    public sealed record PartnerUniversityRegistered(Guid HubOfficeId, string University, AgreementType Agreement, DateTimeOffset RegisteredAt) : HubOfficeEvent;

    public sealed record ServiceOffered(Guid HubOfficeId, string Service, DateTimeOffset OfferedAt) : HubOfficeEvent;

    public sealed record OfficeRelocated(
        Guid HubOfficeId,
        string FromCity,
        string ToCity,
        string Host,
        DateOnly EffectiveOn,
        DateTimeOffset RelocatedAt) : HubOfficeEvent;

    public sealed record HubSuspended(Guid HubOfficeId, DateTimeOffset SuspendedAt) : HubOfficeEvent;

    public sealed record HubResumed(Guid HubOfficeId, DateTimeOffset ResumedAt) : HubOfficeEvent;

    public sealed record HubClosed(Guid HubOfficeId, DateTimeOffset ClosedAt) : HubOfficeEvent;

    private HubOfficeEvent() { }
}
