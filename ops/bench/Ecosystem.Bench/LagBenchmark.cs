using System.Diagnostics;
using System.Security.Cryptography;
using Ecosystem.Api.EventStore;
using Ecosystem.Api.ReadModels;
using Ecosystem.Domain.Programmes;
using Npgsql;
using EventLog = Ecosystem.Api.EventStore.EventLog;

namespace Ecosystem.Bench;

/// <summary>
/// 5. Consumer lag: how long after an append returns the API's roster read model has applied it — the real API process
/// (Marten's async daemon feeding our consumers) following a database that the bench writes to with the product's own
/// EventLog, idle and under a steady load.
/// </summary>
public sealed class LagBenchmark : IBenchmark
{
    public int Number => 5;
    public string Key => "lag";
    public string Title => "Consumer lag";

    static readonly string Consumer = ProjectionConsumer.ConsumerName(ProgrammeRosterProjection.ProjectionName);

    /// <summary>(name, writers, appends per second per writer) of the two loads.</summary>
    static readonly (string Name, int Writers, int PerSecond)[] Loads = [("idle", 1, 20), ("steady load", 4, 100)];

    static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(2);

    /// <summary>One timed append: its position, when AppendAsync returned, when the checkpoint was first seen at or past it.</summary>
    sealed class Mark(long position, long returnedAt)
    {
        public long Position { get; } = position;
        public long ReturnedAt { get; } = returnedAt;
        public long AppliedAt { get; set; }
        public double RoundTripMs { get; init; }
        public double LagMs => Stopwatch.GetElapsedTime(ReturnedAt, AppliedAt).TotalMilliseconds;
    }

    public async Task RunAsync(IReadOnlyList<BenchContext> clusters, Report report, Section section)
    {
        var settings = clusters[0].Settings;
        if (clusters[0].ApiDll is null) throw new InvalidOperationException("No API build given (--api-dll).");
        section.Say("Milliseconds from an append's return until the API's programme-roster read model has applied it. The Release API runs as its own " +
                    "process on a scratch database with its defaults (Marten's async daemon, `HotCold`, NOTIFY on appends, feeding our " +
                    "`ConsumerEngine`s: four projections and a reactor). The bench appends with the product's `EventLog.AppendAsync` on that database " +
                    "(a launch, then `programme.partner-added` events, one per transaction at the exact expected version, as the write endpoint " +
                    "records them; programmes are folded inline, so each append also updates the programme's document) at a fixed rate (open loop, " +
                    "writers' slots staggered), and one poller reads the consumer's checkpoint (`ecosystem.checkpoints`, which moves in the " +
                    $"consumer's own transaction) every {PollEvery.TotalMilliseconds:0} ms: the lag of an event is the moment the checkpoint was first " +
                    $"seen at or past its position minus the moment its append returned (one clock). The poll period bounds the error from above.");
        section.Say($"Two loads: **idle** ({Loads[0].Writers} writer, {Loads[0].PerSecond} appends/s) and **steady load** ({Loads[1].Writers} writers × " +
                    $"{Loads[1].PerSecond} appends/s), windows of {settings.LagWindow.TotalSeconds:0.#} s, {settings.LagRepetitions} of each; p50 and p99 over every " +
                    "append. No baseline: the target is absolute, and nothing else in the product follows the log.");

        var table = section.AddTable(null, "Cluster", "Load", "Appends", "Appends/s", "Lag p50 (ms)", "Lag p99 (ms)", "Lag max (ms)", "Append round trip p50 / p99 (ms)");
        foreach (var context in clusters)
        {
            var results = await OnClusterAsync(context, table);
            var (p50, p99) = results[Loads[1].Name];
            var idle = results[Loads[0].Name];
            report.Targets.Add(new TargetCheck($"Consumer lag p99 ≤ 100 ms ({Loads[1].Writers} writers × {Loads[1].PerSecond} appends/s, {context.Cluster} cluster)",
                $"{Fmt.Ms(p99)} ms", p99 <= 100, $"p50 {Fmt.Ms(p50)} ms; idle: p50 {Fmt.Ms(idle.P50)}, p99 {Fmt.Ms(idle.P99)} ms"));
        }
    }

