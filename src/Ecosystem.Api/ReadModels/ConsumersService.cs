using Ecosystem.EventStore;
using Ecosystem.EventStore.Consumers;
using Ecosystem.EventStore.Projections;
using Ecosystem.Api.Infrastructure;

namespace Ecosystem.Api.ReadModels;

/// <summary>
/// Runs this node's share of the consumers: every projection and reactor is led by one node at a time, so
/// any number of API nodes can run this service. Projections are initialised first; one whose stored
/// tables come from another code version is rebuilt in the background while the old tables serve.
/// </summary>
public sealed class ConsumersService(
    PostgresEventStore store,
    ProjectionManager projections,
    IEnumerable<IProjection> readModels,
    IEnumerable<IEventConsumer> reactors,
    EcosystemOptions options,
    ILogger<ConsumersService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.RunConsumers)
        {
            logger.LogInformation("Consumers are disabled on this node (Ecosystem:RunConsumers=false)");
            return;
        }
        var all = readModels.ToList();
        foreach (var projection in all)
        {
            if (await projections.NeedsRebuildAsync(projection, stoppingToken))
            {
                logger.LogWarning("Projection {Projection} changed to version {Version}: rebuilding while the old tables serve", projection.Name, projection.Version);
                _ = Task.Run(() => RebuildQuietlyAsync(projection, stoppingToken), stoppingToken);
            }
        }
        var consumerOptions = new ConsumerOptions
        {
            IdlePoll = TimeSpan.FromMilliseconds(options.ConsumerIdlePollMs),
            LeadershipRetry = TimeSpan.FromMilliseconds(options.ConsumerLeadershipRetryMs),
        };
        var asynchronous = all.Where(p => !store.IsInline(p.Name)).Select(p => (IEventConsumer)new ProjectionConsumer(p));
        var host = new ConsumerHost(store, asynchronous.Concat(reactors), consumerOptions,
            (name, error) => logger.LogError(error, "Consumer {Consumer} failed", name));
        await host.RunAsync(stoppingToken);
    }

    async Task RebuildQuietlyAsync(IProjection projection, CancellationToken ct)
    {
        try
        {
            await projections.RebuildAsync(projection, ct: ct);
            logger.LogInformation("Projection {Projection} rebuilt and swapped in", projection.Name);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "Rebuild of projection {Projection} failed; the previous tables keep serving", projection.Name);
        }
    }
}
