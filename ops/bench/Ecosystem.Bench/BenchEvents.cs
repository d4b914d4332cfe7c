using System.Text.Json;
using Ecosystem.Api.Infrastructure;
using Ecosystem.EventStore;

namespace Ecosystem.Bench;

/// <summary>
/// The events of the in-process benchmarks: shaped like the domain's PartnerAdded (an id, two short strings, a
/// timestamp, about 150 bytes of JSON), folded into a small fixed-size state so that a snapshot stays small
/// whatever the stream length and the load benchmark measures the store, not a growing aggregate.
/// </summary>
public static class BenchEvents
{
    public const string StreamType = "bench";
    public const string EventType = "bench.partner-added";

    public sealed record PartnerAdded(Guid SubjectId, int Sequence, string Organisation, string Role, DateTimeOffset AddedAt);

    public sealed record Tally(long Count, long SequenceSum, string? LastOrganisation, DateTimeOffset? LastAt);

    public sealed record NoCommand;

    public static Tally Evolve(Tally state, PartnerAdded e) => new(state.Count + 1, state.SequenceSum + e.Sequence, e.Organisation, e.AddedAt);

    public static Decider<NoCommand, PartnerAdded, Tally> Decider { get; } =
        new(StreamType, new Tally(0, 0, null, null), Evolve, (_, _) => []);

    static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static PartnerAdded Event(Guid stream, int sequence) =>
        new(stream, sequence, $"Organisation {sequence % 97}", "mentor", Epoch.AddSeconds(sequence));

    /// <summary>A batch for one stream, each event with a fresh id.</summary>
    public static IReadOnlyList<EventToAppend> Batch(Guid stream, int firstSequence, int count)
    {
        var events = new EventToAppend[count];
        for (var i = 0; i < count; i++) events[i] = new EventToAppend(Guid.CreateVersion7(), Event(stream, firstSequence + i));
        return events;
    }

    public static EventMetadata Metadata { get; } = new("bench", Guid.CreateVersion7(), null,
        new Dictionary<string, string> { ["request"] = "POST /bench" });

    static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    /// <summary>The metadata serialised as the store does it (once per append), for the baselines to write the same bytes.</summary>
    public static string SerializeMetadata() => JsonSerializer.Serialize(Metadata, WebJson);

    public static EventTypeRegistry Registry() => new EventTypeRegistry(Json.Create()).Register(EventType, typeof(PartnerAdded));
}
