using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Ecosystem.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using Xunit.Abstractions;
using static Ecosystem.Api.Tests.ApiFixture;

namespace Ecosystem.Api.Tests;

/// <summary>The service reaches its database through a relay the test can cut.</summary>
public sealed class OutageFixture : ApiFixture
{
    public TcpRelay Relay { get; private set; } = null!;

    protected override void Configure(IWebHostBuilder builder)
    {
        var direct = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
        Relay = new TcpRelay(direct.Host!, direct.Port);
        builder.UseSetting("ConnectionStrings:Ecosystem",
            new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Host = "127.0.0.1", Port = Relay.Port, Timeout = 3 }.ConnectionString);
    }
}

[Collection(TimingCollection.Name)]
public sealed class OutageTests(OutageFixture api, ITestOutputHelper output) : IClassFixture<OutageFixture>
{
    [Fact]
    public async Task While_the_database_is_away_requests_get_503_and_the_service_serves_again_within_5_seconds_of_its_return()
    {
        await Json(await LaunchAsync(), HttpStatusCode.Created);

        api.Relay.Break();
        var refused = await LaunchAsync();
        await Problem(refused, HttpStatusCode.ServiceUnavailable, "database.unavailable");
        Assert.NotNull(refused.Headers.RetryAfter);
        await Problem(await api.Admin.GetAsync("/api/programmes"), HttpStatusCode.ServiceUnavailable, "database.unavailable");
        await Problem(await api.Admin.GetAsync("/health/ready"), HttpStatusCode.ServiceUnavailable, "database.unavailable");

        api.Relay.Start();
        var back = Stopwatch.StartNew();
        HttpResponseMessage? written = null;
        await Eventually.WaitUntilAsync(async () => (written = await LaunchAsync()).StatusCode == HttpStatusCode.Created, seconds: 30);
        var writes = back.Elapsed;
        var position = long.Parse(written!.Headers.GetValues("Ecosystem-Position").Single());
        await Eventually.WaitUntilAsync(async () =>
        {
            var read = await api.Admin.GetAsync($"/api/programmes?position={position}");
            return read.StatusCode == HttpStatusCode.OK && read.Headers.GetValues("Ecosystem-Consistency").Single() == "caught-up";
        }, seconds: 30);
        var reads = back.Elapsed;

        output.WriteLine($"outage: writes again {writes.TotalSeconds:0.0} s after the database returned, read models caught up after {reads.TotalSeconds:0.0} s");
        Assert.True(writes < TimeSpan.FromSeconds(5), $"writes resumed after {writes.TotalSeconds:0.0} s");
        Assert.True(reads < TimeSpan.FromSeconds(5), $"read models caught up after {reads.TotalSeconds:0.0} s");
    }

    Task<HttpResponseMessage> LaunchAsync() => api.Admin.PostAsJsonAsync("/api/programmes", new
    {
        name = "Outage Lab (synthetic)", kind = "accelerator", sectors = new[] { "digital" }, venue = "OGR", organisation = "OGR Torino",
    });
}
