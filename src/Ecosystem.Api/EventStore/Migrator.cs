using Npgsql;

namespace Ecosystem.Api.EventStore;

/// <summary>One forward step of a component's schema. Versions start at 1 and never change once released.</summary>
public sealed record Migration(int Version, string Description, string Sql);

/// <summary>
/// Applies versioned, forward-only migrations per component ("eventstore", "api", …). Each component's
/// pending steps run in one transaction under an advisory lock, so nodes starting together do not race,
/// and a second run changes nothing.
/// </summary>
public static class Migrator
{
    const string Bootstrap = """
        create schema if not exists ecosystem;
        create table if not exists ecosystem.schema_migrations (
            component   text        not null,
            version     int         not null,
            description text        not null,
            applied_at  timestamptz not null default now(),
            primary key (component, version)
        );
        """;

    /// <summary>Applies the migrations of <paramref name="component"/> not yet applied; returns how many ran.</summary>
    public static async Task<int> ApplyAsync(NpgsqlDataSource dataSource, string component, IReadOnlyList<Migration> migrations, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var command = new NpgsqlCommand("select pg_advisory_xact_lock(hashtextextended('ecosystem.migrations', 0))", connection, transaction))
            await command.ExecuteNonQueryAsync(ct);
        await using (var command = new NpgsqlCommand(Bootstrap, connection, transaction))
            await command.ExecuteNonQueryAsync(ct);

        var applied = new HashSet<int>();
        await using (var command = new NpgsqlCommand("select version from ecosystem.schema_migrations where component = $1", connection, transaction))
        {
            command.Parameters.Add(new() { Value = component });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) applied.Add(reader.GetInt32(0));
        }

        var ran = 0;
        foreach (var migration in migrations.OrderBy(m => m.Version).Where(m => !applied.Contains(m.Version)))
        {
            await using (var command = new NpgsqlCommand(migration.Sql, connection, transaction))
                await command.ExecuteNonQueryAsync(ct);
            await using (var command = new NpgsqlCommand("insert into ecosystem.schema_migrations (component, version, description) values ($1, $2, $3)", connection, transaction))
            {
                command.Parameters.Add(new() { Value = component });
                command.Parameters.Add(new() { Value = migration.Version });
                command.Parameters.Add(new() { Value = migration.Description });
                await command.ExecuteNonQueryAsync(ct);
            }
            ran++;
        }
        await transaction.CommitAsync(ct);
        if (ran > 0) await connection.ReloadTypesAsync(ct);
        return ran;
    }
}
