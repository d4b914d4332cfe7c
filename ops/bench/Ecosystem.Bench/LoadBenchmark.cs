using System.Text.Json;
using Ecosystem.EventStore;

namespace Ecosystem.Bench;

/// <summary>
/// 3. Aggregate load: <see cref="AggregateStore.LoadAsync{TCommand,TEvent,TState}"/> of streams of several lengths,
/// with and without a snapshot, against a plain SELECT of the same rows and the same fold.
/// </summary>
public sealed class LoadBenchmark : IBenchmark
{
    public int Number => 3;
    public string Key => "load";
    public string Title => "Aggregate load";

    public sealed record SizeResult(int Events, Series Plain, Series NoSnapshot, Series Snapshot);

    public List<SizeResult> Results { get; } = [];

    public async Task RunAsync(BenchContext context, Report report, Section section)
    {
        var settings = context.Settings;
        var decider = BenchEvents.Decider;
        var plainStore = new AggregateStore(context.Store);
        var snapshotStore = new AggregateStore(context.Store,
            new Dictionary<string, SnapshotPolicy> { [BenchEvents.StreamType] = new(Every: 1, SchemaVersion: 1) });

        section.Say("Milliseconds per load of one stream (read + deserialise + fold), one loader, the three variants measured back to back in rotating order " +
                    $"({settings.Repetitions} repetitions of {settings.LoadWindow.TotalSeconds:0.#} s after a warm-up; median, range over repetitions). " +
                    "The ratio is the median over repetitions of the variant's time ÷ the plain time (lower is better; 1.00× = parity).");
        section.Say("Baseline: `select event_type, data::text from es.events where stream_id = $1 order by stream_version` — the same rows — each body " +
                    "deserialised with the registry's JSON options into the same event type and folded with the same `Evolve`. " +
                    "The event store: `AggregateStore.LoadAsync` without a snapshot policy (one statement reading version, type and body of the " +
                    "stream's events, `ReadForFoldAsync`), and with a snapshot policy and a snapshot at the stream's head (snapshot and tail in one " +
                    "statement: the snapshot row, `union all` the events after its version, here none). The state is a small fixed-size tally, so the " +
                    "snapshot's size does not grow with the stream. Every statement goes through the bench's data source (`No Reset On Close`, as " +
                    "the service).");

        foreach (var size in settings.LoadSizes)
        {
            BenchContext.Log.WriteLine($"load: stream of {size} events");
            var id = Guid.CreateVersion7();
            for (var written = 0; written < size; written += 1_000)
            {
                var count = Math.Min(1_000, size - written);
                await context.Store.AppendAsync(id, BenchEvents.StreamType, ExpectedVersion.Exactly(written),
                    BenchEvents.Batch(id, written + 1, count), BenchEvents.Metadata);
            }
            var loaded = await plainStore.LoadAsync(decider, id);
            await snapshotStore.SnapshotIfDueAsync(BenchEvents.StreamType, loaded.Version - 1, loaded);

            // The three variants must agree, or the comparison is meaningless.
            var viaPlain = await PlainLoadAsync(context, id);
            var viaSnapshot = await snapshotStore.LoadAsync(decider, id);
            if (loaded.Version != size || viaPlain != loaded.State || viaSnapshot.State != loaded.State || viaSnapshot.Version != size)
                throw new InvalidOperationException($"Loads disagree for {size} events: {loaded.State} / {viaPlain} / {viaSnapshot.State}.");

            Task<Sample> Loop(TimeSpan window, Func<Task> load) =>
                Measure.WindowAsync(1, window, async _ => { await load(); return 1; }, minOperations: 3, cpu: context.Cpu);

            var series = await Measure.InterleavedAsync(settings, settings.LoadWindow, settings.Repetitions,
                ("plain SELECT + fold", w => Loop(w, () => PlainLoadAsync(context, id))),
                ("LoadAsync, no snapshot", w => Loop(w, () => plainStore.LoadAsync(decider, id))),
                ("LoadAsync, snapshot at head", w => Loop(w, () => snapshotStore.LoadAsync(decider, id))));
            Results.Add(new SizeResult(size, series[0], series[1], series[2]));
        }

        var table = section.AddTable(null, "Events in stream", "Plain SELECT + fold (ms)", "LoadAsync, no snapshot (ms)", "time ÷ plain",
            "LoadAsync, snapshot at head (ms)", "time ÷ plain", "Ranges (plain / no snapshot / snapshot)");
        foreach (var r in Results)
            table.Row(Fmt.Int(r.Events), Fmt.Ms(r.Plain.MedianMilliseconds), Fmt.Ms(r.NoSnapshot.MedianMilliseconds), Fmt.Ratio(TimeRatio(r.NoSnapshot, r.Plain)),
                Fmt.Ms(r.Snapshot.MedianMilliseconds), Fmt.Ratio(TimeRatio(r.Snapshot, r.Plain)),
                string.Join(" / ", new[] { r.Plain, r.NoSnapshot, r.Snapshot }.Select(s => Fmt.Spread(s.MinMilliseconds, s.MaxMilliseconds, Fmt.Ms))));

        if (context.Cpu is { SeesPostgres: true })
        {
            var cpu = section.AddTable("Where the CPU went (microseconds of CPU per load, all repetitions):",
                "Events in stream", "Variant", "Client (this process)", "PostgreSQL", "Other processes");
            foreach (var r in Results)
                foreach (var s in new[] { r.Plain, r.NoSnapshot, r.Snapshot })
                    if (s.CpuPerUnit() is { } c)
                        cpu.Row(Fmt.Int(r.Events), s.Name, Fmt.Us(c.Bench), Fmt.Us(c.Postgres), Fmt.Us(c.Other));
        }

        var target = Results.FirstOrDefault(r => r.Events == 1_000) ?? Results[Math.Min(1, Results.Count - 1)];
        report.Targets.Add(new TargetCheck($"{Fmt.Int(target.Events)}-event load without a snapshot ≤ 2.5 ms",
            $"{Fmt.Ms(target.NoSnapshot.MedianMilliseconds)} ms", target.NoSnapshot.MedianMilliseconds <= 2.5,
            $"plain SELECT + fold of the same rows: {Fmt.Ms(target.Plain.MedianMilliseconds)} ms"));
        report.Targets.Add(new TargetCheck($"{Fmt.Int(target.Events)}-event load with a snapshot ≤ 0.5 ms",
            $"{Fmt.Ms(target.Snapshot.MedianMilliseconds)} ms", target.Snapshot.MedianMilliseconds <= 0.5,
            $"snapshot at the head; plain SELECT + fold of all {Fmt.Int(target.Events)} events: {Fmt.Ms(target.Plain.MedianMilliseconds)} ms"));
    }

    static double TimeRatio(Series variant, Series plain) => variant.PairedRatio(plain, s => s.MillisecondsPerOperation);

    static async Task<BenchEvents.Tally> PlainLoadAsync(BenchContext context, Guid id)
    {
        var state = BenchEvents.Decider.Initial;
        await using var command = context.DataSource.CreateCommand(
            "select event_type, data::text from es.events where stream_id = $1 order by stream_version");
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync();
        var registry = context.Registry;
        while (await reader.ReadAsync())
        {
            var type = registry.TypeOf(reader.GetString(0));
            var e = (BenchEvents.PartnerAdded)JsonSerializer.Deserialize(reader.GetString(1), type, registry.JsonOptions)!;
            state = BenchEvents.Evolve(state, e);
        }
        return state;
    }
}
