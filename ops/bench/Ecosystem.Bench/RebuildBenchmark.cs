using System.Diagnostics;
using Ecosystem.Api.EventStore;
using Ecosystem.Api.ReadModels;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ecosystem.Bench;

/// <summary>
/// 2. Projection rebuild: the API's ProgrammeRosterProjection rebuilt from a generated log of programme and startup events
/// by <see cref="ProjectionManager.RebuildAsync"/>, against <see cref="RosterBaseline"/> (a plain ordered SELECT and the
/// same statements sent directly) and against Marten's own daemon rebuilding the same read model kept as Marten
/// projections (<see cref="MartenRoster"/>).
/// </summary>
public sealed class RebuildBenchmark : IBenchmark
{
    public int Number => 2;
    public string Key => "rebuild";
    public string Title => "Projection rebuild";

    const string Baseline = "plain SELECT + the same statements";
    const string Rebuild = "ProjectionManager.RebuildAsync (product)";
    const string Marten = "Marten daemon RebuildProjectionAsync (same read model as Marten projections)";

    sealed record Run(string Variant, string Cluster, int Events, Sample Sample, string Check);

    public async Task RunAsync(IReadOnlyList<BenchContext> clusters, Report report, Section section)
    {
        var settings = clusters[0].Settings;
        section.Say($"**The log**: {Fmt.Int(settings.RebuildEvents)} events of the API's own types in a scratch database of their own, generated as " +
                    "programmes run their life: launch, partners, two cohorts with milestones and calls, 20 applicants per cohort who register, " +
                    "apply, are shortlisted, admitted and seated, or waitlisted or rejected, onboard, reach or miss milestones, graduate or withdraw, " +
                    "record investments (270 events per programme, eight programmes interleaved). Written by binary COPY into Marten's `mt_events` " +
                    "and `mt_streams` with the columns Marten writes (metadata included), one transaction per 10,000 events, the sequence and the " +
                    "daemon's high-water mark moved past them, then `VACUUM ANALYZE`; not part of any figure." +
                    (settings.Quick ? "" : " The issue asks for 1,000,000 events; this run uses fewer so that the whole suite (both clusters) fits " +
                     "in about 15 minutes on this shared 2-core machine — the rates are per event and the log's shape is the same."));
        section.Say("Every variant starts from an empty read model and is timed from its start until the last event is applied; the rate is the " +
                    "log's events ÷ that time:");
        section.Say($"- **{Rebuild}**, the product: `ProgrammeRosterProjection` (programmes, cohorts, milestones, roster, startups: the tables behind " +
                    "the programme endpoints) into a new generation of its tables, batches of 2,000 events read through `EventLog.ReadAllAsync` " +
                    "(Marten's `QueryAllRawEvents`, bounded by the high-water mark), applied with the projection's statements in one round trip and " +
                    "committed with a progress row, then the atomic swap.\n" +
                    $"- **Baseline, {Baseline}**: one `select version, type, data::text, timestamp from mt_events order by seq_id` streamed on one " +
                    "connection, each body deserialised with the API's JSON rules, and the projection's statements (the same SQL and parameters, " +
                    "written out again in the bench) sent on a second connection as one batch per 2,000 events, each its own transaction.\n" +
                    $"- **{Marten}**: the same information kept the way Marten would keep it — a multi-stream projection of one document per cohort " +
                    "(state, milestones, roster: grouped from programme and startup events), a single-stream projection of one document per " +
                    "programme, and one of startup names — registered as async projections on top of the API's Marten configuration and each " +
                    "rebuilt by Marten's daemon (`IProjectionDaemon.RebuildProjectionAsync`), one after the other; the time is their sum.");

        foreach (var context in clusters)
        {
            var events = context.Cluster == "fast" ? settings.RebuildEvents : settings.DurableRebuildEvents;
            if (events <= 0) continue;
            var runs = await OnClusterAsync(context, events);
            var table = section.AddTable($"**{context.Cluster} cluster**, {Fmt.Int(events)} events:", "Variant", "Seconds", "Events/s", "÷ baseline", "Product ÷ variant", "Read model");
            var baseline = runs.Single(r => r.Variant == Baseline);
            var product = runs.Single(r => r.Variant == Rebuild);
            foreach (var r in runs)
                table.Row(r.Variant, r.Sample.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), Fmt.Rate(r.Sample.UnitsPerSecond),
                    Fmt.Ratio(r.Sample.UnitsPerSecond / baseline.Sample.UnitsPerSecond), Fmt.Ratio(product.Sample.UnitsPerSecond / r.Sample.UnitsPerSecond), r.Check);
            if (context.Cpu is { SeesPostgres: true })
            {
                var cpu = section.AddTable($"Where the CPU went, {context.Cluster} cluster (microseconds of CPU per event of the log):",
                    "Variant", "Client (this process)", "PostgreSQL", "Other processes", "Machine busy");
                foreach (var r in runs)
                    if (r.Sample.Cpu?.PerUnit(r.Events) is { } c)
                        cpu.Row(r.Variant, Fmt.Us(c.Bench), Fmt.Us(c.Postgres), Fmt.Us(c.Other), Fmt.Share(c.MachineBusyShare));
            }

            var marten = runs.Single(r => r.Variant == Marten);
            var rate = product.Sample.UnitsPerSecond;
            var overMarten = rate / marten.Sample.UnitsPerSecond;
            report.Targets.Add(new TargetCheck($"Roster rebuild ≥ 50,000 events/s ({Fmt.Int(events)} events, {context.Cluster} cluster)",
                $"{Fmt.Rate(rate)} events/s", rate >= 50_000,
                $"baseline (plain SELECT + the same statements): {Fmt.Rate(baseline.Sample.UnitsPerSecond)} events/s; the issue's size is 1,000,000 events"));
            report.Targets.Add(new TargetCheck($"Roster rebuild ≥ 2× Marten's own rebuild ({context.Cluster} cluster)",
                $"{Fmt.Ratio(overMarten)} ({Fmt.Rate(rate)} vs {Fmt.Rate(marten.Sample.UnitsPerSecond)} events/s)", overMarten >= 2));
        }
    }

    static async Task<List<Run>> OnClusterAsync(BenchContext context, int events)
    {
        var database = context.Database + "_rebuild";
        await BenchContext.CreateDatabaseAsync(context.ServerConnectionString, database);
        try
        {
            await using var product = await ProductHost.StartAsync(context.ConnectionStringFor(database), MartenRoster.Register);
            BenchContext.Out.WriteLine($"rebuild ({context.Cluster}): writing a log of {Fmt.Int(events)} programme and startup events");
            await ProgrammeLog.WriteAsync(product.DataSource, events);
            var projection = product.Services.GetServices<IProjection>().OfType<ProgrammeRosterProjection>().Single();
            var runs = new List<Run>();

            BenchContext.Out.WriteLine($"rebuild ({context.Cluster}): {Baseline}");
            var tables = new ProjectionTables(900);
            await using (var create = product.DataSource.CreateCommand(projection.CreateTables(tables)))
                await create.ExecuteNonQueryAsync();
            var sample = await TimedAsync(context, events, () => RosterBaseline.RunAsync(product.DataSource, name => tables[name]));
            var expected = await FingerprintAsync(product.DataSource, projection, name => tables[name]);
            runs.Add(new Run(Baseline, context.Cluster, events, sample, RowCounts(expected)));
            await using (var drop = product.DataSource.CreateCommand(string.Join(";", projection.Tables.Select(t => $"drop table {tables[t]}"))))
                await drop.ExecuteNonQueryAsync();

            BenchContext.Out.WriteLine($"rebuild ({context.Cluster}): {Rebuild}");
            sample = await TimedAsync(context, events, () => product.Projections.RebuildAsync(projection));
            var rebuilt = await FingerprintAsync(product.DataSource, projection, name => $"rm.{name}");
            if (rebuilt != expected) throw new InvalidOperationException($"The rebuild produced other tables than the baseline:\n{rebuilt}\nagainst\n{expected}");
            runs.Add(new Run(Rebuild, context.Cluster, events, sample, "the baseline's rows, hash equal"));

            BenchContext.Out.WriteLine($"rebuild ({context.Cluster}): {Marten}");
            var daemon = await product.Store.BuildProjectionDaemonAsync();
            sample = await TimedAsync(context, events, async () =>
            {
                foreach (var name in MartenRoster.ProjectionNames) await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(20), CancellationToken.None);
            });
            await daemon.StopAllAsync();
            runs.Add(new Run(Marten, context.Cluster, events, sample, await MartenCountsAsync(product, expected)));
            return runs;
        }
        finally
        {
            await BenchContext.DropDatabaseAsync(context.ServerConnectionString, database);
        }
    }

    static async Task<Sample> TimedAsync(BenchContext context, int events, Func<Task> run)
    {
        var before = context.Cpu?.Read();
        var clock = Stopwatch.StartNew();
        await run();
        var elapsed = clock.Elapsed;
        var after = context.Cpu?.Read();
        return new Sample(events, 1, elapsed, before is not null && after is not null ? after - before : null);
    }

    /// <summary>Marten's documents against the baseline's rows: cohorts, roster entries, programmes, startups must be as many.</summary>
    static async Task<string> MartenCountsAsync(ProductHost product, string expected)
    {
        await using var session = product.Store.QuerySession();
        var cohorts = await session.Query<MartenRoster.Cohort>().ToListAsync();
        var programmes = await session.Query<MartenRoster.Programme>().CountAsync();
        var startups = await session.Query<MartenRoster.Startup>().CountAsync();
        var counts = $"cohorts: {Fmt.Int(cohorts.Count)}, roster: {Fmt.Int(cohorts.Sum(c => c.Roster.Count))}, programmes: {Fmt.Int(programmes)}, startups: {Fmt.Int(startups)} documents/entries";
        foreach (var (table, count) in new[] { ("cohorts", cohorts.Count), ("roster", cohorts.Sum(c => c.Roster.Count)), ("programmes", programmes), ("roster_startups", startups) })
            if (!expected.Contains($"{table}: {Fmt.Int(count)} rows", StringComparison.Ordinal))
                throw new InvalidOperationException($"Marten's rebuild kept other counts than the baseline ({counts}) against:\n{expected}");
        return counts;
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
