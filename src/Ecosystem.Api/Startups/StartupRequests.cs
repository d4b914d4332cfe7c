using System.ComponentModel.DataAnnotations;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain.Startups;

namespace Ecosystem.Api.Startups;

/// <param name="Name">Company name.</param>
/// <param name="Kind">startup or sme.</param>
/// <param name="FoundedOn">Date of incorporation (eligibility counts years from it).</param>
/// <param name="HqCountry">ISO 3166-1 alpha-2 code of the headquarters, e.g. "IT".</param>
/// <param name="Sectors">The company's sectors; applications need one in common with the programme.</param>
/// <param name="Founders">Founders; their names and e-mails are personal data.</param>
public sealed record RegisterStartupRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required] StartupKind? Kind,
    [property: Required] DateOnly? FoundedOn,
    [property: Required, StringLength(2), RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "hqCountry must be a two-letter ISO 3166-1 code.")] string HqCountry,
    [property: Required, MinLength(1), MaxLength(20), ItemLength(100)] string[] Sectors,
    [property: MaxLength(20)] FounderRequest[]? Founders);

public sealed record FounderRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required, EmailAddress, StringLength(254)] string Email,
    [property: StringLength(100)] string? Role);

public sealed record ApplyRequest([property: Required] Guid? ProgrammeId, [property: Required] Guid? CohortId);

public sealed record OnboardRequest([property: Required, StringLength(200, MinimumLength = 1)] string AgreementRef);

public sealed record RecordInvestmentRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Investor,
    [property: Required, Range(typeof(decimal), "0", "1000000000000")] decimal? Amount,
    [property: Required, StringLength(3), RegularExpression("^[A-Za-z]{3}$", ErrorMessage = "currency must be a three-letter ISO 4217 code.")] string Currency,
    [property: Required] Instrument? Instrument,
    [property: Required] decimal? StakePct);
