using Alba;
using static Ecosystem.Api.Tests.ApiFixture;

namespace Ecosystem.Api.Tests;

/// <summary>The HTTP contract in Alba's scenario style: status codes, headers and bodies as a client sees them.</summary>
public sealed class ScenarioTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Liveness_answers_without_a_key()
    {
        await api.Host.Scenario(s =>
        {
            s.Get.Url("/health/live");
            s.StatusCodeShouldBeOk();
        });
    }

    [Fact]
    public async Task A_launch_answers_201_with_its_version_as_etag_and_its_log_position()
    {
        var result = await api.Host.Scenario(s =>
        {
            s.WithRequestHeader("X-Api-Key", AdminKey);
            s.Post.Json(new { name = "Scenario Lab (synthetic)", kind = "accelerator", sectors = new[] { "digital" }, venue = "OGR", organisation = "OGR Torino" })
                .ToUrl("/api/programmes");
            s.StatusCodeShouldBe(201);
            s.Header("ETag").SingleValueShouldEqual("\"1\"");
            s.Header("Ecosystem-Position").ShouldHaveOneNonNullValue();
        });

        var body = await result.ReadAsJsonAsync<System.Text.Json.Nodes.JsonNode>();
        Assert.Equal(1, body!["version"]!.GetValue<long>());
        Assert.Equal(long.Parse(result.Context.Response.Headers["Ecosystem-Position"]!), body["position"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_command_with_a_stale_if_match_answers_412_and_stores_nothing()
    {
        var programme = await Journeys.LaunchAsync(api.Admin);

        await api.Host.Scenario(s =>
        {
            s.WithRequestHeader("X-Api-Key", AdminKey);
            s.WithRequestHeader("If-Match", "\"7\"");
            s.Post.Json(new { organisation = "ESA", role = "committee" }).ToUrl($"/api/programmes/{programme}/partners");
            s.StatusCodeShouldBe(412);
            s.ContentTypeShouldBe("application/problem+json");
        });
        await api.Host.Scenario(s =>
        {
            s.WithRequestHeader("X-Api-Key", AdminKey);
            s.Get.Url($"/api/programmes/{programme}?version=1000");
            s.Header("ETag").SingleValueShouldEqual("\"1\"");
        });
    }
}
