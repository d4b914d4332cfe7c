using Ecosystem.Api.Auth;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Api.ReadModels;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecosystem.Api.Dashboard;

public static class DashboardEndpoints
{
    public static RouteGroupBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dashboard").WithTags("Dashboard").RequireAuthorization(Policies.Reader).WithStandardProblems();
        group.MapGet("/", Get).WithSummary("Counts across the ecosystem: by sector, country, programme, status and month; missions by counterpart country and status, agreements by kind and status.");
        return group;
    }

    static async Task<Ok<ReadModels.Dashboard>> Get(DashboardReads reads, Freshness freshness, CancellationToken ct)
    {
        await freshness.WaitAsync(DashboardReads.Projections);
        return TypedResults.Ok(await reads.GetAsync(ct));
    }
}
