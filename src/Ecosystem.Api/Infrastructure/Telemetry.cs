using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ecosystem.Api.EventStore;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ecosystem.Api.Infrastructure;

/// <summary>
/// OpenTelemetry for the service: traces and metrics from ASP.NET Core, the runtime, Npgsql, Marten, Wolverine and
/// ours; Prometheus text at <c>/metrics</c> (admin key), OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "ecosystem-api";
    public const string CorrelationTag = "ecosystem.correlation_id";
    public const string RouteItem = "ecosystem.route";
    public const string ResourceItem = "ecosystem.resource-id";

    /// <summary>Our spans: consumers applying pages of events.</summary>
    public static readonly ActivitySource Source = new("Ecosystem");

    static readonly Meter Meter = new("Ecosystem.Api");

    /// <summary>Commands by route and outcome (accepted, refused by a domain rule, invalid, failed) with the problem code.</summary>
    public static readonly Counter<long> Commands = Meter.CreateCounter<long>("ecosystem.commands", "{command}",
        "Commands (POST requests under /api) by route, outcome and problem code");

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(ServiceName));
        // Spans are recorded only when something receives them: building them for nobody costs every request.
        if (otlp || configuration.GetValue<bool>("Ecosystem:Tracing"))
            telemetry.WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/metrics"))
                    .AddSource(Source.Name, "Marten", "Wolverine", "Npgsql");
                if (otlp) tracing.AddOtlpExporter();
            });
        telemetry.WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation()
                    .AddMeter(Meter.Name, EventStoreMetrics.MeterName, ConsumerGauges.MeterName, "Marten", "Wolverine*", "Npgsql")
                    .AddPrometheusExporter();
                if (otlp) metrics.AddOtlpExporter();
            });
        services.AddSingleton<ConsumerGauges>();
        services.AddHostedService(sp => sp.GetRequiredService<ConsumerGauges>());
        return services;
    }

    /// <summary>
    /// Every log line of a request carries its correlation id (taken from X-Correlation-Id or made here, and echoed),
    /// the caller and the route, as a logging scope.
    /// </summary>
    public static IApplicationBuilder UseRequestLogScope(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var correlation = Guid.TryParse(http.Request.Headers[CommandRunner.CorrelationHeader], out var given) ? given : Guid.CreateVersion7();
        http.Items[CommandRunner.CorrelationHeader] = correlation;
        http.Response.Headers[CommandRunner.CorrelationHeader] = correlation.ToString();
        Activity.Current?.SetTag(CorrelationTag, correlation.ToString());
        // Kept for what runs after the exception handler, which clears the endpoint and the route values.
        http.Items[RouteItem] = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        http.Items[ResourceItem] = Guid.TryParse(http.GetRouteValue("id")?.ToString(), out var resource) ? resource : null;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Ecosystem.Requests");
        using (logger.BeginScope(new Dictionary<string, object?>
        {
            ["CorrelationId"] = correlation,
            ["Actor"] = http.User.Identity?.Name,
            ["Route"] = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText,
        }))
        {
            await next(http);
        }
    });

    /// <summary>Counts every command's outcome; the problem code comes from <see cref="ProblemExceptionHandler"/>.</summary>
    public static IApplicationBuilder UseCommandMetrics(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        // Read before the exception handler, which clears the endpoint when it answers a failure.
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
        await next(http);
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.StartsWithSegments("/api")) return;
        var status = http.Response.StatusCode;
        var outcome = status switch
        {
            < 400 => "accepted",
            409 when http.Items[ProblemExceptionHandler.CodeItem] is string code && !code.StartsWith("concurrency.", StringComparison.Ordinal)
                && !code.StartsWith("idempotency.", StringComparison.Ordinal) => "refused",
            409 or 412 => "conflict",
            < 500 => "invalid",
            _ => "failed",
        };
        Commands.Add(1, new TagList
        {
            { "route", route }, { "outcome", outcome }, { "code", http.Items[ProblemExceptionHandler.CodeItem] as string ?? "" },
        });
    });
}

