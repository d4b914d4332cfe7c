using Ecosystem.Api.Infrastructure;
using Ecosystem.Api.EventStore;

namespace Ecosystem.Api.ReadModels;

/// <summary>
/// Read-your-writes across the HTTP boundary: a write answers with Ecosystem-Position; a read that passes it
/// back (?position= or the header) waits, bounded, until the read model it reads has consumed that event.
/// The answer says whether it caught up (Ecosystem-Consistency: caught-up | stale).
/// </summary>
public sealed class Freshness(ConsumerAdmin consumers, EcosystemOptions options, IHttpContextAccessor accessor, EventLog log,
    ProjectionManager manager, IEnumerable<IProjection> readModels, CurrentReadModels current)
{
    public const string ConsistencyHeader = "Ecosystem-Consistency";

    public async Task WaitAsync(params string[] projections)
    {
        var http = accessor.HttpContext!;
        await RequireCurrentAsync(projections, http.RequestAborted);
        var requested = http.Request.Query["position"].FirstOrDefault() ?? http.Request.Headers[CommandRunner.PositionHeader].FirstOrDefault();
        if (requested is null) return;
        if (!long.TryParse(requested, out var position) || position < 0)
            throw new BadHttpRequestException("position must be a non-negative integer returned in Ecosystem-Position.");
        if (position > await log.HeadPositionAsync(http.RequestAborted))
            throw new BadHttpRequestException("position is beyond the newest event stored; pass back a value returned in Ecosystem-Position.");

        var deadline = DateTime.UtcNow.AddMilliseconds(options.ReadYourWritesTimeoutMs);
        var delay = 5;
        foreach (var projection in projections)
        {
            while (!await consumers.HasReachedAsync(ProjectionConsumer.ConsumerName(projection), position, http.RequestAborted))
            {
                if (DateTime.UtcNow >= deadline)
                {
                    http.Response.Headers[ConsistencyHeader] = "stale";
                    return;
                }
                await Task.Delay(delay, http.RequestAborted);
                delay = Math.Min(delay * 2, 100);
            }
        }
        http.Response.Headers[ConsistencyHeader] = "caught-up";
    }

    /// <summary>
    /// A read model whose stored tables come from another version of its code is being rebuilt; its tables may
    /// not have the shape the query expects, so the read answers 503 until the swap. Once current, a read model
    /// stays current for this process (only a swap to this code's version changes it).
    /// </summary>
    async Task RequireCurrentAsync(string[] projections, CancellationToken ct)
    {
        foreach (var name in projections)
        {
            if (current.Known.ContainsKey(name) || readModels.FirstOrDefault(p => p.Name == name) is not { } projection) continue;
            if (await manager.NeedsRebuildAsync(projection, ct)) throw new ReadModelRebuildingException(name);
            current.Known[name] = true;
        }
    }
}

/// <summary>A read model is being rebuilt for a new version of its code.</summary>
public sealed class ReadModelRebuildingException(string projection) : Exception($"The read model '{projection}' is being rebuilt; retry shortly.");

/// <summary>Read models this process has seen at its code's version (see <see cref="Freshness"/>).</summary>
public sealed class CurrentReadModels
{
    public System.Collections.Concurrent.ConcurrentDictionary<string, bool> Known { get; } = new();
}
