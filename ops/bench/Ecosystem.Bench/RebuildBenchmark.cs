using System.Diagnostics;
using System.Globalization;
using Ecosystem.Api.ReadModels;
using Ecosystem.EventStore;
using Ecosystem.EventStore.Consumers;
using Ecosystem.EventStore.Projections;
using Ecosystem.EventStore.Schema;
using Npgsql;

namespace Ecosystem.Bench;

/// <summary>
/// 2. Projection rebuild and catch-up: the API's ProgrammeRosterProjection filled from a generated log of programme and
/// startup events by <see cref="ProjectionManager.RebuildAsync"/> and by a <see cref="ConsumerEngine"/> catching up from
/// the start, against <see cref="RosterBaseline"/> (a plain ordered SELECT and the same statements sent directly).
/// </summary>
public sealed class RebuildBenchmark : IBenchmark
{
    public int Number => 2;
    public string Key => "rebuild";
    public string Title => "Projection rebuild and catch-up";

    const string Baseline = "plain SELECT + the same statements";
    const string Rebuild = "ProjectionManager.RebuildAsync";
    const string CatchUp = "ConsumerEngine catching up from the start";
    const string RebuildPrepared = "RebuildAsync, auto-prepared statements (what if)";
    const string BaselinePrepared = "plain SELECT + the same statements, auto-prepared (what if)";

    /// <summary>The service's consumer options (EcosystemOptions defaults: idle poll 1 s, leadership retry 2 s; batches of 500).</summary>
    static readonly ConsumerOptions ServiceOptions = new() { IdlePoll = TimeSpan.FromSeconds(1), LeadershipRetry = TimeSpan.FromSeconds(2) };

    /// <summary>Npgsql's automatic preparation, for the what-if: a statement sent twice on a connection is prepared there and reused.</summary>
    static void AutoPrepare(NpgsqlConnectionStringBuilder builder)
    {
        builder.MaxAutoPrepare = 64;
        builder.AutoPrepareMinUsages = 2;
    }

    /// <summary>When a run had applied how many events (after each committed batch), to compare a stopped run with the baseline over the same events.</summary>
    sealed class Timeline : IProgress<RebuildProgress>, IProgress<long>
    {
        readonly Stopwatch clock = new();
        readonly List<(long Done, double Seconds)> points = [(0, 0)];

        public void Start() => clock.Start();
        public void Report(RebuildProgress value) => Report(value.Done);

        public void Report(long done)
        {
            lock (points) points.Add((done, clock.Elapsed.TotalSeconds));
        }

        public (long Done, double Seconds) Last
        {
            get { lock (points) return points.MaxBy(p => (p.Done, p.Seconds)); }
        }

        /// <summary>Seconds until <paramref name="done"/> events were applied (linear between batches); NaN beyond the run.</summary>
        public double SecondsAt(long done)
        {
            lock (points)
            {
                var ordered = points.OrderBy(p => p.Done).ThenBy(p => p.Seconds).ToList();
                for (var i = 1; i < ordered.Count; i++)
                {
                    var (d0, s0) = ordered[i - 1];
                    var (d1, s1) = ordered[i];
                    if (d1 >= done) return d1 == d0 ? s1 : s0 + (s1 - s0) * (done - d0) / (d1 - d0);
                }
                return double.NaN;
            }
        }
    }

    /// <summary>One run of a variant; <paramref name="Fingerprint"/> is null when it was stopped before the end of the log.</summary>
    sealed record Run(Sample Sample, string? Fingerprint, Timeline Timeline);

