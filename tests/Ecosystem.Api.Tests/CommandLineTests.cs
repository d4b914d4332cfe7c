using System.Diagnostics;

namespace Ecosystem.Api.Tests;

/// <summary>The service's command-line verbs when the database is not there: one line on stderr and exit code 2, no stack trace.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task A_rebuild_that_cannot_reach_the_database_says_so_in_one_line_and_exits_with_2()
    {
        var closedPort = ServiceProcess.FreePort();
        var run = await RunAsync($"Host=127.0.0.1;Port={closedPort};Username=ecosystem;Password=ecosystem;Database=ecosystem;Timeout=5", "rebuild", "--all");

        Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}; stderr:\n{run.Stderr}");
        Assert.DoesNotContain("   at ", run.Stderr);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains($"cannot connect to PostgreSQL at 127.0.0.1:{closedPort}", line);
    }

    [Fact]
    public async Task A_rebuild_without_a_configured_database_says_so_in_one_line_and_exits_with_2()
    {
        var run = await RunAsync(connectionString: null, "rebuild", "--all");

        Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}; stderr:\n{run.Stderr}");
        Assert.DoesNotContain("   at ", run.Stderr);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("ConnectionStrings__Ecosystem", line);
    }

    sealed record Run(int ExitCode, string Stderr);

    static async Task<Run> RunAsync(string? connectionString, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ServiceProcess.ServiceAssembly());
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // ops/test exports the test server's connection string; this process must not inherit it.
        info.Environment.Remove("ConnectionStrings__Ecosystem");
        if (connectionString is not null) info.Environment["ConnectionStrings__Ecosystem"] = connectionString;
        info.Environment["Ecosystem__LoadDemoData"] = "false";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        await stdout;
        return new Run(process.ExitCode, await stderr);
    }
}
