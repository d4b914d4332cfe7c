using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Ecosystem.EventStore;

/// <summary>
/// Loads aggregates (latest snapshot plus the tail of the stream) and runs commands against them:
/// load, fold, decide, append with the loaded version, and retry from the load on a concurrent write.
/// </summary>
public sealed class AggregateStore(PostgresEventStore store, IReadOnlyDictionary<string, SnapshotPolicy>? snapshotPolicies = null)
{
    readonly IReadOnlyDictionary<string, SnapshotPolicy> policies = snapshotPolicies ?? new Dictionary<string, SnapshotPolicy>();

    /// <summary>How many times a command is tried when other writers keep winning.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The underlying event store.</summary>
    public PostgresEventStore Events => store;

    /// <summary>Loads the current state, or the state as of a version or a moment (snapshots are used when they are not newer).</summary>
    public async Task<Aggregate<TState>> LoadAsync<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> decider, Guid id,
        long? upToVersion = null, DateTimeOffset? asOf = null, CancellationToken ct = default)
        where TEvent : notnull where TState : notnull
    {
        int? snapshots = asOf is null && policies.TryGetValue(decider.StreamType, out var policy) ? policy.SchemaVersion : null;
        var rows = await store.ReadForFoldAsync(id, decider.StreamType, upToVersion ?? long.MaxValue, asOf, snapshots, ct);
        var (state, version) = (decider.Initial, 0L);
        foreach (var (rowVersion, eventType, json) in rows)
        {
            state = eventType is null
                ? JsonSerializer.Deserialize<TState>(json, store.Registry.JsonOptions) ?? decider.Initial
                : decider.Evolve(state, (TEvent)store.Registry.Deserialize(eventType, json));
            version = rowVersion;
        }
        return new Aggregate<TState>(id, state, version);
    }

    /// <summary>
    /// Runs <paramref name="command"/> on stream <paramref name="id"/>. With <paramref name="pinnedVersion"/> the
    /// caller says which version it decided against: a different version raises
    /// <see cref="WrongExpectedVersionException"/> at once. Without it, a concurrent write makes the
    /// command start again from the load, up to <see cref="MaxAttempts"/> times. <paramref name="check"/> sees
    /// each loaded aggregate before the decision (e.g. to refuse a missing stream or an unauthorised caller), so
    /// callers need not load it a second time.
    /// </summary>
    public async Task<CommandResult<TEvent, TState>> HandleAsync<TCommand, TEvent, TState>(
        Decider<TCommand, TEvent, TState> decider, Guid id, TCommand command, EventMetadata metadata,
        long? pinnedVersion = null, CancellationToken ct = default, Action<Aggregate<TState>>? check = null)
        where TEvent : notnull where TState : notnull
    {
        return await RetryOnConflictAsync(pinnedVersion is null ? MaxAttempts : 1, async () =>
        {
            var aggregate = await LoadAsync(decider, id, ct: ct);
            check?.Invoke(aggregate);
            if (pinnedVersion is { } pinned && pinned != aggregate.Version)
                throw new WrongExpectedVersionException(id, ExpectedVersion.Exactly(pinned), aggregate.Version);

            var events = decider.Decide(command, aggregate.State);
            if (events.Count == 0) return new CommandResult<TEvent, TState>(aggregate, events, null);

            var append = await store.AppendAsync(id, decider.StreamType, ExpectedVersion.Exactly(aggregate.Version),
                EventToAppend.WithNewIds(events.Cast<object>()), metadata, ct);
            var after = new Aggregate<TState>(id, events.Aggregate(aggregate.State, decider.Evolve), append.StreamVersion);
            await SnapshotIfDueAsync(decider.StreamType, aggregate.Version, after, ct);
            return new CommandResult<TEvent, TState>(after, events, append);
        }, ct);
    }

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
                await Task.Delay(Random.Shared.Next(1, Math.Min(4 << i, 250)), ct);
            }
        }
    }

    /// <summary>Stores a snapshot of <paramref name="aggregate"/> when its new version crossed the policy's interval.</summary>
    public async Task SnapshotIfDueAsync<TState>(string streamType, long previousVersion, Aggregate<TState> aggregate, CancellationToken ct = default)
        where TState : notnull
    {
        if (!policies.TryGetValue(streamType, out var policy) || policy.Every <= 0) return;
        if (aggregate.Version / policy.Every == previousVersion / policy.Every) return;
        await WriteSnapshotAsync(streamType, aggregate, policy.SchemaVersion, ct);
    }

    async Task WriteSnapshotAsync<TState>(string streamType, Aggregate<TState> aggregate, int schemaVersion, CancellationToken ct)
        where TState : notnull
    {
        await using var command = store.DataSource.CreateCommand("""
            insert into es.snapshots (stream_id, stream_type, version, schema_version, state)
            values ($1, $2, $3, $4, $5)
            on conflict (stream_id) do update
               set version = excluded.version, schema_version = excluded.schema_version, state = excluded.state, created_at = now()
             where es.snapshots.version < excluded.version or es.snapshots.schema_version <> excluded.schema_version
            """);
        command.Parameters.Add(new() { Value = aggregate.Id });
        command.Parameters.Add(new() { Value = streamType });
        command.Parameters.Add(new() { Value = aggregate.Version });
        command.Parameters.Add(new() { Value = schemaVersion });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(aggregate.State, store.Registry.JsonOptions), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(ct);
    }
}
