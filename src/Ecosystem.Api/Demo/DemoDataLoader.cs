using Ecosystem.Api.Infrastructure;
using Ecosystem.Api.EventStore;

namespace Ecosystem.Api.Demo;

/// <summary>Loads the demo data once the host has started, when Ecosystem:LoadDemoData is set; a failure is logged, never fatal.</summary>
public sealed class DemoDataLoader(EcosystemOptions options, AggregateStore aggregates, ILogger<DemoData> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.LoadDemoData) return;
        // Leave the host's start-up at once: the API serves (and answers health checks) while the demo data loads.
        await Task.Yield();
        try
        {
            await new DemoData(aggregates, logger).LoadAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "Demo data: loading failed; the service runs on without the rest of it");
        }
    }
}
