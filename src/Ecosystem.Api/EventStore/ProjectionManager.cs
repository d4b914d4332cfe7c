using Npgsql;

namespace Ecosystem.Api.EventStore;

/// <summary>A projection's state: its live generation and any rebuild under way.</summary>
public sealed record ProjectionStatus(string Name, int Version, int ActiveGeneration, int? RebuildGeneration, long? RebuildDone, long? RebuildTotal,
    DateTimeOffset? RebuildStartedAt, string? RebuildError, DateTimeOffset? SwappedAt, bool NeedsRebuild);

/// <summary>Progress of a rebuild, reported after each batch.</summary>
public sealed record RebuildProgress(long Done, long Total);

/// <summary>
/// Creates projections' tables and views, and rebuilds them without downtime: a new generation is filled
/// from the first event while the active one keeps serving, then swapped in atomically.
/// </summary>
public sealed class ProjectionManager(EventLog log)
{
    /// <summary>Events per rebuild transaction.</summary>
    public int RebuildBatchSize { get; init; } = 2000;

    /// <summary>
    /// Makes sure the projection has tables and views. A new projection starts at generation 1 with the
    /// consumer at the start of the log. Returns true when the stored generation was built by another
    /// version of the code and needs a rebuild.
    /// </summary>
    public async Task<bool> InitialiseAsync(IProjection projection, CancellationToken ct = default)
    {
        await using var connection = await log.DataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockAsync(connection, transaction, projection.Name, ct);
        await using (var existing = new NpgsqlCommand("select version from ecosystem.projections where name = $1", connection, transaction))
        {
            existing.Parameters.Add(new() { Value = projection.Name });
            if (await existing.ExecuteScalarAsync(ct) is int version)
            {
                await transaction.CommitAsync(ct);
                return version != projection.Version;
            }
        }
        var tables = new ProjectionTables(1);
        await ExecuteAsync(connection, transaction, projection.CreateTables(tables), ct);
        await PointViewsAsync(connection, transaction, projection, tables, ct);
        await using (var insert = new NpgsqlCommand(
            "insert into ecosystem.projections (name, version, active_generation, tables) values ($1, $2, 1, $3)", connection, transaction))
        {
            insert.Parameters.Add(new() { Value = projection.Name });
            insert.Parameters.Add(new() { Value = projection.Version });
            insert.Parameters.Add(new() { Value = projection.Tables.ToArray() });
            await insert.ExecuteNonQueryAsync(ct);
        }
        // The row exists from the start so that a swap can always lock it against a live batch.
        await using (var checkpoint = new NpgsqlCommand("""
            insert into ecosystem.checkpoints (name, position) values ($1, 0)
            on conflict (name) do update set position = 0, updated_at = now()
            """, connection, transaction))
        {
            checkpoint.Parameters.Add(new() { Value = ProjectionConsumer.ConsumerName(projection.Name) });
            await checkpoint.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return false;
    }

    /// <summary>True when the stored generation was built by another version of the projection's code.</summary>
    public async Task<bool> NeedsRebuildAsync(IProjection projection, CancellationToken ct = default)
    {
        await using var command = log.DataSource.CreateCommand("select version from ecosystem.projections where name = $1");
        command.Parameters.Add(new() { Value = projection.Name });
        return await command.ExecuteScalarAsync(ct) is int version && version != projection.Version;
    }

    /// <summary>
    /// Rebuilds the projection into a new generation and swaps it in. Only one rebuild of a projection runs at
    /// a time (across nodes); a second caller waits for the first. The live consumer may keep running.
    /// </summary>
    public async Task RebuildAsync(IProjection projection, IProgress<RebuildProgress>? progress = null, CancellationToken ct = default)
    {
        await using var connection = await log.DataSource.OpenConnectionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_lock(hashtextextended('ecosystem.rebuild:' || $1, 0))", connection))
        {
            lockCommand.Parameters.Add(new() { Value = projection.Name });
            await lockCommand.ExecuteNonQueryAsync(ct);
        }
        try
        {
            await InitialiseAsync(projection, ct);
            var tables = await StartGenerationAsync(connection, projection, ct);
            long position = 0;
            long done = 0;
            var total = await CountEventsAsync(connection, ct);
            progress?.Report(new RebuildProgress(0, total));
            while (true)
            {
                var events = await log.ReadAllAsync(position, await ReadableUpToAsync(projection, ct), RebuildBatchSize, ct);
                await using var transaction = await connection.BeginTransactionAsync(ct);
                if (events.Count > 0)
                {
                    var context = new ProjectionContext(connection, transaction, tables) { tableNames = projection.Tables };
                    await projection.ApplyAsync(context, events, ct);
                    await context.FlushAsync(ct);
                    position = events[^1].Sequence;
                    done += events.Count;
                    total = Math.Max(total, done);
                    await RecordProgressAsync(connection, transaction, projection.Name, done, total, ct);
                    await transaction.CommitAsync(ct);
                    progress?.Report(new RebuildProgress(done, total));
                    continue;
                }
                if (await TrySwapAsync(connection, transaction, projection, tables, position, ct))
                {
                    await transaction.CommitAsync(ct);
                    progress?.Report(new RebuildProgress(done, done));
                    return;
                }
                await transaction.RollbackAsync(ct);
                await Task.Delay(50, ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await using var record = log.DataSource.CreateCommand("update ecosystem.projections set rebuild_error = $2, updated_at = now() where name = $1");
            record.Parameters.Add(new() { Value = projection.Name });
            record.Parameters.Add(new() { Value = $"{e.GetType().Name}: {e.Message}" });
            await record.ExecuteNonQueryAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(hashtextextended('ecosystem.rebuild:' || $1, 0))", connection);
            unlock.Parameters.Add(new() { Value = projection.Name });
            if (connection.State == System.Data.ConnectionState.Open) await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>The state of every initialised projection.</summary>
    public async Task<IReadOnlyList<ProjectionStatus>> StatusAsync(IReadOnlyCollection<IProjection> known, CancellationToken ct = default)
    {
        await using var command = log.DataSource.CreateCommand("""
            select name, version, active_generation, rebuild_generation, rebuild_done, rebuild_total, rebuild_started_at, rebuild_error, swapped_at
              from ecosystem.projections order by name
            """);
        var statuses = new List<ProjectionStatus>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var name = reader.GetString(0);
            var version = reader.GetInt32(1);
            statuses.Add(new ProjectionStatus(name, version, reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                known.FirstOrDefault(p => p.Name == name) is { } p && p.Version != version));
        }
        return statuses;
    }

    async Task<ProjectionTables> StartGenerationAsync(NpgsqlConnection connection, IProjection projection, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockAsync(connection, transaction, projection.Name, ct);
        int active, previousRebuild;
        await using (var read = new NpgsqlCommand("select active_generation, coalesce(rebuild_generation, 0) from ecosystem.projections where name = $1", connection, transaction))
        {
            read.Parameters.Add(new() { Value = projection.Name });
            await using var reader = await read.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            (active, previousRebuild) = (reader.GetInt32(0), reader.GetInt32(1));
        }
        // An abandoned rebuild's tables are dropped; the next generation number is never reused by a live one.
        if (previousRebuild > 0 && previousRebuild != active) await DropTablesAsync(connection, transaction, projection.Tables, previousRebuild, ct);
        var tables = new ProjectionTables(Math.Max(active, previousRebuild) + 1);
        await DropTablesAsync(connection, transaction, projection.Tables, tables.Generation, ct);
        await ExecuteAsync(connection, transaction, projection.CreateTables(tables), ct);
        await using (var update = new NpgsqlCommand("""
            update ecosystem.projections set rebuild_generation = $2, rebuild_version = $3, rebuild_done = 0, rebuild_total = null,
                   rebuild_started_at = now(), rebuild_error = null, updated_at = now()
             where name = $1
            """, connection, transaction))
        {
            update.Parameters.Add(new() { Value = projection.Name });
            update.Parameters.Add(new() { Value = tables.Generation });
            update.Parameters.Add(new() { Value = projection.Version });
            await update.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return tables;
    }

    /// <summary>
    /// How far a rebuild may read: the daemon's high-water mark (below it every transaction has ended), or the live
    /// consumer's checkpoint when that is further (it only ever applied committed events).
    /// </summary>
    async Task<long> ReadableUpToAsync(IProjection projection, CancellationToken ct)
    {
        await using var command = log.DataSource.CreateCommand("select coalesce((select position from ecosystem.checkpoints where name = $1), 0)");
        command.Parameters.Add(new() { Value = ProjectionConsumer.ConsumerName(projection.Name) });
        return Math.Max(await log.HighWaterMarkAsync(ct), (long)(await command.ExecuteScalarAsync(ct))!);
    }

    /// <summary>
    /// Swaps the rebuilt generation in when it has read at least as far as the live consumer. The live
    /// consumer's checkpoint row is locked first: a live page in flight holds it, so the swap waits for
    /// that page and never loses its events.
    /// </summary>
    async Task<bool> TrySwapAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IProjection projection, ProjectionTables tables, long rebuilt, CancellationToken ct)
    {
        var consumer = ProjectionConsumer.ConsumerName(projection.Name);
        var live = await ConsumerEngine.LockCheckpointAsync(connection, transaction, consumer, ct);
        if (live > rebuilt) return false;

        await ActivateAsync(connection, transaction, projection, tables, await LockActiveGenerationAsync(connection, transaction, projection, ct), ct);
        await using (var checkpoint = new NpgsqlCommand("update ecosystem.checkpoints set position = $2, updated_at = now() where name = $1", connection, transaction))
        {
            checkpoint.Parameters.Add(new() { Value = consumer });
            checkpoint.Parameters.Add(new() { Value = rebuilt });
            await checkpoint.ExecuteNonQueryAsync(ct);
        }
        // The rebuilt generation holds every event, parked ones included (the rebuild would have failed otherwise).
        await using (var unpark = new NpgsqlCommand("""
            with queued as (delete from ecosystem.parked_events where consumer = $1) delete from ecosystem.parked_streams where consumer = $1
            """, connection, transaction))
        {
            unpark.Parameters.Add(new() { Value = consumer });
            await unpark.ExecuteNonQueryAsync(ct);
        }
        return true;
    }

    static async Task<int> LockActiveGenerationAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IProjection projection, CancellationToken ct)
    {
        await using var read = new NpgsqlCommand("select active_generation from ecosystem.projections where name = $1 for update", connection, transaction);
        read.Parameters.Add(new() { Value = projection.Name });
        return (int)(await read.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Points the views at <paramref name="tables"/>, drops generation <paramref name="old"/> and records the new one as live.</summary>
    static async Task ActivateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IProjection projection, ProjectionTables tables, int old, CancellationToken ct)
    {
        await PointViewsAsync(connection, transaction, projection, tables, ct);
        await DropTablesAsync(connection, transaction, projection.Tables, old, ct);
        await using var update = new NpgsqlCommand("""
            update ecosystem.projections set active_generation = $2, version = $3, tables = $4, rebuild_generation = null, rebuild_version = null,
                   rebuild_error = null, swapped_at = now(), updated_at = now()
             where name = $1
            """, connection, transaction);
        update.Parameters.Add(new() { Value = projection.Name });
        update.Parameters.Add(new() { Value = tables.Generation });
        update.Parameters.Add(new() { Value = projection.Version });
        update.Parameters.Add(new() { Value = projection.Tables.ToArray() });
        await update.ExecuteNonQueryAsync(ct);
    }

    static async Task PointViewsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IProjection projection, ProjectionTables tables, CancellationToken ct)
    {
        foreach (var table in projection.Tables)
            await ExecuteAsync(connection, transaction, $"drop view if exists rm.{table}; create view rm.{table} as select * from {tables[table]};", ct);
    }

    static async Task DropTablesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<string> tableNames, int generation, CancellationToken ct)
    {
        var tables = new ProjectionTables(generation);
        foreach (var table in tableNames) await ExecuteAsync(connection, transaction, $"drop table if exists {tables[table]} cascade;", ct);
    }

    static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select pg_advisory_xact_lock(hashtextextended('ecosystem.projection:' || $1, 0))", connection, transaction);
        command.Parameters.Add(new() { Value = name });
        await command.ExecuteNonQueryAsync(ct);
    }

    static async Task RecordProgressAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, long done, long total, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("update ecosystem.projections set rebuild_done = $2, rebuild_total = $3, updated_at = now() where name = $1", connection, transaction);
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = done });
        command.Parameters.Add(new() { Value = total });
        await command.ExecuteNonQueryAsync(ct);
    }

    static async Task<long> CountEventsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select count(*) from mt_events", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }
}
