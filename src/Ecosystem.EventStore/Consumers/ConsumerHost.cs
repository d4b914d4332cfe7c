using Npgsql;

namespace Ecosystem.EventStore.Consumers;

/// <summary>
/// Runs a set of consumers on this node and wakes them when the log grows (LISTEN es_events, sent by the
/// append function at commit). Every node can run the same host: each consumer is led by one node at a time.
/// </summary>
public sealed class ConsumerHost(PostgresEventStore store, IEnumerable<IEventConsumer> consumers, ConsumerOptions options, Action<string, Exception>? onError = null)
{
    /// <summary>The engines, one per consumer.</summary>
    public IReadOnlyList<ConsumerEngine> Engines { get; } = consumers.Select(c => new ConsumerEngine(store, c, options, onError)).ToList();

    /// <summary>Runs every consumer and the wake-up listener until <paramref name="ct"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(Engines.Select(e => e.RunAsync(ct)).Append(ListenAsync(ct)));

    async Task ListenAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await store.SessionDataSource.OpenConnectionAsync(ct);
                connection.Notification += (_, _) => WakeAll();
                await using (var listen = new NpgsqlCommand("listen es_events", connection)) await listen.ExecuteNonQueryAsync(ct);
                WakeAll();
                while (!ct.IsCancellationRequested) await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                onError?.Invoke("listener", e);
                await Task.Delay(options.LeadershipRetry, ct).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    void WakeAll()
    {
        foreach (var engine in Engines) engine.Wake();
    }
}
