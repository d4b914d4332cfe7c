using System.Text.Json;
using Ecosystem.Api.EventStore;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain.People;
using Ecosystem.Api.Missions;
using Ecosystem.Domain.Missions;
using static Ecosystem.Api.ReadModels.Sql;

namespace Ecosystem.Api.ReadModels;

/// <summary>
/// The mission calendar: one row per mission, folded by the domain, with the columns the calendar filters on
/// (counterpart countries, sectors, dates, direction, status, organiser) beside the whole view as JSON.
/// </summary>
public sealed class MissionCalendarProjection(AggregateStore aggregates) : IProjection
{
    public const string ProjectionName = "mission-calendar";
    static readonly JsonSerializerOptions JsonOptions = Json.Create();
    public string Name => ProjectionName;
    public int Version => 1;
    public IReadOnlyList<string> Tables { get; } = ["missions"];

    public string CreateTables(ProjectionTables t) => $"""
        create table {t["missions"]} (
            mission_id uuid primary key, direction text not null, status text not null, title text not null, organiser text not null,
            countries text[] not null, cities text[] not null, sectors text[] not null, starts_on date not null, ends_on date not null,
            delegates int not null, open_follow_ups int not null, view jsonb not null, version bigint not null);
        create index on {t["missions"]} (starts_on);
        create index on {t["missions"]} using gin (countries);
        """;

    public async Task ApplyAsync(ProjectionContext c, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var erased in events.Select(e => e.Data).OfType<PersonEvent.PersonalDataErased>()) ErasePerson(c, "missions", "view", erased.PersonId);
        var touched = events.Where(e => e.Data is MissionEvent).GroupBy(e => e.StreamId).Select(g => (Id: g.Key, Version: g.Max(e => e.StreamVersion)));
        foreach (var (id, version) in touched)
        {
            var aggregate = await aggregates.LoadAsync(DomainRegistration.Missions, id, upToVersion: version, ct: ct);
            if (aggregate.State is not Mission.Planned m) continue;
            c.Enqueue("""
                insert into {missions} values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14)
                on conflict (mission_id) do update set direction = excluded.direction, status = excluded.status, title = excluded.title,
                    organiser = excluded.organiser, countries = excluded.countries, cities = excluded.cities, sectors = excluded.sectors,
                    starts_on = excluded.starts_on, ends_on = excluded.ends_on, delegates = excluded.delegates,
                    open_follow_ups = excluded.open_follow_ups, view = excluded.view, version = excluded.version
                """, m.MissionId, Text(m.Direction), Text(m.Status), m.Title, m.Organiser, m.Countries.ToArray(), m.Cities.ToArray(), m.Sectors.ToArray(),
                m.StartsOn, m.EndsOn, m.Delegates.Count, m.FollowUps.Count(f => f.Outcome is null),
                JsonSerializer.Serialize(m.ToView(aggregate.Version), JsonOptions), aggregate.Version);
        }
    }
}
