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
