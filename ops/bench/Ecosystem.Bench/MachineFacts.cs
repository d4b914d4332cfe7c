using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;

namespace Ecosystem.Bench;

/// <summary>The facts a reader needs to judge the figures: machine, runtime, and the server's version and settings, read from the server.</summary>
public static class MachineFacts
{
    static readonly string[] ServerSettings =
    [
        "fsync", "synchronous_commit", "full_page_writes", "wal_level", "shared_buffers", "work_mem", "max_connections", "jit",
        "max_wal_size", "checkpoint_timeout", "autovacuum",
    ];

    public static async Task<List<(string Name, string Value)>> ReadAsync(BenchContext context)
    {
        var facts = new List<(string, string)>
        {
            ("CPU", CpuModel()),
            ("Cores (nproc)", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)),
            ("Memory", Memory()),
            ("Load average at start (1/5/15 min)", LoadAverage()),
            ("OS", RuntimeInformation.OSDescription),
            (".NET runtime", RuntimeInformation.FrameworkDescription),
            ("Npgsql", typeof(NpgsqlConnection).Assembly.GetName().Version?.ToString(3) ?? "?"),
        };

        facts.Add(("Marten", typeof(Marten.DocumentStore).Assembly.GetName().Version?.ToString(3) ?? "?"));
        facts.Add(("Wolverine (in the API process)", typeof(Wolverine.WolverineOptions).Assembly.GetName().Version?.ToString(3) ?? "?"));
        await using (var command = context.DataSource.CreateCommand("select current_setting('server_version')"))
            facts.Add(("PostgreSQL", (string)(await command.ExecuteScalarAsync())!));
        facts.Add(("PostgreSQL runs on this machine", context.Cpu?.SeesPostgres == true ? "yes (its CPU time is measured from /proc)" : "not visible from here"));
        facts.AddRange(await ServerSettingsAsync(context));
        return facts;
    }

    /// <summary>The server settings that matter to the figures, as "PostgreSQL `name`" facts.</summary>
    public static async Task<List<(string Name, string Value)>> ServerSettingsAsync(BenchContext context)
    {
        var facts = new List<(string, string)>();
        await using var command = context.DataSource.CreateCommand("select name, current_setting(name) from unnest($1::text[]) with ordinality as s(name, n) order by n");
        command.Parameters.Add(new() { Value = ServerSettings });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) facts.Add(($"PostgreSQL `{reader.GetString(0)}`", reader.GetString(1)));
        return facts;
    }

    /// <summary>True when the server trades durability for speed (fsync or synchronous_commit off).</summary>
    public static bool NonDurable(IEnumerable<(string Name, string Value)> facts) =>
        facts.Any(f => f.Name is "PostgreSQL `fsync`" or "PostgreSQL `synchronous_commit`" && f.Value == "off");

    static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { return RuntimeInformation.ProcessArchitecture.ToString(); }
    }

    static string Memory()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            return $"{kb / 1024.0 / 1024.0:0.0} GiB";
        }
        catch (Exception e) when (e is IOException or InvalidOperationException) { return "?"; }
    }

    /// <summary>The 1/5/15-minute load averages now (how busy the shared machine was).</summary>
    public static string LoadAverage()
    {
        try { return string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
    }
}
