namespace Ecosystem.Api.EventStore;

/// <summary>An aggregate's behaviour as three pure parts, plus the stream type its streams are stored under.</summary>
/// <param name="StreamType">Stored with each stream, e.g. "programme".</param>
/// <param name="Initial">The state before the first event.</param>
/// <param name="Evolve">Folds one event into the state; never throws.</param>
/// <param name="Decide">Turns a command into events (none for an idempotent repeat) or throws a rule violation.</param>
public sealed record Decider<TCommand, TEvent, TState>(
    string StreamType,
    TState Initial,
    Func<TState, TEvent, TState> Evolve,
    Func<TCommand, TState, IReadOnlyList<TEvent>> Decide)
    where TEvent : notnull
    where TState : notnull;

/// <summary>An aggregate's state as folded from its stream, with the version it reflects (0: no stream).</summary>
public sealed record Aggregate<TState>(Guid Id, TState State, long Version)
{
    /// <summary>True when the stream has at least one event.</summary>
    public bool Exists => Version > 0;
}

/// <summary>What a command did.</summary>
/// <param name="Aggregate">The state after the command.</param>
/// <param name="Events">The events recorded (empty for an idempotent repeat).</param>
/// <param name="Append">The append result, or null when nothing was recorded.</param>
public sealed record CommandResult<TEvent, TState>(Aggregate<TState> Aggregate, IReadOnlyList<TEvent> Events, AppendResult? Append)
    where TState : notnull;

