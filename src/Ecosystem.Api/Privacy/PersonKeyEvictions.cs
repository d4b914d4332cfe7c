using Npgsql;

namespace Ecosystem.Api.Privacy;

/// <summary>
/// Listens for erasures made on any node and drops the erased person's cached key here. After a lost connection
/// the whole cache is dropped, since notifications sent meanwhile are gone.
/// </summary>
public sealed class PersonKeyEvictions(NpgsqlDataSource dataSource, PersonKeys keys, ILogger<PersonKeyEvictions> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => { if (Guid.TryParse(e.Payload, out var person)) keys.Evict(person); };
                await using (var listen = new NpgsqlCommand($"listen {PersonKeys.ErasedChannel}", connection)) await listen.ExecuteNonQueryAsync(stoppingToken);
                keys.EvictAll();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Erasure listener lost its connection; reconnecting");
                keys.EvictAll();
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
