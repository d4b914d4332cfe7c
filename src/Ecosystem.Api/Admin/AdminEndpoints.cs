using Ecosystem.Api.Auth;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Api.ReadModels;
using Ecosystem.EventStore;
using Ecosystem.EventStore.Consumers;
using Ecosystem.EventStore.Projections;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecosystem.Api.Admin;

public sealed record RebuildStarted(string Projection, string Status);

/// <summary>Operating the consumers: lag, parked streams, replays and projection rebuilds.</summary>
public static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(Policies.Admin).WithStandardProblems();
        group.MapGet("/consumers", Consumers).WithSummary("Every consumer's checkpoint, lag (events and seconds) and parked streams.");
        group.MapPost("/consumers/{name}/parked/{streamId:guid}/replay", Replay).WithSummary("Replay a parked stream once its cause is fixed.");
        group.MapGet("/projections", Projections).WithSummary("Read models: version, live generation, rebuild progress.");
        group.MapPost("/projections/{name}/rebuild", Rebuild)
            .WithSummary("Rebuild a read model from the first event into fresh tables; the old ones serve until the swap.");
        return group;
    }

    /// <summary>The consumers the engine runs: asynchronous projections and reactors (inline projections have no lag).</summary>
    public static IEnumerable<string> ConsumerNames(IEnumerable<IProjection> projections, IEnumerable<IEventConsumer> reactors, PostgresEventStore store) =>
        projections.Where(p => !store.IsInline(p.Name)).Select(p => ProjectionConsumer.ConsumerName(p.Name)).Concat(reactors.Select(r => r.Name));

    static async Task<Ok<ConsumerStatus[]>> Consumers(ConsumerAdmin admin, IEnumerable<IProjection> projections, IEnumerable<IEventConsumer> reactors,
        PostgresEventStore store, CancellationToken ct)
    {
        var statuses = new List<ConsumerStatus>();
        foreach (var name in ConsumerNames(projections, reactors, store)) statuses.Add(await admin.StatusAsync(name, ct));
        return TypedResults.Ok(statuses.ToArray());
    }

    static async Task<Accepted> Replay(string name, Guid streamId, ConsumerAdmin admin, CancellationToken ct) =>
        await admin.RequestReplayAsync(name, streamId, ct)
            ? TypedResults.Accepted($"/api/admin/consumers")
            : throw new NotFoundException($"Parked stream {streamId} of consumer '{name}'");

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
