using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ecosystem.Api.Tests;

public sealed class OpenApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_openapi_document_lists_every_route_with_the_api_key_scheme()
    {
        var document = JsonNode.Parse(await (await api.Client().GetAsync("/swagger/v1/swagger.json")).Content.ReadAsStringAsync())!;
        var documented = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key}"))
            .ToHashSet();

        var mapped = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
                $"{m} /{string.Join('/', e.RoutePattern.PathSegments.Select(Segment))}"))
            .Where(route => !route.Contains("swagger"))
            .ToList();

        Assert.True(mapped.Count > 60, $"only {mapped.Count} routes mapped");
        Assert.All(mapped, route => Assert.Contains(route, documented));
        Assert.Equal("X-Api-Key", document["components"]!["securitySchemes"]!["ApiKey"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_openapi_document_states_the_limits_the_api_enforces()
    {
        var document = JsonNode.Parse(await (await api.Client().GetAsync("/swagger/v1/swagger.json")).Content.ReadAsStringAsync())!;
        var schemas = document["components"]!["schemas"]!;
        var sectors = schemas["Programmes.LaunchProgrammeRequest"]!["properties"]!["sectors"]!;
        Assert.Equal(20, sectors["maxItems"]!.GetValue<int>());
        Assert.Equal(100, sectors["items"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(20, schemas["Startups.RegisterStartupRequest"]!["properties"]!["founders"]!["maxItems"]!.GetValue<int>());
        Assert.Equal(50, schemas["UrbanTesting.AssessFeasibilityRequest"]!["properties"]!["conditions"]!["maxItems"]!.GetValue<int>());
        Assert.Equal(200, schemas["Programmes.LaunchProgrammeRequest"]!["properties"]!["name"]!["maxLength"]!.GetValue<int>());
        Assert.False(schemas["Programmes.LaunchProgrammeRequest"]!["additionalProperties"]!.GetValue<bool>());

        var list = Parameters(document, "/api/startups", "get");
        Assert.Equal(200, list["limit"]!["schema"]!["maximum"]!.GetValue<int>());
        Assert.Equal(1, list["limit"]!["schema"]!["minimum"]!.GetValue<int>());
        Assert.Equal(0, list["offset"]!["schema"]!["minimum"]!.GetValue<int>());
        var read = Parameters(document, "/api/startups/{id}", "get");
        Assert.Equal(1, read["version"]!["schema"]!["minimum"]!.GetValue<long>());
        Assert.Equal("date-time", read["asOf"]!["schema"]!["format"]!.GetValue<string>());
    }

    static Dictionary<string, JsonNode> Parameters(JsonNode document, string path, string method) =>
        document["paths"]![path]![method]!["parameters"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!);

    [Fact]
    public async Task Swagger_ui_is_served()
    {
        var response = await api.Client().GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    static string Segment(Microsoft.AspNetCore.Routing.Patterns.RoutePatternPathSegment segment) => string.Concat(segment.Parts.Select(part => part switch
    {
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
        _ => "",
    }));
}
