using Ecosystem.Api.EventStore;
using Ecosystem.Domain;

namespace Ecosystem.Api.Webhooks;

/// <summary>
/// The webhooks consumer: for each event, one delivery row per subscription whose filters admit it, written in the
/// transaction that moves this consumer's checkpoint (so each event is fanned out exactly once, and none is lost on a
/// crash). Once the page has committed, the subscriptions that got rows are woken. Paused subscriptions still collect
/// rows (delivered on resume); disabled ones do not.
/// </summary>
public sealed class WebhookFanOut(WebhookWorker worker) : IEventConsumer
{
    public const string ConsumerName = "integrator:webhooks";
    public string Name => ConsumerName;

    public async Task HandleAsync(ConsumerContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        await using var command = context.Command("""
            insert into ecosystem.webhook_deliveries (webhook_id, sequence, stream_id, event_id, event_type)
            select w.id, e.sequence, e.stream_id, e.event_id, e.type
              from unnest($1::bigint[], $2::uuid[], $3::uuid[], $4::text[], $5::text[]) as e(sequence, stream_id, event_id, type, stream_type)
              join ecosystem.webhooks w on w.status <> 'disabled' and e.sequence > w.start_after
                   and (cardinality(w.event_types) = 0 or e.type = any(w.event_types))
                   and (cardinality(w.stream_types) = 0 or e.stream_type = any(w.stream_types))
            on conflict do nothing
            returning webhook_id
            """);
        command.Parameters.Add(new() { Value = events.Select(e => e.Sequence).ToArray() });
        command.Parameters.Add(new() { Value = events.Select(e => e.StreamId).ToArray() });
        command.Parameters.Add(new() { Value = events.Select(e => e.EventId).ToArray() });
        command.Parameters.Add(new() { Value = events.Select(e => e.EventType).ToArray() });
        command.Parameters.Add(new() { Value = events.Select(e => DomainEventCatalog.StreamTypeOf(e.EventType) ?? "unknown").ToArray() });
        var woken = new HashSet<Guid>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) woken.Add(reader.GetGuid(0));
        if (woken.Count > 0) context.AfterCommit(() =>
        {
            worker.Wake(woken);
            return Task.CompletedTask;
        });
    }
}
