using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Ecosystem.Domain;
using StandardWebhooks;

namespace Ecosystem.Api.Webhooks;

/// <summary>An event as read from the log for delivery.</summary>
public sealed record DeliverableEvent(long Sequence, Guid EventId, Guid StreamId, string Type, DateTimeOffset Time, string Data);

/// <summary>A target that resolved only to refused addresses at connection time.</summary>
public sealed class TargetRefusedException(string host) : Exception($"{host} resolves only to private, loopback, link-local or metadata addresses, which are refused.");

/// <summary>
/// Sends one event to one receiver: a CloudEvents 1.0 structured-mode JSON body signed per Standard Webhooks
/// (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature: v1,…</c>). The id is the same on every attempt so
/// receivers can drop duplicates; the timestamp and signature are those of the attempt. Connections go only to addresses
/// the target guard allows, as DNS resolves them at that moment; redirects are not followed.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    static readonly CloudEventAttribute SequenceAttribute = CloudEventAttribute.CreateExtension("sequence", CloudEventAttributeType.String);
    static readonly CloudEventAttribute StreamTypeAttribute = CloudEventAttribute.CreateExtension("streamtype", CloudEventAttributeType.String);
    static readonly JsonEventFormatter Formatter = new();
    readonly HttpClient http;
    readonly WebhookOptions options;
    readonly Uri source;

    public WebhookSender(WebhookOptions options)
    {
        this.options = options;
        source = new Uri(options.Source, UriKind.RelativeOrAbsolute);
        http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromMilliseconds(options.TimeoutMs),
            ConnectCallback = ConnectAsync,
        }) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Ecosystem-Webhooks/1.0");
    }

    /// <summary>The Standard Webhooks message id of an event for a subscription: stable across retries and replays.</summary>
    public static string MessageId(Guid webhookId, Guid eventId) => $"msg_{eventId:N}_{webhookId:N}";

    /// <summary>A new signing secret in the Standard Webhooks format: "whsec_" and 32 random bytes in base64.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The CloudEvents structured-mode body of an event.</summary>
    public byte[] Body(DeliverableEvent e)
    {
        using var data = JsonDocument.Parse(e.Data);
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [SequenceAttribute, StreamTypeAttribute])
        {
            Id = e.EventId.ToString(),
            Source = source,
            Type = "org.ecosystem." + e.Type,
            Subject = e.StreamId.ToString(),
            Time = e.Time,
            DataContentType = "application/json",
            Data = data.RootElement.Clone(),
            // The CloudEvents sequence extension is a lexicographically ordered string: zero-padded.
            [SequenceAttribute] = e.Sequence.ToString("D20"),
            [StreamTypeAttribute] = DomainEventCatalog.StreamTypeOf(e.Type) ?? "unknown",
        };
        return Formatter.EncodeStructuredModeMessage(cloudEvent, out _).ToArray();
    }

    /// <summary>One attempt; the status code, or an exception for a timeout or a connection that failed.</summary>
    public async Task<HttpResponseMessage> SendAsync(Uri target, string secret, string messageId, byte[] body, DateTimeOffset now, CancellationToken ct)
    {
        var signature = new StandardWebhook(secret).Sign(messageId, now, Encoding.UTF8.GetString(body));
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/cloudevents+json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("webhook-id", messageId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", now.ToUnixTimeSeconds().ToString());
        request.Headers.TryAddWithoutValidation("webhook-signature", signature);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.TimeoutMs);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        // The receiver's body is not needed; a bounded read lets the connection be reused.
        try { await response.Content.LoadIntoBufferAsync(64 * 1024, timeout.Token); } catch (HttpRequestException) { }
        return response;
    }

    async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await TargetGuard.ResolveAsync(host, ct) ?? throw new HttpRequestException($"{host} does not resolve.");
        var allowed = options.AllowPrivateTargets ? addresses : addresses.Where(TargetGuard.IsPublic).ToArray();
        if (allowed.Length == 0) throw new TargetRefusedException(host);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => http.Dispose();
}
