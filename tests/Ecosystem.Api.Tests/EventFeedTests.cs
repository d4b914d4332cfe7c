using System.Net;
using System.Text.Json.Nodes;
using Ecosystem.Api.EventStore;
using Ecosystem.Domain.Programmes;
using Ecosystem.Tests.Shared;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.Journeys;

namespace Ecosystem.Api.Tests;

public sealed class EventFeedTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Paging_the_feed_with_next_returns_every_event_once_in_log_order_with_its_metadata()
    {
        for (var i = 0; i < 3; i++) await ProgrammeWithOpenCallAsync(api.Admin);
        var integrator = await api.ClientWithRole("integrator");
        var head = await api.Services.GetRequiredService<EventLog>().HeadPositionAsync();

        var seen = await PageAllAsync(integrator, "/api/events?limit=2", head);

        Assert.Equal(Enumerable.Range(1, (int)head).Select(i => (long)i), seen.Select(e => e["sequence"]!.GetValue<long>()));
        var launched = seen.First(e => e["type"]!.GetValue<string>() == "programme.launched");
        Assert.Equal("programme", launched["streamType"]!.GetValue<string>());
        Assert.Equal(1, launched["version"]!.GetValue<long>());
        Assert.Equal("OGR Torino", launched["data"]!["operator"]!.GetValue<string>());
        Assert.StartsWith("admin", launched["metadata"]!["actor"]!.GetValue<string>());
        Assert.True(Guid.TryParse(launched["metadata"]!["correlationId"]!.GetValue<string>(), out _));
    }

    [Fact]
    public async Task The_feed_filters_by_type_stream_type_and_stream()
    {
        var (programme, cohort) = await ProgrammeWithOpenCallAsync(api.Admin);
        var startup = await RegisterAsync(api.Admin, "Feed Filter Co (synthetic)");
        await Json(await ApplyAsync(api.Admin, startup, programme, cohort), HttpStatusCode.OK);
        var head = await api.Services.GetRequiredService<EventLog>().HeadPositionAsync();

        var calls = await PageAllAsync(api.Admin, "/api/events?type=programme.call-opened,programme.cohort-planned", head);
        var startups = await PageAllAsync(api.Admin, "/api/events?streamType=startup", head);
        var mine = await PageAllAsync(api.Admin, $"/api/events?streamId={startup}", head);

        Assert.All(calls, e => Assert.Contains(e["type"]!.GetValue<string>(), new[] { "programme.call-opened", "programme.cohort-planned" }));
        Assert.NotEmpty(calls);
        Assert.All(startups, e => Assert.Equal("startup", e["streamType"]!.GetValue<string>()));
        Assert.Equal(["startup.registered", "startup.application-submitted"], mine.Select(e => e["type"]!.GetValue<string>()));
        await Problem(await api.Admin.GetAsync("/api/events?type=programme.exploded"), HttpStatusCode.BadRequest);
        await Problem(await api.Admin.GetAsync("/api/events?streamType=spaceship"), HttpStatusCode.BadRequest);
        await Problem(await (await api.ClientWithRole("manager", "OGR Torino")).GetAsync("/api/events"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_client_paging_the_feed_misses_nothing_when_a_transaction_commits_late()
    {
        await LaunchAsync(api.Admin);
        var store = api.Services.GetRequiredService<IDocumentStore>();
        var late = Guid.CreateVersion7();
        await using var connection = await api.Database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction)))
        {
            session.Events.StartStream(api.Services.GetRequiredService<StreamTypes>().MartenTypeOf("programme"), late,
                ProgrammeDecider.Decide(new ProgrammeCommand.LaunchProgramme(late, "Late Feed Lab (synthetic)", ProgrammeKind.Accelerator,
                    new(["digital"]), new([]), "OGR", "OGR Torino", null, DateTimeOffset.UtcNow, "late-writer"), ProgrammeDecider.Initial).Cast<object>().ToArray());
            await session.SaveChangesAsync();
        }
        for (var i = 0; i < 3; i++) await LaunchAsync(api.Admin);

        var seen = new List<JsonNode>();
        var next = "/api/events?limit=50";
        for (var i = 0; i < 5; i++) next = await ReadPageAsync(api.Admin, next, seen);
        Assert.DoesNotContain(seen, e => e["streamId"]!.GetValue<string>() == late.ToString());
        await transaction.CommitAsync();

        var head = await api.Services.GetRequiredService<EventLog>().HeadPositionAsync();
        await Eventually.WaitUntilAsync(async () =>
        {
            next = await ReadPageAsync(api.Admin, next, seen);
            return seen.Count > 0 && seen[^1]["sequence"]!.GetValue<long>() >= head;
        });
        Assert.Contains(seen, e => e["streamId"]!.GetValue<string>() == late.ToString());
        Assert.Equal(Enumerable.Range(1, (int)head).Select(i => (long)i), seen.Select(e => e["sequence"]!.GetValue<long>()));
    }

    [Fact]
    public async Task The_live_stream_sends_each_event_with_its_sequence_as_id_and_resumes_after_last_event_id()
    {
        var first = await LaunchAsync(api.Admin);
        var head = await api.Services.GetRequiredService<EventLog>().HeadPositionAsync();
        await Eventually.WaitUntilAsync(async () => (await Json(await api.Admin.GetAsync("/api/events?limit=1"), HttpStatusCode.OK))["highWaterMark"]!.GetValue<long>() >= head);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events/stream?streamType=programme");
        request.Headers.Add("Last-Event-ID", (head - 1).ToString());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await api.Admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        var resumed = await NextMessageAsync(reader, timeout.Token);
        Assert.Equal(head.ToString(), resumed.Id);
        Assert.Equal(first.ToString(), JsonNode.Parse(resumed.Data)!["streamId"]!.GetValue<string>());

        var second = await LaunchAsync(api.Admin);
        var live = await NextMessageAsync(reader, timeout.Token);
        Assert.Equal("programme.launched", live.Event);
        Assert.Equal(second.ToString(), JsonNode.Parse(live.Data)!["streamId"]!.GetValue<string>());
        Assert.True(long.Parse(live.Id) > head);
    }

    static async Task<(string Id, string Event, string Data)> NextMessageAsync(StreamReader reader, CancellationToken ct)
    {
        var (id, type, data) = ("", "", "");
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0 && data.Length > 0) return (id, type, data);
            if (line.StartsWith("id: ")) id = line[4..];
            else if (line.StartsWith("event: ")) type = line[7..];
            else if (line.StartsWith("data: ")) data = line[6..];
        }
        throw new InvalidOperationException("the stream ended");
    }

    async Task<List<JsonNode>> PageAllAsync(HttpClient client, string start, long head)
    {
        var seen = new List<JsonNode>();
        var next = start;
        await Eventually.WaitUntilAsync(async () =>
        {
            next = await ReadPageAsync(client, next, seen);
            var page = await Json(await client.GetAsync(next), HttpStatusCode.OK);
            return page["highWaterMark"]!.GetValue<long>() >= head && page["events"]!.AsArray().Count == 0;
        });
        return seen;
    }

    static async Task<string> ReadPageAsync(HttpClient client, string url, List<JsonNode> seen)
    {
        var page = await Json(await client.GetAsync(url), HttpStatusCode.OK);
        seen.AddRange(page["events"]!.AsArray().Select(e => e!));
        return page["next"]!.GetValue<string>();
    }
}
