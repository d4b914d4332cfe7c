using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Ecosystem.Api.Auth;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecosystem.Api.Webhooks;

/// <summary>A new subscription. <c>after</c>: deliver events after this sequence (0 = the whole log); left out, only events from now on.</summary>
public sealed record CreateWebhookRequest(
    [property: Required, StringLength(2000, MinimumLength = 1)] string Url,
    [property: MaxLength(100), ItemLength(100)] string[]? EventTypes,
    [property: MaxLength(20), ItemLength(100)] string[]? StreamTypes,
    [property: Range(0, long.MaxValue)] long? After);

/// <summary>Pause (<c>paused</c>) or resume (<c>active</c>) a subscription; resuming also re-enables one disabled by 410 Gone.</summary>
public sealed record UpdateWebhookRequest([property: Required, StringLength(20)] string Status);

public sealed record WebhookView(Guid Id, string Url, IReadOnlyList<string> EventTypes, IReadOnlyList<string> StreamTypes, string Status,
    string? StatusReason, long After, long Delivered, long Pending, long Failed, DateTimeOffset? LastDeliveredAt, DateTimeOffset CreatedAt)
{
    public static WebhookView Of(Webhook w) => new(w.Id, w.Url, w.EventTypes, w.StreamTypes, w.Status, w.StatusReason, w.StartAfter,
        w.Delivered, w.Pending, w.Failed, w.LastDeliveredAt, w.CreatedAt);
}

/// <summary>The subscription as created, with its signing secret: shown this once.</summary>
public sealed record WebhookCreated(Guid Id, string Url, IReadOnlyList<string> EventTypes, IReadOnlyList<string> StreamTypes, string Status,
    long After, long Backfilled, string Secret);

public sealed record WebhookFailures(IReadOnlyList<WebhookFailure> Failures, long HeldBehind);

public sealed record WebhookReplay(int Replayed);

