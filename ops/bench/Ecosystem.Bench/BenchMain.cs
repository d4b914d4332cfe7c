using System.Diagnostics;

namespace Ecosystem.Bench;

/// <summary>
/// Entry point, called by ops/bench/run (which builds, picks the scratch database name and cleans up):
///   Ecosystem.Bench [--quick] [--only k1,k2] --database eco_bench_x --work DIR [--api-dll PATH] [--report PATH]
///                   [--command TEXT] [--revision TEXT] [--findings PATH] [--durable-server CONNECTION-STRING]
///   Ecosystem.Bench --drop eco_bench_x        drops the scratch databases of a run (cleanup after a crash)
/// The server comes from ConnectionStrings__Ecosystem (the fast development cluster); --durable-server names a second one with
/// durability on, on which the benchmarks that depend on commit cost run again. Exit code 1 when a benchmark failed to run, 2 on bad usage.
/// </summary>
public static class BenchMain
{
    /// <summary>The suite in the issue's order.</summary>
    public static IReadOnlyList<IBenchmark> Suite()
    {
        return
        [
            new AppendBenchmark(),
            new RebuildBenchmark(),
            new LoadBenchmark(),
            new HttpBenchmark(),
            new LagBenchmark(),
            new StartBenchmark(),
            new AuditBenchmark(),
            new WebhookBenchmark(),
            new SseBenchmark(),
            new FeedBenchmark(),
            new AsOfBenchmark(),
        ];
    }

    public static async Task<int> Main(string[] args)
    {
        var options = new Dictionary<string, string?>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) return Usage($"unexpected argument '{args[i]}'");
            var key = args[i][2..];
            options[key] = key is "quick" ? null : i + 1 < args.Length ? args[++i] : null;
        }

        var server = Environment.GetEnvironmentVariable("ConnectionStrings__Ecosystem");
        if (string.IsNullOrWhiteSpace(server)) return Usage("ConnectionStrings__Ecosystem is not set");

        if (options.TryGetValue("drop", out var drop))
        {
            if (drop is null) return Usage("--drop needs a database name");
            await BenchContext.DropDatabaseAsync(server, drop);
            foreach (var suffix in BenchContext.ScratchSuffixes) await BenchContext.DropDatabaseAsync(server, drop + suffix);
            return 0;
        }

        if (!options.TryGetValue("database", out var database) || database is null) return Usage("--database is required");
        if (!options.TryGetValue("work", out var work) || work is null) return Usage("--work is required");
        var settings = options.ContainsKey("quick") ? BenchSettings.QuickRun : BenchSettings.Full;
        var only = options.GetValueOrDefault("only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var suite = Suite().Where(b => only is null || only.Contains(b.Key)).OrderBy(b => b.Number).ToList();
        if (only is not null && suite.Count == 0) return Usage($"--only names no benchmark; keys: {string.Join(", ", Suite().Select(b => b.Key))}");

        Directory.CreateDirectory(work);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var report = new Report();
        var durableServer = options.GetValueOrDefault("durable-server");
        var clusters = new List<BenchContext>();
        try
        {
            await using var context = await BenchContext.CreateAsync(settings, "fast", server, database, work, options.GetValueOrDefault("api-dll"));
            clusters.Add(context);
            report.Machine.AddRange(await MachineFacts.ReadAsync(context));
            if (durableServer is not null)
            {
                clusters.Add(await BenchContext.CreateAsync(settings, "durable", durableServer, database, work, options.GetValueOrDefault("api-dll")));
                report.Durable.AddRange(await MachineFacts.ServerSettingsAsync(clusters[1]));
            }
            foreach (var benchmark in suite)
            {
                var section = new Section($"{benchmark.Number}. {benchmark.Title}");
                report.Sections.Add(section);
                try
                {
                    await benchmark.RunAsync(clusters, report, section);
                }
                catch (Exception e)
                {
                    BenchContext.Out.WriteLine($"{benchmark.Key}: FAILED: {e}");
                    report.Failures.Add($"{benchmark.Key}: {e.GetType().Name}: {e.Message}");
                    section.Say($"**Failed to run:** `{e.GetType().Name}: {e.Message}`");
                }
            }
        }
        catch (Exception e)
        {
            BenchContext.Out.WriteLine($"setup: FAILED: {e}");
            report.Failures.Add($"setup: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            report.Machine.Add(("Load average at end (1/5/15 min)", MachineFacts.LoadAverage()));
            try
            {
                if (clusters.Count > 1) await clusters[1].DisposeAsync();
                foreach (var s in durableServer is null ? new[] { server } : new[] { server, durableServer })
                {
                    await BenchContext.DropDatabaseAsync(s, database);
                    foreach (var suffix in BenchContext.ScratchSuffixes) await BenchContext.DropDatabaseAsync(s, database + suffix);
                }
            }
            catch (Exception e)
            {
                report.Failures.Add($"cleanup: could not drop the scratch databases: {e.Message}");
            }
        }

        var findingsPath = options.GetValueOrDefault("findings");
        var run = new ReportWriter.RunInfo(options.GetValueOrDefault("command") ?? "ops/bench/run", options.GetValueOrDefault("revision") ?? "unknown",
            started, clock.Elapsed, findingsPath is not null && File.Exists(findingsPath) ? await File.ReadAllTextAsync(findingsPath) : null);
        var markdown = ReportWriter.Render(report, settings, run);

        var reportPath = options.GetValueOrDefault("report");
        var writeDoc = !settings.Quick && only is null && reportPath is not null;
        if (writeDoc && report.Failures.Count == 0)
        {
            var temporary = reportPath + ".tmp";
            await File.WriteAllTextAsync(temporary, markdown);
            File.Move(temporary, reportPath!, overwrite: true);
            BenchContext.Out.WriteLine($"wrote {reportPath}");
        }
        else
        {
            Console.Out.Write(markdown);
            if (writeDoc)
            {
                var kept = Path.Combine(work, "BENCHMARKS.failed.md");
                await File.WriteAllTextAsync(kept, markdown);
                BenchContext.Out.WriteLine($"a benchmark failed: {reportPath} left as it was; this run's report is in {kept}");
            }
        }

        foreach (var f in report.Failures) BenchContext.Out.WriteLine($"FAILED: {f}");
        return report.Failures.Count == 0 ? 0 : 1;
    }

    static int Usage(string problem)
    {
        Console.Error.WriteLine($"Ecosystem.Bench: {problem}");
        Console.Error.WriteLine("usage: (through ops/bench/run) Ecosystem.Bench [--quick] [--only keys] --database eco_bench_x --work DIR [--api-dll PATH] [--report PATH]");
        return 2;
    }
}
