using Ecosystem.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Ecosystem.Api.Health;

public sealed record HealthStatus(string Status, IReadOnlyDictionary<string, string>? Checks = null);

public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        group.MapGet("/live", () => TypedResults.Ok(new HealthStatus("live"))).WithSummary("The process is up.");
        group.MapGet("/ready", Ready).WithSummary("The service can serve: the database answers.");
    }

    static async Task<Results<Ok<HealthStatus>, ProblemHttpResult>> Ready(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return TypedResults.Ok(new HealthStatus("ready", new Dictionary<string, string> { ["database"] = "ok" }));
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return TypedResults.Problem(ProblemExceptionHandler.Problem(StatusCodes.Status503ServiceUnavailable,
                "Not ready", "The database does not answer.", "health.database-unreachable"));
        }
    }
}
