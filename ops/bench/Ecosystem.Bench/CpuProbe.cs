using System.Globalization;

namespace Ecosystem.Bench;

/// <summary>CPU seconds spent during a window, by who spent them. The machine figures cover every core.</summary>
/// <param name="Bench">This process: the benchmark's clients (and in-process writers).</param>
/// <param name="Api">The API process, when one is watched.</param>
/// <param name="Postgres">The PostgreSQL server's processes (postmaster and its children), when local.</param>
/// <param name="MachineBusy">All busy CPU time of the machine, including other users'.</param>
/// <param name="MachineTotal">All CPU time of the machine (cores × wall time).</param>
public sealed record CpuUsage(double Bench, double? Api, double? Postgres, double MachineBusy, double MachineTotal)
{
    /// <summary>Busy time spent by nobody we know of: other users of the shared machine, the kernel, our own exited processes.</summary>
    public double Other => Math.Max(0, MachineBusy - Bench - (Api ?? 0) - (Postgres ?? 0));

    public static CpuUsage operator -(CpuUsage after, CpuUsage before) => new(
        after.Bench - before.Bench,
        after.Api is { } a && before.Api is { } b ? a - b : null,
        after.Postgres is { } p && before.Postgres is { } q ? p - q : null,
        after.MachineBusy - before.MachineBusy,
        after.MachineTotal - before.MachineTotal);

    public static CpuUsage operator +(CpuUsage x, CpuUsage y) => new(
        x.Bench + y.Bench,
        x.Api is { } a && y.Api is { } b ? a + b : null,
        x.Postgres is { } p && y.Postgres is { } q ? p + q : null,
        x.MachineBusy + y.MachineBusy,
        x.MachineTotal + y.MachineTotal);

    /// <summary>Microseconds of CPU per unit of work.</summary>
    public CpuPerUnit PerUnit(long units)
    {
        double Per(double seconds) => units == 0 ? double.NaN : seconds * 1e6 / units;
        return new CpuPerUnit(Per(Bench), Api is { } a ? Per(a) : null, Postgres is { } p ? Per(p) : null, Per(Other),
            MachineTotal > 0 ? MachineBusy / MachineTotal : double.NaN);
    }
}

/// <summary>Microseconds of CPU per unit of work, by who spent them, and how busy the whole machine was.</summary>
public sealed record CpuPerUnit(double Bench, double? Api, double? Postgres, double Other, double MachineBusyShare);

/// <summary>
/// Reads CPU times from /proc (Linux): the dotnet-counters tool does not restore from this machine's package
/// source, and CPU per unit of work, split by process, is what tells client cost from server cost on a
/// shared 2-core machine. Reads nothing (null) on other systems.
/// </summary>
public sealed class CpuProbe
{
    const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux this runs on
    readonly int ownPid = Environment.ProcessId;
    readonly int? postmasterPid;

    CpuProbe(int? postmasterPid) => this.postmasterPid = postmasterPid;

    /// <summary>The process whose CPU counts as "API".</summary>
    public int? ApiPid { get; set; }

    /// <summary>A probe when /proc is readable; <paramref name="serverBackendPid"/> is any backend of the server (pg_backend_pid()).</summary>
    public static CpuProbe? TryCreate(int serverBackendPid)
    {
        if (!File.Exists("/proc/stat")) return null;
        var stat = ReadStat(serverBackendPid);
        // A backend's parent is the postmaster, when the server runs on this machine.
        var postmaster = stat is { } s && ReadStat(s.ParentPid) is { Comm: "postgres" or "postmaster" } ? s.ParentPid : (int?)null;
        return new CpuProbe(postmaster);
    }

    /// <summary>True when the PostgreSQL server's processes are visible (it runs on this machine).</summary>
    public bool SeesPostgres => postmasterPid is not null;

    public CpuUsage? Read()
    {
        try
        {
            var (busy, total) = ReadMachine();
            var bench = ReadStat(ownPid)?.Seconds ?? 0;
            double? api = ApiPid is { } a ? ReadStat(a)?.Seconds : null;
            double? postgres = postmasterPid is { } pm ? SumTree(pm) : null;
            return new CpuUsage(bench, api, postgres, busy, total);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// CPU of a process and its children: the live children's own time, plus the time of the children that have exited,
    /// which the kernel adds to the parent's cutime/cstime once it has reaped them (the postmaster reaps its backends).
    /// Without the second part a backend ending during a window would take its whole CPU history out of the sum.
    /// </summary>
    double SumTree(int root)
    {
        var seconds = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            if (ReadStat(pid) is not { } s) continue;
            if (pid == root) seconds += s.Seconds + s.ReapedChildrenSeconds;
            else if (s.ParentPid == root) seconds += s.Seconds;
        }
        return seconds;
    }

    static (double Busy, double Total) ReadMachine()
    {
        using var reader = new StreamReader("/proc/stat");
        var fields = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();       // user nice system idle iowait irq softirq steal
        var idle = fields[3] + fields[4];
        return ((total - idle) / TicksPerSecond, total / TicksPerSecond);
    }

    sealed record ProcStat(string Comm, int ParentPid, double Seconds, double ReapedChildrenSeconds);

    static ProcStat? ReadStat(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        var open = text.IndexOf('(');
        var close = text.LastIndexOf(')');
        if (open < 0 || close < open) return null;
        var rest = text[(close + 2)..].Split(' ');
        // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
        double Field(int index) => double.Parse(rest[index], CultureInfo.InvariantCulture);
        return new ProcStat(text[(open + 1)..close], int.Parse(rest[1], CultureInfo.InvariantCulture),
            (Field(11) + Field(12)) / TicksPerSecond, (Field(13) + Field(14)) / TicksPerSecond);
    }
}
