using Npgsql;

namespace Ecosystem.Api.EventStore;

/// <summary>
/// Applies the pages of events that Marten's async daemon delivers to one consumer (in sequence order, never past
/// a transaction that has not committed yet, one node at a time). Its own checkpoint moves in the same transaction
/// as the consumer's writes, so a page delivered twice (the daemon's progress commits afterwards) has its effect once.
/// A failing page is retried event by event; an event that keeps failing parks its stream for this consumer, its
/// later events queue behind it, and the rest of the log flows on until an operator replays the stream.
/// </summary>
public sealed class ConsumerEngine(EventLog log, IEventConsumer consumer, ConsumerOptions options, ILogger logger)
{
    /// <summary>The consumer this engine runs.</summary>
    public IEventConsumer Consumer => consumer;

    /// <summary>Applies a page; events at or below the checkpoint were applied before and are skipped.</summary>
    public async Task HandleAsync(IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        using var activity = StartActivity(events);
        await consumer.BeforePageAsync(ct);
        await using var connection = await log.DataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var checkpoint = await LockCheckpointAsync(connection, transaction, consumer.Name, ct);
        var fresh = events.Where(e => e.Sequence > checkpoint).ToList();
        if (fresh.Count == 0)
        {
            await transaction.CommitAsync(ct);
            return;
        }

        var afterCommit = new List<Func<Task>>();
        var parked = await ParkedStreamsAsync(connection, transaction, ct);
        var live = fresh.Where(e => !parked.Contains(e.StreamId)).ToList();
        await QueueBehindParkedAsync(connection, transaction, fresh.Where(e => parked.Contains(e.StreamId)), ct);
        var kept = new List<ConsumerContext>();
        if (live.Count > 0)
        {
            await transaction.SaveAsync("batch", ct);
            try
            {
                var context = new ConsumerContext(connection, transaction, consumer.Name);
                await consumer.HandleAsync(context, live, ct);
                kept.Add(context);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                await transaction.RollbackAsync("batch", ct);
                await HandleOneByOneAsync(connection, transaction, live, kept, ct);
            }
        }
        await WriteCheckpointAsync(connection, transaction, fresh[^1].Sequence, ct);
        await transaction.CommitAsync(ct);
        await RunAfterCommitAsync(kept.SelectMany(c => c.AfterCommitActions));
        EventStoreMetrics.EventsConsumed.Add(fresh.Count, new KeyValuePair<string, object?>("consumer", consumer.Name));
    }

    /// <summary>
    /// Handles a parked stream's queued events in order; unparks it when all succeed, else records the new error.
    /// The checkpoint row is locked meanwhile, so no live page interleaves. False when the stream is not parked.
    /// </summary>
    public async Task<bool> ReplayAsync(Guid streamId, CancellationToken ct)
    {
        await using var connection = await log.DataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockCheckpointAsync(connection, transaction, consumer.Name, ct);
        var sequences = new List<long>();
        await using (var command = new NpgsqlCommand("""
            select q.position from ecosystem.parked_streams p
              join ecosystem.parked_events q on q.consumer = p.consumer and q.stream_id = p.stream_id
             where p.consumer = $1 and p.stream_id = $2 order by q.position
            """, connection, transaction))
        {
            command.Parameters.Add(new() { Value = consumer.Name });
            command.Parameters.Add(new() { Value = streamId });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) sequences.Add(reader.GetInt64(0));
        }
        if (sequences.Count == 0) return false;

        var events = await log.ReadSequencesAsync(sequences, ct);
        var kept = new List<ConsumerContext>();
        var error = await TryHandleAsync(connection, transaction, events, kept, ct);
        await using (var command = error is null
            ? new NpgsqlCommand("""
                with queued as (delete from ecosystem.parked_events where consumer = $1 and stream_id = $2)
                delete from ecosystem.parked_streams where consumer = $1 and stream_id = $2
                """, connection, transaction)
            : new NpgsqlCommand("update ecosystem.parked_streams set error = $3, attempts = attempts + 1 where consumer = $1 and stream_id = $2",
                connection, transaction))
        {
            command.Parameters.Add(new() { Value = consumer.Name });
            command.Parameters.Add(new() { Value = streamId });
            if (error is not null) command.Parameters.Add(new() { Value = Describe(error) });
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        await RunAfterCommitAsync(kept.SelectMany(c => c.AfterCommitActions));
        if (error is not null) logger.LogWarning(error, "Replay of parked stream {Stream} for {Consumer} failed again", streamId, consumer.Name);
        return true;
    }

    /// <summary>Records an error that stopped a page (e.g. the database went away); cleared by the next page that commits.</summary>
    public async Task RecordErrorAsync(Exception error)
    {
        try
        {
            await using var command = log.DataSource.CreateCommand("""
                insert into ecosystem.checkpoints (name, position, last_error, last_error_at) values ($1, 0, $2, now())
                on conflict (name) do update set last_error = excluded.last_error, last_error_at = now()
                """);
            command.Parameters.Add(new() { Value = consumer.Name });
            command.Parameters.Add(new() { Value = Describe(error) });
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The database is what failed; the daemon retries the page, and the error reaches the log.
        }
    }

