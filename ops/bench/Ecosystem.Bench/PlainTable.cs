using System.Collections.Concurrent;
using Ecosystem.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace Ecosystem.Bench;

/// <summary>
/// The baseline of the append benchmarks: the same rows written by plain SQL into a table equivalent to es.events
/// (same columns, types, defaults, unique constraints and indexes) — but without the event store's stream
/// table, expected-version check, idempotency probe, PL/pgSQL function and NOTIFY.
/// </summary>
public static class PlainTable
{
    public const string Ddl = """
        create schema if not exists bench;
        create table bench.events (
            global_position bigint      generated always as identity primary key,
            event_id        uuid        not null unique,
            stream_id       uuid        not null,
            stream_type     text        not null,
            stream_version  bigint      not null,
            event_type      text        not null,
            data            jsonb       not null,
            metadata        jsonb       not null,
            recorded_at     timestamptz not null default now(),
            transaction_id  xid8        not null default pg_current_xact_id(),
            unique (stream_id, stream_version)
        );
        create index bench_events_transaction_order on bench.events (transaction_id, global_position);
        create index bench_events_type on bench.events (event_type, global_position);
        create index bench_events_stream_type on bench.events (stream_type, global_position);
        """;

    const string ColumnList = "event_id, stream_id, stream_type, stream_version, event_type, data, metadata";
    static readonly ConcurrentDictionary<int, string> InsertSql = new();

    static string MultiRowInsert(int rows) => InsertSql.GetOrAdd(rows, n =>
        $"insert into bench.events ({ColumnList}) values " +
        string.Join(", ", Enumerable.Range(0, n).Select(r => "(" + string.Join(", ", Enumerable.Range(1, 7).Select(c => $"${r * 7 + c}")) + ")")));

    /// <summary>One multi-row INSERT (one implicit transaction) of <paramref name="events"/> as versions firstVersion, firstVersion+1, …</summary>
    public static async Task InsertAsync(NpgsqlDataSource dataSource, EventTypeRegistry registry, Guid stream, string streamType,
        long firstVersion, IReadOnlyList<EventToAppend> events, string? extraStatement = null)
    {
        var metadata = BenchEvents.SerializeMetadata();
        var insert = new NpgsqlBatchCommand(MultiRowInsert(events.Count));
        for (var i = 0; i < events.Count; i++)
        {
            var data = events[i].Data;
            insert.Parameters.Add(new NpgsqlParameter { Value = events[i].EventId, NpgsqlDbType = NpgsqlDbType.Uuid });
            insert.Parameters.Add(new NpgsqlParameter { Value = stream, NpgsqlDbType = NpgsqlDbType.Uuid });
            insert.Parameters.Add(new NpgsqlParameter { Value = streamType, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = firstVersion + i, NpgsqlDbType = NpgsqlDbType.Bigint });
            insert.Parameters.Add(new NpgsqlParameter { Value = registry.NameOf(data.GetType()), NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = registry.Serialize(data), NpgsqlDbType = NpgsqlDbType.Jsonb });
            insert.Parameters.Add(new NpgsqlParameter { Value = metadata, NpgsqlDbType = NpgsqlDbType.Jsonb });
        }
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(insert);
        // A second statement in the same batch runs in the same implicit transaction (used by the profile).
        if (extraStatement is not null) batch.BatchCommands.Add(new NpgsqlBatchCommand(extraStatement));
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>One binary COPY (one transaction) of <paramref name="events"/> as versions firstVersion, firstVersion+1, …</summary>
    public static async Task CopyAsync(NpgsqlDataSource dataSource, EventTypeRegistry registry, Guid stream, string streamType,
        long firstVersion, IReadOnlyList<EventToAppend> events)
    {
        var metadata = BenchEvents.SerializeMetadata();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var import = await connection.BeginBinaryImportAsync($"copy bench.events ({ColumnList}) from stdin (format binary)");
        for (var i = 0; i < events.Count; i++)
        {
            var data = events[i].Data;
            await import.StartRowAsync();
            await import.WriteAsync(events[i].EventId, NpgsqlDbType.Uuid);
            await import.WriteAsync(stream, NpgsqlDbType.Uuid);
            await import.WriteAsync(streamType, NpgsqlDbType.Text);
            await import.WriteAsync(firstVersion + i, NpgsqlDbType.Bigint);
            await import.WriteAsync(registry.NameOf(data.GetType()), NpgsqlDbType.Text);
            await import.WriteAsync(registry.Serialize(data), NpgsqlDbType.Jsonb);
            await import.WriteAsync(metadata, NpgsqlDbType.Jsonb);
        }
        await import.CompleteAsync();
    }
}
