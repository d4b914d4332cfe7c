using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Ecosystem.EventStore;

/// <summary>
/// Appends and reads events in PostgreSQL. Every append of a batch is one round trip; a multi-stream
/// append is atomic. Global reads are gap-free under concurrent writers (see ReadAllAsync).
/// </summary>
public sealed class PostgresEventStore(NpgsqlDataSource dataSource, EventTypeRegistry registry)
{
    static readonly JsonSerializerOptions MetadataJson = new(JsonSerializerDefaults.Web);

    const string Columns =
        "global_position, transaction_id, event_id, stream_id, stream_type, stream_version, event_type, data::text, metadata::text, recorded_at";

    /// <summary>
    /// The data source for appends and reads. These leave no session state behind, so it may skip the pool's
    /// reset (<c>No Reset On Close</c>): the reset discards the server's cached plans, and re-planning the append
    /// function on every call more than doubles its cost.
    /// </summary>
    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <summary>
    /// The data source for work that keeps session state (advisory locks of leaders and rebuilds, LISTEN); it must
    /// reset connections returned to its pool. Defaults to <see cref="DataSource"/>.
    /// </summary>
    public NpgsqlDataSource SessionDataSource { get; init; } = dataSource;

    /// <summary>The event type registry used for (de)serialisation.</summary>
    public EventTypeRegistry Registry { get; } = registry;

    /// <summary>
    /// Projections applied inside every append's transaction (strongly consistent with the log). Each must be
    /// initialised (<see cref="Projections.ProjectionManager.InitialiseAsync"/>) before the first append.
    /// </summary>
    public IReadOnlyList<Projections.IProjection> InlineProjections { get; init; } = [];

    /// <summary>Appends events to one stream.</summary>
    /// <exception cref="WrongExpectedVersionException">The stream was not at <paramref name="expected"/>.</exception>
    public async Task<AppendResult> AppendAsync(Guid streamId, string streamType, ExpectedVersion expected,
        IReadOnlyList<EventToAppend> events, EventMetadata metadata, CancellationToken ct = default) =>
        (await AppendAsync([new StreamAppend(streamId, streamType, expected, events, metadata)], ct))[0];

