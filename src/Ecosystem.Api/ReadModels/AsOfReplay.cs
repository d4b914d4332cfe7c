using System.Text.RegularExpressions;
using Ecosystem.Api.EventStore;
using Npgsql;

namespace Ecosystem.Api.ReadModels;

/// <summary>Where a read runs: the live read models (the <c>rm.*</c> views), or a replay's session-private copies of them.</summary>
public sealed partial class ReadSession(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema)
{
    public NpgsqlConnection Connection => connection;
    public NpgsqlTransaction Transaction => transaction;

    /// <summary>A command on this session whose "rm.&lt;table&gt;" names point at the session's tables.</summary>
    public NpgsqlCommand Command(string sql) => new(schema == "rm" ? sql : ReadModelTable().Replace(sql, schema + "."), connection, transaction);

    [GeneratedRegex(@"\brm\.")]
    private static partial Regex ReadModelTable();
}

/// <summary>
/// Lists as of a moment (?asOf=): the read models a read needs are replayed from the first event up to that moment
/// into temporary tables on one connection, the read's own SQL runs against them, and the transaction is rolled
/// back. The same projection code and the same queries as the live read, so the answer is what the live read
/// would have said then (events in sequence order, those recorded at or before the moment, below the high-water
/// mark). It costs a replay of the log up to that moment per request: correct first; docs/BENCHMARKS.md has the rate.
/// </summary>
public sealed class AsOfReplay(NpgsqlDataSource dataSource, EventLog log, IEnumerable<IProjection> projections)
{
    const int PageSize = 1000;

    public async Task<T> ReadAsync<T>(DateTimeOffset asOf, IReadOnlyCollection<string> projectionNames, Func<ReadSession, Task<T>> read, CancellationToken ct)
    {
        var chosen = projections.Where(p => projectionNames.Contains(p.Name)).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var tables = ProjectionTables.Temporary();
        foreach (var projection in chosen)
        {
            await using var create = new NpgsqlCommand(projection.CreateTables(tables), connection, transaction);
            await create.ExecuteNonQueryAsync(ct);
        }

        var upTo = await LastSequenceAtAsync(connection, transaction, asOf, await log.HighWaterMarkAsync(ct), ct);
        for (var position = 0L; position < upTo;)
        {
            var page = await log.ReadAllAsync(position, upTo, PageSize, ct);
            if (page.Count == 0) break;
            position = page[^1].Sequence;
            var events = page.Where(e => e.RecordedAt <= asOf).ToList();
            foreach (var projection in chosen)
            {
                var context = new ProjectionContext(connection, transaction, tables) { tableNames = projection.Tables };
                await projection.ApplyAsync(context, events, ct);
                await context.FlushAsync(ct);
            }
        }

        var result = await read(new ReadSession(connection, transaction, "pg_temp"));
        await transaction.RollbackAsync(ct);
        return result;
    }

    /// <summary>The last sequence recorded at or before the moment. Lower sequences may carry later times (sequence order is not time order), so pages are filtered by time too.</summary>
    static async Task<long> LastSequenceAtAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset asOf, long highWaterMark, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select coalesce(max(seq_id), 0) from mt_events where timestamp <= $1 and seq_id <= $2", connection, transaction);
        command.Parameters.Add(new() { Value = asOf });
        command.Parameters.Add(new() { Value = highWaterMark });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
