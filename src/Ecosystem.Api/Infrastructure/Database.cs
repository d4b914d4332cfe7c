using Ecosystem.Api.EventStore;
using Marten;
using Npgsql;

namespace Ecosystem.Api.Infrastructure;

/// <summary>Applies the event store's and the API's migrations before the host starts serving.</summary>
public sealed class DatabaseMigrator(NpgsqlDataSource dataSource, IDocumentStore marten, ProjectionManager projections, IEnumerable<IProjection> readModels,
    ILogger<DatabaseMigrator> logger)
{
    /// <summary>Marten's tables, our extensions' and the API's migrations, then every read model's tables and views.</summary>
    public async Task MigrateAsync(CancellationToken ct)
    {
        await marten.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var store = await Migrator.ApplyAsync(dataSource, EcosystemMigrations.Component, EcosystemMigrations.All, ct);
        var api = await Migrator.ApplyAsync(dataSource, ApiMigrations.Component, ApiMigrations.All, ct);
        if (store + api > 0) logger.LogInformation("Applied {Count} schema migrations", store + api);
        foreach (var projection in readModels) await projections.InitialiseAsync(projection, ct);
    }
}

/// <summary>The API's own tables (API keys, and later read models), migrated like the event store's.</summary>
public static class ApiMigrations
{
    public const string Component = "api";

    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "api keys", """
            create schema if not exists api;
            create table if not exists api.api_keys (
                id            uuid        primary key,
                name          text        not null,
                role          text        not null,
                organisations text[]      not null default '{}',
                key_hash      bytea       not null unique,
                created_at    timestamptz not null default now(),
                created_by    text        not null,
                revoked_at    timestamptz
            );
            """),
        new(2, "idempotency keys", """
            create table api.idempotency_keys (
                actor        text        not null,
                key          text        not null,
                request_hash bytea       not null,
                status       int,
                headers      jsonb,
                body         bytea,
                created_at   timestamptz not null default now(),
                completed_at timestamptz,
                primary key (actor, key)
            );
            create index on api.idempotency_keys (created_at);
            """),
        new(3, "commands refused by a domain rule, for auditors", """
            create table api.rejections (
                id             bigint      generated always as identity primary key,
                at             timestamptz not null default now(),
                actor          text        not null,
                correlation_id uuid,
                method         text        not null,
                route          text        not null,
                path           text        not null,
                resource_id    uuid,
                code           text        not null,
                detail         text        not null
            );
            create index on api.rejections (code, id);
            create index on api.rejections (resource_id, id);
            """),
    ];
}
