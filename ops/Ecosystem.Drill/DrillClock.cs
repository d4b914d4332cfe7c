using System.Diagnostics;

namespace Ecosystem.Drill;

/// <summary>Time since the drill started: every record, log line and measurement uses this one clock.</summary>
public static class DrillClock
{
    static readonly Stopwatch Watch = Stopwatch.StartNew();

    public static TimeSpan Now => Watch.Elapsed;
}
