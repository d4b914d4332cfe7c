using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Ecosystem.Api.Auth;
using Ecosystem.Api.ReadModels;
using Microsoft.AspNetCore.Http.Json;
using Npgsql;
using Ecosystem.Api.Webhooks;

namespace Ecosystem.Api.Infrastructure;

public sealed class EcosystemOptions
{
    public string? AdminApiKey { get; set; }
    public bool LoadDemoData { get; set; }
    /// <summary>Run Marten's async daemon on this node (projections and reactors; one node leads them, the others stand by).</summary>
    public bool RunConsumers { get; set; } = true;
    /// <summary>How long a read with ?position= waits for its read model.</summary>
    public int ReadYourWritesTimeoutMs { get; set; } = 5000;
    /// <summary>/health/ready reports unhealthy when a consumer lags more than this many seconds.</summary>
    public double MaxConsumerLagSeconds { get; set; } = 60;
    /// <summary>How often a standby node checks whether the daemon's leader is gone (Marten's default is 5 s).</summary>
    public int LeadershipPollingMs { get; set; } = 2000;
    public string UrbanTestingOrganisation { get; set; } = "Torino City Lab";
    /// <summary>OpenTelemetry traces and metrics, and /metrics (off only to measure what they cost).</summary>
    public bool Telemetry { get; set; } = true;
    /// <summary>Tamper evidence: the hash chain switch and the checkpoint signing key (Ecosystem:Audit).</summary>
    public Audit.AuditOptions Audit { get; set; } = new();
    /// <summary>A RabbitMQ URI (amqp://user:password@host:port/vhost): every event is also published to a fanout exchange. Off when empty.</summary>
    public string? RabbitMq { get; set; }
    /// <summary>The fanout exchange the events are published to.</summary>
    public string RabbitMqExchange { get; set; } = "ecosystem.events";
    /// <summary>The CloudEvents <c>source</c> of every published event.</summary>
    public string CloudEventsSource { get; set; } = "urn:ecosystem";
    public bool RabbitMqEnabled => !string.IsNullOrWhiteSpace(RabbitMq);
}

public static class ServiceSetup
{
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

        services.AddSingleton(_ =>
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString) { Name = "ecosystem" };
            // Read by the chain's trigger: this node's appends go unchained (benchmarks measure the chain's cost; verify reports them).
            if (!options.Audit.HashChain) builder.ConnectionStringBuilder.Options = $"{builder.ConnectionStringBuilder.Options} -c ecosystem.hash_chain=off".Trim();
            return builder.Build();
        });
        services.AddEventStore(options);
        services.AddSingleton<DatabaseMigrator>();
        services.AddScoped<Freshness>();
        services.AddReadModels(options);
        services.AddHostedService<Ecosystem.Api.Demo.DemoDataLoader>();
        services.AddSingleton<ApiKeyStore>();
        services.AddScoped<CommandRunner>();
        services.AddSingleton<StreamQueries>();
        services.AddSingleton<AggregateStoreReader>();
        services.AddSingleton<Integrators.EventFeed>();
        services.AddSingleton<Audit.Rejections>();
        services.AddSingleton<Audit.AuditSigner>();
        services.AddSingleton<Audit.MerkleLog>();
        services.AddSingleton<Audit.Verifier>();
        if (options.RunConsumers) services.AddHostedService<Audit.CheckpointJob>();
        services.AddSingleton<Integrators.FeedSignal>();
        services.AddHostedService(sp => sp.GetRequiredService<Integrators.FeedSignal>());
        services.AddWebhooks(configuration);

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
                413 => "request.too-large",
                415 => "request.unsupported-media-type",
                _ => "request.failed",
            });
            c.HttpContext.Items[ProblemExceptionHandler.CodeItem] = c.ProblemDetails.Extensions["code"]?.ToString();
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();

        services.AddAuthentication(ApiKeyOptions.Scheme)
            .AddScheme<ApiKeyOptions, ApiKeyAuthenticationHandler>(ApiKeyOptions.Scheme, o => o.AdminApiKey = options.AdminApiKey);
        services.AddAuthorization(Policies.Add);
        services.AddEcosystemOpenApi();
        if (options.Telemetry) services.AddTelemetry(configuration);
        return services;
    }
}
