using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using static Ecosystem.Api.Tests.ApiFixture;

namespace Ecosystem.Api.Tests;

/// <summary>A node that runs no consumers and waits at most 300 ms for read-your-writes.</summary>
public sealed class NoConsumersFixture : ApiFixture
{
    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Ecosystem:RunConsumers", "false");
        builder.UseSetting("Ecosystem:ReadYourWritesTimeoutMs", "300");
    }
}

public sealed class StaleReadTests(NoConsumersFixture api) : IClassFixture<NoConsumersFixture>
{
    [Fact]
    public async Task A_read_whose_read_model_cannot_catch_up_in_time_says_it_is_stale()
    {
        var write = await api.Admin.PostAsJsonAsync("/api/programmes", new
        {
            name = "Never Projected", kind = "accelerator", sectors = new[] { "digital" }, venue = "OGR", organisation = "OGR Torino",
        });
        await Json(write, HttpStatusCode.Created);
        var position = write.Headers.GetValues("Ecosystem-Position").Single();

        var read = await api.Client(AdminKey).GetAsync($"/api/programmes?position={position}");

        await Json(read, HttpStatusCode.OK);
        Assert.Equal("stale", read.Headers.GetValues("Ecosystem-Consistency").Single());
    }
}
