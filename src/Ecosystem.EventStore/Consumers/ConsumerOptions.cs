namespace Ecosystem.EventStore.Consumers;

/// <summary>Tuning of the consumer engine; the defaults suit a small deployment.</summary>
public sealed record ConsumerOptions
{
    /// <summary>Events read per transaction.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Longest sleep when idle and not woken by a notification.</summary>
    public TimeSpan IdlePoll { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a node that does not lead a consumer tries to take over.</summary>
    public TimeSpan LeadershipRetry { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Tries of one failing event before its stream is parked.</summary>
    public int AttemptsBeforeParking { get; init; } = 3;
}
