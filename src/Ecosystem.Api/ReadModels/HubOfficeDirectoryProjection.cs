using System.Text.Json;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain.HubOffices;
using Ecosystem.Api.EventStore;
using static Ecosystem.Api.ReadModels.Sql;

namespace Ecosystem.Api.ReadModels;

/// <summary>The hub office directory: one row per hub with its current location, partners and location history, folded by the domain.</summary>
public sealed class HubOfficeDirectoryProjection(AggregateStore aggregates) : IProjection
{
    public const string ProjectionName = "hub-office-directory";
    static readonly JsonSerializerOptions JsonOptions = Json.Create();
    public string Name => ProjectionName;
    public int Version => 1;
    public IReadOnlyList<string> Tables { get; } = ["hub_offices"];

    public string CreateTables(ProjectionTables t) => $"""
        create table {t["hub_offices"]} (
            hub_office_id uuid primary key, university text not null, country text not null, status text not null,
            current_city text, current_host text, opened_on date, inaugurated_on date,
            current_location jsonb, past_locations jsonb not null, partners jsonb not null, services text[] not null, version bigint not null);
        create index on {t["hub_offices"]} (lower(university));
        create index on {t["hub_offices"]} (country);
        """;

    public async Task ApplyAsync(ProjectionContext c, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        var touched = events.Where(e => e.Data is HubOfficeEvent).GroupBy(e => e.StreamId).Select(g => (Id: g.Key, Version: g.Max(e => e.StreamVersion)));
        foreach (var (id, version) in touched)
        {
            var aggregate = await aggregates.LoadAsync(DomainRegistration.HubOffices, id, upToVersion: version, ct: ct);
            if (aggregate.State is not HubOffice.Approved h) continue;
            var current = h.CurrentLocation;
            c.Enqueue("""
                insert into {hub_offices} values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11::jsonb, $12, $13)
                on conflict (hub_office_id) do update set university = excluded.university, country = excluded.country, status = excluded.status,
                    current_city = excluded.current_city, current_host = excluded.current_host, opened_on = excluded.opened_on,
                    inaugurated_on = excluded.inaugurated_on, current_location = excluded.current_location, past_locations = excluded.past_locations,
                    partners = excluded.partners, services = excluded.services, version = excluded.version
                """, h.HubOfficeId, h.University, h.Country, Text(h.Status), current?.City, current?.Host, current?.OpenedOn, current?.Inauguration?.On,
                current is null ? null : JsonSerializer.Serialize(current, JsonOptions), JsonSerializer.Serialize(h.PastLocations, JsonOptions),
                JsonSerializer.Serialize(h.Partners, JsonOptions), h.Services.ToArray(), aggregate.Version);
        }
    }
}
