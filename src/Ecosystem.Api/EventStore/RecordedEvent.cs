namespace Ecosystem.Api.EventStore;

/// <summary>An event as Marten stored it: its place in its stream and in the global log, its body and metadata.</summary>
/// <param name="Sequence">Position in the global log (Marten's seq_id). Consumers see it in order, gaps closed by the daemon.</param>
/// <param name="EventId">The event's unique id.</param>
/// <param name="StreamId">The aggregate's id.</param>
/// <param name="StreamVersion">1 for the stream's first event, then consecutive.</param>
/// <param name="EventType">The stable registered name, e.g. "programme.launched".</param>
/// <param name="Data">The deserialised event.</param>
/// <param name="Metadata">Who and why.</param>
/// <param name="RecordedAt">When it was stored, by the database clock.</param>
public sealed record RecordedEvent(
    long Sequence,
    Guid EventId,
    Guid StreamId,
    long StreamVersion,
    string EventType,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt);