    public async Task RunAsync(BenchContext context, Report report, Section section)
    {
        var settings = context.Settings;
        var events = settings.RebuildEvents;
        var box = settings.RebuildTimeBox;
        var database = context.Database + "_rebuild";
        await BenchContext.CreateDatabaseAsync(context.ServerConnectionString, database);
        try
        {
            var registry = BenchContext.DomainRegistry();
            var (main, sessions) = context.ProductDataSources(database);
            await using var mainPool = main;
            await using var sessionPool = sessions;
            var (preparedMain, preparedSessions) = context.ProductDataSources(database, AutoPrepare);
            await using var preparedMainPool = preparedMain;
            await using var preparedSessionPool = preparedSessions;
            await Migrator.ApplyAsync(main, EventStoreMigrations.Component, EventStoreMigrations.All);
            var store = new PostgresEventStore(main, registry) { SessionDataSource = sessions };
            var preparedStore = new PostgresEventStore(preparedMain, registry) { SessionDataSource = preparedSessions };
            var projection = new ProgrammeRosterProjection();

            BenchContext.Log.WriteLine($"rebuild: writing a log of {Fmt.Int(events)} programme and startup events");
            var clock = Stopwatch.StartNew();
            var streams = await ProgrammeLog.WriteAsync(main, registry, events);
            var written = clock.Elapsed;

            section.Say($"**The log**: {Fmt.Int(events)} events of the API's own types ({Fmt.Int(streams)} programme and startup streams) in a " +
                        "scratch database of their own, generated as programmes run their life: launch, partners, two cohorts with milestones and " +
                        "calls, 20 applicants per cohort who register, apply, are shortlisted, admitted and seated, or waitlisted or rejected, " +
                        "onboard, reach or miss milestones, graduate or withdraw, record investments (270 events per programme, eight programmes " +
                        "interleaved). Written by binary COPY into `es.events` and `es.streams` (one transaction per 10,000 events), then " +
                        $"`VACUUM ANALYZE`: {written.TotalSeconds:0.0} s, not part of any figure.");
            section.Say("**The projection** is the API's `ProgrammeRosterProjection` (programmes, cohorts, milestones, roster, startups: the read model " +
                        "behind the programme endpoints), unchanged: most events queue one statement (an insert, or an update by key), a " +
                        "programme event a second one (its version), a few (milestones reached or missed, investments) none. Every variant " +
                        "starts from an empty read model and is timed from its start to the last event applied:");
            section.Say($"- **{Rebuild}**, the product's rebuild: a new generation of the tables, batches of 2,000 events read through " +
                        "`ReadAllAsync` in commit-safe order, applied and committed with a progress row, then the swap.\n" +
                        $"- **{CatchUp}**: a projection just initialised, its `ProjectionConsumer` run by a `ConsumerEngine` with the service's " +
                        "options (batches of 500, each read from the checkpoint, handled and checkpointed in one transaction).\n" +
                        $"- **Baseline, {Baseline}**: one `select stream_version, event_type, data::text, recorded_at from es.events order by " +
                        "global_position` streamed on one connection, each body deserialised by the same registry, and the projection's " +
                        "statements (the same SQL and parameters, written out again in the bench) sent on a second connection as one batch per " +
                        "2,000 events, each its own transaction; no checkpoint, no metadata, no horizon check.\n" +
                        "- **Auto-prepared (what if)**: the rebuild and the baseline again through data sources with Npgsql's automatic " +
                        "preparation (`Max Auto Prepare=64; Auto Prepare Min Usages=2`, otherwise the service's settings): every statement " +
                        "the projection sends is otherwise parsed and planned by the server anew, each time.");
            section.Say("The baseline and the rebuild run over the whole log, " +
                        (settings.RebuildRepetitions == 1 ? "once each, back to back; the ratio is the rebuild's rate ÷ the baseline's. "
                            : $"{settings.RebuildRepetitions} times each, alternating; the ratio is the median over those runs of the rebuild's rate ÷ the baseline's. ") +
                        $"To keep the run short, the catch-up and the " +
                        $"what-ifs are stopped after {box.TotalSeconds:0} s (or at the end of the log) and compared with the baseline over the same " +
                        "first events (the baseline's time to the same event, from its batch timings): the tables grow as the log is replayed, so " +
                        "a rate over the first events alone would flatter them. A run that reaches the end must produce the same tables as the " +
                        "others (row counts and a hash of every row), or the benchmark fails.");

            var baselines = new Series(Baseline);
            var rebuilds = new Series(Rebuild);
            var baselineRuns = new List<Run>();
            string? expected = null;
            void Check(string name, Run run)
            {
                if (run.Fingerprint is null) return;
                expected ??= run.Fingerprint;
                if (run.Fingerprint != expected)
                    throw new InvalidOperationException($"{name} produced other tables than the first variant:\n{run.Fingerprint}\nagainst\n{expected}");
            }

            long statements = 0;
            for (var r = 0; r < settings.RebuildRepetitions; r++)
            {
                foreach (var baselineFirst in r % 2 == 0 ? new[] { true, false } : [false, true])
                {
                    await ResetAsync(main);
                    if (baselineFirst)
                    {
                        BenchContext.Log.WriteLine($"rebuild: {Baseline}");
                        var (run, sent) = await BaselineAsync(context, main, registry, projection, events, null);
                        statements = sent;
                        baselineRuns.Add(run);
                        baselines.Samples.Add(run.Sample);
                        Check(Baseline, run);
                    }
                    else
                    {
                        BenchContext.Log.WriteLine($"rebuild: {Rebuild}");
                        var run = await RebuildAsync(context, store, projection, events, null);
                        rebuilds.Samples.Add(run.Sample);
                        Check(Rebuild, run);
                    }
                }
            }

            var boxed = new List<(string Name, Run Run)>();
            foreach (var (name, start) in new (string, Func<Task<Run>>)[]
                     {
                         (CatchUp, () => CatchUpAsync(context, store, projection, events, box)),
                         (RebuildPrepared, () => RebuildAsync(context, preparedStore, projection, events, box)),
                         (BaselinePrepared, async () => (await BaselineAsync(context, preparedMain, registry, projection, events, box)).Run),
                     })
            {
                BenchContext.Log.WriteLine($"rebuild: {name}");
                await ResetAsync(main);
                var run = await start();
                Check(name, run);
                boxed.Add((name, run));
            }
            await ResetAsync(main);

            double BaselineSecondsAt(long done) => Stats.Median(baselineRuns.Select(b => b.Timeline.SecondsAt(done)));
            var table = section.AddTable(null, "Variant", "Events", "Seconds", "Events/s", "÷ baseline over the same events");
            var rebuildRatio = rebuilds.PairedRatio(baselines, s => s.UnitsPerSecond);
            table.Row(Baseline, Fmt.Int(events), Seconds(baselines.Samples.Select(s => s.Elapsed)), Fmt.Rate(baselines.MedianRate), Fmt.Ratio(1));
            table.Row(Rebuild, Fmt.Int(events), Seconds(rebuilds.Samples.Select(s => s.Elapsed)), Fmt.Rate(rebuilds.MedianRate), Fmt.Ratio(rebuildRatio));
            foreach (var (name, run) in boxed)
            {
                var done = run.Sample.Units;
                var label = done < events ? $"{name}, first {box.TotalSeconds:0} s" : name;
                table.Row(label, Fmt.Int(done), Seconds([run.Sample.Elapsed]), Fmt.Rate(run.Sample.UnitsPerSecond),
                    Fmt.Ratio(BaselineSecondsAt(done) / run.Sample.Elapsed.TotalSeconds));
            }
            section.Say($"The read model after a full replay (`rm.<table>`): {RowCounts(expected!)}. The baseline sent {Fmt.Int(statements)} statements " +
                        $"({(double)statements / events:0.00} per event).");

            if (context.Cpu is { SeesPostgres: true })
            {
                var cpu = section.AddTable("Where the CPU went (microseconds of CPU per event; \"machine busy\" is the share of both cores in use, anyone's):",
                    "Variant", "Client (this process)", "PostgreSQL", "Other processes", "Machine busy");
                void Add(string name, CpuPerUnit? c)
                {
                    if (c is not null) cpu.Row(name, Fmt.Us(c.Bench), Fmt.Us(c.Postgres), Fmt.Us(c.Other), Fmt.Share(c.MachineBusyShare));
                }
                Add(Baseline, baselines.CpuPerUnit());
                Add(Rebuild, rebuilds.CpuPerUnit());
                foreach (var (name, run) in boxed) Add(name, run.Sample.Cpu?.PerUnit(run.Sample.Units));
            }

            var catchUp = boxed[0].Run.Sample;
            report.Targets.Add(new TargetCheck($"Projection rebuild ≥ 50,000 events/s ({Fmt.Int(events)} events, ProgrammeRosterProjection)",
                $"{Fmt.Rate(rebuilds.MedianRate)} events/s ({Fmt.Ratio(rebuildRatio)} of the baseline)", rebuilds.MedianRate >= 50_000,
                $"baseline (plain SELECT + the same statements): {Fmt.Rate(baselines.MedianRate)} events/s; consumer catch-up: " +
                $"{Fmt.Rate(catchUp.UnitsPerSecond)} events/s{(catchUp.Units < events ? $" (first {box.TotalSeconds:0} s)" : "")}; " +
                $"rebuild with auto-prepared statements (what if): {Fmt.Rate(boxed[1].Run.Sample.UnitsPerSecond)} events/s"));
        }
        finally
        {
            await BenchContext.DropDatabaseAsync(context.ServerConnectionString, database);
        }
    }

