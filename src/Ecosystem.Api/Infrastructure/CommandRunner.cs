using Ecosystem.Api.Auth;
using Ecosystem.Api.EventStore;
using Microsoft.Net.Http.Headers;

namespace Ecosystem.Api.Infrastructure;

/// <summary>One stream's share of an atomic write planned by an endpoint.</summary>
public sealed record PlannedAppend(Guid StreamId, string StreamType, long LoadedVersion, IReadOnlyList<object> Events);

/// <summary>
/// The write path shared by every endpoint: the command gets the time from <see cref="TimeProvider"/> and the
/// caller as actor; the stream must exist unless the command creates it; If-Match pins the version (412 on
/// mismatch); responses carry the stream version as ETag and the log position for read-your-writes.
/// </summary>
public sealed class CommandRunner(AggregateStore aggregates, TimeProvider clock, IHttpContextAccessor accessor)
{
    public const string PositionHeader = "Ecosystem-Position";
    public const string CorrelationHeader = "X-Correlation-Id";

    HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("No current request.");

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public string Actor => Http.User.Actor();

    public AggregateStore Aggregates => aggregates;

    public EventMetadata Metadata()
    {
        if (!Http.Items.TryGetValue(CorrelationHeader, out var correlation))
        {
            correlation = Guid.TryParse(Http.Request.Headers[CorrelationHeader], out var given) ? given : Guid.CreateVersion7();
            Http.Items[CorrelationHeader] = correlation;
            Http.Response.Headers[CorrelationHeader] = correlation!.ToString();
        }
        System.Diagnostics.Activity.Current?.SetTag(Telemetry.CorrelationTag, correlation!.ToString());
        return new EventMetadata(Actor, (Guid)correlation!, null,
            new Dictionary<string, string> { ["request"] = $"{Http.Request.Method} {Http.Request.Path}" });
    }

    /// <summary>The version named by If-Match ("5" or W/"5"), or null when absent or "*".</summary>
    public long? PinnedVersion()
    {
        var header = Http.Request.Headers.IfMatch.ToString().Trim();
        if (header is "" or "*") return null;
        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return long.TryParse(value.Trim('"'), out var version) && version >= 0
            ? version
            : throw new BadHttpRequestException("If-Match must be an ETag returned by this API, e.g. \"3\".");
    }

    /// <summary>Loads an existing aggregate, or raises 404 when there is no stream of that kind with that id.</summary>
    public async Task<Aggregate<TState>> LoadExistingAsync<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> decider, Guid id, string what,
        long? upToVersion = null, DateTimeOffset? asOf = null)
        where TEvent : notnull where TState : notnull
    {
        var aggregate = await aggregates.LoadAsync(decider, id, upToVersion, asOf, Http.RequestAborted);
        if (!aggregate.Exists) throw new NotFoundException($"{what} {id}");
        return aggregate;
    }

    /// <summary>Runs a command on one stream that must already exist; <paramref name="authorize"/> may refuse the caller on the loaded state.</summary>
    public Task<CommandResult<TEvent, TState>> RunAsync<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> decider, Guid id, TCommand command, string what,
        Action<TState>? authorize = null)
        where TEvent : notnull where TState : notnull =>
        RunCoreAsync(decider, id, command, aggregate =>
        {
            if (!aggregate.Exists) throw new NotFoundException($"{what} {id}");
            authorize?.Invoke(aggregate.State);
        });

    /// <summary>Runs a command that creates its stream.</summary>
    public Task<CommandResult<TEvent, TState>> CreateAsync<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> decider, Guid id, TCommand command)
        where TEvent : notnull where TState : notnull =>
        RunCoreAsync(decider, id, command, check: null);

    async Task<CommandResult<TEvent, TState>> RunCoreAsync<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> decider, Guid id, TCommand command,
        Action<Aggregate<TState>>? check)
        where TEvent : notnull where TState : notnull
    {
        var result = await aggregates.HandleAsync(decider, id, command, Metadata(), PinnedVersion(), Http.RequestAborted, check);
        SetHeaders(result.Aggregate.Version, result.Append?.Positions[^1]);
        return result;
    }

    /// <summary>
    /// Runs a write that spans streams (e.g. admission takes a seat): <paramref name="plan"/> loads and decides,
    /// the planned appends are stored atomically, and the whole plan runs again if another writer won a race.
    /// The first planned stream is the one the response's ETag describes; If-Match applies to it. Returns that
    /// stream's version after the write and what was stored.
    /// </summary>
    public async Task<(long Version, IReadOnlyList<AppendResult> Stored)> RunAtomicAsync(Func<Task<IReadOnlyList<PlannedAppend>>> plan)
    {
        var pinned = PinnedVersion();
        var metadata = Metadata();
        var results = await AggregateStore.RetryOnConflictAsync(pinned is null ? aggregates.MaxAttempts : 1, async () =>
        {
            var planned = await plan();
            if (planned.Count > 0 && pinned is { } version && planned[0].LoadedVersion != version)
                throw new WrongExpectedVersionException(planned[0].StreamId, ExpectedVersion.Exactly(version), planned[0].LoadedVersion);
            var appends = planned.Where(p => p.Events.Count > 0)
                .Select(p => new StreamAppend(p.StreamId, p.StreamType, ExpectedVersion.Exactly(p.LoadedVersion), p.Events))
                .ToList();
            var stored = await aggregates.Events.AppendAsync(appends, metadata, Http.RequestAborted);
            return (planned, stored);
        }, Http.RequestAborted);

        var (first, appended) = (results.planned.FirstOrDefault(), results.stored);
        var version = appended.FirstOrDefault(r => r.StreamId == first?.StreamId)?.StreamVersion ?? first?.LoadedVersion ?? 0;
        SetHeaders(version, appended.Count > 0 ? appended.Max(r => r.Positions[^1]) : null);
        return (version, appended);
    }

    public void SetHeaders(long version, long? position)
    {
        Http.Response.Headers[HeaderNames.ETag] = $"\"{version}\"";
        if (position is { } p) Http.Response.Headers[PositionHeader] = p.ToString();
    }
}
