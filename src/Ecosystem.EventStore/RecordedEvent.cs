namespace Ecosystem.EventStore;

/// <summary>An event as stored: its place in its stream and in the global log, its body and metadata.</summary>
/// <param name="GlobalPosition">Position in the global log (allocation order, not commit order).</param>
/// <param name="TransactionId">The appending transaction; with <paramref name="GlobalPosition"/> the commit-safe order.</param>
/// <param name="EventId">Unique id given by the writer; re-appending it is a no-op.</param>
/// <param name="StreamId">The aggregate's id.</param>
/// <param name="StreamType">The aggregate's kind, e.g. "programme".</param>
/// <param name="StreamVersion">1 for the stream's first event, then consecutive.</param>
/// <param name="EventType">The stable registered name, e.g. "programme.launched".</param>
/// <param name="Data">The deserialised event.</param>
/// <param name="Json">The stored JSON of the event (jsonb's canonical text).</param>
/// <param name="Metadata">Who and why.</param>
/// <param name="RecordedAt">When the appending transaction started, by the database clock.</param>
public sealed record RecordedEvent(
    long GlobalPosition,
    ulong TransactionId,
    Guid EventId,
    Guid StreamId,
    string StreamType,
    long StreamVersion,
    string EventType,
    object Data,
    string Json,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt)
{
    /// <summary>The event's place in commit-safe order.</summary>
    public LogPosition Position => new(TransactionId, GlobalPosition);
}
