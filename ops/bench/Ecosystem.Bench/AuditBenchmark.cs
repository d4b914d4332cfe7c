using Stopwatch = System.Diagnostics.Stopwatch;
using System.Security.Cryptography;
using Ecosystem.Api.Audit;
using Ecosystem.Api.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecosystem.Bench;

/// <summary>
/// 7. Tamper evidence: what the hash chain costs the append path (8 writers, chain on against off, interleaved in the same
/// run on the same database), how fast verify walks a log of the size, and how long a proof takes to generate there.
/// </summary>
public sealed class AuditBenchmark : IBenchmark
{
    public int Number => 7;
    public string Key => "audit";
    public string Title => "Tamper evidence";

    const int Writers = 8;

    public async Task RunAsync(IReadOnlyList<BenchContext> clusters, Report report, Section section)
    {
        var settings = clusters[0].Settings;
        section.Say($"**Chain cost**: `EventLog.AppendAsync` at {Writers} writers by two product hosts on the same database, one with the chain on " +
                    "(the default: the `ecosystem_hash_chain` trigger hashes every row in the append's transaction) and one with " +
                    "`Ecosystem:Audit:HashChain=false` (its connections set `ecosystem.hash_chain=off`, which the trigger reads), interleaved " +
                    $"({settings.Repetitions} repetitions of {settings.AppendWindow.TotalSeconds:0.#} s; median; the ratio is the median over repetitions of on ÷ off).");
        var cost = section.AddTable(null, "Cluster", "Case", "Writers", "Chain off (events/s)", "Chain on (events/s)", "On ÷ off", "Off range", "On range");
        foreach (var context in clusters)
        {
            await using var unchained = await ProductHost.StartAsync(context.ConnectionStringFor(context.Database), settings: new Dictionary<string, string?>
            {
                ["Ecosystem:Audit:HashChain"] = "false",
            });
            foreach (var (name, events) in new[] { ("Existing stream, 1 event per transaction", 1), ("New stream, 10 events per transaction", 10) })
            {
                BenchContext.Out.WriteLine($"audit ({context.Cluster}): chain cost, {name}, {Writers} writers");
                var (off, on) = await ChainCostAsync(context, unchained.Log, context.Log, events);
                var ratio = on.PairedRatio(off, s => s.UnitsPerSecond);
                cost.Row(context.Cluster, name, Writers.ToString(), Fmt.Rate(off.MedianRate), Fmt.Rate(on.MedianRate), Fmt.Ratio(ratio),
                    Fmt.Spread(off.MinRate, off.MaxRate, Fmt.Rate), Fmt.Spread(on.MinRate, on.MaxRate, Fmt.Rate));
                report.Targets.Add(new TargetCheck($"Hash chain costs ≤ 15% of append throughput: {name}, {Writers} writers ({context.Cluster} cluster)",
                    $"{Fmt.Ratio(ratio)} of chain-off throughput ({Fmt.Rate(on.MedianRate)} vs {Fmt.Rate(off.MedianRate)} events/s)", ratio >= 0.85));
            }
        }

        var fast = clusters[0];
        var database = fast.Database + "_audit";
        var keyFile = Path.Combine(fast.WorkDirectory, "audit-bench-key.pem");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256)) await File.WriteAllTextAsync(keyFile, key.ExportECPrivateKeyPem());
        await BenchContext.CreateDatabaseAsync(fast.ServerConnectionString, database);
        try
        {
            await using var product = await ProductHost.StartAsync(fast.ConnectionStringFor(database), settings: new Dictionary<string, string?>
            {
                ["Ecosystem:Audit:SigningKey"] = keyFile,
            });
            var events = settings.AuditEvents;
            BenchContext.Out.WriteLine($"audit ({fast.Cluster}): writing a log of {Fmt.Int(events)} events (chained by the trigger as they are copied in)");
            await ProgrammeLog.WriteAsync(product.DataSource, events);
            var tree = product.Services.GetRequiredService<MerkleLog>();
            var growing = Stopwatch.StartNew();
            await tree.ExtendAsync(CancellationToken.None);
            var grown = growing.Elapsed;
            var checkpoint = await tree.CheckpointAsync(null, CancellationToken.None) ?? throw new InvalidOperationException("No checkpoint was signed.");
            if (checkpoint.TreeSize != events) throw new InvalidOperationException($"The tree has {checkpoint.TreeSize} leaves, not {events}.");

            BenchContext.Out.WriteLine($"audit ({fast.Cluster}): verify over {Fmt.Int(events)} events");
            var verifier = product.Services.GetRequiredService<Verifier>();
            var before = fast.Cpu?.Read();
            var clock = Stopwatch.StartNew();
            var verified = await verifier.RunAsync(null, CancellationToken.None);
            var verifyTime = clock.Elapsed;
            if (!verified.Intact || verified.Events != events) throw new InvalidOperationException($"verify did not find the generated log intact: {verified}");
            var rate = events / verifyTime.TotalSeconds;

            BenchContext.Out.WriteLine($"audit ({fast.Cluster}): {settings.AuditProofs} inclusion and {settings.AuditProofs} consistency proofs");
            var random = new Random(7);
            var inclusion = new List<double>();
            var consistency = new List<double>();
            var n = checkpoint.TreeSize;
            for (var i = 0; i < settings.AuditProofs; i++)
            {
                var sequence = random.NextInt64(1, n + 1);
                clock.Restart();
                var leaf = await tree.LeafAsync(sequence, CancellationToken.None) ?? throw new InvalidOperationException($"Event {sequence} is not a leaf.");
                await tree.ProveAsync(node => Merkle.InclusionPath(leaf.Index, n, node), CancellationToken.None);
                inclusion.Add(clock.Elapsed.TotalMilliseconds);

                var m = random.NextInt64(1, n);
                clock.Restart();
                await tree.ProveAsync(node => Merkle.ConsistencyProof(m, n, node), CancellationToken.None);
                consistency.Add(clock.Elapsed.TotalMilliseconds);
            }
            inclusion.Sort();
            consistency.Sort();

            section.Say($"**Verify and proofs** over a generated log of {Fmt.Int(events)} programme and startup events (the rebuild benchmark's log, " +
                        "copied into `mt_events`, so the trigger chained every row), its tree grown by the checkpoint job's own code " +
                        $"({grown.TotalSeconds:0.0} s for {Fmt.Int(events)} leaves and their complete subtrees) and signed. Verify is `Verifier.RunAsync` " +
                        "(the code behind `POST /api/audit/verify` and the `verify` verb): two ordered reads merged (events ⟗ their hashes; the " +
                        "leaves), every hash recomputed in C#, every chain link and leaf compared, the root recomputed at every checkpoint. A proof " +
                        "is the code behind the proof routes (the leaf lookup, then every stored subtree it needs fetched in one round trip), " +
                        $"random leaves and sizes, {settings.AuditProofs} of each, one at a time.");
            var table = section.AddTable(null, "Measure", "Events", "Result", "Target");
            table.Row("Verify", Fmt.Int(events), $"{verifyTime.TotalSeconds:0.0} s, {Fmt.Rate(rate)} events/s", "≥ 100,000 events/s");
            table.Row("Inclusion proof", Fmt.Int(events), $"p50 {Fmt.Ms(Stats.Percentile([.. inclusion], 50))} ms, p99 {Fmt.Ms(Stats.Percentile([.. inclusion], 99))} ms", "p99 ≤ 20 ms");
            table.Row("Consistency proof", Fmt.Int(events), $"p50 {Fmt.Ms(Stats.Percentile([.. consistency], 50))} ms, p99 {Fmt.Ms(Stats.Percentile([.. consistency], 99))} ms", "p99 ≤ 20 ms");
            if (before is not null && fast.Cpu?.Read() is { } after && (after - before).PerUnit(events) is var c)
                section.Say($"CPU per event verified (microseconds): this process {Fmt.Us(c.Bench)}, PostgreSQL {Fmt.Us(c.Postgres)}.");

            report.Targets.Add(new TargetCheck($"Verify ≥ 100,000 events/s ({Fmt.Int(events)} events, {fast.Cluster} cluster)", $"{Fmt.Rate(rate)} events/s", rate >= 100_000));
            var p99 = Math.Max(Stats.Percentile([.. inclusion], 99), Stats.Percentile([.. consistency], 99));
            report.Targets.Add(new TargetCheck($"Proof generation p99 ≤ 20 ms ({Fmt.Int(events)} events, {fast.Cluster} cluster)", $"{Fmt.Ms(p99)} ms (the slower of inclusion and consistency)", p99 <= 20));
        }
        finally
        {
            await BenchContext.DropDatabaseAsync(fast.ServerConnectionString, database);
            File.Delete(keyFile);
        }
    }

    /// <summary>Each writer appends to its own streams through the unchained host, then the chained one, alternating.</summary>
    static async Task<(Series Off, Series On)> ChainCostAsync(BenchContext context, EventLog off, EventLog on, int events)
    {
        var settings = context.Settings;
        Func<TimeSpan, Task<Sample>> Variant(EventLog log)
        {
            var streams = Enumerable.Range(0, Writers).Select(_ => (Id: Guid.CreateVersion7(), Version: 0L)).ToArray();
            return window => Measure.WindowAsync(Writers, window, async w =>
            {
                if (events > 1 || streams[w].Version >= 100) streams[w] = (Guid.CreateVersion7(), 0);
                var (id, version) = streams[w];
                var result = await log.AppendAsync(
                    [new StreamAppend(id, BenchEvents.StartupStream, version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version), BenchEvents.Batch(id, (int)version + 1, events))],
                    BenchEvents.Metadata);
                streams[w].Version = result[0].StreamVersion;
                return events;
            }, cpu: context.Cpu);
        }
        var series = await Measure.InterleavedAsync(settings, settings.AppendWindow, settings.Repetitions, ("chain off", Variant(off)), ("chain on", Variant(on)));
        return (series[0], series[1]);
    }
}