    async Task<Dictionary<string, (double P50, double P99)>> OnClusterAsync(BenchContext context, Table table)
    {
        var settings = context.Settings;
        var database = context.Database + "_lag";
        await BenchContext.CreateDatabaseAsync(context.ServerConnectionString, database);
        try
        {
            var connectionString = context.ConnectionStringFor(database);
            var adminKey = "bench_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            await using var api = await ApiProcess.StartAsync(context.ApiDll!, connectionString, adminKey, context.WorkDirectory);
            await using var product = await ProductHost.StartAsync(connectionString);
            await using var poll = NpgsqlDataSource.Create(connectionString);
            var writers = Enumerable.Range(0, Loads.Max(l => l.Writers)).Select(_ => new ProgrammeWriter("Lag")).ToArray();

            BenchContext.Out.WriteLine($"lag ({context.Cluster}): waiting for the API's daemon to follow the log");
            var warm = await FixedRateAsync(product.Log, writers[..1], 50, TimeSpan.FromMilliseconds(400));
            await WatchAsync(poll, warm, TimeSpan.FromSeconds(60));

            var windows = new Dictionary<string, List<Mark>>();
            var elapsed = new Dictionary<string, double>();
            for (var r = 0; r < settings.LagRepetitions; r++)
            {
                foreach (var (load, count, perSecond) in Loads)
                {
                    BenchContext.Out.WriteLine($"lag ({context.Cluster}): {load}");
                    var clock = Stopwatch.StartNew();
                    var marks = new List<Mark>();
                    using var stop = new CancellationTokenSource();
                    var watching = WatchAsync(poll, marks, TimeSpan.FromSeconds(30) + settings.LagWindow, stop.Token);
                    await FixedRateAsync(product.Log, writers[..count], perSecond, settings.LagWindow, marks);
                    elapsed[load] = elapsed.GetValueOrDefault(load) + clock.Elapsed.TotalSeconds;
                    await stop.CancelAsync();
                    await watching;
                    (windows.TryGetValue(load, out var all) ? all : windows[load] = []).AddRange(marks);
                }
            }

            var results = new Dictionary<string, (double, double)>();
            foreach (var (load, count, perSecond) in Loads)
            {
                var marks = windows[load];
                var lags = marks.Select(m => m.LagMs).Order().ToArray();
                var trips = marks.Select(m => m.RoundTripMs).Order().ToArray();
                var (p50, p99) = (Stats.Percentile(lags, 50), Stats.Percentile(lags, 99));
                results[load] = (p50, p99);
                table.Row(context.Cluster, $"{load} ({count} × {perSecond}/s)", Fmt.Int(marks.Count), Fmt.Rate(marks.Count / elapsed[load]), Fmt.Ms(p50), Fmt.Ms(p99),
                    Fmt.Ms(lags[^1]), $"{Fmt.Ms(Stats.Percentile(trips, 50))} / {Fmt.Ms(Stats.Percentile(trips, 99))}");
            }
            return results;
        }
        finally
        {
            await BenchContext.DropDatabaseAsync(context.ServerConnectionString, database);
        }
    }

    /// <summary>
    /// Polls the consumer's checkpoint and stamps every mark it has reached, until every mark is stamped after
    /// <paramref name="stop"/> (the writers are done) — or the timeout, which fails the benchmark.
    /// </summary>
    static async Task WatchAsync(NpgsqlDataSource dataSource, List<Mark> marks, TimeSpan timeout, CancellationToken stop = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("select coalesce((select position from ecosystem.checkpoints where name = $1), 0)", connection);
        command.Parameters.Add(new() { Value = Consumer });
        await command.PrepareAsync();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var position = (long)(await command.ExecuteScalarAsync())!;
            var now = Stopwatch.GetTimestamp();
            Mark[] all;
            lock (marks) all = [.. marks];
            foreach (var mark in all)
                if (mark.AppliedAt == 0 && mark.Position <= position) mark.AppliedAt = now;
            var writersDone = !stop.CanBeCanceled || stop.IsCancellationRequested;
            if (writersDone && all.Length > 0 && all.All(m => m.AppliedAt != 0)) return;
            if (clock.Elapsed > timeout) throw new TimeoutException($"The roster's checkpoint stayed at {position}; {all.Count(m => m.AppliedAt == 0)} appends never applied.");
            await Task.Delay(PollEvery);
        }
    }

    /// <summary>Each writer appends at <paramref name="perSecond"/> for <paramref name="window"/>, its slots staggered against the others'.</summary>
    static async Task<List<Mark>> FixedRateAsync(EventLog log, ProgrammeWriter[] writers, int perSecond, TimeSpan window, List<Mark>? into = null)
    {
        var marks = into ?? [];
        await PacedAppends.RunAsync(log, writers, perSecond, window, (position, before, after) =>
        {
            lock (marks) marks.Add(new Mark(position, after) { RoundTripMs = Stopwatch.GetElapsedTime(before, after).TotalMilliseconds });
        });
        return marks;
    }
}
