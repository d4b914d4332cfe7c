namespace Ecosystem.Api.EventStore;

/// <summary>Tuning of the consumers; the defaults suit a small deployment.</summary>
public sealed record ConsumerOptions
{
    /// <summary>Events per page the daemon delivers.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Tries of one failing event before its stream is parked.</summary>
    public int AttemptsBeforeParking { get; init; } = 3;
}
