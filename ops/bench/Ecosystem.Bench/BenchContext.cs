using System.Text.RegularExpressions;
using Ecosystem.Api.Infrastructure;
using Ecosystem.EventStore;
using Ecosystem.EventStore.Schema;
using Npgsql;

namespace Ecosystem.Bench;

/// <summary>What every benchmark gets: settings, the scratch database, the event store on it, a CPU probe, a log.</summary>
public sealed partial class BenchContext : IAsyncDisposable
{
    BenchContext(BenchSettings settings, string serverConnectionString, string database, string workDirectory, string? apiDll)
    {
        Settings = settings;
        ServerConnectionString = serverConnectionString;
        Database = database;
        WorkDirectory = workDirectory;
        ApiDll = apiDll;
        (DataSource, SessionDataSource) = ProductDataSources(database);
        Registry = BenchEvents.Registry();
        Store = new PostgresEventStore(DataSource, Registry) { SessionDataSource = SessionDataSource };
    }

    public BenchSettings Settings { get; }

    /// <summary>The connection string the run was given (its database is only used to create and drop scratch databases).</summary>
    public string ServerConnectionString { get; }

    /// <summary>The scratch database of the in-process benchmarks.</summary>
    public string Database { get; }

    /// <summary>Where this run keeps its files (ops/bench/out/run-…).</summary>
    public string WorkDirectory { get; }

    /// <summary>The Release build of the API, started by the HTTP benchmark.</summary>
    public string? ApiDll { get; }

    /// <summary>
    /// The data source of appends and reads, configured as the service configures its own (ServiceSetup):
    /// <c>No Reset On Close</c>, so that returning a connection to the pool keeps the server's cached plans. The
    /// plain-SQL baselines use it too, so that both sides of a ratio get the same pool.
    /// </summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The resetting pool for session state (consumers' leadership locks, LISTEN, rebuild locks), as in the service.</summary>
    public NpgsqlDataSource SessionDataSource { get; }

    /// <summary>The bench's own event types, with the API's JSON rules.</summary>
    public EventTypeRegistry Registry { get; }

    public PostgresEventStore Store { get; }

    public CpuProbe? Cpu { get; private set; }

    public static TextWriter Log => Console.Error;

    /// <summary>Creates the scratch database, migrates the event store into it and creates the plain baseline table.</summary>
    public static async Task<BenchContext> CreateAsync(BenchSettings settings, string serverConnectionString, string database,
        string workDirectory, string? apiDll)
    {
        await CreateDatabaseAsync(serverConnectionString, database);
        var context = new BenchContext(settings, serverConnectionString, database, workDirectory, apiDll);
        await Migrator.ApplyAsync(context.DataSource, EventStoreMigrations.Component, EventStoreMigrations.All);
        await using (var command = context.DataSource.CreateCommand(PlainTable.Ddl))
            await command.ExecuteNonQueryAsync();
        await using (var command = context.DataSource.CreateCommand("select pg_backend_pid()"))
            context.Cpu = CpuProbe.TryCreate((int)(await command.ExecuteScalarAsync())!);
        return context;
    }

    /// <summary>
    /// The two pools the service builds (ServiceSetup.AddEcosystem) for <paramref name="database"/>: appends and reads
    /// without the reset on close, session state with it.
    /// </summary>
    /// <param name="database">The scratch database.</param>
    /// <param name="change">A change to both connection strings (for what-if measurements), or null for the service's settings.</param>
    public (NpgsqlDataSource Main, NpgsqlDataSource Sessions) ProductDataSources(string database, Action<NpgsqlConnectionStringBuilder>? change = null)
    {
        NpgsqlConnectionStringBuilder Builder(bool noReset)
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionStringFor(database)) { NoResetOnClose = noReset };
            change?.Invoke(builder);
            return builder;
        }
        var main = new NpgsqlDataSourceBuilder(Builder(noReset: true).ConnectionString) { Name = "bench" }.Build();
        var sessions = new NpgsqlDataSourceBuilder(Builder(noReset: false).ConnectionString) { Name = "bench-sessions" }.Build();
        return (main, sessions);
    }

    /// <summary>Suffixes of the scratch databases a run may create besides its own (dropped with it).</summary>
    public static IReadOnlyList<string> ScratchSuffixes { get; } = ["_http", "_rebuild", "_lag"];

    /// <summary>The connection string of another database on the same server.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    public static async Task CreateDatabaseAsync(string serverConnectionString, string database)
    {
        await using var connection = await OpenServerAsync(serverConnectionString);
        await using var command = new NpgsqlCommand($"create database {Checked(database)}", connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task DropDatabaseAsync(string serverConnectionString, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = await OpenServerAsync(serverConnectionString);
        await using var command = new NpgsqlCommand($"drop database if exists {Checked(database)} with (force)", connection);
        await command.ExecuteNonQueryAsync();
    }

    static async Task<NpgsqlConnection> OpenServerAsync(string serverConnectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Scratch names are generated by ops/bench/run; anything else is refused rather than quoted.</summary>
    public static string Checked(string database) =>
        ScratchName().IsMatch(database) ? database : throw new ArgumentException($"'{database}' is not a scratch database name (eco_bench_…).");

    [GeneratedRegex("^eco_bench_[a-z0-9_]{1,40}$")]
    private static partial Regex ScratchName();

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await SessionDataSource.DisposeAsync();
    }

    /// <summary>A registry of the API's domain events, with the API's JSON rules: what the API itself stores.</summary>
    public static EventTypeRegistry DomainRegistry() => DomainRegistration.Registry(Json.Create());
}
