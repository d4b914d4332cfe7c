using System.ComponentModel.DataAnnotations;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain.Programmes;

namespace Ecosystem.Api.Programmes;

/// <param name="Name">Programme name, e.g. "Takeoff Accelerator".</param>
/// <param name="Kind">accelerator or internationalisation.</param>
/// <param name="Sectors">Sectors applicants must belong to (at least one).</param>
/// <param name="TargetCountries">ISO country codes the programme targets, e.g. ["JP","KR"].</param>
/// <param name="Venue">Where it runs, e.g. "OGR Torino".</param>
/// <param name="Organisation">The operating organisation; managers may act only for their organisations.</param>
/// <param name="Eligibility">Optional eligibility rule (EU Business Hub: HQ in the EU, minimum years of operation).</param>
public sealed record LaunchProgrammeRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required] ProgrammeKind? Kind,
    [property: Required, MinLength(1), MaxLength(20), ItemLength(100)] string[] Sectors,
    [property: MaxLength(50), ItemLength(100)] string[]? TargetCountries,
    [property: Required, StringLength(200, MinimumLength = 1)] string Venue,
    [property: Required, StringLength(200, MinimumLength = 1)] string Organisation,
    EligibilityRequest? Eligibility);

public sealed record EligibilityRequest(bool HqInEu, [property: Range(0, 100)] int MinYearsSme, [property: Range(0, 100)] int MinYearsStartup);

public sealed record AddPartnerRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Organisation,
    [property: Required, StringLength(100, MinimumLength = 1)] string Role);

public sealed record PlanCohortRequest(
    [property: Required, StringLength(100, MinimumLength = 1)] string Edition,
    [property: Required, Range(1, 10_000)] int? Capacity,
    [property: Required] DateOnly? StartsOn,
    [property: Required] DateOnly? EndsOn);

public sealed record ChangeCapacityRequest([property: Required, Range(1, 10_000)] int? Capacity);

public sealed record OpenCallRequest([property: Required] DateOnly? OpensOn, [property: Required] DateOnly? ClosesOn);

public sealed record SetMilestoneRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Title,
    [property: Required] DateOnly? DueOn,
    bool Mandatory = true);

public sealed record HoldDemoDayRequest([property: Required] DateOnly? On, [property: Required, StringLength(200, MinimumLength = 1)] string Venue);

public sealed record ReasonRequest([property: Required, StringLength(500, MinimumLength = 1)] string Reason);
