using System.ComponentModel.DataAnnotations;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain.Missions;

namespace Ecosystem.Api.Missions;

/// <param name="Direction">inbound (visitors to Torino) or outbound (Torino's organisations abroad).</param>
/// <param name="Title">e.g. "Nagoya delegation to Torino".</param>
/// <param name="Organiser">The organisation that runs the mission here (for an inbound delegation, its Torino host); managers may act only for their organisations.</param>
/// <param name="Countries">The counterpart's ISO country codes: where an inbound delegation comes from, where an outbound one goes.</param>
/// <param name="Cities">The counterpart's cities, e.g. ["Nagoya"].</param>
/// <param name="Purpose">Why the delegation travels.</param>
/// <param name="Sectors">Sectors the mission is about.</param>
/// <param name="StartsOn">First day.</param>
/// <param name="EndsOn">Last day, on or after the first.</param>
/// <param name="ProgrammeId">Optional programme, e.g. the EU Business Hub; required with cohortId.</param>
/// <param name="CohortId">Optional cohort of that programme (an EU Business Hub mission is a cohort).</param>
/// <param name="HubOfficeId">Optional hub office that organises or hosts the mission.</param>
public sealed record PlanMissionRequest(
    [property: Required] MissionDirection? Direction,
    [property: Required, StringLength(200, MinimumLength = 1)] string Title,
    [property: Required, StringLength(200, MinimumLength = 1)] string Organiser,
    [property: Required, MinLength(1), MaxLength(20), ItemLength(2)] string[] Countries,
    [property: MaxLength(20), ItemLength(100)] string[]? Cities,
    [property: Required, StringLength(1000, MinimumLength = 1)] string Purpose,
    [property: MaxLength(20), ItemLength(100)] string[]? Sectors,
    [property: Required] DateOnly? StartsOn,
    [property: Required] DateOnly? EndsOn,
    Guid? ProgrammeId,
    Guid? CohortId,
    Guid? HubOfficeId);

public sealed record CancelMissionRequest([property: Required, StringLength(1000, MinimumLength = 1)] string Reason);

/// <param name="Organisation">The organisation the delegate represents.</param>
/// <param name="Name">The delegate's name (personal data).</param>
/// <param name="Email">Optional e-mail (personal data).</param>
/// <param name="Role">e.g. "head of delegation".</param>
public sealed record JoinDelegationRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Organisation,
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: StringLength(254), EmailAddress] string? Email,
    [property: Required, StringLength(100, MinimumLength = 1)] string Role);

/// <param name="Organisation">Who is visited, e.g. "OGR Torino".</param>
/// <param name="Place">Where, e.g. "Torino".</param>
/// <param name="On">The day, within the mission's dates.</param>
/// <param name="AgreementId">Optional agreement the visit takes place under, e.g. the Torino–Nagoya twinning.</param>
public sealed record ScheduleVisitRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Organisation,
    [property: Required, StringLength(200, MinimumLength = 1)] string Place,
    [property: Required] DateOnly? On,
    Guid? AgreementId);

/// <param name="What">What was promised.</param>
/// <param name="Owner">The organisation or office that carries it.</param>
/// <param name="DueOn">When it is due, no earlier than the mission's start.</param>
public sealed record OpenFollowUpRequest(
    [property: Required, StringLength(1000, MinimumLength = 1)] string What,
    [property: Required, StringLength(200, MinimumLength = 1)] string Owner,
    [property: Required] DateOnly? DueOn);

public sealed record CloseFollowUpRequest([property: Required, StringLength(1000, MinimumLength = 1)] string Outcome);
