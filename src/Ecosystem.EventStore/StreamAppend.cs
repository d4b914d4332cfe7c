namespace Ecosystem.EventStore;

/// <summary>An event to append, with the id that makes re-sending it harmless.</summary>
public sealed record EventToAppend(Guid EventId, object Data)
{
    /// <summary>Wraps each event with a fresh time-ordered id.</summary>
    public static IReadOnlyList<EventToAppend> WithNewIds(IEnumerable<object> events) =>
        events.Select(e => new EventToAppend(Guid.CreateVersion7(), e)).ToList();
}

/// <summary>One stream's part of an (atomic, possibly multi-stream) append.</summary>
public sealed record StreamAppend(
    Guid StreamId,
    string StreamType,
    ExpectedVersion Expected,
    IReadOnlyList<EventToAppend> Events,
    EventMetadata Metadata);

/// <summary>What an append did to one stream.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="StreamVersion">The stream's version after the append.</param>
/// <param name="Positions">Global positions of the appended events, in stream order.</param>
/// <param name="TransactionId">The transaction that stored them.</param>
/// <param name="Duplicate">True when every event id was already stored by this same append earlier: nothing new was written.</param>
public sealed record AppendResult(Guid StreamId, long StreamVersion, IReadOnlyList<long> Positions, ulong TransactionId, bool Duplicate)
{
    /// <summary>The log position of the last appended event, usable as a read-your-writes token.</summary>
    public LogPosition LastPosition => new(TransactionId, Positions.Count > 0 ? Positions[^1] : 0);
}

/// <summary>A stream's header row.</summary>
public sealed record StreamInfo(Guid StreamId, string StreamType, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Which part of a stream to read. Bounds are inclusive; all null reads everything.</summary>
/// <param name="FromVersion">First version to read.</param>
/// <param name="ToVersion">Last version to read.</param>
/// <param name="AsOf">Read only events recorded at or before this moment.</param>
/// <param name="StreamType">Read only if the stream is of this type (a stream of another type reads as empty).</param>
public sealed record StreamRead(long FromVersion = 1, long? ToVersion = null, DateTimeOffset? AsOf = null, string? StreamType = null)
{
    /// <summary>The whole stream.</summary>
    public static StreamRead All { get; } = new();
}
