using System.Diagnostics;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Api.ReadModels;
using Ecosystem.Domain.Programmes;
using Ecosystem.EventStore;
using Ecosystem.EventStore.Consumers;
using Ecosystem.EventStore.Projections;
using Ecosystem.EventStore.Schema;
using Npgsql;

namespace Ecosystem.Bench;

/// <summary>
/// 5. Consumer lag: how long after an append's commit an asynchronous projection has applied it, with the service's
/// LISTEN/NOTIFY wake-up (<see cref="ConsumerHost"/>) and with a consumer that only polls, idle and under a steady load.
/// </summary>
public sealed class LagBenchmark : IBenchmark
{
    public int Number => 5;
    public string Key => "lag";
    public string Title => "Consumer lag";

    const string Listening = "ConsumerHost (LISTEN/NOTIFY)";
    const string Polling = "polling only, every 25 ms";

    /// <summary>The service's options (EcosystemOptions defaults); its host wakes the engine on NOTIFY.</summary>
    static readonly ConsumerOptions ServiceOptions = new() { IdlePoll = TimeSpan.FromSeconds(1), LeadershipRetry = TimeSpan.FromSeconds(2) };

    /// <summary>The baseline: an engine without a listener polling at its shortest back-off step.</summary>
    static readonly ConsumerOptions PollingOptions = new() { IdlePoll = TimeSpan.FromMilliseconds(25), LeadershipRetry = TimeSpan.FromSeconds(2) };

    /// <summary>(name, writers, appends per second per writer) of the two loads.</summary>
    static readonly (string Name, int Writers, int PerSecond)[] Loads = [("idle", 1, 20), ("steady load", 4, 100)];

    /// <summary>One timed append: its last global position and the client's clock just before the call and just after it returned.</summary>
    sealed record Mark(long Position, DateTime Before, DateTime After);

    sealed record Window(string Consumer, string Load, int Writers, int PerSecond, TimeSpan Elapsed, List<Mark> Marks, Dictionary<long, DateTime> Applied);

