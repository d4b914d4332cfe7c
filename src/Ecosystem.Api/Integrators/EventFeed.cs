using System.Text.Json;
using Ecosystem.Api.EventStore;
using Ecosystem.Domain;
using Npgsql;

namespace Ecosystem.Api.Integrators;

/// <summary>An event as integrators see it: its place in the log, our stable type name, its body as stored, who and why.</summary>
public sealed record FeedEvent(long Sequence, string Type, Guid StreamId, string StreamType, long Version, DateTimeOffset Time,
    JsonElement Data, FeedMetadata Metadata);

public sealed record FeedMetadata(string? Actor, string? CorrelationId, string? CausationId);

/// <summary>What a feed read asks for: events after a sequence, optionally only some types, one kind of stream or one stream.</summary>
public sealed record FeedFilter(IReadOnlyList<string> Types, string? StreamType, Guid? StreamId)
{
    /// <summary>The stored type names the filter admits, or null for all.</summary>
    public string[]? TypeNames => (Types.Count, StreamType) switch
    {
        (0, null) => null,
        _ => DomainEventCatalog.All.Where(e => (Types.Count == 0 || Types.Contains(e.Name)) && (StreamType is null || e.StreamType == StreamType))
            .Select(e => e.Name).ToArray(),
    };
}

/// <summary>
/// Reads the log for integrators, never past the async daemon's high-water mark: below it every transaction has
/// ended, so a client that pages with <c>after=</c> never skips an event whose transaction committed late (Marten's
/// raw event query has no such bound).
/// </summary>
public sealed class EventFeed(NpgsqlDataSource dataSource, EventLog log, Privacy.PersonalData personalData)
{
    /// <summary>Up to <paramref name="limit"/> events after <paramref name="after"/>, and how far the log was readable.</summary>
    public async Task<(IReadOnlyList<FeedEvent> Events, long ReadableUpTo)> ReadAsync(long after, int limit, FeedFilter filter, CancellationToken ct)
    {
        var upTo = await log.HighWaterMarkAsync(ct);
        if (upTo <= after) return ([], upTo);
        await using var command = dataSource.CreateCommand($"""
            select {Columns} from mt_events
             where seq_id > $1 and seq_id <= $2
               and ($3::text[] is null or type = any($3))
               and ($4::uuid is null or stream_id = $4)
             order by seq_id
             limit $5
            """);
        command.Parameters.Add(new() { Value = after });
        command.Parameters.Add(new() { Value = upTo });
        command.Parameters.Add(new() { Value = (object?)filter.TypeNames ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)filter.StreamId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = limit });
        var events = new List<FeedEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) events.Add(Render(reader, personalData).Event);
        return (events, upTo);
    }

    /// <summary>
    /// The given events (a consumer's page, already below the high-water mark) as the feed renders them, with their
    /// ids, read in the caller's transaction: what the RabbitMQ fan-out publishes is what the feed shows.
    /// </summary>
    public static async Task<IReadOnlyList<(Guid Id, FeedEvent Event)>> RenderAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<long> sequences, Privacy.PersonalData personalData, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select {Columns} from mt_events where seq_id = any($1) order by seq_id", connection, transaction);
        command.Parameters.Add(new() { Value = sequences.ToArray() });
        var events = new List<(Guid, FeedEvent)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) events.Add(Render(reader, personalData));
        return events;
    }

    const string Columns = "seq_id, type, stream_id, version, timestamp, data::text, user_name, correlation_id, causation_id, id";

    static (Guid Id, FeedEvent Event) Render(NpgsqlDataReader reader, Privacy.PersonalData personalData)
    {
        var type = reader.GetString(1);
        using var data = JsonDocument.Parse(personalData.Reveal(reader.GetString(5)));
        return (reader.GetGuid(9), new FeedEvent(reader.GetInt64(0), type, reader.GetGuid(2), DomainEventCatalog.StreamTypeOf(type) ?? "unknown", reader.GetInt64(3),
            reader.GetFieldValue<DateTimeOffset>(4), data.RootElement.Clone(),
            new FeedMetadata(reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8))));
    }
}
