using System.Collections.Concurrent;
using Ecosystem.Api.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace Ecosystem.Bench;

/// <summary>
/// The baseline of the append benchmarks ("raw Npgsql"): the same rows written by plain SQL into a table with the
/// columns of Marten's mt_events (body, type names, metadata columns, server timestamp, the unique stream version) —
/// but without Marten's stream table, its expected-version check, its sequence function and the inline document.
/// </summary>
public static class PlainTable
{
    public const string Ddl = """
        create schema if not exists bench;
        create table bench.events (
            seq_id         bigint       generated always as identity primary key,
            id             uuid         not null,
            stream_id      uuid         not null,
            version        bigint       not null,
            data           jsonb        not null,
            type           varchar(500) not null,
            timestamp      timestamptz  not null default now(),
            tenant_id      varchar      not null default '*DEFAULT*',
            mt_dotnet_type varchar,
            correlation_id varchar,
            causation_id   varchar,
            headers        jsonb,
            user_name      varchar,
            is_archived    bool         not null default false,
            unique (stream_id, version)
        );
        """;

    const string ColumnList = "id, stream_id, version, data, type, mt_dotnet_type, correlation_id, causation_id, headers, user_name";
    const int Columns = 10;
    static readonly ConcurrentDictionary<int, string> InsertSql = new();

    static string MultiRowInsert(int rows) => InsertSql.GetOrAdd(rows, n =>
        $"insert into bench.events ({ColumnList}) values " +
        string.Join(", ", Enumerable.Range(0, n).Select(r => "(" + string.Join(", ", Enumerable.Range(1, Columns).Select(c => $"${r * Columns + c}")) + ")")));

    /// <summary>One multi-row INSERT (one implicit transaction) of <paramref name="events"/> as versions firstVersion, firstVersion+1, …</summary>
    public static async Task InsertAsync(NpgsqlDataSource dataSource, Guid stream, long firstVersion, IReadOnlyList<object> events, EventMetadata metadata)
    {
        var headers = BenchEvents.Headers(metadata);
        await using var command = dataSource.CreateCommand(MultiRowInsert(events.Count));
        for (var i = 0; i < events.Count; i++)
        {
            var data = events[i];
            command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7(), NpgsqlDbType = NpgsqlDbType.Uuid });
            command.Parameters.Add(new NpgsqlParameter { Value = stream, NpgsqlDbType = NpgsqlDbType.Uuid });
            command.Parameters.Add(new NpgsqlParameter { Value = firstVersion + i, NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter { Value = BenchEvents.Serialize(data), NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter { Value = BenchEvents.NameOf(data.GetType()), NpgsqlDbType = NpgsqlDbType.Varchar });
            command.Parameters.Add(new NpgsqlParameter { Value = BenchEvents.DotnetTypeOf(data.GetType()), NpgsqlDbType = NpgsqlDbType.Varchar });
            command.Parameters.Add(new NpgsqlParameter { Value = metadata.CorrelationId.ToString(), NpgsqlDbType = NpgsqlDbType.Varchar });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)metadata.CausationId?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
            command.Parameters.Add(new NpgsqlParameter { Value = headers, NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter { Value = metadata.Actor, NpgsqlDbType = NpgsqlDbType.Varchar });
        }
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>One binary COPY (one transaction) of <paramref name="events"/> as versions firstVersion, firstVersion+1, …</summary>
    public static async Task CopyAsync(NpgsqlDataSource dataSource, Guid stream, long firstVersion, IReadOnlyList<object> events, EventMetadata metadata)
    {
        var headers = BenchEvents.Headers(metadata);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var import = await connection.BeginBinaryImportAsync($"copy bench.events ({ColumnList}) from stdin (format binary)");
        for (var i = 0; i < events.Count; i++)
        {
            var data = events[i];
            await import.StartRowAsync();
            await import.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
            await import.WriteAsync(stream, NpgsqlDbType.Uuid);
            await import.WriteAsync(firstVersion + i, NpgsqlDbType.Bigint);
            await import.WriteAsync(BenchEvents.Serialize(data), NpgsqlDbType.Jsonb);
            await import.WriteAsync(BenchEvents.NameOf(data.GetType()), NpgsqlDbType.Varchar);
            await import.WriteAsync(BenchEvents.DotnetTypeOf(data.GetType()), NpgsqlDbType.Varchar);
            await import.WriteAsync(metadata.CorrelationId.ToString(), NpgsqlDbType.Varchar);
            if (metadata.CausationId is { } causation) await import.WriteAsync(causation.ToString(), NpgsqlDbType.Varchar);
            else await import.WriteNullAsync();
            await import.WriteAsync(headers, NpgsqlDbType.Jsonb);
            await import.WriteAsync(metadata.Actor, NpgsqlDbType.Varchar);
        }
        await import.CompleteAsync();
    }
}
