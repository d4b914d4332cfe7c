using System.Reflection;
using System.Text.Json.Nodes;
using Ecosystem.Api.Auth;
using Ecosystem.Api.ReadModels;
using Ecosystem.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Ecosystem.Api.Infrastructure;

/// <summary>
/// Derives the contract of every operation from what its endpoint is, so a new route gets it without per-route
/// annotations: a key is needed unless the route allows anonymous callers (401/403); every route may answer 400
/// (a NUL in the query) and 503 <c>database.unavailable</c>; a route with an id or a body may answer 404; a body
/// means 415 and 413; an authenticated POST takes <c>Idempotency-Key</c>; a handler that takes the
/// <see cref="CommandRunner"/> answers with <c>ETag</c> and, on a POST, is a command (409 with its group's rule codes,
/// 412 with <c>If-Match</c>, <c>Ecosystem-Position</c>); a handler that takes <see cref="Freshness"/> reads a read model
/// (<c>position</c>, <c>Ecosystem-Consistency</c>, 503 <c>read-model.rebuilding</c>).
/// </summary>
public static class OpenApiContract
{
    public const string ProblemSchema = "Problem";

    public sealed record RuleCodesMetadata(IReadOnlyList<string> Prefixes);

    public sealed record ProblemCodesMetadata(int Status, IReadOnlyList<string> Codes);

    static readonly Dictionary<int, string> Reasons = new()
    {
        [400] = "The request is malformed (`request.malformed`: bad JSON, a wrong JSON type, an unknown field or enum value, a query value " +
                "not of its type) or invalid (`request.invalid`: a missing field, a value beyond its limit, a NUL character); `errors` names each field.",
        [401] = "No API key, or an unknown or revoked one.",
        [403] = "The key's role may not use this route, or the key does not act for the resource's organisation.",
        [404] = "No resource of this kind has that id (in the path or the body).",
        [409] = "The command was refused: a domain rule (its code names the rule), other writers kept winning (`concurrency.conflict`), " +
                "or a request with the same `Idempotency-Key` is still running or its outcome is unknown.",
        [412] = "`If-Match` named a version the resource is no longer at; nothing was stored.",
        [413] = "The body is beyond the server's size limit (30 MB).",
        [415] = "The body is not JSON (`Content-Type` must be `application/json`).",
        [422] = "The `Idempotency-Key` was used before for a different request.",
        [500] = "The server failed; the error is logged and nothing about it is disclosed.",
        [503] = "The service cannot answer at the moment; retry after `Retry-After` seconds.",
    };

