using Ecosystem.Api.EventStore;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain.Programmes;

namespace Ecosystem.Bench;

/// <summary>
/// 1. Append throughput through the product (<see cref="EventLog.AppendAsync"/>, <see cref="AggregateStore.HandleAsync"/>)
/// against the same rows written by plain Npgsql into a table shaped like mt_events (<see cref="PlainTable"/>), at equal
/// concurrency, in the same run on the same server; on each cluster of the run.
/// </summary>
public sealed class AppendBenchmark : IBenchmark
{
    public int Number => 1;
    public string Key => "append";
    public string Title => "Append throughput";

    public sealed record CaseResult(string Cluster, string Case, int Writers, int EventsPerTransaction, Series Plain, Series Ours, bool Target)
    {
        public double Ratio => Ours.PairedRatio(Plain, s => s.UnitsPerSecond);
    }

    public List<CaseResult> Results { get; } = [];

    const string Command = "Command on a programme: AggregateStore.HandleAsync (1 event)";

    public async Task RunAsync(IReadOnlyList<BenchContext> clusters, Report report, Section section)
    {
        var settings = clusters[0].Settings;
        section.Say("Events per second written, baseline and product measured back to back in alternating order " +
                    $"({settings.Repetitions} repetitions of {settings.AppendWindow.TotalSeconds:0.#} s each after a {settings.Warmup.TotalSeconds:0.#} s warm-up; " +
                    "median, with the range over repetitions). The ratio is the median over repetitions of product ÷ plain (higher is better; 1.00× = parity).");
        section.Say("**Baseline (raw Npgsql)**: the same events (the domain's `startup.milestone-achieved`, the API's JSON rules) and the same metadata " +
                    "columns written into `bench.events`, a table with the columns of Marten's `mt_events` and its unique `(stream_id, version)` — one " +
                    "multi-row `INSERT` per transaction, one binary `COPY` for the big batch; no stream table, no version check. " +
                    "**Product**: `EventLog.AppendAsync` (a Marten lightweight session opened with the API's metadata, `StartStream` for a new " +
                    "stream, `Append` at the expected version for an existing one, `SaveChangesAsync`: Marten's Quick append, stream row, NOTIFY), " +
                    "on startup streams, which the API folds live, so an append writes no document. The last case is the API's command path on a " +
                    "programme: `AggregateStore.HandleAsync` of `AddPartner` (`FetchForWriting` of the inline programme document, the domain's " +
                    "`Decide`, the append and the document's update in one transaction), each writer on its own programmes (a new one after 40 " +
                    "partners), against the plain one-event INSERT. Both sides use the API's own pool (`NpgsqlDataSource` as `AddEcosystem` builds it).");

        foreach (var context in clusters)
        {
            foreach (var writers in settings.Writers) Results.Add(await NewStreamsAsync(context, writers, 10));
            foreach (var writers in settings.Writers) Results.Add(await SingleEventsAsync(context, writers));
            Results.Add(await NewStreamsAsync(context, 1, settings.BigBatch, copy: true));
            foreach (var writers in settings.Writers) Results.Add(await CommandsAsync(context, writers));
        }

        var table = section.AddTable(null, "Cluster", "Case", "Writers", "Plain (events/s)", "Product (events/s)", "Product ÷ plain",
            "Plain range", "Product range");
        foreach (var r in Results)
            table.Row(r.Cluster, r.Case, r.Writers.ToString(), Fmt.Rate(r.Plain.MedianRate), Fmt.Rate(r.Ours.MedianRate), Fmt.Ratio(r.Ratio),
                Fmt.Spread(r.Plain.MinRate, r.Plain.MaxRate, Fmt.Rate), Fmt.Spread(r.Ours.MinRate, r.Ours.MaxRate, Fmt.Rate));

        if (clusters[0].Cpu is { SeesPostgres: true })
        {
            var cpu = section.AddTable("Where the CPU went (microseconds of CPU per event, all repetitions; \"machine busy\" is the share of both cores in use, anyone's):",
                "Cluster", "Case", "Writers", "Side", "Client (this process)", "PostgreSQL", "Other processes", "Machine busy");
            foreach (var r in Results)
                foreach (var s in new[] { r.Plain, r.Ours })
                    if (s.CpuPerUnit() is { } c)
                        cpu.Row(r.Cluster, r.Case, r.Writers.ToString(), s.Name, Fmt.Us(c.Bench), Fmt.Us(c.Postgres), Fmt.Us(c.Other), Fmt.Share(c.MachineBusyShare));
        }

        foreach (var r in Results.Where(r => r.Target))
            report.Targets.Add(new TargetCheck($"Append ≥ 0.8× raw Npgsql: {r.Case}, {r.Writers} writer{(r.Writers > 1 ? "s" : "")} ({r.Cluster} cluster)",
                $"{Fmt.Ratio(r.Ratio)} ({Fmt.Rate(r.Ours.MedianRate)} vs {Fmt.Rate(r.Plain.MedianRate)} events/s)", r.Ratio >= 0.8));
    }

