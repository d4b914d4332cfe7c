using Marten;

namespace Ecosystem.Api.EventStore;

/// <summary>
/// Loads aggregates as Marten folds them (<see cref="DeciderProjection{TCommand,TEvent,TState}"/>: an inline document
/// for long-lived streams, a live fold for the rest) and runs commands against them: fetch for writing, decide,
/// append at the fetched version, and start again from the fetch when another writer won the race.
/// </summary>
public sealed class AggregateStore(EventLog log)
{
    /// <summary>How many times a command is tried when other writers keep winning.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The event log underneath.</summary>
    public EventLog Events => log;

    /// <summary>Loads the current state, or the state as of a version or a moment.</summary>
    public async Task<Aggregate<TState>> LoadAsync<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> decider, Guid id,
        long? upToVersion = null, DateTimeOffset? asOf = null, CancellationToken ct = default)
        where TEvent : notnull where TState : notnull
    {
        // Marten refuses the empty id outright; no stream ever has it.
        if (id == Guid.Empty) return new Aggregate<TState>(id, decider.Initial, 0);
        // FetchLatest (the inline document, or a live fold) is offered on writing sessions only; this one writes nothing.
        await using var session = log.Store.LightweightSession();
        var document = upToVersion is null && asOf is null
            ? await session.Events.FetchLatest<AggregateDocument<TState>>(id, ct)
            : await session.Events.AggregateStreamToLastKnownAsync<AggregateDocument<TState>>(id, upToVersion ?? 0, asOf, ct);
        return document is null ? new Aggregate<TState>(id, decider.Initial, 0) : new Aggregate<TState>(id, document.State, document.Version);
    }

    /// <summary>
    /// Runs <paramref name="command"/> on stream <paramref name="id"/>. With <paramref name="pinnedVersion"/> the
    /// caller says which version it decided against: a different version raises
    /// <see cref="WrongExpectedVersionException"/> at once. Without it, a concurrent write makes the
    /// command start again from the fetch, up to <see cref="MaxAttempts"/> times. <paramref name="check"/> sees
    /// each fetched aggregate before the decision (e.g. to refuse a missing stream or an unauthorised caller).
    /// </summary>
    public Task<CommandResult<TEvent, TState>> HandleAsync<TCommand, TEvent, TState>(
        Decider<TCommand, TEvent, TState> decider, Guid id, TCommand command, EventMetadata metadata,
        long? pinnedVersion = null, CancellationToken ct = default, Action<Aggregate<TState>>? check = null)
        where TEvent : notnull where TState : notnull =>
        RetryOnConflictAsync(pinnedVersion is null ? MaxAttempts : 1, async () =>
        {
            if (id == Guid.Empty)
            {
                check?.Invoke(new Aggregate<TState>(id, decider.Initial, 0));
                throw new StreamTypeMismatchException(id, decider.StreamType, "none");
            }
            await using var session = log.OpenSession(metadata);
            var stream = await session.Events.FetchForWriting<AggregateDocument<TState>>(id, ct);
            var aggregate = stream.Aggregate is { } document
                ? new Aggregate<TState>(id, document.State, document.Version)
                : new Aggregate<TState>(id, decider.Initial, 0);
            check?.Invoke(aggregate);
            if (stream.Aggregate is null && stream.CurrentVersion > 0)
                throw new StreamTypeMismatchException(id, decider.StreamType, "another kind");
            if (pinnedVersion is { } pinned && pinned != aggregate.Version)
                throw new WrongExpectedVersionException(id, ExpectedVersion.Exactly(pinned), aggregate.Version);

            var events = decider.Decide(command, aggregate.State);
            if (events.Count == 0) return new CommandResult<TEvent, TState>(aggregate, events, null);

            stream.AppendMany(events.Cast<object>());
            await EventLog.SaveAsync(session, id, ExpectedVersion.Exactly(aggregate.Version), ct);
            EventStoreMetrics.EventsAppended.Add(events.Count, new KeyValuePair<string, object?>("stream_type", decider.StreamType));
            var appended = stream.Events.TakeLast(events.Count).ToList();
            var after = new Aggregate<TState>(id, events.Aggregate(aggregate.State, decider.Evolve), appended[^1].Version);
            return new CommandResult<TEvent, TState>(after, events, new AppendResult(id, after.Version, appended.Select(e => e.Sequence).ToList()));
        }, ct);

    /// <summary>Runs <paramref name="attempt"/> again (from scratch) while it loses version races, backing off exponentially with full jitter.</summary>
    public static async Task<T> RetryOnConflictAsync<T>(int maxAttempts, Func<Task<T>> attempt, CancellationToken ct = default)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (WrongExpectedVersionException) when (i < maxAttempts)
            {
                EventStoreMetrics.CommandRetries.Add(1);
                await Task.Delay(Random.Shared.Next(1, Math.Min(4 << i, 250)), ct);
            }
        }
    }
}
