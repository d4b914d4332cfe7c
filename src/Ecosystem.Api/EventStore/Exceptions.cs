namespace Ecosystem.Api.EventStore;

/// <summary>Base type of the event store's own failures.</summary>
public abstract class EventStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The stream was not at the version the writer expected: someone else appended first.</summary>
public sealed class WrongExpectedVersionException(Guid streamId, ExpectedVersion expected, long? actual, Exception? inner = null)
    : EventStoreException(actual is { } a ? $"Stream {streamId} is at version {a}, expected {expected}." : $"Stream {streamId} was not at the expected version {expected}.", inner)
{
    /// <summary>The stream written to.</summary>
    public Guid StreamId { get; } = streamId;
    /// <summary>What the writer expected.</summary>
    public ExpectedVersion Expected { get; } = expected;
    /// <summary>The stream's version when the append was refused, when known (0: no stream).</summary>
    public long? Actual { get; } = actual;
}

/// <summary>An append targeted an existing stream of another type (e.g. startup events into a programme).</summary>
public sealed class StreamTypeMismatchException(Guid streamId, string expectedType, string actualType, Exception? inner = null)
    : EventStoreException($"Stream {streamId} is a '{actualType}' stream, not '{expectedType}'.", inner)
{
    /// <summary>The stream written to.</summary>
    public Guid StreamId { get; } = streamId;
    /// <summary>The type the stream was created with.</summary>
    public string ActualType { get; } = actualType;
}
