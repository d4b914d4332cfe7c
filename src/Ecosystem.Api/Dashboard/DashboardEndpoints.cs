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
        group.MapGet("/", Get).WithSummary("Counts across the ecosystem: by sector, country, programme, status and month; missions by counterpart country and status, agreements by kind and status; ?asOf= as they were then.");
        return group;
    }

    /// <summary>From the read models; as of a moment by replaying them up to it.</summary>
    static async Task<Ok<ReadModels.Dashboard>> Get(DashboardReads reads, Freshness freshness, AsOfReplay replay, AsOf? asOf, CancellationToken ct)
    {
        await freshness.WaitAsync(DashboardReads.Projections);
        if (asOf is { } moment) return TypedResults.Ok(await replay.ReadAsync(moment.Value, DashboardReads.Projections, session => reads.GetAsync(session, ct), ct));
        return TypedResults.Ok(await reads.GetAsync(ct));
    }
}
