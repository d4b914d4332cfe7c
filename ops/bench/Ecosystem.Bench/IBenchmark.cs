namespace Ecosystem.Bench;

/// <summary>
/// One numbered part of the suite. To add a benchmark: implement this, give it the number, and put it in
/// <see cref="BenchMain.Suite"/>. It adds its own section and targets to the report;
/// throwing marks the run failed (exit code 1) without stopping the other benchmarks.
/// </summary>
public interface IBenchmark
{
    /// <summary>Order in the report (the numbering).</summary>
    int Number { get; }

    /// <summary>Short name for --only.</summary>
    string Key { get; }

    string Title { get; }

    Task RunAsync(BenchContext context, Report report, Section section);
}
