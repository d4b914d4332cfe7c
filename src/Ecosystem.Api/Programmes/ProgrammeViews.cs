using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;

namespace Ecosystem.Api.Programmes;

public sealed record ProgrammeSummary(Guid Id, string Name, ProgrammeKind Kind, IReadOnlyList<string> Sectors, string Organisation, ProgrammeStatus Status, int Cohorts, long Version);

public sealed record ProgrammeView(
    Guid Id,
    string Name,
    ProgrammeKind Kind,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<string> TargetCountries,
    string Venue,
    string Organisation,
    Eligibility? Eligibility,
    ProgrammeStatus Status,
    IReadOnlyList<Partner> Partners,
    IReadOnlyList<CohortView> Cohorts,
    long Version);

public sealed record CohortView(
    Guid CohortId,
    string Edition,
    CohortStatus Status,
    int Capacity,
    int Allocated,
    decimal FillPct,
    DateOnly StartsOn,
    DateOnly EndsOn,
    CallWindow? Call,
    DemoDay? DemoDay,
    IReadOnlyList<Milestone> Milestones,
    RosterCounts Roster,
    IReadOnlyList<RosterEntry> Startups);

/// <summary>How many participations of a cohort are in each state (current state, not history).</summary>
public sealed record RosterCounts(int Applications, int Applied, int Shortlisted, int Waitlisted, int Admitted, int Onboarded, int Graduated, int Rejected, int Withdrawn, int Removed)
{
    public static RosterCounts Of(IEnumerable<RosterEntry> entries)
    {
        var list = entries.ToList();
        int Count(ParticipationStatus s) => list.Count(e => e.Status == s);
        return new(list.Count, Count(ParticipationStatus.Applied), Count(ParticipationStatus.Shortlisted), Count(ParticipationStatus.Waitlisted),
            Count(ParticipationStatus.Admitted), Count(ParticipationStatus.Onboarded), Count(ParticipationStatus.Graduated),
            Count(ParticipationStatus.Rejected), Count(ParticipationStatus.Withdrew), Count(ParticipationStatus.Removed));
    }
}

public sealed record RosterEntry(Guid StartupId, string Name, ParticipationStatus Status, bool HoldsSeat);

public static class ProgrammeViewMapping
{
    public static ProgrammeView ToView(this Programme.Launched p, long version, IReadOnlyList<(Guid StartupId, string Name, Participation Participation)> applicants) => new(
        p.ProgrammeId, p.Name, p.Kind, p.Sectors, p.TargetCountries, p.Venue, p.Operator, p.Eligibility, p.Status, p.Partners,
        p.Cohorts.Select(c =>
        {
            var roster = applicants.Where(a => a.Participation.CohortId == c.CohortId)
                .Select(a => new RosterEntry(a.StartupId, a.Name, a.Participation.Status, c.HoldsSeatFor(a.StartupId)))
                .OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ToList();
            return new CohortView(c.CohortId, c.Edition, c.Status, c.Capacity, c.AllocatedStartupIds.Count,
                c.Capacity == 0 ? 0 : Math.Round(100m * c.AllocatedStartupIds.Count / c.Capacity, 1),
                c.StartsOn, c.EndsOn, c.Call, c.DemoDay, c.Milestones, RosterCounts.Of(roster), roster);
        }).ToList(),
        version);

    public static ProgrammeSummary ToSummary(this Programme.Launched p, long version) =>
        new(p.ProgrammeId, p.Name, p.Kind, p.Sectors, p.Operator, p.Status, p.Cohorts.Count, version);
}
