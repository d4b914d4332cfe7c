using Ecosystem.Api.Infrastructure;
using Ecosystem.EventStore.Consumers;
using Ecosystem.EventStore.Projections;

namespace Ecosystem.Api.ReadModels;

/// <summary>
/// Read-your-writes across the HTTP boundary: a write answers with Ecosystem-Position; a read that passes it
/// back (?position= or the header) waits, bounded, until the read model it reads has consumed that event.
/// The answer says whether it caught up (Ecosystem-Consistency: caught-up | stale).
/// </summary>
public sealed class Freshness(ConsumerAdmin consumers, EcosystemOptions options, IHttpContextAccessor accessor, Ecosystem.EventStore.PostgresEventStore store)
{
    public const string ConsistencyHeader = "Ecosystem-Consistency";

    public async Task WaitAsync(params string[] projections)
    {
        var http = accessor.HttpContext!;
        var requested = http.Request.Query["position"].FirstOrDefault() ?? http.Request.Headers[CommandRunner.PositionHeader].FirstOrDefault();
        if (requested is null) return;
        if (!long.TryParse(requested, out var position) || position < 0)
            throw new BadHttpRequestException("position must be a non-negative integer returned in Ecosystem-Position.");

        var deadline = DateTime.UtcNow.AddMilliseconds(options.ReadYourWritesTimeoutMs);
        var delay = 5;
        foreach (var projection in projections.Where(p => !store.IsInline(p)))
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
}
