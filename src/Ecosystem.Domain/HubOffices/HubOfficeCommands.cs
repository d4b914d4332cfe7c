namespace Ecosystem.Domain.HubOffices;

public abstract record HubOfficeCommand : IDomainCommand
{
    public abstract Guid HubOfficeId { get; init; }

    public abstract DateTimeOffset Now { get; init; }

    public abstract string Actor { get; init; }

    public sealed record ApproveHub(Guid HubOfficeId, string University, string Country, DateTimeOffset Now, string Actor) : HubOfficeCommand;

    public sealed record OpenLocation(Guid HubOfficeId, string City, string Host, DateOnly OpenedOn, DateTimeOffset Now, string Actor) : HubOfficeCommand;

    public sealed record InaugurateLocation(Guid HubOfficeId, DateOnly On, string Venue, DateTimeOffset Now, string Actor) : HubOfficeCommand;

    public sealed record RegisterPartnerUniversity(Guid HubOfficeId, string University, AgreementType Agreement, DateTimeOffset Now, string Actor)
        : HubOfficeCommand;

    public sealed record OfferService(Guid HubOfficeId, string Service, DateTimeOffset Now, string Actor) : HubOfficeCommand;

    public sealed record Relocate(Guid HubOfficeId, string ToCity, string Host, DateOnly EffectiveOn, DateTimeOffset Now, string Actor) : HubOfficeCommand;

    public sealed record SuspendHub(Guid HubOfficeId, DateTimeOffset Now, string Actor) : HubOfficeCommand;

    public sealed record ResumeHub(Guid HubOfficeId, DateTimeOffset Now, string Actor) : HubOfficeCommand;

    public sealed record CloseHub(Guid HubOfficeId, DateTimeOffset Now, string Actor) : HubOfficeCommand;

    private HubOfficeCommand() { }
}
