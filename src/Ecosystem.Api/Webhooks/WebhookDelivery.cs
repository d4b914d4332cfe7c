using System.Collections.Concurrent;
using System.Net;
using Npgsql;
using Wolverine;

namespace Ecosystem.Api.Webhooks;

/// <summary>Deliver what is due for one subscription. Carries no events: the delivery rows are the truth, the message a wake-up.</summary>
public sealed record DeliverWebhooks(Guid WebhookId);

/// <summary>
/// Wolverine's handler of <see cref="DeliverWebhooks"/> (a durable local queue in PostgreSQL). A retry due later than
/// the worker will wait for becomes a scheduled message, stored with the other envelopes, so it survives a crash.
/// </summary>
public static class DeliverWebhooksHandler
{
    public const string Queue = "webhooks";

    public static async Task Handle(DeliverWebhooks message, WebhookWorker worker, IMessageContext bus, CancellationToken ct)
    {
        if (await worker.RunAsync(message.WebhookId, ct) is { } later)
            await bus.ScheduleAsync(message, later);
    }
}

/// <summary>
/// Delivers one subscription's events: in order per stream (a stream's next event waits while its head is retrying or
/// dead-lettered), streams side by side, each subscription on its own (a paused or failing one holds up no other). One
/// worker per subscription across all nodes, by a PostgreSQL advisory lock; within a node, wake-ups coalesce.
/// </summary>
public sealed class WebhookWorker(NpgsqlDataSource dataSource, WebhookStore store, WebhookSender sender, WebhookOptions options,
    IServiceProvider services, TimeProvider clock, ILogger<WebhookWorker> logger)
{
    sealed class Lane
    {
        public int Running;
        public readonly SemaphoreSlim Signal = new(0, 1);
        public void Wake() { try { Signal.Release(); } catch (SemaphoreFullException) { } }
    }

    readonly ConcurrentDictionary<Guid, Lane> lanes = new();

    /// <summary>Wakes the subscriptions' workers: a running one here picks the news up, others get a durable message.</summary>
    public async Task WakeAsync(IEnumerable<Guid> webhooks)
    {
        if (Signal(webhooks) is { } idle) await PublishAsync(idle);
    }

    /// <summary>
    /// The same without waiting for the messages to be stored, for the webhooks consumer: its page (and so the daemon)
    /// does not wait on Wolverine. A message lost here is made up for by the sweeper; the delivery rows are already committed.
    /// </summary>
    public void Wake(IEnumerable<Guid> webhooks)
    {
        if (Signal(webhooks) is not { } idle) return;
        _ = Task.Run(async () =>
        {
            try { await PublishAsync(idle); }
            catch (Exception e) { logger.LogWarning(e, "Could not queue webhook wake-ups; the sweeper will pick them up"); }
        });
    }

    List<Guid>? Signal(IEnumerable<Guid> webhooks)
    {
        List<Guid>? idle = null;
        foreach (var id in webhooks)
        {
            var lane = lanes.GetOrAdd(id, _ => new Lane());
            lane.Wake();
            if (Volatile.Read(ref lane.Running) == 0) (idle ??= []).Add(id);
        }
        return idle;
    }

    async Task PublishAsync(List<Guid> webhooks)
    {
        await using var scope = services.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        foreach (var id in webhooks) await bus.PublishAsync(new DeliverWebhooks(id));
    }

    /// <summary>Delivers until nothing is due; returns when to look again if a retry is due later, else null.</summary>
    public async Task<DateTimeOffset?> RunAsync(Guid webhookId, CancellationToken ct)
    {
        var lane = lanes.GetOrAdd(webhookId, _ => new Lane());
        while (true)
        {
            if (Interlocked.CompareExchange(ref lane.Running, 1, 0) != 0)
            {
                lane.Wake();
                return null;
            }
            DateTimeOffset? later;
            try
            {
                later = await RunLockedAsync(webhookId, lane, ct);
            }
            finally
            {
                Volatile.Write(ref lane.Running, 0);
            }
            // A wake-up that came after our last look but before we stopped: look again rather than lose it.
            if (later is not null || lane.Signal.CurrentCount == 0) return later;
        }
    }

    async Task<DateTimeOffset?> RunLockedAsync(Guid webhookId, Lane lane, CancellationToken ct)
    {
        lane.Signal.Wait(0);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var tryLock = new NpgsqlCommand("select pg_try_advisory_xact_lock(hashtextextended('ecosystem.webhook:' || $1::text, 0))", connection, transaction))
        {
            tryLock.Parameters.Add(new() { Value = webhookId });
            // Another node's worker has it, and looks again before it lets go.
            if (!(bool)(await tryLock.ExecuteScalarAsync(ct))!) return null;
        }
        while (!ct.IsCancellationRequested)
        {
            lane.Signal.Wait(0);
            if (await store.TargetAsync(webhookId, ct) is not { Status: "active" } target) return null;
            var queue = await store.QueueAsync(webhookId, PerStream, ct);
            // A stream can go when its head is pending and due; it then sends its events one after another.
            var streams = queue.GroupBy(d => d.StreamId).Select(g => g.ToList()).ToList();
            var ready = streams.Where(s => s[0] is { Status: "pending", Due: true }).ToList();
            if (ready.Count > 0)
            {
                await DeliverAsync(webhookId, target.Url, target.Secret, ready, ct);
                continue;
            }
            var next = streams.Where(s => s[0].Status == "pending").Select(s => (DateTimeOffset?)s[0].NextAttemptAt).Min();
            var wait = next is null ? TimeSpan.FromMilliseconds(options.IdleLingerMs) : next.Value - clock.GetUtcNow();
            if (next is not null && wait > TimeSpan.FromMilliseconds(options.HoldRetriesUpToMs)) return next;
            // Linger a moment for the next events (or the retry) rather than go through the queue again for each.
            if (!await lane.Signal.WaitAsync(wait > TimeSpan.FromMilliseconds(5) ? wait : TimeSpan.FromMilliseconds(5), ct) && next is null) return null;
        }
        return null;
    }

    /// <summary>Events of one stream sent in a round; more wait for the next round.</summary>
    const int PerStream = 16;

    /// <summary>One round: each ready stream (up to <see cref="WebhookOptions.Parallelism"/> at once) sends its events in order, stopping at its first failure.</summary>
    async Task DeliverAsync(Guid webhookId, string url, string secret, IReadOnlyList<List<QueuedDelivery>> streams, CancellationToken ct)
    {
        var target = new Uri(url);
        using var gate = new SemaphoreSlim(options.Parallelism);
        var rounds = await Task.WhenAll(streams.Select(async stream =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var outcomes = new List<DeliveryOutcome>();
                foreach (var delivery in stream.TakeWhile(d => d.Status == "pending"))
                {
                    // An event no longer in the log (archived away) has nothing to deliver.
                    var outcome = delivery.Event is null ? new DeliveryOutcome(delivery.Sequence, DeliveryResult.Delivered, delivery.Attempts, null, null, null)
                        : await AttemptAsync(webhookId, target, secret, delivery, delivery.Event, ct);
                    outcomes.Add(outcome);
                    if (outcome.Result != DeliveryResult.Delivered) break;
                }
                return outcomes;
            }
            finally
            {
                gate.Release();
            }
        }));
        var all = rounds.SelectMany(r => r).ToList();
        await store.RecordAsync(webhookId, all, ct);
        if (all.Any(o => o.Result == DeliveryResult.Gone)) logger.LogWarning("Webhook {Webhook} disabled: its receiver answered 410 Gone", webhookId);
        var now = clock.GetUtcNow();
        var times = streams.SelectMany(s => s).Where(d => d.Event is not null).ToDictionary(d => d.Sequence, d => d.Event!.Time);
        foreach (var outcome in all)
        {
            EventStore.EventStoreMetrics.WebhookAttempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome.Result.ToString().ToLowerInvariant()));
            if (outcome.Result == DeliveryResult.Delivered && times.TryGetValue(outcome.Sequence, out var time))
                EventStore.EventStoreMetrics.WebhookLatency.Record((now - time).TotalMilliseconds);
        }
    }

    async Task<DeliveryOutcome> AttemptAsync(Guid webhookId, Uri target, string secret, QueuedDelivery head, DeliverableEvent e, CancellationToken ct)
    {
        var attempts = head.Attempts + 1;
        int? status = null;
        TimeSpan? retryAfter = null;
        string? error;
        try
        {
            using var response = await sender.SendAsync(target, secret, WebhookSender.MessageId(webhookId, e.EventId), sender.Body(e), clock.GetUtcNow(), ct);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return new DeliveryOutcome(head.Sequence, DeliveryResult.Delivered, attempts, null, status, null);
            if (response.StatusCode == HttpStatusCode.Gone)
                return new DeliveryOutcome(head.Sequence, DeliveryResult.Gone, attempts, null, status, "410 Gone: the subscription was disabled.");
            error = $"The receiver answered {status}.";
            if (status is not (>= 500 or 429 or 408))
                return new DeliveryOutcome(head.Sequence, DeliveryResult.Dead, attempts, null, status, error + " Not retried: the receiver refused the request.");
            retryAfter = RetryAfter(response);
        }
        catch (Exception x) when (x is HttpRequestException or IOException || (x is OperationCanceledException && !ct.IsCancellationRequested))
        {
            error = x is OperationCanceledException ? $"No answer within {options.TimeoutMs} ms." : $"Connection failed: {(x.InnerException as TargetRefusedException)?.Message ?? x.Message}";
        }
        if (attempts >= options.MaxAttempts)
            return new DeliveryOutcome(head.Sequence, DeliveryResult.Dead, attempts, null, status, $"{error} Gave up after {attempts} attempts.");
        return new DeliveryOutcome(head.Sequence, DeliveryResult.Retry, attempts, clock.GetUtcNow() + Backoff(attempts, retryAfter), status, error);
    }

    /// <summary>Exponential backoff with jitter (half fixed, half random), never sooner than the receiver's Retry-After.</summary>
    public TimeSpan Backoff(int attempts, TimeSpan? retryAfter)
    {
        var ceiling = Math.Min(options.MaxRetryDelayMs, options.FirstRetryDelayMs * Math.Pow(2, Math.Min(attempts - 1, 30)));
        var delay = TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
        if (retryAfter is { } asked && asked > delay) delay = asked < TimeSpan.FromMilliseconds(options.MaxRetryDelayMs) ? asked : TimeSpan.FromMilliseconds(options.MaxRetryDelayMs);
        return delay;
    }

    TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow(),
        _ => null,
    };
}

/// <summary>Looks for due deliveries no worker is on (a wake-up lost in a crash, or a retry whose message was lost) and wakes them.</summary>
public sealed class WebhookSweeper(WebhookStore store, WebhookWorker worker, WebhookOptions options, ILogger<WebhookSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.SweepIntervalMs));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var due = await store.DueAsync(stoppingToken);
                if (due.Count > 0) await worker.WakeAsync(due);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogDebug(e, "Webhook sweep failed; trying again at the next tick");
            }
        }
    }
}
