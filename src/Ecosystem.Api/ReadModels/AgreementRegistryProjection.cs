using System.Text.Json;
using Ecosystem.Api.Agreements;
using Ecosystem.Api.EventStore;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain.People;
using Ecosystem.Domain.Agreements;
using static Ecosystem.Api.ReadModels.Sql;

namespace Ecosystem.Api.ReadModels;

/// <summary>
/// The agreement registry: one row per agreement, folded by the domain, with the columns the registry filters on
/// (parties, their countries, kind, status, end date) beside the whole view as JSON.
/// </summary>
public sealed class AgreementRegistryProjection(AggregateStore aggregates) : IProjection
{
    public const string ProjectionName = "agreement-registry";
    static readonly JsonSerializerOptions JsonOptions = Json.Create();
    public string Name => ProjectionName;
    public int Version => 1;
    public IReadOnlyList<string> Tables { get; } = ["agreements"];

    public string CreateTables(ProjectionTables t) => $"""
        create table {t["agreements"]} (
            agreement_id uuid primary key, kind text not null, status text not null, title text not null,
            parties text[] not null, countries text[] not null, starts_on date not null, ends_on date, view jsonb not null, version bigint not null);
        create index on {t["agreements"]} (ends_on);
        """;

    public async Task ApplyAsync(ProjectionContext c, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var erased in events.Select(e => e.Data).OfType<PersonEvent.PersonalDataErased>()) ErasePerson(c, "agreements", "view", erased.PersonId);
        var touched = events.Where(e => e.Data is AgreementEvent).GroupBy(e => e.StreamId).Select(g => (Id: g.Key, Version: g.Max(e => e.StreamVersion)));
        foreach (var (id, version) in touched)
        {
            var aggregate = await aggregates.LoadAsync(DomainRegistration.Agreements, id, upToVersion: version, ct: ct);
            if (aggregate.State is not Agreement.Drafted a) continue;
            c.Enqueue("""
                insert into {agreements} values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
                on conflict (agreement_id) do update set kind = excluded.kind, status = excluded.status, title = excluded.title,
                    parties = excluded.parties, countries = excluded.countries, starts_on = excluded.starts_on, ends_on = excluded.ends_on,
                    view = excluded.view, version = excluded.version
                """, a.AgreementId, Text(a.Kind), Text(a.Status), a.Title, a.Parties.Select(p => p.Organisation).ToArray(),
                a.Parties.Select(p => p.Country).Distinct().ToArray(), a.StartsOn, a.EndsOn, JsonSerializer.Serialize(a.ToView(aggregate.Version), JsonOptions),
                aggregate.Version);
        }
    }
}
