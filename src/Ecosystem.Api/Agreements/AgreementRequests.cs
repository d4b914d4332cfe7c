using System.ComponentModel.DataAnnotations;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain.Agreements;

namespace Ecosystem.Api.Agreements;

/// <param name="Kind">twinning, mou, cooperation-project, hosting or double-degree.</param>
/// <param name="Title">e.g. "Torino–Nagoya twinning".</param>
/// <param name="Parties">At least two: organisation, ISO country code, role. Managers may draft only for an organisation of theirs among the parties.</param>
/// <param name="Sectors">Sectors in scope, e.g. ["automotive","aerospace"].</param>
/// <param name="Topics">Topics in scope, e.g. ["culture","innovation"].</param>
/// <param name="StartsOn">When it takes effect.</param>
/// <param name="EndsOn">When it ends; leave out for an open-ended agreement.</param>
public sealed record DraftAgreementRequest(
    [property: Required] AgreementKind? Kind,
    [property: Required, StringLength(300, MinimumLength = 1)] string Title,
    [property: Required, MinLength(2), MaxLength(20)] PartyRequest[] Parties,
    [property: MaxLength(20), ItemLength(100)] string[]? Sectors,
    [property: MaxLength(20), ItemLength(200)] string[]? Topics,
    [property: Required] DateOnly? StartsOn,
    DateOnly? EndsOn);

public sealed record PartyRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Organisation,
    [property: Required, StringLength(2), RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "country must be a two-letter ISO 3166-1 code.")] string Country,
    [property: Required, StringLength(100, MinimumLength = 1)] string Role);

/// <param name="SignedOn">The signing date.</param>
/// <param name="Signatories">Who signed, at least one for every party (names are personal data).</param>
public sealed record SignAgreementRequest(
    [property: Required] DateOnly? SignedOn,
    [property: Required, MinLength(1), MaxLength(40)] SignatoryRequest[] Signatories);

/// <param name="Organisation">The party signed for.</param>
/// <param name="Name">The signatory's name (personal data).</param>
/// <param name="Title">The office held, e.g. "Mayor".</param>
public sealed record SignatoryRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Organisation,
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required, StringLength(200, MinimumLength = 1)] string Title);

/// <param name="EndsOn">The new end date.</param>
/// <param name="NewTermStartsOn">Only to renew an expired agreement as a new term, starting after it ended.</param>
public sealed record RenewAgreementRequest([property: Required] DateOnly? EndsOn, DateOnly? NewTermStartsOn);

public sealed record AmendAgreementRequest([property: Required, StringLength(2000, MinimumLength = 1)] string Summary, [property: Required] DateOnly? On);

public sealed record TerminateAgreementRequest([property: Required, StringLength(1000, MinimumLength = 1)] string Reason, [property: Required] DateOnly? On);

/// <param name="Kind">programme, hub-office or mission.</param>
/// <param name="TargetId">The programme, hub office or mission (e.g. a delegation the agreement gave rise to).</param>
public sealed record LinkAgreementRequest([property: Required] LinkKind? Kind, [property: Required] Guid? TargetId);
