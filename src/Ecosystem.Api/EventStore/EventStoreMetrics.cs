using System.Diagnostics.Metrics;

namespace Ecosystem.Api.EventStore;

/// <summary>
/// The event store's instruments (meter "Ecosystem.EventStore"): what is appended, what conflicts, what consumers
/// handle and park. Read them with dotnet-counters, or export them with any MeterListener-based exporter.
/// </summary>
public static class EventStoreMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Ecosystem.EventStore";

    static readonly Meter Meter = new(MeterName);

    /// <summary>Events stored by appends (repeats of an earlier append are not counted), tagged by stream type.</summary>
    public static readonly Counter<long> EventsAppended = Meter.CreateCounter<long>("ecosystem.events.appended", "{event}");

    /// <summary>Appends refused because the stream was not at the expected version.</summary>
    public static readonly Counter<long> AppendConflicts = Meter.CreateCounter<long>("ecosystem.append.conflicts", "{append}");

    /// <summary>Commands started again from a fresh load after losing a version race.</summary>
    public static readonly Counter<long> CommandRetries = Meter.CreateCounter<long>("ecosystem.command.retries", "{retry}");

    /// <summary>Events handled by consumers, tagged by consumer.</summary>
    public static readonly Counter<long> EventsConsumed = Meter.CreateCounter<long>("ecosystem.consumer.events", "{event}");

    /// <summary>Streams parked by consumers after repeated failures, tagged by consumer.</summary>
    public static readonly Counter<long> StreamsParked = Meter.CreateCounter<long>("ecosystem.consumer.parked", "{stream}");

    /// <summary>Webhook attempts, tagged by outcome (delivered, retry, dead, gone).</summary>
    public static readonly Counter<long> WebhookAttempts = Meter.CreateCounter<long>("ecosystem.webhook.attempts", "{attempt}");

    /// <summary>From an event's commit to its receiver's acceptance, per delivery.</summary>
    public static readonly Histogram<double> WebhookLatency = Meter.CreateHistogram<double>("ecosystem.webhook.latency", "ms");
}
