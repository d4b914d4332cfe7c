using Ecosystem.Api.Auth;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Ecosystem.Api.Infrastructure;

public static class OpenApi
{
    public static IServiceCollection AddEcosystemOpenApi(this IServiceCollection services) =>
        services.AddEndpointsApiExplorer().AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Ecosystem API",
                Version = "v1",
                Description = "Event-sourced backend for innovation-ecosystem programmes. Send an API key in the X-Api-Key header " +
                              "(Authorize button). Errors are RFC 9457 problem details with a machine-readable `code`.",
            });
            options.AddSecurityDefinition(ApiKeyOptions.Scheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyOptions.Header,
                Description = "An API key issued by POST /api/admin/api-keys, or the configured admin key.",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeyOptions.Scheme, document)] = [],
            });
            options.CustomSchemaIds(type => type.FullName!.Replace("Ecosystem.", "").Replace("Api.", "").Replace('+', '.'));
            options.SchemaFilter<RequestExamples>();
            var xml = Path.Combine(AppContext.BaseDirectory, "Ecosystem.Api.xml");
            if (File.Exists(xml)) options.IncludeXmlComments(xml);
        });

    /// <summary>Declares the problem responses every API endpoint can give.</summary>
    public static TBuilder WithStandardProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();

    /// <summary>Declares the problems a command can give on top of the standard ones.</summary>
    public static RouteHandlerBuilder WithCommandProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
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
