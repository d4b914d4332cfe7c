using System.Diagnostics;

namespace Ecosystem.Drill;

/// <summary>The repository the drill runs in: its ops/postgres script, the service's Release build, where evidence goes.</summary>
public sealed class Checkout(string root)
{
    public string Root => root;

    public string ServiceDll => Path.Combine(root, "src", "Ecosystem.Api", "bin", "Release", "net10.0", "Ecosystem.Api.dll");

    /// <summary>A new directory under .local/drill (git-ignored) for one drill's logs and records.</summary>
    public string NewEvidenceDirectory(string drill)
    {
        var path = Path.Combine(root, ".local", "drill", $"{DateTime.UtcNow:yyyyMMddTHHmmssZ}-{drill}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Runs ops/postgres with the given verb; throws with its stderr when it fails.</summary>
    public async Task<string> PostgresAsync(CancellationToken ct, params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(root, "ops", "postgres"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // The drill acts on the project-local cluster only.
        info.Environment.Remove("ConnectionStrings__Ecosystem");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ops/postgres {string.Join(' ', args)} failed (exit code {process.ExitCode}): {(await stderr).Trim()}");
        return (await stdout).Trim();
    }
}
