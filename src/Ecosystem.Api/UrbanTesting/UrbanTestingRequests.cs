using System.ComponentModel.DataAnnotations;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain.UrbanTesting;

namespace Ecosystem.Api.UrbanTesting;

/// <param name="ProposerStartupId">The registered startup that proposes the test, if any.</param>
/// <param name="ProposerOrganisation">The proposing organisation, if any; a proposal names a startup, an organisation or both.</param>
/// <param name="Title">What will be tested, e.g. "BVLOS delivery drones".</param>
/// <param name="Domain">smart-road, air-mobility, industry or urban-services.</param>
/// <param name="Trl">Technology readiness level before the test (1–9).</param>
/// <param name="DurationDays">Planned length of the test in days.</param>
public sealed record SubmitProposalRequest(
    Guid? ProposerStartupId,
    [property: StringLength(200)] string? ProposerOrganisation,
    [property: Required, StringLength(200, MinimumLength = 1)] string Title,
    [property: Required] TestingDomain? Domain,
    [property: Required, Range(1, 9)] int? Trl,
    [property: Required, Range(1, 3650)] int? DurationDays);

/// <param name="Feasible">Whether the platform can host the test.</param>
/// <param name="Conditions">Conditions attached to a positive assessment, e.g. "flights only on weekdays".</param>
public sealed record AssessFeasibilityRequest([property: Required] bool? Feasible, [property: MaxLength(50), ItemLength(500)] string[]? Conditions);

/// <param name="Authority">Who must authorise the test, e.g. "ENAC" or "MIT".</param>
public sealed record RequestAuthorisationRequest([property: Required, StringLength(200, MinimumLength = 1)] string Authority);

/// <param name="Authority">The authority that was asked.</param>
/// <param name="ValidFrom">First day the authorisation is valid.</param>
/// <param name="ValidTo">Last day it is valid; the test must end by then.</param>
/// <param name="Area">The authorised area as a path, widest first, e.g. "Parco Dora"; the test site must lie inside it.</param>
public sealed record GrantAuthorisationRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Authority,
    [property: Required] DateOnly? ValidFrom,
    [property: Required] DateOnly? ValidTo,
    [property: Required, StringLength(300, MinimumLength = 1)] string Area);

public sealed record DenyAuthorisationRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Authority,
    [property: Required, StringLength(500, MinimumLength = 1)] string Reason);

/// <param name="Site">The test site's name, e.g. "DoraLab".</param>
/// <param name="Area">Where it lies as a path, widest first, e.g. "Parco Dora/DoraLab".</param>
public sealed record AssignSiteRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Site,
    [property: Required, StringLength(300, MinimumLength = 1)] string Area);

/// <param name="On">The day the test starts or ends.</param>
public sealed record TestDayRequest([property: Required] DateOnly? On);

public sealed record RecordKpiRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required] decimal? Value,
    [property: Required, StringLength(50, MinimumLength = 1)] string Unit);

/// <param name="TrlAfter">Technology readiness level reached by the test (1–9).</param>
/// <param name="Summary">The results in a few sentences.</param>
public sealed record SubmitReportRequest(
    [property: Required, Range(1, 9)] int? TrlAfter,
    [property: Required, StringLength(4000, MinimumLength = 1)] string Summary);

/// <param name="Amount">The contribution in euros.</param>
public sealed record AwardContributionRequest(
    [property: Required, Range(typeof(decimal), "0", "1000000000", MinimumIsExclusive = true)] decimal? Amount);

/// <param name="Path">procurement, replication or network.</param>
public sealed record ProposeScaleUpRequest([property: Required] ScaleUpPath? Path);