/// <summary>Webhook subscriptions for integrators: signed CloudEvents pushed to their receivers (docs/API.md, "Webhooks").</summary>
public static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        RequestExamples.Register<CreateWebhookRequest>("""
            {"url":"https://receiver.example.com/ecosystem","eventTypes":["startup.admitted"],"streamTypes":[],"after":0}
            """);
        RequestExamples.Register<UpdateWebhookRequest>("""{"status":"paused"}""");
        var group = app.MapGroup("/api/integrations/webhooks").WithTags("Integrators").RequireAuthorization(Policies.Integrator).WithStandardProblems();
        group.MapPost("/", Create).WithProblemCodes(400, "webhook.target-invalid", "webhook.target-forbidden").WithSummary("Subscribe a receiver to events (filters optional; `after` backfills); the signing secret is returned once.");
        group.MapGet("/", List).WithSummary("The caller's subscriptions (all of them for an admin), never their secrets.");
        group.MapGet("/{id:guid}", Get).WithSummary("One subscription: status, delivered, pending and failed counts.");
        group.MapPatch("/{id:guid}", Update).WithSummary("Pause or resume a subscription (`{\"status\": \"paused\" | \"active\"}`).");
        group.MapDelete("/{id:guid}", Delete).WithSummary("Remove a subscription and its undelivered events.");
        group.MapGet("/{id:guid}/failures", Failures).WithSummary("Dead-lettered deliveries in log order, and how many later events of their streams wait behind them.");
        group.MapPost("/{id:guid}/failures/replay", Replay).WithSummary("Deliver the dead-lettered events again, in order, each stream resuming behind its own.");
        return group;
    }

    static async Task<Created<WebhookCreated>> Create(CreateWebhookRequest body, WebhookStore store, WebhookWorker worker, WebhookOptions options, ClaimsPrincipal user, CancellationToken ct)
    {
        var eventTypes = Distinct(body.EventTypes, "eventTypes");
        if (eventTypes.FirstOrDefault(t => DomainEventCatalog.TypeOf(t) is null) is { } unknown)
            throw new InvalidInputException("eventTypes", $"'{unknown}' is not an event type; see the event catalogue in docs/API.md.");
        var streamTypes = Distinct(body.StreamTypes, "streamTypes");
        var known = DomainEventCatalog.All.Select(e => e.StreamType).Distinct().ToList();
        if (streamTypes.FirstOrDefault(t => !known.Contains(t)) is { } unknownStream)
            throw new InvalidInputException("streamTypes", $"'{unknownStream}' is not a stream type: {string.Join(", ", known)}.");
        if (WebhookStore.TypeNames(eventTypes, streamTypes) is [])
            throw new InvalidInputException("eventTypes", "No event type is of the stream types given: the subscription would never receive anything.");
        // Last: it may ask DNS.
        var target = await TargetGuard.ValidateAsync(body.Url, options.AllowPrivateTargets, ct);

        var secret = WebhookSender.NewSecret();
        var (hook, backfilled) = await store.CreateAsync(Guid.CreateVersion7(), user.Actor(), target.AbsoluteUri, secret, eventTypes, streamTypes, body.After, ct);
        if (backfilled > 0) await worker.WakeAsync([hook.Id]);
        return TypedResults.Created($"/api/integrations/webhooks/{hook.Id}",
            new WebhookCreated(hook.Id, hook.Url, hook.EventTypes, hook.StreamTypes, hook.Status, hook.StartAfter, backfilled, secret));
    }

    static async Task<Ok<WebhookView[]>> List(WebhookStore store, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok((await store.ListAsync(Owner(user), ct)).Select(WebhookView.Of).ToArray());

    static async Task<Ok<WebhookView>> Get(Guid id, WebhookStore store, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(WebhookView.Of(await FindAsync(id, store, user, ct)));

    static async Task<Ok<WebhookView>> Update(Guid id, UpdateWebhookRequest body, WebhookStore store, WebhookWorker worker, ClaimsPrincipal user, CancellationToken ct)
    {
        var status = body.Status.Trim().ToLowerInvariant();
        if (status is not ("active" or "paused"))
            throw new InvalidInputException("status", "status must be \"active\" (resume) or \"paused\".");
        var reason = status == "paused" ? $"Paused by {user.Actor()}." : null;
        if (!await store.SetStatusAsync(id, Owner(user), status, reason, ct)) throw new NotFoundException($"Webhook {id}");
        if (status == "active") await worker.WakeAsync([id]);
        return TypedResults.Ok(WebhookView.Of(await FindAsync(id, store, user, ct)));
    }

    static async Task<NoContent> Delete(Guid id, WebhookStore store, ClaimsPrincipal user, CancellationToken ct) =>
        await store.DeleteAsync(id, Owner(user), ct) ? TypedResults.NoContent() : throw new NotFoundException($"Webhook {id}");

    static async Task<Ok<WebhookFailures>> Failures(Guid id, [Range(1, Paging.MaxLimit)] int? limit, WebhookStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        await FindAsync(id, store, user, ct);
        var (failures, held) = await store.FailuresAsync(id, limit ?? Paging.DefaultLimit, ct);
        return TypedResults.Ok(new WebhookFailures(failures, held));
    }

    static async Task<Accepted<WebhookReplay>> Replay(Guid id, WebhookStore store, WebhookWorker worker, ClaimsPrincipal user, CancellationToken ct)
    {
        await FindAsync(id, store, user, ct);
        var replayed = await store.ReplayFailuresAsync(id, ct);
        if (replayed > 0) await worker.WakeAsync([id]);
        return TypedResults.Accepted($"/api/integrations/webhooks/{id}", new WebhookReplay(replayed));
    }

    static async Task<Webhook> FindAsync(Guid id, WebhookStore store, ClaimsPrincipal user, CancellationToken ct) =>
        await store.FindAsync(id, Owner(user), ct) ?? throw new NotFoundException($"Webhook {id}");

    /// <summary>An integrator manages its own subscriptions; an admin all of them.</summary>
    static string? Owner(ClaimsPrincipal user) => user.IsAdmin() ? null : user.Actor();

    static string[] Distinct(string[]? values, string field)
    {
        var list = (values ?? []).Select(v => v?.Trim() ?? "").ToArray();
        if (list.Any(string.IsNullOrEmpty)) throw new InvalidInputException(field, $"{field} must not contain blank names.");
        return list.Distinct().ToArray();
    }
}

public static class WebhookSetup
{
    /// <summary>Registers webhook subscriptions, their consumer (fan-out into delivery rows), the delivery worker and its sweeper.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Ecosystem:Webhooks").Get<WebhookOptions>() ?? new WebhookOptions());
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookWorker>();
        services.AddSingleton<EventStore.IEventConsumer, WebhookFanOut>();
        services.AddHostedService<WebhookSweeper>();
        return services;
    }
}
