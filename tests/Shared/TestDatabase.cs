using System.Diagnostics;
using Npgsql;

namespace Ecosystem.Tests.Shared;

/// <summary>
/// A fresh database on the project's real PostgreSQL, one per test class, dropped afterwards. The server is the
/// one named by ConnectionStrings__Ecosystem, or the project-local one that ops/postgres starts.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    static readonly Lazy<string> Server = new(ResolveServer);

    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    string name = "";

    public async Task InitializeAsync()
    {
        name = $"eco_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(With(Server.Value, "postgres")))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = With(Server.Value, name);
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var admin = new NpgsqlConnection(With(Server.Value, "postgres"));
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {name} with (force)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    static string With(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database, MaxPoolSize = 40 }.ConnectionString;

    static string ResolveServer()
    {
        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__Ecosystem");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;

        var script = Path.Combine(RepositoryRoot(), "ops", "postgres");
        Run(script, "start");
        return Run(script, "connection-string").Trim();
    }

    static string Run(string script, string verb)
    {
        using var process = Process.Start(new ProcessStartInfo(script, verb) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"'{script} {verb}' failed with exit code {process.ExitCode}.");
        return output;
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ecosystem.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (Ecosystem.sln) above the test binaries.");
    }
}
