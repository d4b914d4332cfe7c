using Ecosystem.Api.EventStore;
using JasperFx.Events.Daemon;
using Marten;
using Npgsql;
using JasperFx;
using Weasel.Core;

namespace Ecosystem.Api.Infrastructure;

/// <summary>
/// Marten as the one event store, with the settings that keep the log safe (see docs/OPERATIONS.md): the Quick
/// append mode (sequence numbers drawn inside the append's transaction), gap skipping only on transaction evidence,
/// no skip cap, metadata on every event, NOTIFY on appends so the daemon wakes at once.
/// </summary>
public static class EventStoreSetup
{
    public static IServiceCollection AddEventStore(this IServiceCollection services, EcosystemOptions options)
    {
        services.AddSingleton(DomainRegistration.StreamTypes);
        services.AddSingleton<EventLog>();
        services.AddSingleton<AggregateStore>();
        services.AddSingleton<ProjectionManager>();
        services.AddSingleton<ConsumerAdmin>();
        services.AddSingleton(new ConsumerOptions());
        services.AddSingleton<ConsumerEngines>();
        services.AddSingleton<Privacy.PersonKeys>();
        services.AddSingleton<Privacy.PersonalData>();
        services.AddHostedService<Privacy.PersonKeyEvictions>();

        var marten = services.AddMarten(sp => StoreOptions(sp, sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<ConsumerOptions>(), options))
            .UseLightweightSessions();
        if (options.RunConsumers) marten.AddAsyncDaemon(DaemonMode.HotCold);
        return services;
    }

    static StoreOptions StoreOptions(IServiceProvider services, NpgsqlDataSource dataSource, ConsumerOptions consumers, EcosystemOptions options)
    {
        var store = new StoreOptions();
        store.Connection(dataSource);
        store.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        var personalData = services.GetRequiredService<Privacy.PersonalData>();
        store.UseSystemTextJsonForSerialization(DomainRegistration.StorageJson(new System.Text.Json.JsonSerializerOptions(), personalData),
            EnumStorage.AsString, Casing.CamelCase, configure: json => DomainRegistration.StorageJson(json, personalData));
        store.Listeners.Add(new Privacy.PersonalDataListener(services.GetRequiredService<Privacy.PersonKeys>()));
        store.Events.StreamIdentity = JasperFx.Events.StreamIdentity.AsGuid;
        store.Events.MetadataConfig.EnableAll();
        // EnableAll covers correlation, causation and headers only; the actor is the user name.
        store.Events.MetadataConfig.UserNameEnabled = true;
        store.Events.UseListenNotifyForEventAppends = true;
        store.Projections.LeadershipPollingTime = options.LeadershipPollingMs;
        // A subscription paused by a database outage restarts on the next health check: 1 s, not the default 5 s,
        // so read models resume within seconds of PostgreSQL's return (docs/OPERATIONS.md, "Failover").
        store.Projections.HealthCheckPollingTime = TimeSpan.FromSeconds(1);
        store.OpenTelemetry.TrackConnections = JasperFx.OpenTelemetry.TrackLevel.Normal;
        store.OpenTelemetry.TrackFetchForWritingMetrics();
        DomainRegistration.Configure(store);

        foreach (var consumer in ReadModels.ReadModelSetup.ConsumerNames(options))
            store.Events.Subscribe(new ConsumerSubscription(consumer, () => services.GetRequiredService<ConsumerEngines>().For(consumer), consumers.BatchSize));
        return store;
    }
}