    /// <summary>Appends to several streams atomically: all appends are stored, or none.</summary>
    public async Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default)
    {
        if (appends.Count == 0) return [];
        if (appends.Any(a => a.Events.Count == 0)) throw new ArgumentException("Each stream append needs at least one event.", nameof(appends));

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                IReadOnlyList<AppendResult> results;
                if (InlineProjections.Count > 0) results = await AppendWithInlineProjectionsAsync(appends, ct);
                else
                {
                    await using var batch = DataSource.CreateBatch();
                    foreach (var append in appends) batch.BatchCommands.Add(AppendCommand(append));
                    results = await ExecuteAppendAsync(batch, appends, ct);
                }
                foreach (var (append, result) in appends.Zip(results).Where(x => !x.Second.Duplicate))
                    EventStoreMetrics.EventsAppended.Add(append.Events.Count, new KeyValuePair<string, object?>("stream_type", append.StreamType));
                return results;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "events_event_id_key" && attempt == 1)
            {
                // A concurrent identical append won the race; the retry finds its events and returns its result.
            }
            catch (PostgresException e) when (Translate(e, appends) is { } translated)
            {
                if (translated is WrongExpectedVersionException) EventStoreMetrics.AppendConflicts.Add(1);
                throw translated;
            }
        }
    }

    static async Task<IReadOnlyList<AppendResult>> ExecuteAppendAsync(NpgsqlBatch batch, IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        var results = new List<AppendResult>(appends.Count);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        foreach (var append in appends)
        {
            await reader.ReadAsync(ct);
            results.Add(new AppendResult(append.StreamId, reader.GetInt64(0), reader.GetFieldValue<long[]>(1),
                reader.GetFieldValue<ulong>(2), reader.GetBoolean(3)));
            await reader.NextResultAsync(ct);
        }
        return results;
    }

    /// <summary>
    /// The append and the inline projections in one transaction. The projections' rows are share-locked first:
    /// a rebuild's swap takes them exclusively, so it never interleaves with an append it has not seen.
    /// </summary>
    async Task<IReadOnlyList<AppendResult>> AppendWithInlineProjectionsAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var generations = new Dictionary<string, (int Generation, int Version)>();
        DateTimeOffset now = default;
        await using (var command = new NpgsqlCommand(
            "select name, active_generation, version, now() from es.projections where name = any($1) order by name for share", connection, transaction))
        {
            command.Parameters.Add(new() { Value = InlineProjections.Select(p => p.Name).ToArray() });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                generations[reader.GetString(0)] = (reader.GetInt32(1), reader.GetInt32(2));
                now = reader.GetFieldValue<DateTimeOffset>(3);
            }
        }
        if (InlineProjections.FirstOrDefault(p => !generations.ContainsKey(p.Name)) is { } missing)
            throw new InvalidOperationException($"Inline projection '{missing.Name}' is not initialised.");

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var append in appends) batch.BatchCommands.Add(AppendCommand(append));
        var results = await ExecuteAppendAsync(batch, appends, ct);

        var recorded = new List<RecordedEvent>();
        foreach (var (append, result) in appends.Zip(results).Where(x => !x.Second.Duplicate))
            for (var i = 0; i < append.Events.Count; i++)
            {
                var data = append.Events[i].Data;
                recorded.Add(new RecordedEvent(result.Positions[i], result.TransactionId, append.Events[i].EventId, append.StreamId, append.StreamType,
                    result.StreamVersion - append.Events.Count + i + 1, Registry.NameOf(data.GetType()), data, Registry.Serialize(data), append.Metadata, now));
            }
        foreach (var projection in InlineProjections.Where(p => recorded.Count > 0 && generations[p.Name].Version == p.Version))
        {
            var context = new Projections.ProjectionContext(connection, transaction, new Projections.ProjectionTables(generations[projection.Name].Generation))
                { tableNames = projection.Tables };
            await projection.ApplyAsync(context, recorded, ct);
            await context.FlushAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return results;
    }

    NpgsqlBatchCommand AppendCommand(StreamAppend append)
    {
        var count = append.Events.Count;
        var ids = new Guid[count];
        var types = new string[count];
        var data = new string[count];
        var metadata = JsonSerializer.Serialize(append.Metadata, MetadataJson);
        for (var i = 0; i < count; i++)
        {
            ids[i] = append.Events[i].EventId;
            types[i] = Registry.NameOf(append.Events[i].Data.GetType());
            data[i] = Registry.Serialize(append.Events[i].Data);
        }
        var metas = new string[count];
        Array.Fill(metas, metadata);
        return new NpgsqlBatchCommand("select stream_version, positions, transaction_id, duplicate from es.append($1, $2, $3, $4, $5, $6, $7)")
        {
            Parameters =
            {
                new() { Value = append.StreamId, NpgsqlDbType = NpgsqlDbType.Uuid },
                new() { Value = append.StreamType, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = append.Expected.Value, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                new() { Value = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
                new() { Value = metas, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
            },
        };
    }

    static EventStoreException? Translate(PostgresException e, IReadOnlyList<StreamAppend> appends)
    {
        var append = e.BatchCommand is { } failed && failed.Parameters.Count > 0 && failed.Parameters[0].Value is Guid id
            ? appends.First(a => a.StreamId == id)
            : appends[0];
        return e.SqlState switch
        {
            "EV001" => new WrongExpectedVersionException(append.StreamId, append.Expected, long.TryParse(e.MessageText, out var actual) ? actual : -1, e),
            "EV002" => new StreamTypeMismatchException(append.StreamId, append.StreamType, e.MessageText, e),
            "EV003" => new EventIdConflictException(append.StreamId, e),
            PostgresErrorCodes.UniqueViolation when e.ConstraintName == "events_event_id_key" => new EventIdConflictException(append.StreamId, e),
            _ => null,
        };
    }

    /// <summary>The stream's header, or null when it does not exist.</summary>
    public async Task<StreamInfo?> GetStreamAsync(Guid streamId, CancellationToken ct = default)
    {
        await using var command = DataSource.CreateCommand("select stream_id, stream_type, version, created_at, updated_at from es.streams where stream_id = $1");
        command.Parameters.Add(new() { Value = streamId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new StreamInfo(reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4))
            : null;
    }

    /// <summary>Reads a stream forward: all of it, from or up to a version, or as it stood at a moment.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(Guid streamId, StreamRead? range = null, CancellationToken ct = default)
    {
        range ??= StreamRead.All;
        await using var command = DataSource.CreateCommand($"""
            select {Columns} from es.events
             where stream_id = $1 and stream_version >= $2 and stream_version <= $3 and recorded_at <= $4
               and ($5::text is null or stream_type = $5)
             order by stream_version
            """);
        command.Parameters.Add(new() { Value = streamId });
        command.Parameters.Add(new() { Value = range.FromVersion });
        command.Parameters.Add(new() { Value = range.ToVersion ?? long.MaxValue });
        command.Parameters.Add(new() { Value = range.AsOf ?? DateTimeOffset.MaxValue, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (object?)range.StreamType ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return await ReadEventsAsync(command, ct);
    }

    /// <summary>
    /// What a fold needs of a stream (version and body), starting from the latest snapshot of
    /// <paramref name="snapshotSchemaVersion"/> at or below <paramref name="upToVersion"/> when one is given: one
    /// round trip. The first row is the snapshot's state (null event type) when one was used.
    /// </summary>
    internal async Task<IReadOnlyList<(long Version, string? EventType, string Json)>> ReadForFoldAsync(
        Guid streamId, string streamType, long upToVersion, DateTimeOffset? asOf, int? snapshotSchemaVersion, CancellationToken ct)
    {
        await using var command = snapshotSchemaVersion is { } schema
            ? DataSource.CreateCommand("""
                with s as (
                    select version, state from es.snapshots
                     where stream_id = $1 and stream_type = $2 and schema_version = $4 and version <= $3)
                select version, null, state::text from s
                union all
                select stream_version, event_type, data::text from es.events
                 where stream_id = $1 and stream_type = $2 and stream_version <= $3
                   and stream_version > coalesce((select version from s), 0)
                order by 1, 2 nulls first
                """)
            : DataSource.CreateCommand("""
                select stream_version, event_type, data::text from es.events
                 where stream_id = $1 and stream_type = $2 and stream_version <= $3 and recorded_at <= $4
                 order by stream_version
                """);
        command.Parameters.Add(new() { Value = streamId });
        command.Parameters.Add(new() { Value = streamType });
        command.Parameters.Add(new() { Value = upToVersion });
        if (snapshotSchemaVersion is { } version) command.Parameters.Add(new() { Value = version });
        else command.Parameters.Add(new() { Value = asOf ?? DateTimeOffset.MaxValue, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var rows = new List<(long, string?, string)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));
        return rows;
    }

    /// <summary>
    /// Reads up to <paramref name="limit"/> events after <paramref name="after"/> in commit-safe order.
    /// Only transactions older than the oldest one still running are read: every one of them has finished,
    /// so no event can later appear behind the returned positions. A long-open transaction delays
    /// readers; it never makes them skip.
    /// </summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(LogPosition after, int limit, CancellationToken ct = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        return await ReadAllAsync(connection, null, after, limit, ct);
    }

    /// <summary>As <see cref="ReadAllAsync(LogPosition, int, CancellationToken)"/>, on the caller's connection and transaction.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, LogPosition after, int limit, CancellationToken ct = default)
    {
        await using var command = new NpgsqlCommand($"""
            select {Columns} from es.events
             where (transaction_id, global_position) > ($1::xid8, $2)
               and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
             order by transaction_id, global_position
             limit $3
            """, connection, transaction);
        command.Parameters.Add(new() { Value = after.TransactionId.ToString(), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = after.GlobalPosition });
        command.Parameters.Add(new() { Value = limit });
        return await ReadEventsAsync(command, ct);
    }

    /// <summary>Every committed event after <paramref name="after"/>, ignoring the horizon: only safe while no append can be in flight.</summary>
    internal async Task<IReadOnlyList<RecordedEvent>> ReadAllCommittedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LogPosition after, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            select {Columns} from es.events where (transaction_id, global_position) > ($1::xid8, $2) order by transaction_id, global_position
            """, connection, transaction);
        command.Parameters.Add(new() { Value = after.TransactionId.ToString(), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = after.GlobalPosition });
        return await ReadEventsAsync(command, ct);
    }

    /// <summary>Specific events by global position, in commit-safe order (used to replay parked streams).</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadPositionsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<long> positions, CancellationToken ct = default)
    {
        await using var command = new NpgsqlCommand($"""
            select {Columns} from es.events where global_position = any ($1) order by transaction_id, global_position
            """, connection, transaction);
        command.Parameters.Add(new() { Value = positions.ToArray() });
        return await ReadEventsAsync(command, ct);
    }

    /// <summary>The highest global position stored (committed or not yet visible), 0 for an empty log.</summary>
    public async Task<long> HeadPositionAsync(CancellationToken ct = default)
    {
        await using var command = DataSource.CreateCommand("select coalesce(max(global_position), 0) from es.events");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    async Task<IReadOnlyList<RecordedEvent>> ReadEventsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var events = new List<RecordedEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) events.Add(ReadEvent(reader));
        return events;
    }

    internal RecordedEvent ReadEvent(NpgsqlDataReader reader)
    {
        var type = reader.GetString(6);
        var json = reader.GetString(7);
        var metadata = JsonSerializer.Deserialize<EventMetadata>(reader.GetString(8), MetadataJson)!;
        return new RecordedEvent(reader.GetInt64(0), reader.GetFieldValue<ulong>(1), reader.GetGuid(2), reader.GetGuid(3),
            reader.GetString(4), reader.GetInt64(5), type, Registry.Deserialize(type, json), json, metadata,
            reader.GetFieldValue<DateTimeOffset>(9));
    }
}