    static string Seconds(IEnumerable<TimeSpan> elapsed) => Stats.Median(elapsed.Select(e => e.TotalSeconds)).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>Back to an empty read model: no projection, no checkpoint, no table in rm.</summary>
    static async Task ResetAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("""
            drop schema if exists rm cascade;
            create schema rm;
            truncate es.projections, es.checkpoints, es.parked_streams, es.parked_events;
            """);
        await command.ExecuteNonQueryAsync();
    }

    static async Task<(Run Run, long Statements)> BaselineAsync(BenchContext context, NpgsqlDataSource dataSource, EventTypeRegistry registry,
        IProjection projection, int events, TimeSpan? box)
    {
        var tables = new ProjectionTables(1);
        await using (var create = dataSource.CreateCommand(projection.CreateTables(tables)))
            await create.ExecuteNonQueryAsync();
        using var stop = box is { } b ? new CancellationTokenSource(b) : new CancellationTokenSource();
        var timeline = new Timeline();
        var before = context.Cpu?.Read();
        timeline.Start();
        long statements = 0;
        try
        {
            statements = await RosterBaseline.RunAsync(dataSource, registry, name => tables[name], timeline, stop.Token);
        }
        catch (Exception e) when (stop.IsCancellationRequested && e is OperationCanceledException or NpgsqlException)
        {
            // Stopped at the end of its time box: what was committed counts.
        }
        var (done, seconds) = timeline.Last;
        var sample = Finish(context, before, done, statements, seconds);
        return (new Run(sample, done == events ? await FingerprintAsync(dataSource, projection, name => tables[name]) : null, timeline), statements);
    }

    static async Task<Run> RebuildAsync(BenchContext context, PostgresEventStore store, IProjection projection, int events, TimeSpan? box)
    {
        var manager = new ProjectionManager(store);
        await manager.InitialiseAsync(projection);
        using var stop = box is { } b ? new CancellationTokenSource(b) : new CancellationTokenSource();
        var timeline = new Timeline();
        var before = context.Cpu?.Read();
        timeline.Start();
        var complete = false;
        try
        {
            await manager.RebuildAsync(projection, timeline, stop.Token);
            complete = true;
        }
        catch (Exception e) when (stop.IsCancellationRequested && e is OperationCanceledException or NpgsqlException)
        {
            // Stopped at the end of its time box: the batches committed count.
        }
        var (done, seconds) = timeline.Last;
        var sample = Finish(context, before, done, 1, seconds);
        return new Run(sample, complete && done == events ? await FingerprintAsync(store.DataSource, projection, name => $"rm.{name}") : null, timeline);
    }

    static async Task<Run> CatchUpAsync(BenchContext context, PostgresEventStore store, IProjection projection, int events, TimeSpan box)
    {
        await new ProjectionManager(store).InitialiseAsync(projection);
        var head = await store.HeadPositionAsync();
        var admin = new ConsumerAdmin(store.DataSource);
        var consumer = new ProjectionConsumer(projection);
        Exception? failure = null;
        var engine = new ConsumerEngine(store, consumer, ServiceOptions, (_, e) => failure ??= e);
        using var stop = new CancellationTokenSource();
        var timeline = new Timeline();
        var before = context.Cpu?.Read();
        timeline.Start();
        var clock = Stopwatch.StartNew();
        var running = engine.RunAsync(stop.Token);
        var complete = false;
        while (failure is null && clock.Elapsed < box)
        {
            if (await admin.HasReachedAsync(consumer.Name, head))
            {
                complete = true;
                break;
            }
            await Task.Delay(20);
        }
        var done = complete ? events : await ConsumedAsync(store.DataSource, consumer.Name);
        timeline.Report(done);
        var sample = Finish(context, before, done, 1, timeline.Last.Seconds);
        await stop.CancelAsync();
        await running;
        if (failure is not null) throw new InvalidOperationException($"The consumer failed while catching up: {failure.Message}", failure);
        return new Run(sample, complete ? await FingerprintAsync(store.DataSource, projection, name => $"rm.{name}") : null, timeline);
    }

    /// <summary>Events at or before the consumer's checkpoint (the generated log is written in one order, so positions and commit order agree).</summary>
    static async Task<long> ConsumedAsync(NpgsqlDataSource dataSource, string consumer)
    {
        await using var command = dataSource.CreateCommand(
            "select count(*) from es.events where global_position <= coalesce((select global_position from es.checkpoints where name = $1), 0)");
        command.Parameters.Add(new() { Value = consumer });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    static Sample Finish(BenchContext context, CpuUsage? before, long events, long operations, double seconds)
    {
        var after = context.Cpu?.Read();
        return new Sample(events, operations, TimeSpan.FromSeconds(seconds), before is not null && after is not null ? after - before : null);
    }

    /// <summary>Per table: its rows and an order-independent hash of their text, to prove the variants wrote the same read model.</summary>
    static async Task<string> FingerprintAsync(NpgsqlDataSource dataSource, IProjection projection, Func<string, string> table)
    {
        var parts = new List<string>();
        foreach (var name in projection.Tables)
        {
            await using var command = dataSource.CreateCommand($"select count(*), coalesce(sum(hashtext(t::text)::bigint), 0) from {table(name)} t");
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            parts.Add($"{name}: {Fmt.Int(reader.GetInt64(0))} rows #{reader.GetInt64(1)}");
        }
        return string.Join("\n", parts);
    }

    /// <summary>A fingerprint without its hashes, for the report.</summary>
    static string RowCounts(string fingerprint) =>
        string.Join(", ", fingerprint.Split('\n').Select(line => line[..line.IndexOf(" #", StringComparison.Ordinal)]));
}
