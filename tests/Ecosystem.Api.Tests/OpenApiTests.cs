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
        document["paths"]![path]![method]!["parameters"]!.AsArray().Where(p => p!["name"] is not null).ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!);

    [Fact]
    public async Task Every_operation_reads_well_in_a_generated_client()
    {
        var document = await Document();
        var operations = Operations(document).ToList();
        var ids = operations.Select(o => o.Operation["operationId"]?.GetValue<string>()).ToList();
        Assert.All(ids, id => Assert.Matches("^[a-z][A-Za-z]+$", id ?? ""));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains("launchProgramme", ids);
        Assert.Contains("admitApplication", ids);
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace(o.Operation["summary"]?.GetValue<string>()), $"{o.Name} has no summary"));
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace(o.Operation["description"]?.GetValue<string>()), $"{o.Name} has no description"));
        Assert.All(document["tags"]!.AsArray(), tag => Assert.False(string.IsNullOrWhiteSpace(tag!["description"]?.GetValue<string>()), $"tag {tag!["name"]} has no description"));
        Assert.NotEmpty(document["servers"]!.AsArray());
        Assert.NotNull(document["info"]!["license"]!["name"]);
    }

    [Fact]
    public async Task Only_the_health_routes_are_declared_anonymous()
    {
        var anonymous = Operations(await Document()).Where(o => o.Operation["security"] is not JsonArray { Count: > 0 }).Select(o => o.Name).ToList();
        Assert.Equal(["get /health/live", "get /health/ready"], anonymous.Order());
    }

    [Fact]
    public async Task Nested_objects_the_api_returns_as_null_are_declared_nullable_and_every_field_is_required()
    {
        var schemas = (await Document())["components"]!["schemas"]!;
        foreach (var (schema, property) in new[]
                 {
                     ("Programmes.ProgrammeView", "eligibility"), ("Programmes.CohortView", "demoDay"), ("UrbanTesting.UseCaseView", "scaleUp"),
                     ("HubOffices.HubOfficeView", "currentLocation"), ("Domain.HubOffices.Location", "inauguration"),
                 })
        {
            var declared = schemas[schema]!["properties"]![property]!;
            Assert.Contains(declared["oneOf"]!.AsArray(), s => s!["type"]?.GetValue<string>() == "null");
            Assert.Contains(property, schemas[schema]!["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        }
        Assert.Contains("code", schemas["Problem"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task A_command_documents_its_statuses_rule_codes_and_concurrency_headers()
    {
        var admit = Operations(await Document()).Single(o => o.Operation["operationId"]?.GetValue<string>() == "admitApplication").Operation;
        var responses = admit["responses"]!.AsObject();
        Assert.Equal(["200", "400", "401", "403", "404", "409", "412", "422", "500", "503"], responses.Select(r => r.Key).Order());
        Assert.Contains("415", Operations(await Document()).Single(o => o.Operation["operationId"]?.GetValue<string>() == "launchProgramme").Operation["responses"]!.AsObject().Select(r => r.Key));
        Assert.Contains("cohort.full", Codes(responses["409"]!));
        Assert.Contains("concurrency.precondition-failed", Codes(responses["412"]!));
        Assert.Contains("database.unavailable", Codes(responses["503"]!));
        Assert.True(responses["200"]!["headers"]!["ETag"] is not null);
        Assert.True(responses["200"]!["headers"]!["Ecosystem-Position"] is not null);
        var parameters = admit["parameters"]!.AsArray().Select(p => p!["$ref"]?.GetValue<string>() ?? p["name"]!.GetValue<string>()).ToList();
        Assert.Contains("#/components/parameters/If-Match", parameters);
        Assert.Contains("#/components/parameters/Idempotency-Key", parameters);

        var read = Operations(await Document()).Single(o => o.Operation["operationId"]?.GetValue<string>() == "listProgrammes").Operation;
        Assert.Contains("read-model.rebuilding", Codes(read["responses"]!["503"]!));
        Assert.True(read["responses"]!["200"]!["headers"]!["Ecosystem-Consistency"] is not null);
        Assert.Contains(read["parameters"]!.AsArray(), p => p!["$ref"]?.GetValue<string>() == "#/components/parameters/position");
    }

    [Fact]
    public async Task The_contract_check_refuses_a_response_the_document_does_not_describe()
    {
        await api.Client().GetAsync("/health/live");
        var contract = await Contract.DocumentAsync(new HttpMessageInvoker(api.Host.Server.CreateHandler()), api.Host.Server.BaseAddress);
        var id = Guid.NewGuid();

        var withoutETag = await contract.ViolationsAsync(Request(HttpMethod.Post, $"/api/programmes/{id}/close"),
            Answer(HttpStatusCode.OK, $$"""{"id":"{{id}}","version":2,"eventsRecorded":1,"position":7}"""));
        Assert.Contains(withoutETag, v => v.Contains("required header ETag is missing"));

        var teapot = await contract.ViolationsAsync(Request(HttpMethod.Post, $"/api/programmes/{id}/close"), Answer((HttpStatusCode)418, "{}"));
        Assert.Contains(teapot, v => v.Contains("status 418 is not documented"));

        var problemWithoutCode = await contract.ViolationsAsync(Request(HttpMethod.Get, $"/api/programmes/{id}"),
            Answer(HttpStatusCode.NotFound, """{"type":"about:blank","title":"Not found","status":404}""", "application/problem+json"));
        Assert.Contains(problemWithoutCode, v => v.Contains("code"));

        var wrongType = await contract.ViolationsAsync(Request(HttpMethod.Get, "/health/live"), Answer(HttpStatusCode.OK, """{"status":5}"""));
        Assert.NotEmpty(wrongType);
    }

    static HttpRequestMessage Request(HttpMethod method, string path) => new(method, new Uri(new Uri("http://localhost"), path));

    static HttpResponseMessage Answer(HttpStatusCode status, string body, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, mediaType) };

    static IEnumerable<string> Codes(JsonNode response) =>
        response["content"]!["application/problem+json"]!["schema"]!["allOf"]![1]!["properties"]!["code"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>());

    async Task<JsonNode> Document() => JsonNode.Parse(await (await api.Client().GetAsync("/swagger/v1/swagger.json")).Content.ReadAsStringAsync())!;

    static IEnumerable<(string Name, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(o => ($"{o.Key} {path.Key}", o.Value!)));

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
