using System.Diagnostics;
using System.Net;
using Ecosystem.Api.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.Journeys;

namespace Ecosystem.Api.Tests;

/// <summary>The API with an in-memory trace exporter beside its own.</summary>
public sealed class TelemetryFixture : ApiFixture
{
    public List<Activity> Spans { get; } = [];

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Ecosystem:Tracing", "true");
        builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));
    }
}

public sealed class TelemetryTests(TelemetryFixture api) : IClassFixture<TelemetryFixture>
{
    [Fact]
    public async Task Metrics_show_commands_accepted_and_refused_by_rule_code_request_durations_and_read_model_lag()
    {
        var (programme, cohort) = await ProgrammeWithOpenCallAsync(api.Admin);
        var startup = await ShortlistedAsync(api.Admin, programme, cohort);
        await Problem(await StepAsync(api.Admin, startup, cohort, "admit"), HttpStatusCode.Conflict, "call.not-closed");
        await Json(await api.Admin.GetAsync($"/api/programmes/{programme}"), HttpStatusCode.OK);
        await api.Services.GetRequiredService<ConsumerGauges>().SampleAsync(CancellationToken.None);

        var response = await api.Admin.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var commands = string.Join("\n", text.Split('\n').Where(l => l.StartsWith("ecosystem_commands_total")));
        Assert.True(commands.Length > 0, "no ecosystem_commands_total series");
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(commands, """outcome="accepted"[^}]*route="/api/programmes/"[^}]*\} [1-9]"""), commands);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(commands, """code="call.not-closed",outcome="refused",route="/api/startups/\{id:guid\}/applications/\{cohortId:guid\}/admit"\} 1"""), commands);
        Assert.Matches("""http_server_request_duration_seconds_bucket\{[^}]*http_route="/api/programmes/\{id:guid\}"[^}]*\}""", text);
        var ours = string.Join("\n", text.Split('\n').Where(l => l.StartsWith("ecosystem_") || l.StartsWith("# TYPE ecosystem")));
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(ours, """ecosystem_consumer_lag_events\{[^}]*consumer="projection:programme-roster"[^}]*\} \d+"""), ours);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(ours, """ecosystem_consumer_lag_seconds\{[^}]*consumer="reactor:waitlist-promotion"[^}]*\}"""), ours);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(ours, """ecosystem_consumer_parked_streams\{[^}]*consumer="projection:startup-directory"[^}]*\} 0"""), ours);
        Assert.Contains("ecosystem_daemon_agents_running", text);
        Assert.Contains("ecosystem_events_appended_total{", text);
    }

    [Fact]
    public async Task Metrics_need_the_admin_key_which_a_scraper_may_send_as_a_bearer_token()
    {
        await Problem(await api.Client().GetAsync("/metrics"), HttpStatusCode.Unauthorized);
        await Problem(await (await api.ClientWithRole("manager", "OGR Torino")).GetAsync("/metrics"), HttpStatusCode.Forbidden);
        using var scraper = api.Client();
        scraper.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await scraper.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task One_trace_spans_the_http_request_the_append_and_the_projection_work_it_causes()
    {
        var correlation = Guid.CreateVersion7();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/programmes")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { name = "Traced Lab (synthetic)", kind = "accelerator", sectors = new[] { "digital" }, venue = "OGR", organisation = "OGR Torino" }),
            Headers = { { "X-Correlation-Id", correlation.ToString() } },
        };
        var created = await Json(await api.Admin.SendAsync(request), HttpStatusCode.Created);
        await Json(await api.Admin.GetAsync($"/api/programmes/{created["id"]}"), HttpStatusCode.OK);

        Activity? server = null;
        await Ecosystem.Tests.Shared.Eventually.WaitUntilAsync(() =>
        {
            lock (api.Spans)
            {
                server = api.Spans.FirstOrDefault(s => s.Kind == ActivityKind.Server && s.GetTagItem(Telemetry.CorrelationTag) as string == correlation.ToString());
                return Task.FromResult(server is not null
                    && api.Spans.Any(s => s.TraceId == server.TraceId && s.Source.Name is "Npgsql" or "Marten")
                    && api.Spans.Any(s => s.TraceId == server.TraceId && s.DisplayName == "consume projection:programme-roster"));
            }
        }, because: () => string.Join(", ", api.Spans.Select(s => $"{s.Source.Name}:{s.DisplayName}")));
        Assert.Equal("POST", server!.GetTagItem("http.request.method"));
    }
}
