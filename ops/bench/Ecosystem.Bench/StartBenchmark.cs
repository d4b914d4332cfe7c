using System.Security.Cryptography;

namespace Ecosystem.Bench;

/// <summary>6. Cold start: from launching the API process to its first 200 on /health/ready, on an empty database and on a migrated one.</summary>
public sealed class StartBenchmark : IBenchmark
{
    public int Number => 6;
    public string Key => "start";
    public string Title => "Cold start";

    public async Task RunAsync(IReadOnlyList<BenchContext> clusters, Report report, Section section)
    {
        var settings = clusters[0].Settings;
        if (clusters[0].ApiDll is null) throw new InvalidOperationException("No API build given (--api-dll).");
        var starts = settings.Quick ? 1 : 3;
        section.Say("Seconds from `Process.Start` of `dotnet Ecosystem.Api.dll` (Release, the same settings as the HTTP benchmark: consumers on, " +
                    "demo data off) until `GET /health/ready` first answers 200 (polled every 20 ms): runtime start, host build, Marten's schema " +
                    "check and migrations, read-model initialisation, the daemon's start, Kestrel. **Empty database**: a freshly created database each " +
                    $"time (every table created). **Migrated database**: the same database started again (nothing to migrate). {starts} start(s) of " +
                    "each, alternating; median and range. The API is stopped (SIGTERM) after each start.");
        var table = section.AddTable(null, "Cluster", "Database", "Starts", "Median (s)", "Range (s)");
        foreach (var context in clusters)
        {
            var empty = new List<double>();
            var migrated = new List<double>();
            var database = context.Database + "_start";
            var adminKey = "bench_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            try
            {
                for (var i = 0; i < starts; i++)
                {
                    await BenchContext.DropDatabaseAsync(context.ServerConnectionString, database);
                    await BenchContext.CreateDatabaseAsync(context.ServerConnectionString, database);
                    foreach (var list in new[] { empty, migrated })
                    {
                        BenchContext.Out.WriteLine($"start ({context.Cluster}): {(list == empty ? "empty" : "migrated")} database");
                        await using var api = await ApiProcess.StartAsync(context.ApiDll!, context.ConnectionStringFor(database), adminKey, context.WorkDirectory);
                        list.Add(api.ReadyAfter.TotalSeconds);
                    }
                }
            }
            finally
            {
                await BenchContext.DropDatabaseAsync(context.ServerConnectionString, database);
            }
            string S(double v) => v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            table.Row(context.Cluster, "empty", starts.ToString(), S(Stats.Median(empty)), Fmt.Spread(empty.Min(), empty.Max(), S));
            table.Row(context.Cluster, "migrated", starts.ToString(), S(Stats.Median(migrated)), Fmt.Spread(migrated.Min(), migrated.Max(), S));
            var worst = Math.Max(Stats.Median(empty), Stats.Median(migrated));
            report.Targets.Add(new TargetCheck($"Cold start to /health/ready ≤ 10 s ({context.Cluster} cluster)",
                $"{S(Stats.Median(empty))} s empty, {S(Stats.Median(migrated))} s migrated (median)", worst <= 10));
        }
    }
}
