namespace Ecosystem.Bench;

/// <summary>
/// One numbered part of the suite. To add a benchmark: implement this, give it the number, and put it in
/// <see cref="BenchMain.Suite"/> (replacing its placeholder). It adds its own section and targets to the report;
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

/// <summary>A benchmark the issue asks for that cannot be measured yet: it renders as a clearly marked placeholder.</summary>
public sealed class Placeholder(int number, string key, string title, string what, string waitingFor) : IBenchmark
{
    public int Number => number;
    public string Key => key;
    public string Title => $"{title} — not measured yet";

    public Task RunAsync(BenchContext context, Report report, Section section)
    {
        section.Say($"**Placeholder: not measured yet.** {what}");
        section.Say($"Waiting for: {waitingFor} To add it, implement `IBenchmark` in `ops/bench/Ecosystem.Bench/` and " +
                    $"replace the `Placeholder` numbered {number} in `BenchMain.Suite`; the report, the targets table and `--quick` pick it up.");
        report.Targets.Add(new TargetCheck($"{number}. {title}", "–", null, "not measured yet"));
        return Task.CompletedTask;
    }
}
