using Ecosystem.Api.EventStore;
using Ecosystem.Api.Infrastructure;

namespace Ecosystem.Api.ReadModels;

/// <summary>
/// A read model whose stored tables were built by another version of its code is rebuilt at start-up, in the
/// background, while its old tables serve (its reads answer 503 read-model.rebuilding until the swap). Runs on nodes
/// that run consumers; a second node asking for the same rebuild waits for the first and then finds nothing to do.
/// </summary>
public sealed class VersionRebuilds(ProjectionManager manager, IEnumerable<IProjection> projections, EcosystemOptions options, ILogger<VersionRebuilds> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.RunConsumers) return;
        foreach (var projection in projections)
        {
            try
            {
                if (!await manager.NeedsRebuildAsync(projection, stoppingToken)) continue;
                logger.LogWarning("Projection {Projection} changed to version {Version}: rebuilding while the old tables serve", projection.Name, projection.Version);
                await manager.RebuildAsync(projection, ct: stoppingToken);
                logger.LogInformation("Projection {Projection} rebuilt and swapped in", projection.Name);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Rebuild of projection {Projection} failed; the previous tables keep serving", projection.Name);
            }
        }
    }
}
