using Ecosystem.EventStore;

namespace Ecosystem.Bench;

/// <summary>
/// 1. Append throughput through <see cref="PostgresEventStore"/> against the same rows written by plain SQL into
/// an equivalent table (<see cref="PlainTable"/>), at equal concurrency, in the same run on the same server.
/// </summary>
public sealed class AppendBenchmark : IBenchmark
{
    public int Number => 1;
    public string Key => "append";
    public string Title => "Append throughput";

    /// <summary>Ratio and rates per case, for the targets and the profile.</summary>
    public sealed record CaseResult(string Case, int Writers, int EventsPerTransaction, Series Plain, Series Ours)
    {
        public double Ratio => Ours.PairedRatio(Plain, s => s.UnitsPerSecond);
    }

    public List<CaseResult> Results { get; } = [];

    public async Task RunAsync(BenchContext context, Report report, Section section)
    {
        var settings = context.Settings;
        section.Say("Events per second written, baseline and event store measured back to back in alternating order " +
                    $"({settings.Repetitions} repetitions of {settings.AppendWindow.TotalSeconds:0.#} s each after a {settings.Warmup.TotalSeconds:0.#} s warm-up; " +
                    "median, with the range over repetitions). The ratio is the median over repetitions of event store ÷ plain SQL (higher is better; 1.00× = parity).");
        section.Say("Baselines: the same rows (same event ids, JSON bodies and metadata, serialised by the same registry) written by Npgsql into " +
                    "`bench.events`, a table equivalent to `es.events` (same columns, defaults, unique constraints and indexes) — one multi-row `INSERT` " +
                    "per transaction for the small cases, one binary `COPY` for the big batch. The event store writes through `PostgresEventStore.AppendAsync` " +
                    "(one round trip to `es.append(...)`: idempotency probe on the event ids, stream row upsert and lock, version check, insert, stream update, NOTIFY). " +
                    "Both sides use the same data source, configured as the service configures its own (`No Reset On Close=true`, see Method).");

        foreach (var writers in settings.Writers)
            Results.Add(await NewStreamsAsync(context, writers, 10));
        foreach (var writers in settings.Writers)
            Results.Add(await SingleEventsAsync(context, writers));
        Results.Add(await NewStreamsAsync(context, 1, settings.BigBatch, copy: true));

        var table = section.AddTable(null, "Case", "Writers", "Plain SQL (events/s)", "Event store (events/s)", "Event store ÷ plain",
            "Plain range", "Event store range");
        foreach (var r in Results)
            table.Row(r.Case, r.Writers.ToString(), Fmt.Rate(r.Plain.MedianRate), Fmt.Rate(r.Ours.MedianRate), Fmt.Ratio(r.Ratio),
                Fmt.Spread(r.Plain.MinRate, r.Plain.MaxRate, Fmt.Rate), Fmt.Spread(r.Ours.MinRate, r.Ours.MaxRate, Fmt.Rate));

        if (context.Cpu is { SeesPostgres: true })
        {
            var cpu = section.AddTable("Where the CPU went (microseconds of CPU per event, all repetitions; \"machine busy\" is the share of both cores in use, anyone's):",
                "Case", "Writers", "Side", "Client (this process)", "PostgreSQL", "Other processes", "Machine busy");
            foreach (var r in Results)
                foreach (var s in new[] { r.Plain, r.Ours })
                    if (s.CpuPerUnit() is { } c)
                        cpu.Row(r.Case, r.Writers.ToString(), s.Name, Fmt.Us(c.Bench), Fmt.Us(c.Postgres), Fmt.Us(c.Other), Fmt.Share(c.MachineBusyShare));
        }

        foreach (var r in Results)
            report.Targets.Add(new TargetCheck($"Append ≥ 0.8× plain SQL: {r.Case}, {r.Writers} writer{(r.Writers > 1 ? "s" : "")}",
                Fmt.Ratio(r.Ratio), r.Ratio >= 0.8));
        var big = Results[^1];
        report.Targets.Add(new TargetCheck($"{Fmt.Int(settings.BigBatch)}-event batch ≥ 100,000 events/s", $"{Fmt.Rate(big.Ours.MedianRate)} events/s",
            big.Ours.MedianRate >= 100_000, $"plain binary COPY of the same rows: {Fmt.Rate(big.Plain.MedianRate)} events/s"));
    }

