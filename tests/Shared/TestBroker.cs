using System.Diagnostics;

namespace Ecosystem.Tests.Shared;

/// <summary>
/// The RabbitMQ broker the fan-out tests publish to: ECOSYSTEM_RABBITMQ_URL (ops/test sets it), or the project-local one
/// that ops/rabbitmq starts. No broker is a failure, never a skip.
/// </summary>
public static class TestBroker
{
    static readonly Lazy<string> Url = new(Resolve);

    public static string Uri => Url.Value;

    static string Resolve()
    {
        var configured = Environment.GetEnvironmentVariable("ECOSYSTEM_RABBITMQ_URL");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var script = Path.Combine(RepositoryRoot(), "ops", "rabbitmq");
        Run(script, "start");
        return Run(script, "url").Trim();
    }

    static string Run(string script, string verb)
    {
        using var process = Process.Start(new ProcessStartInfo(script, verb) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"'{script} {verb}' failed with exit code {process.ExitCode}: no RabbitMQ broker for the fan-out tests.");
        return output;
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ecosystem.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (Ecosystem.sln) above the test binaries.");
    }
}