    /// <summary>The operation's statuses, headers, parameters, security and id.</summary>
    public sealed class Operations : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var api = context.ApiDescription;
            var metadata = api.ActionDescriptor.EndpointMetadata;
            var route = "/" + (api.RelativePath ?? "").Split('?')[0];
            var method = api.HttpMethod ?? "GET";
            var takes = context.MethodInfo?.GetParameters().Select(p => Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType).ToHashSet() ?? [];
            var anonymous = metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any();
            var hasBody = operation.RequestBody is not null;
            var hasId = api.ParameterDescriptions.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Path);
            var post = HttpMethods.IsPost(method);
            var writes = takes.Contains(typeof(CommandRunner));
            var command = writes && post;
            var readModel = takes.Contains(typeof(Freshness));
            var asOf = takes.Contains(typeof(AsOf));
            var usesDatabase = !anonymous || takes.Count > 0;
            var document = context.Document;

            operation.OperationId = OperationId(metadata, context.MethodInfo, method, route);
            operation.Summary = Summary(operation);
            operation.Security = anonymous ? [] : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyOptions.Scheme, document)] = [] }];

            operation.Parameters ??= [];
            Add(operation, document, "X-Correlation-Id");
            if (post && !anonymous) Add(operation, document, "Idempotency-Key");
            if (command) Add(operation, document, "If-Match");
            if (readModel)
            {
                if (!operation.Parameters.Any(p => p.Name == "position")) Add(operation, document, "position");
                Add(operation, document, "Ecosystem-Position");
            }

            var codes = new Dictionary<int, SortedSet<string>>();
            void Answer(int status, params string[] problemCodes)
            {
                if (!codes.TryGetValue(status, out var set)) codes[status] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.UnionWith(problemCodes);
            }
            Answer(400, "request.malformed", "request.invalid");
            Answer(500, "server.error");
            if (!anonymous) { Answer(401, "auth.unauthenticated"); Answer(403, "auth.forbidden"); }
            if (hasId || hasBody) Answer(404, "resource.not-found");
            if (asOf) Answer(404, "resource.not-yet-existing");
            if (hasBody) { Answer(413, "request.failed", "request.too-large"); Answer(415, "request.unsupported-media-type"); }
            if (post && !anonymous)
            {
                Answer(400, "idempotency.key-invalid");
                Answer(409, "idempotency.in-progress", "idempotency.outcome-unknown");
                Answer(422, "idempotency.key-reused");
            }
            if (command)
            {
                Answer(409, "concurrency.conflict");
                Answer(412, "concurrency.precondition-failed");
                var prefixes = metadata.OfType<RuleCodesMetadata>().SelectMany(m => m.Prefixes).Append("input").ToHashSet();
                foreach (var code in RuleCodes.All.Where(c => prefixes.Contains(c[..c.IndexOf('.')])))
                    Answer(code.EndsWith(".not-found", StringComparison.Ordinal) ? 404 : 409, code);
            }
            if (readModel) Answer(503, "read-model.rebuilding");
            if (usesDatabase) Answer(503, "database.unavailable");
            foreach (var extra in metadata.OfType<ProblemCodesMetadata>()) Answer(extra.Status, [.. extra.Codes]);

            operation.Responses ??= [];
            foreach (var produced in metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>().Where(r => r.ContentTypes.Contains("text/event-stream")))
                if (operation.Responses.TryGetValue(produced.StatusCode.ToString(), out var streamed) && streamed is OpenApiResponse stream)
                {
                    stream.Description = "A stream of Server-Sent Events.";
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = "Last-Event-ID", In = ParameterLocation.Header, Description = "The `id:` of the last event processed: the stream resumes right after it.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" },
                    });
                    stream.Content = new Dictionary<string, IOpenApiMediaType> { ["text/event-stream"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } };
                }
            foreach (var (status, problemCodes) in codes.OrderBy(c => c.Key))
                operation.Responses[status.ToString()] = Problem(status, problemCodes, document);

            foreach (var (status, response) in operation.Responses)
            {
                if (response is not OpenApiResponse concrete) continue;
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers["X-Correlation-Id"] = new OpenApiHeaderReference("X-Correlation-Id", document);
                if (!status.StartsWith('2'))
                {
                    if (status == "503" || (status == "409" && post && !anonymous)) concrete.Headers["Retry-After"] = new OpenApiHeaderReference(status == "503" ? "Retry-After" : "Retry-After-Optional", document);
                    continue;
                }
                if (status is "201" or "202") concrete.Headers["Location"] = new OpenApiHeaderReference("Location", document);
                if (writes) concrete.Headers["ETag"] = new OpenApiHeaderReference("ETag", document);
                if (command) concrete.Headers["Ecosystem-Position"] = new OpenApiHeaderReference("Ecosystem-Position", document);
                if (post && !anonymous) concrete.Headers["Idempotency-Replayed"] = new OpenApiHeaderReference("Idempotency-Replayed", document);
                if (readModel) concrete.Headers["Ecosystem-Consistency"] = new OpenApiHeaderReference("Ecosystem-Consistency", document);
                if (string.IsNullOrEmpty(concrete.Description) || concrete.Description is "OK" or "Created" or "Accepted")
                    concrete.Description = status switch
                    {
                        "201" => "Created; `Location` addresses the resource.",
                        "202" => "Accepted.",
                        "204" => "Done; no body.",
                        _ when command => "Done (`eventsRecorded` is 0 for an idempotent repeat).",
                        _ => "The resource.",
                    };
            }

            operation.Description = Description(operation.Description, command, readModel, writes && !post);
        }

        static void Add(OpenApiOperation operation, OpenApiDocument document, string name)
        {
            if (operation.Parameters!.Any(p => p.Name == name)) return;
            operation.Parameters!.Add(new OpenApiParameterReference(name, document));
        }

        static OpenApiResponse Problem(int status, IEnumerable<string> codes, OpenApiDocument document)
        {
            var list = codes.ToList();
            return new OpenApiResponse
            {
                Description = Reasons.GetValueOrDefault(status, "A problem; `code` says which."),
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/problem+json"] = new OpenApiMediaType
                    {
                        Schema = new OpenApiSchema
                        {
                            AllOf =
                            [
                                new OpenApiSchemaReference(ProblemSchema, document),
                                new OpenApiSchema
                                {
                                    Type = JsonSchemaType.Object,
                                    Properties = new Dictionary<string, IOpenApiSchema>
                                    {
                                        ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Enum = [JsonValue.Create(status)] },
                                        ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. list.Select(c => (JsonNode)JsonValue.Create(c))] },
                                    },
                                },
                            ],
                        },
                    },
                },
            };
        }

        /// <summary>An explicit endpoint name wins; otherwise the handler's name, with the resource it acts on when it is a bare verb.</summary>
        static string OperationId(IList<object> metadata, MethodInfo? handler, string method, string route)
        {
            if (metadata.OfType<IEndpointNameMetadata>().FirstOrDefault() is { } named) return named.EndpointName;
            var segments = route.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "api").ToList();
            var name = handler?.Name is { } n && !n.Contains('<') ? n : Pascal(method.ToLowerInvariant()) + string.Concat(segments.Where(s => !s.StartsWith('{')).Select(Pascal));
            if (name.Skip(1).Any(char.IsUpper)) return char.ToLowerInvariant(name[0]) + name[1..];
            // A bare verb ("Launch", "Admit") takes the resource it acts on: the last collection followed by an id, or the collection posted to.
            var noun = Enumerable.Range(0, segments.Count - 1).Where(i => !segments[i].StartsWith('{') && segments[i + 1].StartsWith('{'))
                .Select(i => segments[i]).LastOrDefault() ?? segments.LastOrDefault(s => !s.StartsWith('{')) ?? "resource";
            var resource = Pascal(noun);
            if (name != "List") resource = Singular(resource);
            return char.ToLowerInvariant(name[0]) + name[1..] + resource;
        }

        static string Pascal(string kebab) => string.Concat(kebab.Split('-', '_').Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

        static string Singular(string plural) => plural.EndsWith("ies", StringComparison.Ordinal) ? plural[..^3] + "y"
            : plural.EndsWith("sses", StringComparison.Ordinal) ? plural[..^2]
            : plural.EndsWith('s') ? plural[..^1] : plural;

        /// <summary>A summary is one line; a longer XML comment moves to the description.</summary>
        static string Summary(OpenApiOperation operation)
        {
            var text = (operation.Summary ?? "").ReplaceLineEndings(" ").Trim();
            if (text.Length <= 160) return text;
            operation.Description = string.IsNullOrEmpty(operation.Description) ? text : text + "\n\n" + operation.Description;
            var end = text.IndexOf(". ", StringComparison.Ordinal);
            return end > 0 && end < 160 ? text[..(end + 1)] : text[..157] + "…";
        }

        static string Description(string? given, bool command, bool readModel, bool versioned)
        {
            var notes = new List<string>();
            if (!string.IsNullOrWhiteSpace(given)) notes.Add(given.Trim());
            if (command)
                notes.Add("A command: the answer carries the resource's version as `ETag` and the log position of its last event as " +
                          "`Ecosystem-Position`. Send `If-Match` with an ETag to refuse the command (412) if the resource changed meanwhile; " +
                          "send `Idempotency-Key` to make a retry return the first answer instead of acting twice.");
            if (readModel)
                notes.Add("Served from a read model that trails writes by milliseconds: pass a position you were given (`?position=` or the " +
                          "`Ecosystem-Position` header) to wait until it is applied; `Ecosystem-Consistency` says whether it was.");
            if (versioned) notes.Add("`ETag` carries the resource's version.");
            return notes.Count == 0 ? "See the summary." : string.Join("\n\n", notes);
        }
    }

    /// <summary>
    /// Response bodies always carry every field (nulls are written, never left out), so every property of a schema
    /// that is not a request body is required; request bodies keep the fields their validation requires.
    /// A nullable object reference becomes "that object or null".
    /// </summary>
    public sealed class ResponseSchemas : ISchemaFilter
    {
        static readonly NullabilityInfoContext Nullability = new();

        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete) return;
            var request = context.Type.Name.EndsWith("Request", StringComparison.Ordinal);
            if (!request) concrete.Required = new SortedSet<string>(concrete.Properties.Keys, StringComparer.Ordinal);
            foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                if (!concrete.Properties.TryGetValue(name, out var declared) || declared is not OpenApiSchemaReference) continue;
                // A request field declared nullable in C# only to detect its absence is still required, and null is refused.
                if (request && property.IsDefined(typeof(System.ComponentModel.DataAnnotations.RequiredAttribute), true)) continue;
                var nullable = Nullable.GetUnderlyingType(property.PropertyType) is not null
                               || (!property.PropertyType.IsValueType && Nullability.Create(property).ReadState == NullabilityState.Nullable);
                if (nullable) concrete.Properties[name] = new OpenApiSchema { OneOf = [declared, new OpenApiSchema { Type = JsonSchemaType.Null }] };
            }
        }
    }

    /// <summary>The document as a whole: servers, tags with descriptions, the problem schema, the shared headers and parameters.</summary>
    public sealed class Document : IDocumentFilter
    {
        public void Apply(OpenApiDocument document, DocumentFilterContext context)
        {
            document.Servers =
            [
                new OpenApiServer { Url = "/", Description = "The host serving this document." },
                new OpenApiServer { Url = "http://127.0.0.1:8080", Description = "A local service started by ops/run." },
            ];
            var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
                .Select(t => t.Name).OfType<string>().ToHashSet();
            document.Tags = new HashSet<OpenApiTag>(used.Order().Select(name => new OpenApiTag { Name = name, Description = OpenApi.Tags.GetValueOrDefault(name) }));

            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = ProblemDetails();
            document.Components.Schemas.Remove("Microsoft.AspNetCore.Mvc.ProblemDetails");
            document.Components.Schemas.Remove("Microsoft.AspNetCore.Http.HttpValidationProblemDetails");

            var uuid = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" };
            var position = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" };
            document.Components.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["X-Correlation-Id"] = Header("The request's correlation id (the one it carried, or a new one), stored in the metadata of every event it causes.", uuid, required: false),
                ["ETag"] = Header("The resource's stream version, quoted (`\"3\"`); send it back as `If-Match`.",
                    new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^\"[0-9]+\"$" }, required: true),
                ["Ecosystem-Position"] = Header("The log position of the last event the command recorded (absent when it recorded none); pass it to a read to see this write.", position, required: false),
                ["Ecosystem-Consistency"] = Header("Whether the read model had applied the position the request named (absent when it named none).",
                    new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("caught-up"), JsonValue.Create("stale")] }, required: false),
                ["Location"] = Header("Where the resource created (or the status to follow) is read.", new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" }, required: true),
                ["Retry-After"] = Header("Seconds to wait before retrying.", new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" }, required: true),
                ["Retry-After-Optional"] = Header("Seconds to wait before retrying (`idempotency.in-progress`).", new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" }, required: false),
                ["Idempotency-Replayed"] = Header("`true` when this is the kept answer to an earlier request with the same `Idempotency-Key`.",
                    new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("true")] }, required: false),
            };
            document.Components.Parameters = new Dictionary<string, IOpenApiParameter>
            {
                ["X-Correlation-Id"] = Parameter("X-Correlation-Id", ParameterLocation.Header, "A correlation id to record with the events this request causes; one is made when absent or not a UUID.", uuid),
                ["Idempotency-Key"] = Parameter("Idempotency-Key", ParameterLocation.Header, "1–200 visible ASCII characters. The first request with this key (per API key) acts; " +
                    "for 24 hours a repeat gets the first answer back with `Idempotency-Replayed: true`.",
                    new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 200, Pattern = "^[!-~]+$" }),
                ["If-Match"] = Parameter("If-Match", ParameterLocation.Header, "An `ETag` this API returned (`\"3\"`, or `W/\"3\"`): the command acts only if the resource is still at that version, else 412.",
                    new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^(W/)?\"[0-9]+\"$|^\\*$" }),
                ["position"] = Parameter("position", ParameterLocation.Query, "A log position returned in `Ecosystem-Position`: the read waits (bounded) until its read model has applied it. " +
                    "Beyond the newest event stored is a 400.", position),
                ["Ecosystem-Position"] = Parameter("Ecosystem-Position", ParameterLocation.Header, "Same as `?position=`, as a header.", position),
            };
        }

        static OpenApiHeader Header(string description, OpenApiSchema schema, bool required) => new() { Description = description, Schema = schema, Required = required };

        static OpenApiParameter Parameter(string name, ParameterLocation where, string description, OpenApiSchema schema) =>
            new() { Name = name, In = where, Description = description, Schema = schema, Required = false };

        /// <summary>RFC 9457 problem details as this API writes them: always with a machine-readable <c>code</c>.</summary>
        static OpenApiSchema ProblemDetails() => new()
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 9457 problem. `code` is stable and machine-readable; `errors` (400) names each field or query parameter at fault.",
            Required = new SortedSet<string> { "type", "title", "status", "code" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference", Description = "A URI naming the kind of problem." },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A short summary of the kind of problem." },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "400", Maximum = "599", Description = "The HTTP status." },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong with this request, for a person." },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's path." },
                ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[a-z0-9-]+\\.[a-z0-9.-]+$", Description = "The machine-readable reason, e.g. `cohort.full`." },
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Each field or query parameter at fault, with what is wrong with it.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace id, for the logs." },
            },
        };
    }
}
