namespace Ecosystem.Bench;

/// <summary>
/// One numbered part of the suite. To add a benchmark: implement this, give it a number, and put it in
/// <see cref="BenchMain.Suite"/>. It adds its own section and targets to the report;
/// throwing marks the run failed (exit code 1) without stopping the other benchmarks.
/// </summary>
public interface IBenchmark
{
    /// <summary>Order in the report.</summary>
    int Number { get; }

    /// <summary>Short name for --only.</summary>
    string Key { get; }

    string Title { get; }

    /// <param name="clusters">The fast development cluster first, then (full mode) the durable one.</param>
    Task RunAsync(IReadOnlyList<BenchContext> clusters, Report report, Section section);
}
