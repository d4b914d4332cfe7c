using Npgsql;

namespace Ecosystem.Api.Integrators;

/// <summary>
/// Wakes this node's live-stream clients when events are appended anywhere: one LISTEN on Marten's append
/// notification per node, shared by every client, instead of each client polling.
/// </summary>
public sealed class FeedSignal(NpgsqlDataSource dataSource, ILogger<FeedSignal> logger) : BackgroundService
{
    volatile TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next append notification (or when the listener reconnects).</summary>
    public Task NextAsync() => next.Task;

    void Wake() => Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => Wake();
                await using (var listen = new NpgsqlCommand("listen mt_events_appended", connection)) await listen.ExecuteNonQueryAsync(stoppingToken);
                Wake();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Live-stream listener lost its connection; reconnecting");
                Wake();
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