    public async Task RunAsync(BenchContext context, Report report, Section section)
    {
        var settings = context.Settings;
        var database = context.Database + "_lag";
        await BenchContext.CreateDatabaseAsync(context.ServerConnectionString, database);
        try
        {
            var (main, sessions) = context.ProductDataSources(database);
            await using var mainPool = main;
            await using var sessionPool = sessions;
            await Migrator.ApplyAsync(main, EventStoreMigrations.Component, EventStoreMigrations.All);
            var store = new PostgresEventStore(main, BenchContext.DomainRegistry()) { SessionDataSource = sessions };
            var projection = new TimedRoster();
            await new ProjectionManager(store).InitialiseAsync(projection);
            var consumer = new ProjectionConsumer(projection);
            var admin = new ConsumerAdmin(main);
            var writers = Enumerable.Range(0, Loads.Max(l => l.Writers)).Select(_ => new Writer()).ToArray();

            section.Say("Milliseconds from an append's commit until an asynchronous projection has applied it. The projection is the API's " +
                        "`ProgrammeRosterProjection` with one more table: for every event it applies it also inserts `(global_position, " +
                        "clock_timestamp())`, after the roster's own statements, in the batch's transaction (the engine commits that batch with its " +
                        "checkpoint right after). The writers append `programme.partner-added` events (a programme launched first, at most 40 partners " +
                        "each) through `PostgresEventStore.AppendAsync`, one event per transaction with the exact expected version, as the API's " +
                        "write endpoint does, at a fixed rate (open loop: each append is due at its slot whether or not the previous one was " +
                        "slow, writers' slots staggered). The commit's time is the client's clock right after `AppendAsync` returned; the lag is " +
                        "`applied_at` minus that (same machine, same clock). Taking the clock after the return makes the lag short by the return " +
                        "path; the append's round trip (also shown) bounds that error.");
            section.Say($"Two loads: **idle** ({Loads[0].Writers} writer, {Loads[0].PerSecond} appends/s: the consumer sleeps between events) and " +
                        $"**steady load** ({Loads[1].Writers} writers × {Loads[1].PerSecond} appends/s). Two consumers, the same engine and projection, " +
                        $"one at a time: **{Listening}**, as the service runs it (`ConsumerHost`, whose listener wakes the engine on the " +
                        $"`pg_notify` of every append; idle poll 1 s); and the baseline, **{Polling}** (a `ConsumerEngine` run without the host, so " +
                        "without LISTEN, with `IdlePoll` = 25 ms, its shortest back-off step: it reads the log every 25 ms when idle). " +
                        $"Windows of {settings.LagWindow.TotalSeconds:0.#} s, {settings.LagRepetitions} per consumer and load, the consumers " +
                        "alternating; before each consumer's windows it is started, takes leadership, catches up and gets 20 appends of warm-up. " +
                        "Every append of a window is timed; p50 and p99 are over all of them.");

            var windows = new List<Window>();
            Exception? failure = null;
            void OnError(string name, Exception e) => failure ??= e;
            var variants = new (string Name, Func<CancellationToken, (Task Run, Func<bool> IsLeader)> Start)[]
            {
                (Listening, ct =>
                {
                    var host = new ConsumerHost(store, [consumer], ServiceOptions, OnError);
                    return (host.RunAsync(ct), () => host.Engines[0].IsLeader);
                }),
                (Polling, ct =>
                {
                    var engine = new ConsumerEngine(store, consumer, PollingOptions, OnError);
                    return (engine.RunAsync(ct), () => engine.IsLeader);
                }),
            };

            for (var r = 0; r < settings.LagRepetitions; r++)
            {
                for (var k = 0; k < variants.Length; k++)
                {
                    var (name, start) = variants[(r + k) % variants.Length];
                    BenchContext.Log.WriteLine($"lag: {name}");
                    using var stop = new CancellationTokenSource();
                    var (running, isLeader) = start(stop.Token);
                    try
                    {
                        await UntilAsync(isLeader, TimeSpan.FromSeconds(10), $"{name} did not take leadership");
                        var warm = await FixedRateAsync(store, writers[..1], 200, TimeSpan.FromMilliseconds(100));
                        await CaughtUpAsync(admin, consumer.Name, warm, () => failure);
                        foreach (var (load, count, perSecond) in Loads)
                        {
                            var clock = Stopwatch.StartNew();
                            var marks = await FixedRateAsync(store, writers[..count], perSecond, settings.LagWindow);
                            var elapsed = clock.Elapsed;
                            await CaughtUpAsync(admin, consumer.Name, marks, () => failure);
                            windows.Add(new Window(name, load, count, perSecond, elapsed, marks, await AppliedAsync(main, marks)));
                        }
                    }
                    finally
                    {
                        await stop.CancelAsync();
                        await running;
                    }
                    if (failure is not null) throw new InvalidOperationException($"The consumer failed: {failure.Message}", failure);
                }
            }

            var table = section.AddTable(null, "Consumer", "Load", "Appends", "Appends/s", "Lag p50 (ms)", "Lag p99 (ms)", "Lag max (ms)",
                "Append round trip p50 / p99 (ms)");
            var results = new Dictionary<(string, string), (double P50, double P99)>();
            foreach (var (load, count, perSecond) in Loads)
            {
                foreach (var (name, _) in variants)
                {
                    var mine = windows.Where(w => w.Consumer == name && w.Load == load).ToList();
                    var lags = mine.SelectMany(w => w.Marks.Select(m => (w.Applied[m.Position] - m.After).TotalMilliseconds)).Order().ToArray();
                    var trips = mine.SelectMany(w => w.Marks.Select(m => (m.After - m.Before).TotalMilliseconds)).Order().ToArray();
                    var appends = mine.Sum(w => w.Marks.Count);
                    var rate = appends / mine.Sum(w => w.Elapsed.TotalSeconds);
                    var (p50, p99) = (Stats.Percentile(lags, 50), Stats.Percentile(lags, 99));
                    results[(name, load)] = (p50, p99);
                    table.Row(name, $"{load} ({count} × {perSecond}/s)", Fmt.Int(appends), Fmt.Rate(rate), Fmt.Ms(p50), Fmt.Ms(p99), Fmt.Ms(lags[^1]),
                        $"{Fmt.Ms(Stats.Percentile(trips, 50))} / {Fmt.Ms(Stats.Percentile(trips, 99))}");
                }
            }

            var loaded = results[(Listening, Loads[1].Name)];
            var idle = results[(Listening, Loads[0].Name)];
            var polled = results[(Polling, Loads[1].Name)];
            var polledIdle = results[(Polling, Loads[0].Name)];
            report.Targets.Add(new TargetCheck($"Consumer lag p99 ≤ 100 ms (LISTEN/NOTIFY, {Loads[1].Writers} writers × {Loads[1].PerSecond} appends/s)",
                $"{Fmt.Ms(loaded.P99)} ms", loaded.P99 <= 100,
                $"p50 {Fmt.Ms(loaded.P50)} ms; idle: p50 {Fmt.Ms(idle.P50)}, p99 {Fmt.Ms(idle.P99)} ms; polling every 25 ms (baseline): " +
                $"p99 {Fmt.Ms(polled.P99)} ms under load, {Fmt.Ms(polledIdle.P99)} ms idle"));
        }
        finally
        {
            await BenchContext.DropDatabaseAsync(context.ServerConnectionString, database);
        }
    }

