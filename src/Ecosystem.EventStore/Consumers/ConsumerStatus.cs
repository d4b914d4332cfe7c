using Npgsql;

namespace Ecosystem.EventStore.Consumers;

/// <summary>A parked stream of a consumer, with the error that parked it.</summary>
public sealed record ParkedStream(Guid StreamId, Guid EventId, long GlobalPosition, string EventType, string Error, int Attempts, int QueuedEvents, DateTimeOffset ParkedAt, bool ReplayRequested);

/// <summary>Where a consumer stands against the head of the log.</summary>
/// <param name="Name">The consumer.</param>
/// <param name="Checkpoint">The last position it consumed (null: never ran).</param>
/// <param name="HeadPosition">The highest global position stored.</param>
/// <param name="LagEvents">Events stored after its checkpoint.</param>
/// <param name="LagSeconds">Age of the oldest event it has not consumed yet (0 when caught up).</param>
/// <param name="UpdatedAt">When its checkpoint last moved.</param>
/// <param name="LastError">The last error that interrupted it, until the next successful batch.</param>
/// <param name="Parked">Its parked streams.</param>
public sealed record ConsumerStatus(string Name, LogPosition? Checkpoint, long HeadPosition, long LagEvents, double LagSeconds,
    DateTimeOffset? UpdatedAt, string? LastError, IReadOnlyList<ParkedStream> Parked);

/// <summary>Reads consumers' status and manages parked streams.</summary>
public sealed class ConsumerAdmin(NpgsqlDataSource dataSource)
{
    /// <summary>The status of the named consumer.</summary>
    public async Task<ConsumerStatus> StatusAsync(string name, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        LogPosition? checkpoint = null;
        DateTimeOffset? updatedAt = null;
        string? lastError = null;
        await using (var command = new NpgsqlCommand("select transaction_id::text, global_position, updated_at, last_error from es.checkpoints where name = $1", connection))
        {
            command.Parameters.Add(new() { Value = name });
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                var position = new LogPosition(ulong.Parse(reader.GetString(0)), reader.GetInt64(1));
                checkpoint = position == LogPosition.Start ? null : position;
                updatedAt = reader.GetFieldValue<DateTimeOffset>(2);
                lastError = reader.IsDBNull(3) ? null : reader.GetString(3);
            }
        }
        var from = checkpoint ?? LogPosition.Start;
        long head, lag;
        double lagSeconds;
        await using (var command = new NpgsqlCommand("""
            select (select coalesce(max(global_position), 0) from es.events),
                   count(*),
                   coalesce(extract(epoch from now() - min(recorded_at)), 0)::float8
              from es.events where (transaction_id, global_position) > ($1::xid8, $2)
            """, connection))
        {
            command.Parameters.Add(new() { Value = from.TransactionId.ToString() });
            command.Parameters.Add(new() { Value = from.GlobalPosition });
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            (head, lag, lagSeconds) = (reader.GetInt64(0), reader.GetInt64(1), Math.Max(0, reader.GetDouble(2)));
        }
        var parked = new List<ParkedStream>();
        await using (var command = new NpgsqlCommand("""
            select p.stream_id, p.event_id, p.global_position, p.event_type, p.error, p.attempts,
                   (select count(*) from es.parked_events q where q.consumer = p.consumer and q.stream_id = p.stream_id)::int,
                   p.parked_at, p.replay_requested
              from es.parked_streams p where p.consumer = $1 order by p.parked_at
            """, connection))
        {
            command.Parameters.Add(new() { Value = name });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                parked.Add(new ParkedStream(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                    reader.GetInt32(5), reader.GetInt32(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetBoolean(8)));
        }
        return new ConsumerStatus(name, checkpoint, head, lag, lagSeconds, updatedAt, lastError, parked);
    }

    /// <summary>Asks the consumer's leader to replay a parked stream; false when that stream is not parked.</summary>
    public async Task<bool> RequestReplayAsync(string consumer, Guid streamId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            with requested as (
                update es.parked_streams set replay_requested = true where consumer = $1 and stream_id = $2 returning 1)
            select count(*) from requested, pg_notify('es_events', '') as wake
            """);
        command.Parameters.Add(new() { Value = consumer });
        command.Parameters.Add(new() { Value = streamId });
        return (long)(await command.ExecuteScalarAsync(ct))! > 0;
    }

    /// <summary>True once the consumer has consumed the event at <paramref name="globalPosition"/> (or it does not exist).</summary>
    public async Task<bool> HasReachedAsync(string consumer, long globalPosition, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            select coalesce((select (c.transaction_id, c.global_position) >= (e.transaction_id, e.global_position)
                               from es.checkpoints c where c.name = $1), false)
                   or e.global_position is null
              from (select $2::bigint as wanted) w left join es.events e on e.global_position = w.wanted
            """);
        command.Parameters.Add(new() { Value = consumer });
        command.Parameters.Add(new() { Value = globalPosition });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }
}
