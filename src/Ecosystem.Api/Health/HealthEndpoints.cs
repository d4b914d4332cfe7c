using Ecosystem.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Ecosystem.Api.EventStore;
using Npgsql;

namespace Ecosystem.Api.Health;

public sealed record HealthStatus(string Status, IReadOnlyDictionary<string, string>? Checks = null);

public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        group.MapGet("/live", () => TypedResults.Ok(new HealthStatus("live"))).WithName("checkLiveness").WithDescription("200 while the process runs; it touches no database.").WithSummary("The process is up.");
        group.MapGet("/ready", Ready).WithName("checkReadiness")
            .WithDescription("200 when the database answers and no consumer lags beyond Ecosystem:MaxConsumerLagSeconds; otherwise 503 with `Retry-After`.")
            .WithProblemCodes(StatusCodes.Status503ServiceUnavailable, "health.consumer-lag").WithSummary("The service can serve: the database answers.");
    }

    /// <summary>Ready when the database answers and no consumer lags beyond Ecosystem:MaxConsumerLagSeconds.</summary>
    static async Task<Results<Ok<HealthStatus>, ProblemHttpResult>> Ready(NpgsqlDataSource dataSource, ConsumerAdmin consumers,
        ConsumerEngines engines, EcosystemOptions options, HttpContext http, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(timeout.Token);
            var checks = new Dictionary<string, string> { ["database"] = "ok" };
            var lagging = new List<string>();
            foreach (var name in engines.Names)
            {
                var status = await consumers.StatusAsync(name, timeout.Token);
                checks[name] = $"lag {status.LagEvents} events, {status.LagSeconds:0.#} s";
                if (status.LagSeconds > options.MaxConsumerLagSeconds) lagging.Add(name);
            }
            if (lagging.Count > 0)
            {
                http.Response.Headers.RetryAfter = "5";
                return TypedResults.Problem(ProblemExceptionHandler.Problem(StatusCodes.Status503ServiceUnavailable, "Not ready",
                    $"Consumers lag beyond {options.MaxConsumerLagSeconds} s: {string.Join(", ", lagging)}.", "health.consumer-lag"));
            }
            return TypedResults.Ok(new HealthStatus("ready", checks));
        }
        catch (Exception e) when (ProblemExceptionHandler.DatabaseUnavailable(e) || e is NpgsqlException or OperationCanceledException)
        {
            http.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(ProblemExceptionHandler.Problem(StatusCodes.Status503ServiceUnavailable,
                "Not ready", "The database does not answer.", "database.unavailable"));
        }
    }
}
