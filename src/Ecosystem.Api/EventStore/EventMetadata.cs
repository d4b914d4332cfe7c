namespace Ecosystem.Api.EventStore;

/// <summary>Who caused an event and in which conversation; stored beside every event.</summary>
/// <param name="Actor">The authenticated caller (an API key's name, a reactor's name, "demo-loader", …).</param>
/// <param name="CorrelationId">Shared by every event that one request or workflow caused.</param>
/// <param name="CausationId">The message or event that directly caused this one, when known.</param>
/// <param name="Headers">Free-form string headers (e.g. the HTTP route, a client's idempotency key).</param>
public sealed record EventMetadata(
    string Actor,
    Guid CorrelationId,
    Guid? CausationId = null,
    IReadOnlyDictionary<string, string>? Headers = null);