    /// <summary>Each transaction creates a new startup stream of <paramref name="events"/> events.</summary>
    static async Task<CaseResult> NewStreamsAsync(BenchContext context, int writers, int events, bool copy = false)
    {
        var settings = context.Settings;
        var name = copy ? $"New stream, {Fmt.Int(events)} events per transaction (plain: binary COPY)" : $"New stream, {events} events per transaction";
        BenchContext.Out.WriteLine($"append ({context.Cluster}): {name}, {writers} writer(s)");

        Task<Sample> Plain(TimeSpan window) => Measure.WindowAsync(writers, window, async _ =>
        {
            var stream = Guid.CreateVersion7();
            var batch = BenchEvents.Batch(stream, 1, events);
            if (copy) await PlainTable.CopyAsync(context.DataSource, stream, 1, batch, BenchEvents.Metadata);
            else await PlainTable.InsertAsync(context.DataSource, stream, 1, batch, BenchEvents.Metadata);
            return events;
        }, cpu: context.Cpu);

        Task<Sample> Ours(TimeSpan window) => Measure.WindowAsync(writers, window, async _ =>
        {
            var stream = Guid.CreateVersion7();
            await context.Log.AppendAsync([new StreamAppend(stream, BenchEvents.StartupStream, ExpectedVersion.NoStream, BenchEvents.Batch(stream, 1, events))],
                BenchEvents.Metadata);
            return events;
        }, cpu: context.Cpu);

        var series = await Measure.InterleavedAsync(settings, settings.AppendWindow, settings.Repetitions, ("plain", Plain), ("product", Ours));
        return new CaseResult(context.Cluster, name, writers, events, series[0], series[1], Target: !copy);
    }

    /// <summary>Each writer appends one event per transaction to its own startup stream, with the exact expected version.</summary>
    static async Task<CaseResult> SingleEventsAsync(BenchContext context, int writers)
    {
        var settings = context.Settings;
        const string name = "Existing stream, 1 event per transaction";
        BenchContext.Out.WriteLine($"append ({context.Cluster}): {name}, {writers} writer(s)");

        var plainStreams = Enumerable.Range(0, writers).Select(_ => (Id: Guid.CreateVersion7(), Version: 0L)).ToArray();
        var ourStreams = Enumerable.Range(0, writers).Select(_ => (Id: Guid.CreateVersion7(), Version: 0L)).ToArray();

        Task<Sample> Plain(TimeSpan window) => Measure.WindowAsync(writers, window, async w =>
        {
            var (id, version) = plainStreams[w];
            await PlainTable.InsertAsync(context.DataSource, id, version + 1, BenchEvents.Batch(id, (int)version + 1, 1), BenchEvents.Metadata);
            plainStreams[w].Version = version + 1;
            return 1;
        }, cpu: context.Cpu);

        Task<Sample> Ours(TimeSpan window) => Measure.WindowAsync(writers, window, async w =>
        {
            var (id, version) = ourStreams[w];
            var result = await context.Log.AppendAsync(
                [new StreamAppend(id, BenchEvents.StartupStream, version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version), BenchEvents.Batch(id, (int)version + 1, 1))],
                BenchEvents.Metadata);
            ourStreams[w].Version = result[0].StreamVersion;
            return 1;
        }, cpu: context.Cpu);

        var series = await Measure.InterleavedAsync(settings, settings.AppendWindow, settings.Repetitions, ("plain", Plain), ("product", Ours));
        return new CaseResult(context.Cluster, name, writers, 1, series[0], series[1], Target: true);
    }

    /// <summary>Each writer runs AddPartner commands on its own programmes through the API's aggregate store.</summary>
    static async Task<CaseResult> CommandsAsync(BenchContext context, int writers)
    {
        var settings = context.Settings;
        BenchContext.Out.WriteLine($"append ({context.Cluster}): {Command}, {writers} writer(s)");
        var programmes = Enumerable.Range(0, writers).Select(_ => new ProgrammeWriter()).ToArray();
        var plainStreams = Enumerable.Range(0, writers).Select(_ => (Id: Guid.CreateVersion7(), Version: 0L)).ToArray();

        Task<Sample> Plain(TimeSpan window) => Measure.WindowAsync(writers, window, async w =>
        {
            var (id, version) = plainStreams[w];
            await PlainTable.InsertAsync(context.DataSource, id, version + 1, BenchEvents.Batch(id, (int)version + 1, 1), BenchEvents.Metadata);
            plainStreams[w].Version = version + 1;
            return 1;
        }, cpu: context.Cpu);

        Task<Sample> Ours(TimeSpan window) => Measure.WindowAsync(writers, window, async w =>
        {
            await programmes[w].AddPartnerAsync(context.Product.Aggregates, settings.EventsPerProgramme);
            return 1;
        }, cpu: context.Cpu);

        var series = await Measure.InterleavedAsync(settings, settings.AppendWindow, settings.Repetitions, ("plain", Plain), ("product", Ours));
        return new CaseResult(context.Cluster, Command, writers, 1, series[0], series[1], Target: false);
    }

    /// <summary>One writer's programmes: launched with one append, then one AddPartner command per call, a new programme after <c>perProgramme</c> partners.</summary>
    public sealed class ProgrammeWriter
    {
        Guid programme;
        int partners = int.MaxValue;

        /// <summary>Runs one command (or the launch of the next programme); returns the log position of the event recorded.</summary>
        public async Task<long> AddPartnerAsync(AggregateStore aggregates, int perProgramme)
        {
            var now = DateTimeOffset.UtcNow;
            if (partners >= perProgramme)
            {
                programme = Guid.CreateVersion7();
                partners = 0;
                var launched = await aggregates.Events.AppendAsync(
                    [new StreamAppend(programme, BenchEvents.ProgrammeStream, ExpectedVersion.NoStream,
                        [new ProgrammeEvent.ProgrammeLaunched(programme, "Bench", ProgrammeKind.Accelerator, ["aerospace"], ["IT"], "OGR", "OGR Torino", null, now)])],
                    BenchEvents.Metadata);
                return launched[0].LastPosition;
            }
            partners++;
            var result = await aggregates.HandleAsync(DomainRegistration.Programmes, programme,
                new ProgrammeCommand.AddPartner(programme, $"X{partners}", "Y", now, "bench"), BenchEvents.Metadata);
            if (result.Append is not { } append) throw new InvalidOperationException("AddPartner recorded nothing.");
            return append.LastPosition;
        }
    }
}
