using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Ecosystem.Api.Auth;
using Ecosystem.Api.ReadModels;
using Ecosystem.EventStore;
using Ecosystem.EventStore.Consumers;
using Ecosystem.EventStore.Projections;
using Microsoft.AspNetCore.Http.Json;
using Npgsql;

namespace Ecosystem.Api.Infrastructure;

public sealed class EcosystemOptions
{
    public string? AdminApiKey { get; set; }
    public bool LoadDemoData { get; set; }
    /// <summary>Snapshot every N events per stream type (0 disables).</summary>
    public int SnapshotEvery { get; set; } = 100;
    /// <summary>Run projections and reactors on this node (any number of nodes may; one leads each consumer).</summary>
    public bool RunConsumers { get; set; } = true;
    public int ConsumerIdlePollMs { get; set; } = 1000;
    public int ConsumerLeadershipRetryMs { get; set; } = 2000;
    /// <summary>How long a read with ?position= waits for its read model.</summary>
    public int ReadYourWritesTimeoutMs { get; set; } = 5000;
    /// <summary>/health/ready reports unhealthy when a consumer lags more than this many seconds.</summary>
    public double MaxConsumerLagSeconds { get; set; } = 60;
    /// <summary>Read models kept in the append's own transaction (strongly consistent, slower writes): programme-roster, startup-directory.</summary>
    public string[] InlineProjections { get; set; } = [];
    public string UrbanTestingOrganisation { get; set; } = "Torino City Lab";
}

public static class ServiceSetup
{
    public const string SessionPool = "sessions";

    public static IServiceCollection AddEcosystem(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Ecosystem");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                "No database configured: set ConnectionStrings__Ecosystem, or start the service with ops/run, which starts a local PostgreSQL.");

        var options = configuration.GetSection("Ecosystem").Get<EcosystemOptions>() ?? new EcosystemOptions();
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();

        // Appends and reads leave no session state, so their pool skips the reset that would discard the server's
        // cached plans; leaders' advisory locks and LISTEN use a second pool that resets (see PostgresEventStore).
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(
            new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString) { Name = "ecosystem" }.Build());
        services.AddKeyedSingleton(SessionPool, (_, _) => new NpgsqlDataSourceBuilder(connectionString) { Name = "ecosystem-sessions" }.Build());
        services.AddSingleton(_ => DomainRegistration.Registry(Json.Create()));
        services.AddSingleton(sp => new PostgresEventStore(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<EventTypeRegistry>())
        {
            SessionDataSource = sp.GetRequiredKeyedService<NpgsqlDataSource>(SessionPool),
            InlineProjections = ReadModelSetup.Inline(options.InlineProjections),
        });
        services.AddSingleton(sp => new AggregateStore(sp.GetRequiredService<PostgresEventStore>(), DomainRegistration.SnapshotPolicies(options.SnapshotEvery)));
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton(sp => new ProjectionManager(sp.GetRequiredService<PostgresEventStore>()));
        services.AddSingleton(sp => new ConsumerAdmin(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddScoped<Freshness>();
        services.AddReadModels();
        services.AddHostedService<ConsumersService>();
        services.AddHostedService<Ecosystem.Api.Demo.DemoDataLoader>();
        services.AddSingleton<ApiKeyStore>();
        services.AddScoped<CommandRunner>();
        services.AddSingleton<StreamQueries>();
        services.AddSingleton<AggregateStoreReader>();

        services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
        services.AddHttpInput();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddValidation();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions.Remove("exception");
            if (c.ProblemDetails is HttpValidationProblemDetails validation)
            {
                // Field names as the client wrote them (camelCase JSON, each step of a path), not as C# spells them.
                var errors = validation.Errors.ToDictionary(e => string.Join('.', e.Key.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName)), e => e.Value);
                validation.Errors.Clear();
                foreach (var (key, value) in errors) validation.Errors[key] = value;
            }
            c.ProblemDetails.Extensions.TryAdd("code", c.ProblemDetails.Status switch
            {
                400 => "request.invalid",
                401 => "auth.unauthenticated",
                403 => "auth.forbidden",
                404 => "resource.not-found",
                405 => "request.method-not-allowed",
                415 => "request.unsupported-media-type",
                _ => "request.failed",
            });
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();

        services.AddAuthentication(ApiKeyOptions.Scheme)
            .AddScheme<ApiKeyOptions, ApiKeyAuthenticationHandler>(ApiKeyOptions.Scheme, o => o.AdminApiKey = options.AdminApiKey);
        services.AddAuthorization(Policies.Add);
        services.AddEcosystemOpenApi();
        return services;
    }
}
