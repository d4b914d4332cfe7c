using Npgsql;
using NpgsqlTypes;

namespace Ecosystem.EventStore.Consumers;

/// <summary>
/// Runs one consumer: takes its leadership (one node at a time, by a session advisory lock held on a dedicated
/// connection, released by PostgreSQL when that node dies), then reads batches from the checkpoint, hands them
/// to the consumer and moves the checkpoint in the same transaction. A failing batch is retried event by
/// event; an event that keeps failing parks its stream for this consumer while the rest of the log flows on.
/// </summary>
public sealed class ConsumerEngine(PostgresEventStore store, IEventConsumer consumer, ConsumerOptions options, Action<string, Exception>? onError = null)
{
    readonly SemaphoreSlim wake = new(0);

    /// <summary>The consumer this engine runs.</summary>
    public IEventConsumer Consumer => consumer;

    /// <summary>True while this engine holds the consumer's leadership.</summary>
    public bool IsLeader { get; private set; }

    /// <summary>Wakes the engine early (new events were committed).</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0) wake.Release();
    }

    /// <summary>Runs until <paramref name="ct"/> is cancelled, surviving database outages.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await store.SessionDataSource.OpenConnectionAsync(ct);
                if (!await TryLeadAsync(connection, ct))
                {
                    await Task.Delay(options.LeadershipRetry, ct);
                    continue;
                }
                IsLeader = true;
                await LeadAsync(connection, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                onError?.Invoke(consumer.Name, e);
                await RecordErrorAsync(e);
                await Task.Delay(options.LeadershipRetry, ct).ContinueWith(_ => { }, CancellationToken.None);
            }
            finally
            {
                IsLeader = false;
            }
        }
    }

    async Task<bool> TryLeadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock(hashtextextended('ecosystem.consumer:' || $1, 0))", connection);
        command.Parameters.Add(new() { Value = consumer.Name });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    async Task LeadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var idle = TimeSpan.FromMilliseconds(25);
        while (!ct.IsCancellationRequested)
        {
            var handled = await RunBatchAsync(connection, ct);
            handled += await ReplayRequestedAsync(connection, ct);
            if (handled > 0)
            {
                idle = TimeSpan.FromMilliseconds(25);
                continue;
            }
            // Woken by NOTIFY at once; otherwise back off towards the idle poll, since a transaction still
            // running may hold the horizon back without ever notifying.
            await wake.WaitAsync(idle, ct);
            idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, options.IdlePoll.Ticks));
        }
    }

    /// <summary>Runs one batch on <paramref name="connection"/>; returns how many events it consumed. For tests and tools.</summary>
    public async Task<int> RunBatchAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var checkpoint = await ReadCheckpointAsync(connection, transaction, ct);
        var events = await store.ReadAllAsync(connection, transaction, checkpoint, options.BatchSize, ct);
        if (events.Count == 0) return 0;

        var parked = await ParkedStreamsAsync(connection, transaction, ct);
        var live = events.Where(e => !parked.Contains(e.StreamId)).ToList();
        await QueueBehindParkedAsync(connection, transaction, events.Where(e => parked.Contains(e.StreamId)), ct);

        if (live.Count > 0)
        {
            await transaction.SaveAsync("batch", ct);
            try
            {
                await consumer.HandleAsync(new ConsumerContext(connection, transaction, consumer.Name), live, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                await transaction.RollbackAsync("batch", ct);
                await HandleOneByOneAsync(connection, transaction, live, ct);
            }
        }
        await WriteCheckpointAsync(connection, transaction, events[^1].Position, ct);
        await transaction.CommitAsync(ct);
        EventStoreMetrics.EventsConsumed.Add(events.Count, new KeyValuePair<string, object?>("consumer", consumer.Name));
        return events.Count;
    }

    async Task HandleOneByOneAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        var parkedNow = new HashSet<Guid>();
        foreach (var @event in events)
        {
            if (parkedNow.Contains(@event.StreamId))
            {
                await QueueBehindParkedAsync(connection, transaction, [@event], ct);
                continue;
            }
            var error = await TryHandleAsync(connection, transaction, [@event], ct);
            if (error is null) continue;
            parkedNow.Add(@event.StreamId);
            onError?.Invoke(consumer.Name, error);
            EventStoreMetrics.StreamsParked.Add(1, new KeyValuePair<string, object?>("consumer", consumer.Name));
            await ParkAsync(connection, transaction, @event, error, ct);
        }
    }

    /// <summary>Handles events in a savepoint, a few times; returns the last error, or null on success.</summary>
    async Task<Exception?> TryHandleAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        Exception? last = null;
        for (var attempt = 1; attempt <= options.AttemptsBeforeParking; attempt++)
        {
            await transaction.SaveAsync("event", ct);
            try
            {
                await consumer.HandleAsync(new ConsumerContext(connection, transaction, consumer.Name), events, ct);
                await transaction.ReleaseAsync("event", ct);
                return null;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                last = e;
                await transaction.RollbackAsync("event", ct);
            }
        }
        return last;
    }

    async Task<int> ReplayRequestedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var requested = new List<Guid>();
        await using (var command = new NpgsqlCommand("select stream_id from es.parked_streams where consumer = $1 and replay_requested", connection))
        {
            command.Parameters.Add(new() { Value = consumer.Name });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) requested.Add(reader.GetGuid(0));
        }
        var replayed = 0;
        foreach (var stream in requested) replayed += await ReplayAsync(connection, stream, ct);
        return replayed;
    }

    /// <summary>Handles a parked stream's queued events in order; unparks it when all succeed, else records the new error.</summary>
    async Task<int> ReplayAsync(NpgsqlConnection connection, Guid streamId, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var positions = new List<long>();
        await using (var command = new NpgsqlCommand("select global_position from es.parked_events where consumer = $1 and stream_id = $2", connection, transaction))
        {
            command.Parameters.Add(new() { Value = consumer.Name });
            command.Parameters.Add(new() { Value = streamId });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) positions.Add(reader.GetInt64(0));
        }
        var events = await store.ReadPositionsAsync(connection, transaction, positions, ct);
        var error = events.Count == 0 ? null : await TryHandleAsync(connection, transaction, events, ct);
        await using (var command = error is null
            ? new NpgsqlCommand("""
                with queued as (delete from es.parked_events where consumer = $1 and stream_id = $2)
                delete from es.parked_streams where consumer = $1 and stream_id = $2
                """, connection, transaction)
            : new NpgsqlCommand("""
                update es.parked_streams set replay_requested = false, error = $3, attempts = attempts + 1
                 where consumer = $1 and stream_id = $2
                """, connection, transaction))
        {
            command.Parameters.Add(new() { Value = consumer.Name });
            command.Parameters.Add(new() { Value = streamId });
            if (error is not null) command.Parameters.Add(new() { Value = Describe(error) });
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return error is null ? events.Count : 0;
    }

    async Task<LogPosition> ReadCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        // Locked for the batch: a projection swap (ProjectionRebuilder) waits for the batch in flight.
        await using var command = new NpgsqlCommand("select transaction_id::text, global_position from es.checkpoints where name = $1 for update", connection, transaction);
        command.Parameters.Add(new() { Value = consumer.Name });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new LogPosition(ulong.Parse(reader.GetString(0)), reader.GetInt64(1)) : LogPosition.Start;
    }

    async Task WriteCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LogPosition position, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            insert into es.checkpoints (name, transaction_id, global_position, updated_at) values ($1, $2::xid8, $3, now())
            on conflict (name) do update set transaction_id = excluded.transaction_id, global_position = excluded.global_position,
                                             updated_at = now(), last_error = null, last_error_at = null
            """, connection, transaction);
        command.Parameters.Add(new() { Value = consumer.Name });
        command.Parameters.Add(new() { Value = position.TransactionId.ToString(), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = position.GlobalPosition });
        await command.ExecuteNonQueryAsync(ct);
    }

    async Task<HashSet<Guid>> ParkedStreamsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var parked = new HashSet<Guid>();
        await using var command = new NpgsqlCommand("select stream_id from es.parked_streams where consumer = $1", connection, transaction);
        command.Parameters.Add(new() { Value = consumer.Name });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) parked.Add(reader.GetGuid(0));
        return parked;
    }

    async Task QueueBehindParkedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<RecordedEvent> events, CancellationToken ct)
    {
        var list = events.ToList();
        if (list.Count == 0) return;
        await using var command = new NpgsqlCommand("""
            insert into es.parked_events (consumer, stream_id, global_position)
            select $1, s, p from unnest($2::uuid[], $3::bigint[]) as q(s, p)
            on conflict do nothing
            """, connection, transaction);
        command.Parameters.Add(new() { Value = consumer.Name });
        command.Parameters.Add(new() { Value = list.Select(e => e.StreamId).ToArray() });
        command.Parameters.Add(new() { Value = list.Select(e => e.GlobalPosition).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    async Task ParkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RecordedEvent @event, Exception error, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            with parked as (
                insert into es.parked_streams (consumer, stream_id, event_id, global_position, event_type, error, attempts)
                values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing)
            insert into es.parked_events (consumer, stream_id, global_position) values ($1, $2, $4) on conflict do nothing
            """, connection, transaction);
        command.Parameters.Add(new() { Value = consumer.Name });
        command.Parameters.Add(new() { Value = @event.StreamId });
        command.Parameters.Add(new() { Value = @event.EventId });
        command.Parameters.Add(new() { Value = @event.GlobalPosition });
        command.Parameters.Add(new() { Value = @event.EventType });
        command.Parameters.Add(new() { Value = Describe(error) });
        command.Parameters.Add(new() { Value = options.AttemptsBeforeParking });
        await command.ExecuteNonQueryAsync(ct);
    }

    async Task RecordErrorAsync(Exception error)
    {
        try
        {
            await using var command = store.DataSource.CreateCommand("""
                insert into es.checkpoints (name, transaction_id, global_position, last_error, last_error_at) values ($1, '0'::xid8, 0, $2, now())
                on conflict (name) do update set last_error = excluded.last_error, last_error_at = now()
                """);
            command.Parameters.Add(new() { Value = consumer.Name });
            command.Parameters.Add(new() { Value = Describe(error) });
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The database is what failed; the engine retries, and the error reaches the log through onError.
        }
    }

    static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";
}