/// <summary>
/// Read-model lag, parked streams, rebuild progress and this node's daemon agents as gauges (meter
/// "Ecosystem.Consumers"), sampled every few seconds so a scrape never queries the database.
/// </summary>
public sealed class ConsumerGauges(ConsumerAdmin admin, ConsumerEngines engines, ProjectionManager projections, IEnumerable<IProjection> readModels,
    Ecosystem.Api.EventStore.EventLog log, IServiceProvider services, ILogger<ConsumerGauges> logger) : BackgroundService
{
    public const string MeterName = "Ecosystem.Consumers";
    static readonly Meter Meter = new(MeterName);
    volatile IReadOnlyList<ConsumerStatus> consumers = [];
    volatile IReadOnlyList<ProjectionStatus> rebuilds = [];
    long highWaterMark, head;

    public static TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Meter.CreateObservableGauge("ecosystem.consumer.lag.events", () => consumers.Select(c => Measure(c.LagEvents, c.Name)), "{event}",
            "Events stored after the consumer's checkpoint");
        Meter.CreateObservableGauge("ecosystem.consumer.lag.seconds", () => consumers.Select(c => Measure(c.LagSeconds, c.Name)), "s",
            "Age of the oldest event the consumer has not applied (0 when caught up)");
        Meter.CreateObservableGauge("ecosystem.consumer.parked.streams", () => consumers.Select(c => Measure((long)c.Parked.Count, c.Name)), "{stream}",
            "Streams parked by the consumer after repeated failures");
        Meter.CreateObservableGauge("ecosystem.projection.rebuild.done", () => rebuilds.Where(r => r.RebuildGeneration is not null)
            .Select(r => new Measurement<long>(r.RebuildDone ?? 0, new KeyValuePair<string, object?>("projection", r.Name))), "{event}",
            "Events a rebuild under way has applied so far");
        Meter.CreateObservableGauge("ecosystem.projection.rebuild.total", () => rebuilds.Where(r => r.RebuildGeneration is not null)
            .Select(r => new Measurement<long>(r.RebuildTotal ?? 0, new KeyValuePair<string, object?>("projection", r.Name))), "{event}",
            "Events a rebuild under way has to apply");
        Meter.CreateObservableGauge("ecosystem.daemon.agents.running", RunningAgents, "{agent}",
            "Marten daemon subscriptions running on this node (one node runs them all; 0 on standbys)");
        Meter.CreateObservableGauge("ecosystem.log.high_water_mark", () => Interlocked.Read(ref highWaterMark), "{event}",
            "The daemon's high-water mark: every event up to this sequence has committed");
        Meter.CreateObservableGauge("ecosystem.log.head", () => Interlocked.Read(ref head), "{event}", "The newest event sequence stored");

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sampled = new List<ConsumerStatus>();
                foreach (var name in engines.Names) sampled.Add(await admin.StatusAsync(name, stoppingToken));
                consumers = sampled;
                rebuilds = await projections.StatusAsync(readModels.ToList(), stoppingToken);
                Interlocked.Exchange(ref highWaterMark, await log.HighWaterMarkAsync(stoppingToken));
                Interlocked.Exchange(ref head, await log.HeadPositionAsync(stoppingToken));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogDebug(e, "Consumer gauges not sampled this time");
            }
            try { await Task.Delay(Interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Samples at once (tests).</summary>
    public async Task SampleAsync(CancellationToken ct)
    {
        var sampled = new List<ConsumerStatus>();
        foreach (var name in engines.Names) sampled.Add(await admin.StatusAsync(name, ct));
        consumers = sampled;
    }

    long RunningAgents()
    {
        var coordinator = services.GetService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>();
        if (coordinator is null) return 0;
        try
        {
            return coordinator.DaemonForMainDatabase().CurrentAgents().Count(a => a.Status == JasperFx.AgentStatus.Running);
        }
        catch (Exception)
        {
            return 0;
        }
    }

    static Measurement<T> Measure<T>(T value, string consumer) where T : struct =>
        new(value, new KeyValuePair<string, object?>("consumer", consumer));
}
