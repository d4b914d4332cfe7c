using System.Text.Json;
using Ecosystem.Api.EventStore;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain;
using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;

namespace Ecosystem.Bench;

/// <summary>
/// The events of the in-process benchmarks: the domain's own, so that Marten stores them under their catalogue names
/// with the API's JSON rules. Appends use a startup's MilestoneAchieved (startup streams are folded live: an append
/// writes events and the stream row, nothing else); the aggregate benchmarks use programmes (folded inline into a
/// document in the append's transaction).
/// </summary>
public static class BenchEvents
{
    public const string StartupStream = DomainEventCatalog.StartupStream;
    public const string ProgrammeStream = DomainEventCatalog.ProgrammeStream;

    static readonly DateTimeOffset Epoch = new(2025, 1, 1, 8, 0, 0, TimeSpan.Zero);
    static readonly Guid Programme = Guid.CreateVersion7();
    static readonly Guid Cohort = Guid.CreateVersion7();
    static readonly Guid Milestone = Guid.CreateVersion7();

    /// <summary>A batch of <paramref name="count"/> events for startup stream <paramref name="stream"/> (about 200 bytes of JSON each).</summary>
    public static IReadOnlyList<object> Batch(Guid stream, int firstSequence, int count)
    {
        var events = new object[count];
        for (var i = 0; i < count; i++)
            events[i] = new StartupEvent.MilestoneAchieved(stream, Programme, Cohort, Milestone, Epoch.AddSeconds(firstSequence + i));
        return events;
    }

    /// <summary>What the API stamps on a write (actor, correlation, the request as a header).</summary>
    public static EventMetadata Metadata { get; } = new("bench", Guid.CreateVersion7(), null,
        new Dictionary<string, string> { ["request"] = "POST /bench" });

    /// <summary>The JSON rules Marten stores events with (DomainRegistration.StorageJson), for the baselines to write and read the same bytes.</summary>
    public static JsonSerializerOptions Json { get; } = DomainRegistration.StorageJson(new JsonSerializerOptions());

    static readonly Dictionary<Type, string> Names = DomainEventCatalog.All.ToDictionary(e => e.Type, e => e.Name);
    static readonly Dictionary<string, Type> Types = DomainEventCatalog.All.ToDictionary(e => e.Name, e => e.Type);

    /// <summary>The stored event type name (Marten's <c>type</c> column: the catalogue's name).</summary>
    public static string NameOf(Type type) => Names[type];

    /// <summary>The CLR type of a stored name.</summary>
    public static Type TypeOf(string name) => Types[name];

    /// <summary>Marten's <c>mt_dotnet_type</c> column: "Namespace.Type, Assembly".</summary>
    public static string DotnetTypeOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static string Serialize(object data) => JsonSerializer.Serialize(data, data.GetType(), Json);

    public static object Deserialize(string name, string json) => JsonSerializer.Deserialize(json, TypeOf(name), Json)!;

    /// <summary>Headers as Marten stores them (a JSON object).</summary>
    public static string Headers(EventMetadata metadata) => JsonSerializer.Serialize(metadata.Headers ?? new Dictionary<string, string>());

    /// <summary>A programme of exactly <paramref name="events"/> events: launched, then cohorts run through their life, topped up with partners.</summary>
    public static IReadOnlyList<ProgrammeEvent> ProgrammeOf(Guid id, int events)
    {
        var list = new List<ProgrammeEvent>(events);
        var clock = Epoch;
        DateTimeOffset Now() => clock = clock.AddMinutes(7);
        list.Add(new ProgrammeEvent.ProgrammeLaunched(id, "Bench programme", ProgrammeKind.Accelerator, ["aerospace", "mobility"], ["IT", "FR"],
            "OGR Torino", "OGR Torino", null, Now()));
        var day = DateOnly.FromDateTime(Epoch.UtcDateTime);
        for (var c = 0; list.Count + 22 <= events; c++)
        {
            var cohort = Guid.CreateVersion7();
            var starts = day.AddMonths(c + 2);
            list.Add(new ProgrammeEvent.CohortPlanned(id, cohort, $"{starts.Year}-{c + 1}", 10, starts, starts.AddMonths(4), Now()));
            foreach (var m in new[] { "Problem interviews", "Prototype", "First paying customer" })
                list.Add(new ProgrammeEvent.MilestoneSet(id, cohort, Guid.CreateVersion7(), m, starts.AddMonths(1), true, Now()));
            list.Add(new ProgrammeEvent.CallOpened(id, cohort, starts.AddMonths(-2), starts.AddMonths(-1), Now()));
            var seated = Enumerable.Range(0, 10).Select(_ => Guid.CreateVersion7()).ToArray();
            foreach (var s in seated) list.Add(new ProgrammeEvent.SeatAllocated(id, cohort, s, Now()));
            list.Add(new ProgrammeEvent.CallClosed(id, cohort, Now()));
            list.Add(new ProgrammeEvent.CohortStarted(id, cohort, Now()));
            list.Add(new ProgrammeEvent.SeatReleased(id, cohort, seated[^1], "Withdrew", Now()));
            list.Add(new ProgrammeEvent.DemoDayHeld(id, cohort, starts.AddMonths(4), "OGR Torino", Now()));
            list.Add(new ProgrammeEvent.CohortCompleted(id, cohort, Now()));
        }
        for (var p = 0; list.Count < events; p++) list.Add(new ProgrammeEvent.PartnerAdded(id, $"Partner {p}", "mentor", Now()));
        return list;
    }
}
