using Npgsql;

namespace Ecosystem.Drill;

/// <summary>A database of the drill's own on the local cluster, dropped afterwards.</summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    readonly string server;

    ScratchDatabase(string server, string name)
    {
        this.server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public string Name { get; }
    public string ConnectionString { get; }

    /// <summary>For the checks, opened only once the load is over.</summary>
    public NpgsqlDataSource DataSource { get; }

    public static async Task<ScratchDatabase> CreateAsync(string server, string drill, CancellationToken ct)
    {
        var name = $"eco_drill_{drill.Replace('-', '_')}_{Guid.NewGuid():N}";
        await using var admin = new NpgsqlConnection(Admin(server));
        await admin.OpenAsync(ct);
        await using var create = new NpgsqlCommand($"create database {name}", admin);
        await create.ExecuteNonQueryAsync(ct);
        return new ScratchDatabase(server, name);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        try
        {
            await using var admin = new NpgsqlConnection(Admin(server));
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists {Name} with (force)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException e)
        {
            await Console.Error.WriteLineAsync($"ops/drill: could not drop the scratch database {Name}: {e.Message}");
        }
    }

    static string Admin(string server) => new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
}
