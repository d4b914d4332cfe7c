using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;
using Ecosystem.Api.Auth;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Ecosystem.Api.Integrators;

/// <summary>A page of the feed; follow <see cref="Next"/> to continue where it ends.</summary>
public sealed record FeedPage(IReadOnlyList<FeedEvent> Events, string Next, long HighWaterMark);

/// <summary>The log for integrators: a paged feed and a live stream (Server-Sent Events), with the same filters.</summary>
public static class EventFeedEndpoints
{
    static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    static readonly TimeSpan SlowClient = TimeSpan.FromSeconds(30);

    public static RouteGroupBuilder MapEventFeed(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/events").WithTags("Integrators").RequireAuthorization(Policies.LogReader).WithStandardProblems();
        group.MapGet("/", Page).WithName("listEvents")
            .WithDescription("`after` is a sequence (default 0), `limit` 1–200 (default 50), `type` comma-separated stable names, `streamType` and `streamId` filter. Reads never pass the async daemon's high-water mark, so following `next` never skips an event whose transaction commits late.")
            .WithSummary("Events in log order after a sequence, never past the daemon's high-water mark; follow `next` to go on.");
        group.MapGet("/stream", Stream).WithName("streamEvents")
            .WithDescription("One message per event: `id:` its sequence, `event:` its type, `data:` the event as in the feed. Resume with `Last-Event-ID`; without it (and without `after`) the stream starts at the present. Idle streams get a `: heartbeat` comment every 15 s; a client that does not accept a page within 30 s is disconnected.")
            .WithSummary("The same events live, as Server-Sent Events (id = sequence); reconnect with Last-Event-ID to resume.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return group;
    }

    static async Task<Ok<FeedPage>> Page([Range(0, long.MaxValue)] long? after, [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(2000)] string? type, [MaxLength(100)] string? streamType, Guid? streamId, EventFeed feed, HttpContext http, CancellationToken ct)
    {
        var filter = Filter(type, streamType, streamId);
        var (from, take) = (after ?? 0, limit ?? Paging.DefaultLimit);
        var (events, upTo) = await feed.ReadAsync(from, take, filter, ct);
        // A short page has seen every matching event up to the mark, so the next one starts there.
        var next = events.Count == take ? events[^1].Sequence : Math.Max(from, upTo);
        var query = QueryString.Create(new Dictionary<string, string?>
        {
            ["after"] = next.ToString(), ["limit"] = take.ToString(), ["type"] = type, ["streamType"] = streamType, ["streamId"] = streamId?.ToString(),
        }.Where(p => p.Value is not null));
        return TypedResults.Ok(new FeedPage(events, $"/api/events{query}", upTo));
    }

    /// <summary>
    /// Streams events as they pass the high-water mark. The server holds one page per client: writes wait for the
    /// client (TCP back-pressure), and a client that takes more than 30 s to accept a page is disconnected; it resumes
    /// with Last-Event-ID. Idle connections get a comment line every 15 s so proxies keep them open.
    /// </summary>
    static async Task Stream([Range(0, long.MaxValue)] long? after, [MaxLength(2000)] string? type, [MaxLength(100)] string? streamType, Guid? streamId,
        EventFeed feed, FeedSignal signal, IOptions<JsonOptions> json, HttpContext http)
    {
        var filter = Filter(type, streamType, streamId);
        var position = long.TryParse(http.Request.Headers["Last-Event-ID"], out var resume) && resume >= 0 ? resume
            : after ?? (await feed.ReadAsync(long.MaxValue, 1, filter, http.RequestAborted)).ReadableUpTo;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.Body.FlushAsync(http.RequestAborted);

        var ct = http.RequestAborted;
        var idleSince = DateTime.UtcNow;
        var settle = TimeSpan.Zero;
        while (!ct.IsCancellationRequested)
        {
            var woken = signal.NextAsync();
            var (events, upTo) = await feed.ReadAsync(position, Paging.MaxLimit, filter, ct);
            if (events.Count > 0)
            {
                var text = new StringBuilder();
                foreach (var e in events)
                    text.Append("id: ").Append(e.Sequence).Append("\nevent: ").Append(e.Type).Append("\ndata: ")
                        .Append(JsonSerializer.Serialize(e, json.Value.SerializerOptions)).Append("\n\n");
                await WriteAsync(http, text.ToString(), ct);
                position = events[^1].Sequence;
                (idleSince, settle) = (DateTime.UtcNow, TimeSpan.Zero);
                continue;
            }
            position = Math.Max(position, upTo);
            if (DateTime.UtcNow - idleSince >= Heartbeat)
            {
                await WriteAsync(http, ": heartbeat\n\n", ct);
                idleSince = DateTime.UtcNow;
            }
            // An append wakes us before the daemon has moved the high-water mark past it: look again shortly, backing off.
            var wait = settle > TimeSpan.Zero ? settle : Heartbeat;
            try
            {
                await Task.WhenAny(woken, Task.Delay(wait, ct));
            }
            catch (OperationCanceledException) { return; }
            settle = woken.IsCompleted ? TimeSpan.FromMilliseconds(25)
                : settle > TimeSpan.Zero && settle < TimeSpan.FromSeconds(2) ? settle * 2 : TimeSpan.Zero;
        }
    }

    static async Task WriteAsync(HttpContext http, string text, CancellationToken aborted)
    {
        using var slow = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        slow.CancelAfter(SlowClient);
        await http.Response.WriteAsync(text, slow.Token);
        await http.Response.Body.FlushAsync(slow.Token);
    }

    static FeedFilter Filter(string? type, string? streamType, Guid? streamId)
    {
        var types = (type ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (types.FirstOrDefault(t => DomainEventCatalog.TypeOf(t) is null) is { } unknown)
            throw new InvalidInputException("type", $"'{unknown}' is not an event type; see the event catalogue in docs/API.md.");
        if (streamType is not null && DomainEventCatalog.All.All(e => e.StreamType != streamType))
            throw new InvalidInputException("streamType", $"'{streamType}' is not a stream type: {string.Join(", ", DomainEventCatalog.All.Select(e => e.StreamType).Distinct())}.");
        return new FeedFilter(types, streamType, streamId);
    }
}
