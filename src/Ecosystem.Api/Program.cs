using Ecosystem.Api;
using Ecosystem.Api.Auth;
using Ecosystem.Api.Health;
using Ecosystem.Api.Infrastructure;
using Wolverine;

// appsettings.json is read from beside the binary, wherever the service is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var database = builder.Configuration.GetConnectionString("Ecosystem");
if (string.IsNullOrWhiteSpace(database))
{
    await Console.Error.WriteLineAsync(DatabaseUnreachable.NotConfigured);
    return DatabaseUnreachable.ExitCode;
}
builder.Services.AddEcosystem(builder.Configuration);
builder.Host.UseWolverine(options => Messaging.Configure(options, builder.Configuration));

var app = builder.Build();
try
{
    await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
    if (Cli.IsVerb(args)) return await Cli.RunAsync(app.Services, args);
}
catch (Exception e) when (DatabaseUnreachable.Describe(e, database) is { } line)
{
    await Console.Error.WriteLineAsync(line);
    return DatabaseUnreachable.ExitCode;
}

app.UseCommandMetrics();
app.UseExceptionHandler();
app.UseHttpInput();
app.UseStatusCodePages();
app.UseEcosystemOpenApi();
app.UseAuthentication();
app.UseRequestLogScope();
app.UseAuthorization();
app.UseMiddleware<IdempotencyMiddleware>();

app.MapHealth();
if (app.Services.GetRequiredService<EcosystemOptions>().Telemetry) app.MapPrometheusScrapingEndpoint().RequireAuthorization(Policies.Admin);
app.MapApiKeys();
app.MapFeatures();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
