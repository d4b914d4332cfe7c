using Npgsql;

namespace Ecosystem.Api.EventStore;

/// <summary>A parked stream of a consumer, with the error that parked it.</summary>
public sealed record ParkedStream(Guid StreamId, Guid EventId, long Position, string EventType, string Error, int Attempts, int QueuedEvents, DateTimeOffset ParkedAt);

/// <summary>Where a consumer stands against the head of the log.</summary>
/// <param name="Name">The consumer.</param>
/// <param name="Checkpoint">The sequence of the last event it consumed (null: none yet).</param>
/// <param name="HeadPosition">The highest sequence stored.</param>
/// <param name="LagEvents">Events stored after its checkpoint.</param>
/// <param name="LagSeconds">Age of the oldest event it has not consumed yet (0 when caught up).</param>
/// <param name="UpdatedAt">When its checkpoint last moved.</param>
/// <param name="LastError">The last error that interrupted it, until the next page that commits.</param>
/// <param name="Parked">Its parked streams.</param>
public sealed record ConsumerStatus(string Name, long? Checkpoint, long HeadPosition, long LagEvents, double LagSeconds,
    DateTimeOffset? UpdatedAt, string? LastError, IReadOnlyList<ParkedStream> Parked);

/// <summary>Reads consumers' status from their checkpoints and parked streams.</summary>
public sealed class ConsumerAdmin(NpgsqlDataSource dataSource)
{
    /// <summary>The status of the named consumer.</summary>
    public async Task<ConsumerStatus> StatusAsync(string name, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        long checkpoint = 0;
        DateTimeOffset? updatedAt = null;
        string? lastError = null;
        await using (var command = new NpgsqlCommand("select position, updated_at, last_error from ecosystem.checkpoints where name = $1", connection))
        {
            command.Parameters.Add(new() { Value = name });
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
                (checkpoint, updatedAt, lastError) = (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }
        long head, lag;
        double lagSeconds;
        await using (var command = new NpgsqlCommand("""
            select (select coalesce(max(seq_id), 0) from mt_events), count(*),
                   coalesce(extract(epoch from now() - min(timestamp)), 0)::float8
              from mt_events where seq_id > $1
            """, connection))
        {
            command.Parameters.Add(new() { Value = checkpoint });
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            (head, lag, lagSeconds) = (reader.GetInt64(0), reader.GetInt64(1), Math.Max(0, reader.GetDouble(2)));
        }
        var parked = new List<ParkedStream>();
        await using (var command = new NpgsqlCommand("""
            select p.stream_id, p.event_id, p.position, p.event_type, p.error, p.attempts,
                   (select count(*) from ecosystem.parked_events q where q.consumer = p.consumer and q.stream_id = p.stream_id)::int,
                   p.parked_at
              from ecosystem.parked_streams p where p.consumer = $1 order by p.parked_at
            """, connection))
        {
            command.Parameters.Add(new() { Value = name });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                parked.Add(new ParkedStream(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                    reader.GetInt32(5), reader.GetInt32(6), reader.GetFieldValue<DateTimeOffset>(7)));
        }
        return new ConsumerStatus(name, checkpoint == 0 ? null : checkpoint, head, lag, lagSeconds, updatedAt, lastError, parked);
    }

    /// <summary>True once the consumer has consumed the event at <paramref name="position"/>.</summary>
    public async Task<bool> HasReachedAsync(string consumer, long position, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("select coalesce((select position >= $2 from ecosystem.checkpoints where name = $1), false)");
        command.Parameters.Add(new() { Value = consumer });
        command.Parameters.Add(new() { Value = position });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }
}
