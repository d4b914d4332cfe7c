using Ecosystem.Api.Auth;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Api.ReadModels;
using Ecosystem.Api.EventStore;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecosystem.Api.Admin;

public sealed record RebuildStarted(string Projection, string Status);

/// <summary>Operating the consumers: lag, parked streams, replays and projection rebuilds.</summary>
public static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(Policies.Admin).WithStandardProblems();
        group.MapGet("/consumers", Consumers).WithName("listConsumers").WithSummary("Every consumer's checkpoint, lag (events and seconds) and parked streams.")
            .WithDescription("For each consumer (read models, reactors): its checkpoint (an event sequence), its lag in events and seconds, its last error and the streams it parked.");
        group.MapPost("/consumers/{name}/parked/{streamId:guid}/replay", Replay).WithName("replayParkedStream").WithSummary("Replay a parked stream once its cause is fixed.")
            .WithDescription("Replays the stream's events at once, in order, on this node; 202 with the consumer's status. The stream stays parked, with the new error, if it fails again; 404 when that consumer has not parked that stream.");
        group.MapGet("/projections", Projections).WithName("listProjections").WithSummary("Read models: version, live generation, rebuild progress.")
            .WithDescription("Each read model's code version, the generation of tables serving reads, and the progress of a rebuild under way.");
        group.MapPost("/projections/{name}/rebuild", Rebuild).WithName("rebuildProjection")
            .WithSummary("Rebuild a read model from the first event into fresh tables; the old ones serve until the swap.")
            .WithDescription("Starts the rebuild in the background and answers 202 at once; follow it with listProjections. 404 for an unknown read model.");
        return group;
    }

    static async Task<Ok<ConsumerStatus[]>> Consumers(ConsumerAdmin admin, ConsumerEngines engines, CancellationToken ct)
    {
        var statuses = new List<ConsumerStatus>();
        foreach (var name in engines.Names) statuses.Add(await admin.StatusAsync(name, ct));
        return TypedResults.Ok(statuses.ToArray());
    }

    /// <summary>Replays at once, in order, on this node: the consumer's checkpoint lock keeps its live pages out meanwhile.</summary>
    static async Task<Accepted<ConsumerStatus>> Replay(string name, Guid streamId, ConsumerEngines engines, ConsumerAdmin admin, CancellationToken ct)
    {
        var engine = engines.Find(name) ?? throw new NotFoundException($"Consumer '{name}'");
        if (!await engine.ReplayAsync(streamId, ct)) throw new NotFoundException($"Parked stream {streamId} of consumer '{name}'");
        return TypedResults.Accepted("/api/admin/consumers", await admin.StatusAsync(name, ct));
    }

    static async Task<Ok<ProjectionStatus[]>> Projections(ProjectionManager manager, IEnumerable<IProjection> projections, CancellationToken ct) =>
        TypedResults.Ok((await manager.StatusAsync(projections.ToList(), ct)).ToArray());

    static Accepted<RebuildStarted> Rebuild(string name, ProjectionManager manager, IEnumerable<IProjection> projections,
        IHostApplicationLifetime lifetime, ILogger<ProjectionManager> logger)
    {
        var projection = projections.FirstOrDefault(p => p.Name == name) ?? throw new NotFoundException($"Projection '{name}'");
        _ = Task.Run(async () =>
        {
            try
            {
                await manager.RebuildAsync(projection, ct: lifetime.ApplicationStopping);
                logger.LogInformation("Projection {Projection} rebuilt and swapped in", name);
            }
            catch (Exception e) when (!lifetime.ApplicationStopping.IsCancellationRequested)
            {
                logger.LogError(e, "Rebuild of {Projection} failed; the previous tables keep serving", name);
            }
        });
        return TypedResults.Accepted("/api/admin/projections", new RebuildStarted(name, "rebuilding"));
    }
}
