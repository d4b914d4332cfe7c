using System.ComponentModel.DataAnnotations;
using Ecosystem.Domain.HubOffices;

namespace Ecosystem.Api.HubOffices;

/// <param name="University">The university the hub office belongs to; managers may act only for their organisations.</param>
/// <param name="Country">ISO 3166-1 alpha-2 code of the country the hub serves, e.g. "JP".</param>
public sealed record ApproveHubRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string University,
    [property: Required, StringLength(2), RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "country must be a two-letter ISO 3166-1 code.")] string Country);

/// <param name="City">Where the office opens, e.g. "Kyoto".</param>
/// <param name="Host">Who hosts it, e.g. "Kyoto Research Park".</param>
/// <param name="OpenedOn">The day it opened.</param>
public sealed record OpenLocationRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string City,
    [property: Required, StringLength(200, MinimumLength = 1)] string Host,
    [property: Required] DateOnly? OpenedOn);

public sealed record InaugurateLocationRequest([property: Required] DateOnly? On, [property: Required, StringLength(200, MinimumLength = 1)] string Venue);

/// <param name="University">The partner university, e.g. "Waseda University".</param>
/// <param name="Agreement">mou or double-degree.</param>
public sealed record RegisterPartnerRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string University,
    [property: Required] AgreementType? Agreement);

public sealed record OfferServiceRequest([property: Required, StringLength(200, MinimumLength = 1)] string Service);

/// <param name="ToCity">The new city; it must differ from the current one.</param>
/// <param name="Host">Who hosts the office there.</param>
/// <param name="EffectiveOn">The day the move takes effect, on or after the current location's opening.</param>
public sealed record RelocateRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string ToCity,
    [property: Required, StringLength(200, MinimumLength = 1)] string Host,
    [property: Required] DateOnly? EffectiveOn);
