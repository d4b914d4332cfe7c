using Ecosystem.Api.EventStore;
using Ecosystem.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Ecosystem.Api.Webhooks;

/// <summary>A webhook subscription as stored. The secret is read only to sign deliveries and never shown again.</summary>
public sealed record Webhook(Guid Id, string Owner, string Url, string Secret, IReadOnlyList<string> EventTypes, IReadOnlyList<string> StreamTypes,
    string Status, string? StatusReason, long StartAfter, long Delivered, DateTimeOffset? LastDeliveredAt, long Pending, long Failed,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>An undelivered event of a subscription, with the event itself (null when it is no longer in the log).</summary>
public sealed record QueuedDelivery(long Sequence, Guid StreamId, string Status, int Attempts, bool Due, DateTimeOffset NextAttemptAt, DeliverableEvent? Event);

/// <summary>A dead-lettered delivery.</summary>
public sealed record WebhookFailure(long Sequence, Guid EventId, Guid StreamId, string Type, int Attempts, int? LastStatus, string? LastError, DateTimeOffset? FailedAt);

/// <summary>How one attempt ended, to be written back.</summary>
public sealed record DeliveryOutcome(long Sequence, DeliveryResult Result, int Attempts, DateTimeOffset? NextAttemptAt, int? HttpStatus, string? Error);

public enum DeliveryResult { Delivered, Retry, Dead, Gone }

/// <summary>
/// The subscriptions and their pending deliveries (schema <c>ecosystem</c>). A delivery row is written by the webhooks
/// consumer in the transaction that moves its checkpoint, so no event is lost or fanned out twice; it is deleted once
/// the receiver accepted it, and kept as <c>dead</c> after its last attempt, holding its stream's later events behind it.
/// </summary>
public sealed class WebhookStore(NpgsqlDataSource dataSource, Privacy.PersonalData personalData)
{
    const string Columns = """
        w.id, w.owner, w.url, w.secret, w.event_types, w.stream_types, w.status, w.status_reason, w.start_after, w.delivered,
        w.last_delivered_at,
        (select count(*) from ecosystem.webhook_deliveries d where d.webhook_id = w.id and d.status = 'pending'),
        (select count(*) from ecosystem.webhook_deliveries d where d.webhook_id = w.id and d.status = 'dead'),
        w.created_at, w.updated_at
        """;

    /// <summary>
    /// Registers a subscription starting after <paramref name="after"/> (null: after the last event written so far).
    /// Events the webhooks consumer has already passed are backfilled here, under its checkpoint's lock, so the two
    /// meet exactly: the consumer fans out what lies beyond its checkpoint. Returns how many were backfilled.
    /// </summary>
    public async Task<(Webhook Webhook, long Backfilled)> CreateAsync(Guid id, string owner, string url, string secret,
        IReadOnlyList<string> eventTypes, IReadOnlyList<string> streamTypes, long? after, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var checkpoint = await ConsumerEngine.LockCheckpointAsync(connection, transaction, WebhookFanOut.ConsumerName, ct);
        long start;
        if (after is { } given) start = given;
        else
        {
            await using var last = new NpgsqlCommand("select coalesce(max(seq_id), 0) from mt_events", connection, transaction);
            start = Math.Max(checkpoint, (long)(await last.ExecuteScalarAsync(ct))!);
        }
        await using (var insert = new NpgsqlCommand("""
            insert into ecosystem.webhooks (id, owner, url, secret, event_types, stream_types, status, start_after)
            values ($1, $2, $3, $4, $5, $6, 'active', $7)
            """, connection, transaction))
        {
            insert.Parameters.Add(new() { Value = id });
            insert.Parameters.Add(new() { Value = owner });
            insert.Parameters.Add(new() { Value = url });
            insert.Parameters.Add(new() { Value = secret });
            insert.Parameters.Add(new() { Value = eventTypes.ToArray() });
            insert.Parameters.Add(new() { Value = streamTypes.ToArray() });
            insert.Parameters.Add(new() { Value = start });
            await insert.ExecuteNonQueryAsync(ct);
        }
        long backfilled = 0;
        if (start < checkpoint)
        {
            await using var backfill = new NpgsqlCommand("""
                insert into ecosystem.webhook_deliveries (webhook_id, sequence, stream_id, event_id, event_type)
                select $1, seq_id, stream_id, id, type from mt_events
                 where seq_id > $2 and seq_id <= $3 and ($4::text[] is null or type = any($4))
                """, connection, transaction);
            backfill.Parameters.Add(new() { Value = id });
            backfill.Parameters.Add(new() { Value = start });
            backfill.Parameters.Add(new() { Value = checkpoint });
            backfill.Parameters.Add(new() { Value = (object?)TypeNames(eventTypes, streamTypes) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            backfilled = await backfill.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return ((await FindAsync(id, null, ct))!, backfilled);
    }

    /// <summary>The stored type names a filter admits, or null for every event.</summary>
    public static string[]? TypeNames(IReadOnlyList<string> eventTypes, IReadOnlyList<string> streamTypes) =>
        eventTypes.Count == 0 && streamTypes.Count == 0 ? null
            : DomainEventCatalog.All.Where(e => (eventTypes.Count == 0 || eventTypes.Contains(e.Name)) && (streamTypes.Count == 0 || streamTypes.Contains(e.StreamType)))
                .Select(e => e.Name).ToArray();

    /// <summary>Subscriptions the caller may see: an owner's own, or all for an admin (<paramref name="owner"/> null).</summary>
    public async Task<IReadOnlyList<Webhook>> ListAsync(string? owner, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from ecosystem.webhooks w where ($1::text is null or w.owner = $1) order by w.created_at, w.id");
        command.Parameters.Add(new() { Value = (object?)owner ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return await ReadAsync(command, ct);
    }

    public async Task<Webhook?> FindAsync(Guid id, string? owner, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from ecosystem.webhooks w where w.id = $1 and ($2::text is null or w.owner = $2)");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = (object?)owner ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return (await ReadAsync(command, ct)).SingleOrDefault();
    }

    public async Task<bool> DeleteAsync(Guid id, string? owner, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("delete from ecosystem.webhooks where id = $1 and ($2::text is null or owner = $2)");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = (object?)owner ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return await command.ExecuteNonQueryAsync(ct) > 0;
    }

    /// <summary>Pauses, resumes or (on 410 Gone) disables a subscription; false when there is no such subscription.</summary>
    public async Task<bool> SetStatusAsync(Guid id, string? owner, string status, string? reason, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            update ecosystem.webhooks set status = $3, status_reason = $4, updated_at = now()
             where id = $1 and ($2::text is null or owner = $2)
            """);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = (object?)owner ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = status });
        command.Parameters.Add(new() { Value = (object?)reason ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return await command.ExecuteNonQueryAsync(ct) > 0;
    }

    /// <summary>Dead-lettered deliveries in log order, and how many later deliveries of their streams wait behind them.</summary>
    public async Task<(IReadOnlyList<WebhookFailure> Failures, long HeldBehind)> FailuresAsync(Guid id, int limit, CancellationToken ct)
    {
        var failures = new List<WebhookFailure>();
        await using (var command = dataSource.CreateCommand("""
            select sequence, event_id, stream_id, event_type, attempts, last_status, last_error, last_attempt_at
              from ecosystem.webhook_deliveries where webhook_id = $1 and status = 'dead' order by sequence limit $2
            """))
        {
            command.Parameters.Add(new() { Value = id });
            command.Parameters.Add(new() { Value = limit });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                failures.Add(new WebhookFailure(reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3), reader.GetInt32(4),
                    reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
        }
        await using var held = dataSource.CreateCommand("""
            select count(*) from ecosystem.webhook_deliveries d
             where d.webhook_id = $1 and d.status = 'pending'
               and exists (select 1 from ecosystem.webhook_deliveries x
                            where x.webhook_id = d.webhook_id and x.stream_id = d.stream_id and x.status = 'dead' and x.sequence < d.sequence)
            """);
        held.Parameters.Add(new() { Value = id });
        return (failures, (long)(await held.ExecuteScalarAsync(ct))!);
    }

    /// <summary>Puts every dead-lettered delivery back in line with fresh attempts; each stream then resumes in order.</summary>
    public async Task<int> ReplayFailuresAsync(Guid id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            update ecosystem.webhook_deliveries set status = 'pending', attempts = 0, next_attempt_at = now()
             where webhook_id = $1 and status = 'dead'
            """);
        command.Parameters.Add(new() { Value = id });
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The first <paramref name="perStream"/> undelivered events of each stream of a subscription, in log order, with their
    /// bodies from the log, personal data opened or erased (null for an event no longer there): one query per round of deliveries.
    /// </summary>
    public async Task<IReadOnlyList<QueuedDelivery>> QueueAsync(Guid id, int perStream, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            with ranked as (
                select d.*, row_number() over (partition by d.stream_id order by d.sequence) as place
                  from ecosystem.webhook_deliveries d where d.webhook_id = $1)
            select r.sequence, r.stream_id, r.event_id, r.status, r.attempts, r.next_attempt_at <= now(), r.next_attempt_at,
                   e.type, e.timestamp, e.data::text
              from ranked r left join mt_events e on e.seq_id = r.sequence
             where r.place <= $2
             order by r.sequence
            """);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = (long)perStream });
        var queue = new List<QueuedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            queue.Add(new QueuedDelivery(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(3), reader.GetInt32(4), reader.GetBoolean(5),
                reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null
                    : new DeliverableEvent(reader.GetInt64(0), reader.GetGuid(2), reader.GetGuid(1), reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8), personalData.Reveal(reader.GetString(9)))));
        return queue;
    }

    /// <summary>What the worker needs of a subscription, without the counts.</summary>
    public async Task<(string Status, string Url, string Secret)?> TargetAsync(Guid id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select status, url, secret from ecosystem.webhooks where id = $1");
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetString(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    /// <summary>Active subscriptions with a delivery due now at the head of a stream.</summary>
    public async Task<IReadOnlyList<Guid>> DueAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select distinct d.webhook_id from ecosystem.webhook_deliveries d join ecosystem.webhooks w on w.id = d.webhook_id
             where w.status = 'active' and d.status = 'pending' and d.next_attempt_at <= now()
               and not exists (select 1 from ecosystem.webhook_deliveries x
                                where x.webhook_id = d.webhook_id and x.stream_id = d.stream_id and x.sequence < d.sequence)
            """);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    /// <summary>Writes back a round of attempts in one transaction.</summary>
    public async Task RecordAsync(Guid id, IReadOnlyList<DeliveryOutcome> outcomes, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var delivered = outcomes.Where(o => o.Result == DeliveryResult.Delivered).Select(o => o.Sequence).ToArray();
        if (delivered.Length > 0)
        {
            await using var command = new NpgsqlCommand("""
                with gone as (delete from ecosystem.webhook_deliveries where webhook_id = $1 and sequence = any($2))
                update ecosystem.webhooks set delivered = delivered + cardinality($2), last_delivered_at = now() where id = $1
                """, connection, transaction);
            command.Parameters.Add(new() { Value = id });
            command.Parameters.Add(new() { Value = delivered });
            await command.ExecuteNonQueryAsync(ct);
        }
        var failed = outcomes.Where(o => o.Result != DeliveryResult.Delivered).ToList();
        if (failed.Count > 0)
        {
            await using var command = new NpgsqlCommand("""
                update ecosystem.webhook_deliveries d
                   set status = f.status, attempts = f.attempts, next_attempt_at = coalesce(f.next_at, d.next_attempt_at),
                       last_status = f.http_status, last_error = f.error, last_attempt_at = now()
                  from unnest($2::bigint[], $3::text[], $4::int[], $5::timestamptz[], $6::int[], $7::text[])
                       as f(sequence, status, attempts, next_at, http_status, error)
                 where d.webhook_id = $1 and d.sequence = f.sequence
                """, connection, transaction);
            command.Parameters.Add(new() { Value = id });
            command.Parameters.Add(new() { Value = failed.Select(o => o.Sequence).ToArray() });
            command.Parameters.Add(new() { Value = failed.Select(o => o.Result == DeliveryResult.Dead ? "dead" : "pending").ToArray() });
            command.Parameters.Add(new() { Value = failed.Select(o => o.Attempts).ToArray() });
            command.Parameters.Add(new() { Value = failed.Select(o => o.NextAttemptAt).ToArray() });
            command.Parameters.Add(new() { Value = failed.Select(o => o.HttpStatus).ToArray() });
            command.Parameters.Add(new() { Value = failed.Select(o => o.Error).ToArray() });
            await command.ExecuteNonQueryAsync(ct);
        }
        if (outcomes.FirstOrDefault(o => o.Result == DeliveryResult.Gone) is { } gone)
        {
            await using var command = new NpgsqlCommand("""
                update ecosystem.webhooks set status = 'disabled', status_reason = $2, updated_at = now() where id = $1 and status <> 'disabled'
                """, connection, transaction);
            command.Parameters.Add(new() { Value = id });
            command.Parameters.Add(new() { Value = $"The receiver answered 410 Gone to event {gone.Sequence}; resume the subscription to deliver again." });
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    static async Task<IReadOnlyList<Webhook>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var hooks = new List<Webhook>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            hooks.Add(new Webhook(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<string[]>(4), reader.GetFieldValue<string[]>(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetInt64(8), reader.GetInt64(9), reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                reader.GetInt64(11), reader.GetInt64(12), reader.GetFieldValue<DateTimeOffset>(13), reader.GetFieldValue<DateTimeOffset>(14)));
        return hooks;
    }
}
