using System.Diagnostics;

namespace Ecosystem.Bench;

/// <summary>One measured window: how much work finished, in how long, and what CPU it took.</summary>
/// <param name="Units">Work done (events appended, loads completed, requests answered).</param>
/// <param name="Operations">Calls made (transactions, loads, requests).</param>
/// <param name="Elapsed">From the start until the last worker finished its last call.</param>
/// <param name="Cpu">CPU time spent during the window, by process group (null where it cannot be read).</param>
public sealed record Sample(long Units, long Operations, TimeSpan Elapsed, CpuUsage? Cpu)
{
    public double UnitsPerSecond => Units / Elapsed.TotalSeconds;
    public double MillisecondsPerOperation => Elapsed.TotalMilliseconds / Math.Max(1, Operations);
}

/// <summary>The samples of one variant across the repetitions of a comparison.</summary>
public sealed class Series(string name)
{
    public string Name { get; } = name;
    public List<Sample> Samples { get; } = [];

    public double MedianRate => Stats.Median(Samples.Select(s => s.UnitsPerSecond));
    public double MedianMilliseconds => Stats.Median(Samples.Select(s => s.MillisecondsPerOperation));
    public double MinRate => Samples.Min(s => s.UnitsPerSecond);
    public double MaxRate => Samples.Max(s => s.UnitsPerSecond);
    public double MinMilliseconds => Samples.Min(s => s.MillisecondsPerOperation);
    public double MaxMilliseconds => Samples.Max(s => s.MillisecondsPerOperation);
    public long Units => Samples.Sum(s => s.Units);

    /// <summary>CPU of all repetitions added up, divided by all their units: microseconds of CPU per unit of work.</summary>
    public CpuPerUnit? CpuPerUnit()
    {
        if (Samples.Count == 0 || Samples.Any(s => s.Cpu is null)) return null;
        var total = Samples.Select(s => s.Cpu!).Aggregate((a, b) => a + b);
        return total.PerUnit(Units);
    }

    /// <summary>Median over repetitions of (this ÷ other) for a metric, pairing the windows measured back to back.</summary>
    public double PairedRatio(Series other, Func<Sample, double> metric) =>
        Stats.Median(Samples.Zip(other.Samples, (mine, theirs) => metric(mine) / metric(theirs)));
}

public static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Nearest-rank percentile of an ascending array.</summary>
    public static double Percentile(double[] ascending, double percent)
    {
        if (ascending.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percent / 100 * ascending.Length);
        return ascending[Math.Clamp(rank - 1, 0, ascending.Length - 1)];
    }
}

/// <summary>
/// The measuring primitives. A window runs N workers, each calling its operation in a loop until the window's
/// time is up (or an operation budget is spent); the rate is the work finished divided by the time until the
/// last worker returned. Variants of a comparison run interleaved, their order rotated every repetition, so
/// that the drift of a shared machine falls on every variant alike.
/// </summary>
public static class Measure
{
    /// <summary>Runs one window.</summary>
    /// <param name="workers">Concurrent loops.</param>
    /// <param name="window">Stop starting new operations after this long.</param>
    /// <param name="operation">One call by worker w; returns the units of work it did.</param>
    /// <param name="minOperations">Start at least this many calls even when the window is over.</param>
    /// <param name="maxOperations">Never start more than this many calls.</param>
    /// <param name="cpu">Reads CPU time before and after, when given.</param>
    public static async Task<Sample> WindowAsync(int workers, TimeSpan window, Func<int, Task<int>> operation,
        long minOperations = 1, long maxOperations = long.MaxValue, CpuProbe? cpu = null)
    {
        var before = cpu?.Read();
        long units = 0, operations = 0, claimed = 0;
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            long myUnits = 0, myOperations = 0;
            while (true)
            {
                var n = Interlocked.Increment(ref claimed);
                if (n > maxOperations || (n > minOperations && clock.Elapsed >= window)) break;
                myUnits += await operation(worker);
                myOperations++;
            }
            Interlocked.Add(ref units, myUnits);
            Interlocked.Add(ref operations, myOperations);
        })).ToArray();
        await Task.WhenAll(loops);
        var elapsed = clock.Elapsed;
        var after = cpu?.Read();
        return new Sample(units, operations, elapsed, before is not null && after is not null ? after - before : null);
    }

    /// <summary>
    /// Runs every variant once for the warm-up time (discarded), then <paramref name="repetitions"/> times for
    /// <paramref name="window"/>, rotating the order each repetition. Returns one series per variant, in the order given.
    /// </summary>
    public static async Task<Series[]> InterleavedAsync(BenchSettings settings, TimeSpan window, int repetitions,
        params (string Name, Func<TimeSpan, Task<Sample>> Run)[] variants)
    {
        var series = variants.Select(v => new Series(v.Name)).ToArray();
        foreach (var (_, run) in variants) await run(settings.Warmup);
        for (var r = 0; r < repetitions; r++)
        {
            for (var k = 0; k < variants.Length; k++)
            {
                var i = (r + k) % variants.Length;
                series[i].Samples.Add(await variants[i].Run(window));
            }
        }
        return series;
    }
}