    /// <summary>Each transaction creates a new stream of <paramref name="events"/> events.</summary>
    async Task<CaseResult> NewStreamsAsync(BenchContext context, int writers, int events, bool copy = false)
    {
        var settings = context.Settings;
        var name = copy ? $"New stream, {Fmt.Int(events)} events per transaction (plain: binary COPY)" : $"New stream, {events} events per transaction";
        BenchContext.Log.WriteLine($"append: {name}, {writers} writer(s)");

        Task<Sample> Plain(TimeSpan window) => Measure.WindowAsync(writers, window, async _ =>
        {
            var stream = Guid.CreateVersion7();
            var batch = BenchEvents.Batch(stream, 1, events);
            if (copy) await PlainTable.CopyAsync(context.DataSource, context.Registry, stream, BenchEvents.StreamType, 1, batch);
            else await PlainTable.InsertAsync(context.DataSource, context.Registry, stream, BenchEvents.StreamType, 1, batch);
            return events;
        }, cpu: context.Cpu);

        Task<Sample> Ours(TimeSpan window) => Measure.WindowAsync(writers, window, async _ =>
        {
            var stream = Guid.CreateVersion7();
            await context.Store.AppendAsync(stream, BenchEvents.StreamType, ExpectedVersion.NoStream, BenchEvents.Batch(stream, 1, events), BenchEvents.Metadata);
            return events;
        }, cpu: context.Cpu);

        var series = await Measure.InterleavedAsync(settings, settings.AppendWindow, settings.Repetitions,
            ("plain SQL", Plain), ("event store", Ours));
        return new CaseResult(name, writers, events, series[0], series[1]);
    }

    /// <summary>Each writer appends one event per transaction to its own stream, with the exact expected version.</summary>
    async Task<CaseResult> SingleEventsAsync(BenchContext context, int writers)
    {
        var settings = context.Settings;
        const string name = "Existing stream, 1 event per transaction";
        BenchContext.Log.WriteLine($"append: {name}, {writers} writer(s)");

        var plainStreams = Enumerable.Range(0, writers).Select(_ => (Id: Guid.CreateVersion7(), Version: 0L)).ToArray();
        var ourStreams = Enumerable.Range(0, writers).Select(_ => (Id: Guid.CreateVersion7(), Version: 0L)).ToArray();

        Task<Sample> Plain(TimeSpan window) => Measure.WindowAsync(writers, window, async w =>
        {
            var (id, version) = plainStreams[w];
            await PlainTable.InsertAsync(context.DataSource, context.Registry, id, BenchEvents.StreamType, version + 1,
                BenchEvents.Batch(id, (int)version + 1, 1));
            plainStreams[w].Version = version + 1;
            return 1;
        }, cpu: context.Cpu);

        Task<Sample> Ours(TimeSpan window) => Measure.WindowAsync(writers, window, async w =>
        {
            var (id, version) = ourStreams[w];
            var result = await context.Store.AppendAsync(id, BenchEvents.StreamType, ExpectedVersion.Exactly(version),
                BenchEvents.Batch(id, (int)version + 1, 1), BenchEvents.Metadata);
            ourStreams[w].Version = result.StreamVersion;
            return 1;
        }, cpu: context.Cpu);

        var series = await Measure.InterleavedAsync(settings, settings.AppendWindow, settings.Repetitions,
            ("plain SQL", Plain), ("event store", Ours));
        return new CaseResult(name, writers, 1, series[0], series[1]);
    }
}
