using Ecosystem.Api.Auth;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Ecosystem.Api.Infrastructure;

/// <summary>
/// The OpenAPI document is the API's contract (docs/API.md): generated clients are built from it and the test suite
/// checks every response it sees against it. Statuses, problem codes, headers and operation ids come from each
/// endpoint's metadata (<see cref="OpenApiContract"/>), nullability and <c>required</c> from the C# types.
/// </summary>
public static class OpenApi
{
    public const string DocumentPath = "/swagger/v1/swagger.json";

    /// <summary>What each tag groups, for the document's tag list; a tag without one fails the contract test.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>
    {
        ["Programmes"] = "Accelerator and internationalisation programmes: launch, cohorts, calls for applications, demo days, milestones, partners.",
        ["Startups"] = "Startups and SMEs: registration, applications to a programme's cohort and their progress (admission takes a seat atomically), investments.",
        ["Urban testing"] = "The City's urban-testing use cases: proposal, feasibility, authorisations, site, test run, KPIs, report, contribution and scale-up.",
        ["Hub offices"] = "Universities' hub offices abroad: approval, locations and relocations, inauguration, partners, services, suspension and closure.",
        ["Missions"] = "Inbound and outbound delegations: planning, delegates, visits, follow-ups.",
        ["Agreements"] = "Twinnings, memoranda, cooperation projects and double degrees between parties: drafting, signature, renewal, amendment, expiry, termination, links.",
        ["Dashboard"] = "Counts across the ecosystem, from the read models.",
        ["Integrators"] = "The event log for integrators: a paged feed and a live Server-Sent Events stream that never skip an event.",
        ["Audit"] = "History for auditors: a stream's events with who, when and why; one request's effects; commands a rule refused.",
        ["Admin"] = "API keys, consumers (lag, parked streams, replays) and read-model rebuilds. Admin keys only.",
        ["Health"] = "Liveness and readiness probes; no key needed.",
    };

    public static IServiceCollection AddEcosystemOpenApi(this IServiceCollection services) =>
        services.AddEndpointsApiExplorer().AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Ecosystem API",
                Version = "v1",
                Description = "Event-sourced backend for innovation-ecosystem programmes. Send an API key in the X-Api-Key header " +
                              "(Authorize button). Errors are RFC 9457 problem details with a machine-readable `code`. " +
                              "A command answers with the resource's version as `ETag` (send it back as `If-Match` to make a command " +
                              "conditional) and the log position of its last event as `Ecosystem-Position` (pass it to a read as `?position=` " +
                              "or the `Ecosystem-Position` header to read your own write). This document is the contract: see docs/API.md.",
                License = new OpenApiLicense { Name = "Proprietary", Url = new Uri("https://ecosystem.example/licence") },
                Contact = new OpenApiContact { Name = "Ecosystem maintainers", Url = new Uri("https://ecosystem.example/contact") },
            });
            options.AddSecurityDefinition(ApiKeyOptions.Scheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyOptions.Header,
                Description = "An API key issued by POST /api/admin/api-keys, or the configured admin key.",
            });
            options.SupportNonNullableReferenceTypes();
            options.CustomSchemaIds(SchemaId);
            options.SchemaFilter<RequestExamples>();
            options.SchemaFilter<OpenApiContract.ResponseSchemas>();
            options.OperationFilter<OpenApiContract.Operations>();
            options.DocumentFilter<OpenApiContract.Document>();
            var xml = Path.Combine(AppContext.BaseDirectory, "Ecosystem.Api.xml");
            if (File.Exists(xml)) options.IncludeXmlComments(xml);
        });

    /// <summary>Serves the document as OpenAPI 3.1 (its schemas are plain JSON Schema 2020-12) and Swagger UI.</summary>
    public static IApplicationBuilder UseEcosystemOpenApi(this IApplicationBuilder app) => app
        .UseSwagger(o => o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1)
        .UseSwaggerUI(o => o.DocumentTitle = "Ecosystem API");

    /// <summary>"Programmes.ProgrammeView", "Audit.AuditPageOfAuditEntry": the namespace inside the product, then the name.</summary>
    static string SchemaId(Type type)
    {
        var name = type.IsGenericType
            ? type.Name[..type.Name.IndexOf('`')] + "Of" + string.Concat(type.GetGenericArguments().Select(a => SchemaId(a).Split('.')[^1]))
            : type.Name;
        var space = (type.Namespace ?? "").Replace("Ecosystem.", "").Replace("Api.", "").Replace("Ecosystem", "");
        var outer = type.DeclaringType is { } declaring ? declaring.Name + "." : "";
        return string.IsNullOrEmpty(space) ? outer + name : $"{space}.{outer}{name}";
    }

    /// <summary>Kept for the feature groups' reading; the statuses themselves come from <see cref="OpenApiContract"/>.</summary>
    public static TBuilder WithStandardProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder => builder;

    /// <summary>Kept for the feature groups' reading; a command is recognised by the <see cref="CommandRunner"/> its handler takes.</summary>
    public static RouteHandlerBuilder WithCommandProblems(this RouteHandlerBuilder builder) => builder;

    /// <summary>The domain rule codes (by prefix, e.g. "cohort") the group's commands can be refused with (409, or 404 for *.not-found).</summary>
    public static TBuilder WithRuleCodes<TBuilder>(this TBuilder builder, params string[] prefixes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OpenApiContract.RuleCodesMetadata(prefixes));

    /// <summary>Problem codes an endpoint answers with a status on top of those every endpoint of its kind can give.</summary>
    public static TBuilder WithProblemCodes<TBuilder>(this TBuilder builder, int status, params string[] codes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OpenApiContract.ProblemCodesMetadata(status, codes));
}

/// <summary>Example bodies for request schemas, registered by the feature folders.</summary>
public sealed class RequestExamples : ISchemaFilter
{
    // Several hosts may map their endpoints at once (tests start one per class in parallel).
    static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Func<System.Text.Json.Nodes.JsonNode>> Examples = new();

    public static void Register<T>(string json) => Examples[typeof(T)] = () => System.Text.Json.Nodes.JsonNode.Parse(json)!;

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete && Examples.TryGetValue(context.Type, out var example))
            concrete.Examples = [example()];
    }
}
