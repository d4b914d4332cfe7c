using Ecosystem.Domain.Missions;

namespace Ecosystem.Api.Missions;

/// <summary>A mission with its delegation (names and e-mails are personal data), visits and follow-ups.</summary>
public sealed record MissionView(
    Guid Id,
    MissionDirection Direction,
    string Title,
    string Organiser,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Cities,
    string Purpose,
    IReadOnlyList<string> Sectors,
    DateOnly StartsOn,
    DateOnly EndsOn,
    Guid? ProgrammeId,
    Guid? CohortId,
    Guid? HubOfficeId,
    MissionStatus Status,
    string? CancellationReason,
    IReadOnlyList<MissionDelegate> Delegates,
    IReadOnlyList<Visit> Visits,
    IReadOnlyList<FollowUp> FollowUps,
    long Version);

public static class MissionViewMapping
{
    public static MissionView ToView(this Mission.Planned m, long version) =>
        new(m.MissionId, m.Direction, m.Title, m.Organiser, m.Countries, m.Cities, m.Purpose, m.Sectors, m.StartsOn, m.EndsOn, m.ProgrammeId, m.CohortId,
            m.HubOfficeId, m.Status, m.CancellationReason, m.Delegates, m.Visits, m.FollowUps, version);
}