    static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException(failure);
            await Task.Delay(5);
        }
    }

    /// <summary>Waits until the consumer's checkpoint has passed every mark (30 s at most).</summary>
    static async Task CaughtUpAsync(ConsumerAdmin admin, string consumer, List<Mark> marks, Func<Exception?> failure)
    {
        if (marks.Count == 0) return;
        var last = marks.Max(m => m.Position);
        var clock = Stopwatch.StartNew();
        while (!await admin.HasReachedAsync(consumer, last))
        {
            if (failure() is { } e) throw new InvalidOperationException($"The consumer failed: {e.Message}", e);
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"The consumer did not reach position {last} within 30 s.");
            await Task.Delay(20);
        }
    }

    /// <summary>When the projection applied each mark's event (its clock_timestamp()).</summary>
    static async Task<Dictionary<long, DateTime>> AppliedAsync(NpgsqlDataSource dataSource, List<Mark> marks)
    {
        await using var command = dataSource.CreateCommand("select global_position, applied_at from rm.lag_marks where global_position = any($1)");
        command.Parameters.Add(new() { Value = marks.Select(m => m.Position).ToArray() });
        var applied = new Dictionary<long, DateTime>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) applied[reader.GetInt64(0)] = reader.GetFieldValue<DateTime>(1);
        var missing = marks.FirstOrDefault(m => !applied.ContainsKey(m.Position));
        if (missing is not null) throw new InvalidOperationException($"The projection has no record of the event at position {missing.Position}.");
        return applied;
    }

    /// <summary>Each writer appends at <paramref name="perSecond"/> for <paramref name="window"/>, its slots staggered against the others'.</summary>
    static async Task<List<Mark>> FixedRateAsync(PostgresEventStore store, Writer[] writers, int perSecond, TimeSpan window)
    {
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var start = Stopwatch.GetTimestamp();
        var loops = writers.Select((writer, w) => Task.Run(async () =>
        {
            var marks = new List<Mark>();
            for (var k = 0L; ; k++)
            {
                var due = interval * k + interval * w / writers.Length;
                if (due >= window) break;
                var wait = due - Stopwatch.GetElapsedTime(start);
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                var before = DateTime.UtcNow;
                var position = await writer.AppendAsync(store);
                marks.Add(new Mark(position, before, DateTime.UtcNow));
            }
            return marks;
        })).ToArray();
        return [.. (await Task.WhenAll(loops)).SelectMany(m => m)];
    }

    /// <summary>A writer's own programmes: it launches one, adds 40 partners to it one by one, then launches the next.</summary>
    sealed class Writer
    {
        Guid programme;
        long version;

        public async Task<long> AppendAsync(PostgresEventStore store)
        {
            var now = DateTimeOffset.UtcNow;
            object e;
            if (version == 0 || version > 40)
            {
                (programme, version) = (Guid.CreateVersion7(), 0);
                e = new ProgrammeEvent.ProgrammeLaunched(programme, "Lag", ProgrammeKind.Accelerator, ["aerospace"], ["IT"], "OGR", "OGR Torino", null, now);
            }
            else e = new ProgrammeEvent.PartnerAdded(programme, $"X{version}", "Y", now);
            var metadata = new EventMetadata("admin (configured)", Guid.CreateVersion7(), null,
                new Dictionary<string, string> { ["request"] = $"POST /api/programmes/{programme}/partners" });
            var result = await store.AppendAsync(programme, DomainRegistration.Programmes.StreamType, version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version),
                [new EventToAppend(Guid.CreateVersion7(), e)], metadata);
            version = result.StreamVersion;
            return result.Positions[^1];
        }
    }

    /// <summary>The API's roster projection plus one row per applied event with the time it was applied.</summary>
    sealed class TimedRoster : IProjection
    {
        readonly ProgrammeRosterProjection roster = new();

        public string Name => "bench-lag";
        public int Version => 1;
        public IReadOnlyList<string> Tables { get; }

        public TimedRoster() => Tables = [.. roster.Tables, "lag_marks"];

        public string CreateTables(ProjectionTables tables) =>
            roster.CreateTables(tables) + $"\ncreate table {tables["lag_marks"]} (global_position bigint primary key, applied_at timestamptz not null);";

        public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
        {
            await roster.ApplyAsync(context, events, ct);
            foreach (var e in events) context.Enqueue("insert into {lag_marks} values ($1, clock_timestamp())", e.GlobalPosition);
        }
    }
}