    /// <summary>
    /// The consumer's checkpoint, its row locked for the transaction: a rebuild's swap (<see cref="ProjectionManager"/>)
    /// and a replay take the same lock, so they wait for the page in flight and it waits for them.
    /// </summary>
    internal static async Task<long> LockCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, CancellationToken ct)
    {
        await using (var create = new NpgsqlCommand("insert into ecosystem.checkpoints (name, position) values ($1, 0) on conflict (name) do nothing", connection, transaction))
        {
            create.Parameters.Add(new() { Value = name });
            await create.ExecuteNonQueryAsync(ct);
        }
        await using var command = new NpgsqlCommand("select position from ecosystem.checkpoints where name = $1 for update", connection, transaction);
        command.Parameters.Add(new() { Value = name });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    async Task HandleOneByOneAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events,
        List<ConsumerContext> kept, CancellationToken ct)
    {
        var parkedNow = new HashSet<Guid>();
        foreach (var @event in events)
        {
            if (parkedNow.Contains(@event.StreamId))
            {
                await QueueBehindParkedAsync(connection, transaction, [@event], ct);
                continue;
            }
            var error = await TryHandleAsync(connection, transaction, [@event], kept, ct);
            if (error is null) continue;
            parkedNow.Add(@event.StreamId);
            logger.LogError(error, "Consumer {Consumer} parked stream {Stream} at event {Sequence} ({Type})", consumer.Name, @event.StreamId, @event.Sequence, @event.EventType);
            EventStoreMetrics.StreamsParked.Add(1, new KeyValuePair<string, object?>("consumer", consumer.Name));
            await ParkAsync(connection, transaction, @event, error, ct);
        }
    }

    /// <summary>Handles events in a savepoint, a few times; returns the last error, or null on success (its context joins <paramref name="kept"/>).</summary>
    async Task<Exception?> TryHandleAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events,
        List<ConsumerContext> kept, CancellationToken ct)
    {
        Exception? last = null;
        for (var attempt = 1; attempt <= options.AttemptsBeforeParking; attempt++)
        {
            await transaction.SaveAsync("event", ct);
            try
            {
                var context = new ConsumerContext(connection, transaction, consumer.Name);
                await consumer.HandleAsync(context, events, ct);
                await transaction.ReleaseAsync("event", ct);
                kept.Add(context);
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

    async Task RunAfterCommitAsync(IEnumerable<Func<Task>> actions)
    {
        foreach (var action in actions)
        {
            try { await action(); }
            catch (Exception e) { logger.LogWarning(e, "After-commit action of {Consumer} failed", consumer.Name); }
        }
    }

    async Task WriteCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long position, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "update ecosystem.checkpoints set position = $2, updated_at = now(), last_error = null, last_error_at = null where name = $1",
            connection, transaction);
        command.Parameters.Add(new() { Value = consumer.Name });
        command.Parameters.Add(new() { Value = position });
        await command.ExecuteNonQueryAsync(ct);
    }

    async Task<HashSet<Guid>> ParkedStreamsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var parked = new HashSet<Guid>();
        await using var command = new NpgsqlCommand("select stream_id from ecosystem.parked_streams where consumer = $1", connection, transaction);
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
            insert into ecosystem.parked_events (consumer, stream_id, position)
            select $1, s, p from unnest($2::uuid[], $3::bigint[]) as q(s, p)
            on conflict do nothing
            """, connection, transaction);
        command.Parameters.Add(new() { Value = consumer.Name });
        command.Parameters.Add(new() { Value = list.Select(e => e.StreamId).ToArray() });
        command.Parameters.Add(new() { Value = list.Select(e => e.Sequence).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    async Task ParkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RecordedEvent @event, Exception error, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            with parked as (
                insert into ecosystem.parked_streams (consumer, stream_id, event_id, position, event_type, error, attempts)
                values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing)
            insert into ecosystem.parked_events (consumer, stream_id, position) values ($1, $2, $4) on conflict do nothing
            """, connection, transaction);
        command.Parameters.Add(new() { Value = consumer.Name });
        command.Parameters.Add(new() { Value = @event.StreamId });
        command.Parameters.Add(new() { Value = @event.EventId });
        command.Parameters.Add(new() { Value = @event.Sequence });
        command.Parameters.Add(new() { Value = @event.EventType });
        command.Parameters.Add(new() { Value = Describe(error) });
        command.Parameters.Add(new() { Value = options.AttemptsBeforeParking });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A span for the page, in the trace of the request that wrote its last event and linked to the others' traces.</summary>
    System.Diagnostics.Activity? StartActivity(IReadOnlyList<RecordedEvent> events)
    {
        var contexts = events.Select(e => e.Metadata.Headers?.GetValueOrDefault(EventLog.TraceParentHeader))
            .Select(id => System.Diagnostics.ActivityContext.TryParse(id, null, out var context) ? context : default)
            .Where(context => context != default).Distinct().ToList();
        var activity = Infrastructure.Telemetry.Source.StartActivity($"consume {consumer.Name}", System.Diagnostics.ActivityKind.Consumer,
            contexts.Count > 0 ? contexts[^1] : default, links: contexts.SkipLast(1).Select(c => new System.Diagnostics.ActivityLink(c)));
        activity?.SetTag("ecosystem.consumer", consumer.Name);
        activity?.SetTag("ecosystem.events", events.Count);
        if (events.Count > 0) activity?.SetTag(Infrastructure.Telemetry.CorrelationTag, events[^1].Metadata.CorrelationId.ToString());
        return activity;
    }

    static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";
}
