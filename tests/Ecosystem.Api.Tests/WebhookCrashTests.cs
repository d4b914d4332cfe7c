using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ecosystem.Tests.Shared;
using static Ecosystem.Api.Tests.Journeys;

namespace Ecosystem.Api.Tests;

/// <summary>The real service as a process, killed with SIGKILL while receivers hold deliveries open, then restarted.</summary>
public sealed class WebhookCrashTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    static readonly string[] Settings =
    [
        "--Ecosystem:Webhooks:AllowPrivateTargets=true", "--Ecosystem:Webhooks:FirstRetryDelayMs=100",
        "--Ecosystem:Webhooks:SweepIntervalMs=500", "--Ecosystem:Webhooks:TimeoutMs=5000",
    ];

    readonly TestDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();
    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Killing_the_service_mid_delivery_loses_no_event_and_every_duplicate_carries_the_same_webhook_id()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var receiver = await WebhookReceiver.StartAsync();
        // Requests are recorded on arrival and answered late, so the kill finds some received but not yet acknowledged.
        receiver.Delay = TimeSpan.FromMilliseconds(300);
        var port = ServiceProcess.FreePort();
        Guid webhook;
        using (var first = ServiceProcess.Start(database, port, Settings))
        {
            // Generous: on a machine shared with other builds a start has taken close to a minute.
            await first.WaitUntilLiveAsync(seconds: 180);
            output.WriteLine($"{clock.Elapsed}: live");
            var created = JsonNode.Parse(await (await first.Http.PostAsJsonAsync("/api/integrations/webhooks", new { url = receiver.Url })).Content.ReadAsStringAsync())!;
            webhook = Guid.Parse(created["id"]!.GetValue<string>());
            for (var i = 0; i < 16; i++)
            {
                var programme = await LaunchAsync(first.Http);
                await first.Http.PostAsJsonAsync($"/api/programmes/{programme}/partners", new { organisation = "ESA", role = "committee" });
            }
            await Eventually.WaitUntilAsync(() => Task.FromResult(receiver.All.Count >= 3 && receiver.InFlight > 0), seconds: 120);
            output.WriteLine($"{clock.Elapsed}: killing with {receiver.All.Count} received");
            await first.KillAsync();
        }
        var expected = await EventIdsAsync(webhook);
        Assert.True(expected.Count >= 32, $"only {expected.Count} events written");
        Assert.True(receiver.All.Select(r => r.EventId).Distinct().Count() < expected.Count, "everything was delivered before the kill");

        using (var second = ServiceProcess.Start(database, port, Settings))
        {
            await second.WaitUntilLiveAsync(seconds: 180);
            output.WriteLine($"{clock.Elapsed}: restarted");
            await Eventually.WaitUntilAsync(() => Task.FromResult(expected.All(receiver.All.Select(r => r.EventId).ToHashSet().Contains)), seconds: 180,
                () => $"{expected.Count - receiver.All.Select(r => r.EventId).Distinct().Count()} of {expected.Count} events never arrived");
            await Eventually.WaitUntilAsync(async () =>
            {
                var view = JsonNode.Parse(await (await second.Http.GetAsync($"/api/integrations/webhooks/{webhook}")).Content.ReadAsStringAsync())!;
                return view["pending"]!.GetValue<long>() == 0;
            }, seconds: 120);
            output.WriteLine($"{clock.Elapsed}: all delivered, {receiver.All.Count} requests");
        }

        var byEvent = receiver.All.GroupBy(r => r.EventId).ToList();
        Assert.All(byEvent, g => Assert.Single(g.Select(r => r.WebhookId).Distinct()));
        Assert.True(byEvent.Any(g => g.Count() > 1), "a delivery cut off by the kill was not sent again");
        foreach (var stream in receiver.All.GroupBy(r => r.Subject))
        {
            var firstArrivals = stream.DistinctBy(r => r.EventId).Select(r => r.Sequence).ToList();
            Assert.Equal(firstArrivals.Order(), firstArrivals);
        }
    }

    async Task<List<string>> EventIdsAsync(Guid webhook)
    {
        await using var command = database.DataSource.CreateCommand(
            "select id::text from mt_events where seq_id > (select start_after from ecosystem.webhooks where id = $1) order by seq_id");
        command.Parameters.Add(new() { Value = webhook });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }
}
