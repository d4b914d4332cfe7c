using System.Diagnostics;
using Ecosystem.Api.EventStore;
using Ecosystem.Api.ReadModels;
using Microsoft.Extensions.DependencyInjection;

namespace Ecosystem.Bench;

/// <summary>
/// 11. Lists as of a moment: <c>GET /api/programmes?asOf=</c> answered by <see cref="AsOfReplay"/> (the roster read model replayed up to
/// the moment into session-private tables, then the live list's SQL), against the live list from the read model's tables.
/// </summary>
public sealed class AsOfBenchmark : IBenchmark
{
    public int Number => 11;
    public string Key => "asof";
    public string Title => "Lists as of a moment";

    static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task RunAsync(IReadOnlyList<BenchContext> clusters, Report report, Section section)
    {
        var context = clusters[0];
        var settings = context.Settings;
        int[] sizes = settings.Quick ? [1_080] : [2_700, 10_800];
        var repetitions = Math.Min(settings.Repetitions, 3);
        section.Say("Milliseconds per read of the first page (50) of the programme list, one reader, in process through the product's services " +
                    $"({repetitions} repetitions each after one warm-up read; median), on the {context.Cluster} cluster. The log is the " +
                    "rebuild benchmark's generated programme and startup events, one second apart. **Live list**: `ProgrammeReads.ListAsync` on the " +
                    "read model's tables (the baseline). **As of the middle / the end**: `AsOfReplay.ReadAsync` with the moment of the log's middle " +
                    "or last event: the roster projection's tables created in `pg_temp`, the events up to the moment read through " +
                    "`EventLog.ReadAllAsync` in pages of 1,000 and applied by the projection, the same list SQL, the transaction rolled back. " +
                    "The answer is correct by construction (same projection, same query); its cost grows with the events before the moment.");
        var table = section.AddTable($"**{context.Cluster} cluster**:", "Log (events)", "Variant", "Events replayed", "ms (median)", "Events/s replayed", "÷ live list");
        foreach (var size in sizes)
        {
            var database = $"{context.Database}_asof{size}";
            await BenchContext.CreateDatabaseAsync(context.ServerConnectionString, database);
            try
            {
                await using var product = await ProductHost.StartAsync(context.ConnectionStringFor(database));
                BenchContext.Out.WriteLine($"asof: a log of {Fmt.Int(size)} events");
                await ProgrammeLog.WriteAsync(product.DataSource, size);
                await using (var spread = product.DataSource.CreateCommand("update mt_events set timestamp = $1 + seq_id * interval '1 second'"))
                {
                    spread.Parameters.Add(new() { Value = Epoch });
                    await spread.ExecuteNonQueryAsync();
                }
                var roster = product.Services.GetServices<IProjection>().OfType<ProgrammeRosterProjection>().Single();
                await product.Projections.RebuildAsync(roster);
                var reads = product.Services.GetRequiredService<ProgrammeReads>();
                var replay = product.Services.GetRequiredService<AsOfReplay>();
                Task<IReadOnlyList<Ecosystem.Api.Programmes.ProgrammeSummary>> List(ReadSession? session) =>
                    reads.ListAsync(null, null, null, null, 0, 50, session, CancellationToken.None);

                var live = await TimeAsync(repetitions, () => List(null));
                var all = await List(null);
                table.Row(Fmt.Int(size), "live list (baseline)", "0", Fmt.Ms(live), "", Fmt.Ratio(1));
                foreach (var (name, upTo) in new[] { ("as of the middle", size / 2), ("as of the end", size) })
                {
                    var moment = Epoch.AddSeconds(upTo);
                    var answer = await replay.ReadAsync(moment, [ProgrammeRosterProjection.ProjectionName], List, CancellationToken.None);
                    if (upTo == size && !answer.Select(p => (p.Id, p.Status, p.Cohorts)).SequenceEqual(all.Select(p => (p.Id, p.Status, p.Cohorts))))
                        throw new InvalidOperationException("The list as of the last event differs from the live list.");
                    var ms = await TimeAsync(repetitions,
                        () => replay.ReadAsync(moment, [ProgrammeRosterProjection.ProjectionName], List, CancellationToken.None));
                    table.Row(Fmt.Int(size), name, Fmt.Int(upTo), Fmt.Ms(ms), Fmt.Rate(upTo / (ms / 1000)), Fmt.Ratio(ms / live));
                }
            }
            finally
            {
                await BenchContext.DropDatabaseAsync(context.ServerConnectionString, database);
            }
        }
        section.Say("Reading: the cost is the replay, about the rebuild's rate per event (section 2), so an `asOf=` list over a large log takes " +
                    "seconds; the next step, if auditors need it often, is a snapshot of the read model's tables every N events to replay from.");
    }

    static async Task<double> TimeAsync<T>(int repetitions, Func<Task<T>> read)
    {
        await read();
        var times = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            var clock = Stopwatch.StartNew();
            await read();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Stats.Median(times);
    }
}
