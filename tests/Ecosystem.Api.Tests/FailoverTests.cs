using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ecosystem.Tests.Shared;
using Xunit.Abstractions;

namespace Ecosystem.Api.Tests;

/// <summary>Two service processes on one database: the daemon runs on one; when that one dies, the other takes its consumers over.</summary>
[Collection(TimingCollection.Name)]
public sealed class FailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    readonly TestDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();
    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task When_the_node_running_the_projections_is_killed_the_other_takes_them_over_within_15_seconds()
    {
        using var leader = ServiceProcess.Start(database);
        await leader.WaitUntilLiveAsync();
        await LaunchAsync(leader.Http);
        await leader.WaitUntilConsumersCaughtUpAsync();

        using var standby = ServiceProcess.Start(database);
        await standby.WaitUntilLiveAsync();
        var before = await LaunchAsync(standby.Http);
        await Eventually.WaitUntilAsync(() => ReachedAsync(standby, before), because: () => "the leader projects the standby's writes");

        await leader.KillAsync();
        var clock = Stopwatch.StartNew();
        var after = await LaunchAsync(standby.Http);
        await Eventually.WaitUntilAsync(() => ReachedAsync(standby, after), seconds: 30, because: () => "the standby takes the consumers over");
        clock.Stop();

        output.WriteLine($"failover: the surviving node applied a write made after the kill {clock.Elapsed.TotalSeconds:0.0} s after the kill");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"takeover took {clock.Elapsed.TotalSeconds:0.0} s");
        var programme = await standby.Http.GetAsync($"/api/programmes/{after.Id}?position={after.Position}");
        Assert.Equal(HttpStatusCode.OK, programme.StatusCode);
        Assert.Equal("caught-up", programme.Headers.GetValues("Ecosystem-Consistency").Single());
    }

    static async Task<(string Id, long Position)> LaunchAsync(HttpClient http)
    {
        var response = await http.PostAsJsonAsync("/api/programmes", new
        {
            name = "Failover Lab (synthetic)", kind = "accelerator", sectors = new[] { "digital" }, venue = "OGR", organisation = "OGR Torino",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (body["id"]!.GetValue<string>(), body["position"]!.GetValue<long>());
    }

    /// <summary>True once every consumer's checkpoint has passed the write.</summary>
    static async Task<bool> ReachedAsync(ServiceProcess node, (string Id, long Position) write)
    {
        var response = await node.TryGetAsync("/api/admin/consumers");
        if (response?.StatusCode != HttpStatusCode.OK) return false;
        var consumers = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        return consumers.Count > 0 && consumers.All(c => c!["checkpoint"]?.GetValue<long>() >= write.Position);
    }
}
