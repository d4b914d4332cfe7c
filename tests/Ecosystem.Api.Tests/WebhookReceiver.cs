using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ecosystem.Api.Tests;

/// <summary>A webhook receiver over real HTTP on a loopback port (Kestrel): records every request and answers as told.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>One request as it arrived.</summary>
    public sealed record Received(string WebhookId, string Timestamp, string Signature, string ContentType, string Body, DateTimeOffset At)
    {
        public JsonNode Event => JsonNode.Parse(Body)!;
        public string Subject => Event["subject"]!.GetValue<string>();
        public string EventId => Event["id"]!.GetValue<string>();
        public long Sequence => long.Parse(Event["sequence"]!.GetValue<string>());

        /// <summary>The headers as ASP.NET Core would give them to a receiver, for StandardWebhook.Verify.</summary>
        public IHeaderDictionary Headers => new HeaderDictionary
        {
            ["webhook-id"] = WebhookId, ["webhook-timestamp"] = Timestamp, ["webhook-signature"] = Signature,
        };
    }

    readonly WebApplication app;
    readonly ConcurrentQueue<Received> received = new();
    int inFlight;

    WebhookReceiver(WebApplication app) => this.app = app;

    /// <summary>The answer to a request: a status code and, optionally, a Retry-After in seconds. Default 204.</summary>
    public Func<Received, (int Status, int? RetryAfterSeconds)> Answer { get; set; } = _ => (204, null);

    /// <summary>How long to wait before answering (the request is recorded on arrival).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public string Url { get; private set; } = "";
    public IReadOnlyList<Received> All => received.ToList();
    public int InFlight => Volatile.Read(ref inFlight);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = $"{address.Replace("0.0.0.0", "127.0.0.1")}/hook";
        return receiver;
    }

    async Task HandleAsync(HttpContext http)
    {
        Interlocked.Increment(ref inFlight);
        try
        {
            using var reader = new StreamReader(http.Request.Body);
            var request = new Received(http.Request.Headers["webhook-id"].ToString(), http.Request.Headers["webhook-timestamp"].ToString(),
                http.Request.Headers["webhook-signature"].ToString(), http.Request.ContentType ?? "", await reader.ReadToEndAsync(), DateTimeOffset.UtcNow);
            received.Enqueue(request);
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
            var (status, retryAfter) = Answer(request);
            http.Response.StatusCode = status;
            if (retryAfter is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString();
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    /// <summary>Requests about one stream, in arrival order.</summary>
    public IReadOnlyList<Received> About(Guid streamId) => All.Where(r => r.Subject == streamId.ToString()).ToList();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
