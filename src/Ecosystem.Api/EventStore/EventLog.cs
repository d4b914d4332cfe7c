using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using Npgsql;

namespace Ecosystem.Api.EventStore;

/// <summary>
/// The one event store, Marten's, as the rest of the API uses it: atomic appends to one or more streams with
/// expected versions and metadata, stream reads (to a version or a moment), and global reads bounded by the
/// async daemon's high-water mark, so that a reader never passes an event whose transaction has not committed yet.
/// </summary>
public sealed class EventLog(IDocumentStore store, NpgsqlDataSource dataSource, StreamTypes streamTypes)
{
    /// <summary>The event header carrying the W3C trace context of the request that wrote the event.</summary>
    public const string TraceParentHeader = "traceparent";

    /// <summary>Marten's store.</summary>
    public IDocumentStore Store => store;

    /// <summary>A pool to the same database for the extensions' own SQL (checkpoints, parking, read models).</summary>
    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>Which aggregate each stream type's events belong to.</summary>
    public StreamTypes StreamTypes => streamTypes;

    /// <summary>
    /// Appends to every stream in one transaction, or to none: each stream must be at its expected version
    /// (<see cref="WrongExpectedVersionException"/> otherwise).
    /// </summary>
    public async Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, CancellationToken ct = default)
    {
        if (appends.Count == 0) return [];
        await using var session = OpenSession(metadata);
        var actions = appends.Select(append => (append, action: append.Expected.Value switch
        {
            0 => session.Events.StartStream(streamTypes.MartenTypeOf(append.StreamType), append.StreamId, append.Events),
            -1 => session.Events.Append(append.StreamId, append.Events),
            var version => session.Events.Append(append.StreamId, version + append.Events.Count, append.Events),
        })).ToList();
        await SaveAsync(session, appends[0].StreamId, appends[0].Expected, ct);
        foreach (var (append, _) in actions)
            EventStoreMetrics.EventsAppended.Add(append.Events.Count, new KeyValuePair<string, object?>("stream_type", append.StreamType));
        return actions.Select(a => new AppendResult(a.append.StreamId, a.action.Events[^1].Version, a.action.Events.Select(e => e.Sequence).ToList())).ToList();
    }

    /// <summary>A session that stamps every event it appends with <paramref name="metadata"/>.</summary>
    public IDocumentSession OpenSession(EventMetadata metadata)
    {
        var session = store.LightweightSession();
        session.CorrelationId = metadata.CorrelationId.ToString();
        session.CausationId = metadata.CausationId?.ToString();
        session.LastModifiedBy = metadata.Actor;
        foreach (var (key, value) in metadata.Headers ?? new Dictionary<string, string>()) session.SetHeader(key, value);
        // The work the events cause later (projections, reactors) joins the trace of the request that wrote them.
        if (System.Diagnostics.Activity.Current is { } activity) session.SetHeader(TraceParentHeader, activity.Id!);
        return session;
    }

    /// <summary>Commits the session; a lost version race becomes <see cref="WrongExpectedVersionException"/>.</summary>
    public static async Task SaveAsync(IDocumentSession session, Guid streamId, ExpectedVersion expected, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException)
        {
            EventStoreMetrics.AppendConflicts.Add(1);
            throw new WrongExpectedVersionException(streamId, expected, null, e);
        }
    }

    /// <summary>A stream's events in order, up to a version or a moment; empty when it does not exist or is of another type.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(Guid streamId, StreamRead? range = null, CancellationToken ct = default)
    {
        range ??= StreamRead.All;
        if (streamId == Guid.Empty) return [];
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(streamId, range.ToVersion ?? 0, range.AsOf, token: ct);
        if (range.StreamType is { } type && events.Count > 0 && !streamTypes.Holds(type, events[0].Data)) return [];
        return events.Select(ToRecorded).ToList();
    }

    /// <summary>The stream's header, or null when it does not exist.</summary>
    public async Task<StreamInfo?> GetStreamAsync(Guid streamId, CancellationToken ct = default)
    {
        if (streamId == Guid.Empty) return null;
        await using var session = store.QuerySession();
        var state = await session.Events.FetchStreamStateAsync(streamId, ct);
        if (state is null) return null;
        var first = await session.Events.FetchStreamAsync(streamId, 1, token: ct);
        return new StreamInfo(streamId, first.Count > 0 ? streamTypes.Of(first[0].Data) : "unknown", state.Version, state.Created, state.LastTimestamp);
    }

    /// <summary>The sequence of the newest event stored (committed or not yet visible), 0 for an empty log.</summary>
    public async Task<long> HeadPositionAsync(CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("select coalesce(max(seq_id), 0) from mt_events");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// The async daemon's high-water mark: every event up to it has committed (or rolled back for good), so a
    /// reader that stays at or below it never skips a late commit.
    /// </summary>
    public async Task<long> HighWaterMarkAsync(CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("select coalesce((select last_seq_id from mt_event_progression where name = 'HighWaterMark'), 0)");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Events after <paramref name="after"/> up to <paramref name="upTo"/> in sequence order, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long after, long upTo, int limit, CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence > after && e.Sequence <= upTo)
            .OrderBy(e => e.Sequence).Take(limit).ToListAsync(ct);
        return events.Select(ToRecorded).ToList();
    }

    /// <summary>The events with these sequences, in sequence order.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadSequencesAsync(IReadOnlyCollection<long> sequences, CancellationToken ct = default)
    {
        if (sequences.Count == 0) return [];
        var wanted = sequences.ToArray();
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().Where(e => e.Sequence.IsOneOf(wanted)).OrderBy(e => e.Sequence).ToListAsync(ct);
        return events.Select(ToRecorded).ToList();
    }

    /// <summary>Marten's event as the API's consumers see it.</summary>
    public static RecordedEvent ToRecorded(IEvent e) => new(
        e.Sequence, e.Id, e.StreamId, e.Version, e.EventTypeName, e.Data,
        new EventMetadata(e.UserName ?? "", Guid.TryParse(e.CorrelationId, out var correlation) ? correlation : Guid.Empty,
            Guid.TryParse(e.CausationId, out var causation) ? causation : null,
            e.Headers?.ToDictionary(h => h.Key, h => h.Value?.ToString() ?? "")),
        e.Timestamp);
}
