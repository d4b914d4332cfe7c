namespace Ecosystem.Api.EventStore;

/// <summary>One stream's part of an (atomic, possibly multi-stream) append.</summary>
public sealed record StreamAppend(Guid StreamId, string StreamType, ExpectedVersion Expected, IReadOnlyList<object> Events);

/// <summary>What an append did to one stream.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="StreamVersion">The stream's version after the append.</param>
/// <param name="Positions">Global sequences of the appended events, in stream order.</param>
public sealed record AppendResult(Guid StreamId, long StreamVersion, IReadOnlyList<long> Positions)
{
    /// <summary>The sequence of the last appended event, usable as a read-your-writes token.</summary>
    public long LastPosition => Positions.Count > 0 ? Positions[^1] : 0;
}

/// <summary>A stream's header row.</summary>
public sealed record StreamInfo(Guid StreamId, string StreamType, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Which part of a stream to read. Bounds are inclusive; all null reads everything.</summary>
/// <param name="ToVersion">Last version to read.</param>
/// <param name="AsOf">Read only events recorded at or before this moment.</param>
/// <param name="StreamType">Read only if the stream is of this type (a stream of another type reads as empty).</param>
public sealed record StreamRead(long? ToVersion = null, DateTimeOffset? AsOf = null, string? StreamType = null)
{
    /// <summary>The whole stream.</summary>
    public static StreamRead All { get; } = new();
}
