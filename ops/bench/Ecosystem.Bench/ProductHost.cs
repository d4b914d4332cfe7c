using Ecosystem.Api.EventStore;
using Ecosystem.Api.Infrastructure;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ecosystem.Bench;

/// <summary>
/// The product's own services for one database, built as the API builds them (<c>services.AddEcosystem(configuration)</c>:
/// Marten with the API's StoreOptions, the event log, the aggregate store, the projection manager) and migrated as the
/// API migrates at start-up (<see cref="DatabaseMigrator"/>). Marten's async daemon is not started here
/// (<c>Ecosystem:RunConsumers=false</c>): in-process figures measure the write and read paths alone; the benchmarks that
/// need the daemon run the real API process.
/// </summary>
public sealed class ProductHost : IAsyncDisposable
{
    readonly ServiceProvider services;

    ProductHost(ServiceProvider services) => this.services = services;

    public IServiceProvider Services => services;
    public IDocumentStore Store => services.GetRequiredService<IDocumentStore>();
    public EventLog Log => services.GetRequiredService<EventLog>();
    public AggregateStore Aggregates => services.GetRequiredService<AggregateStore>();
    public ProjectionManager Projections => services.GetRequiredService<ProjectionManager>();

    /// <summary>The API's pool (the one Marten and the extensions use); the plain-SQL baselines use it too.</summary>
    public NpgsqlDataSource DataSource => services.GetRequiredService<NpgsqlDataSource>();

    /// <param name="connectionString">The database.</param>
    /// <param name="marten">More Marten configuration on top of the API's (e.g. a projection for a baseline), or null.</param>
    /// <param name="settings">More configuration (e.g. Ecosystem:Audit:HashChain), or null.</param>
    public static async Task<ProductHost> StartAsync(string connectionString, Action<StoreOptions>? marten = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Ecosystem"] = connectionString,
            ["Ecosystem:RunConsumers"] = "false",
            ["Ecosystem:LoadDemoData"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        collection.AddEcosystem(configuration);
        if (marten is not null) collection.ConfigureMarten(marten);
        var provider = collection.BuildServiceProvider();
        try
        {
            await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
        return new ProductHost(provider);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
