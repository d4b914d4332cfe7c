extern alias JsonEverything;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JsonEverything::Json.Schema;

namespace Ecosystem.Api.Tests;

/// <summary>
/// The OpenAPI document as a contract: every response any test receives passes through <see cref="Check"/>, which
/// finds the operation (method and path template) and fails the request (so the test that made it) when the status
/// is not documented, a required header is missing or malformed (a command without its <c>ETag</c>), or the body does
/// not validate against the documented schema. Server-Sent Events are checked by their headers only.
/// </summary>
public static class Contract
{
    static readonly SemaphoreSlim Loading = new(1, 1);
    static Document? document;

    /// <summary>Where the document the tests saw is written, for the linter and the client generator (ops/contract).</summary>
    public static string DumpPath => Path.Combine(RepoRoot(), ".local", "openapi.json");

    /// <summary>Every (operation, status) the tests received: written beside the document when the run ends, for ops/contract's coverage line.</summary>
    public static readonly ConcurrentDictionary<string, int> Seen = new();

    static Contract() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        if (document is not null) File.WriteAllLines(Path.ChangeExtension(DumpPath, ".seen.txt"), Seen.Select(s => $"{s.Key} {s.Value}").Order());
    };

    public static async Task<Document> DocumentAsync(HttpMessageInvoker server, Uri baseAddress)
    {
        if (document is not null) return document;
        await Loading.WaitAsync();
        try
        {
            if (document is not null) return document;
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, Ecosystem.Api.Infrastructure.OpenApi.DocumentPath));
            using var response = await server.SendAsync(request, CancellationToken.None);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"The OpenAPI document answered {(int)response.StatusCode}.");
            Directory.CreateDirectory(Path.GetDirectoryName(DumpPath)!);
            await File.WriteAllTextAsync(DumpPath, text);
            return document = new Document(JsonNode.Parse(text)!.AsObject());
        }
        finally
        {
            Loading.Release();
        }
    }

    static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ecosystem.sln"))) return dir.FullName;
        return Path.GetTempPath();
    }

    /// <summary>Sits next to the server: sees each response exactly as the service sent it.</summary>
    public sealed class Check(Uri baseAddress) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var response = await base.SendAsync(request, ct);
            var path = request.RequestUri!.AbsolutePath;
            if (path.StartsWith("/swagger", StringComparison.Ordinal) || path == "/metrics") return response; // not API operations
            var contract = await DocumentAsync(new HttpMessageInvoker(InnerHandler!, disposeHandler: false), baseAddress);
            var problems = await contract.ViolationsAsync(request, response);
            if (problems.Count > 0)
                throw new ContractViolation($"{request.Method} {path}{request.RequestUri.Query} answered {(int)response.StatusCode}, against the OpenAPI document:\n  " +
                                            string.Join("\n  ", problems));
            return response;
        }
    }

    public sealed class ContractViolation(string message) : Exception(message);

    public sealed class Document(JsonObject root)
    {
        readonly List<(Regex Pattern, string Template, int Parameters)> paths = root["paths"]!.AsObject()
            .Select(p => (new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+") + "/?$"), p.Key, p.Key.Count(c => c == '{')))
            .OrderBy(p => p.Item3)
            .ToList();
        const string Components = "https://contract.test/components";
        readonly ConcurrentDictionary<string, JsonSchema> schemas = new();
        readonly BuildOptions build = Register(root);
        int built;

        /// <summary>The document's component schemas, built once; each response's schema refers to them.</summary>
        static BuildOptions Register(JsonObject root)
        {
            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
            var definitions = new JsonObject
            {
                ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                ["$defs"] = JsonNode.Parse(root["components"]!["schemas"]!.ToJsonString().Replace("#/components/schemas/", "#/$defs/")),
            };
            JsonSchema.FromText(definitions.ToJsonString(), options, new Uri(Components));
            return options;
        }

        public JsonObject Root => root;

        public async Task<List<string>> ViolationsAsync(HttpRequestMessage request, HttpResponseMessage response)
        {
            var path = request.RequestUri!.AbsolutePath;
            var template = paths.FirstOrDefault(p => p.Pattern.IsMatch(path)).Template;
            if (template is null) return [$"no path of the document matches {path}"];
            var method = request.Method.Method.ToLowerInvariant();
            if (root["paths"]![template]![method] is not JsonObject operation) return [$"the document has no {method} operation on {template}"];
            var status = ((int)response.StatusCode).ToString();
            var id = operation["operationId"]?.GetValue<string>() ?? $"{method} {template}";
            Seen.AddOrUpdate($"{id} {status}", 1, (_, n) => n + 1);
            if ((operation["responses"]?[status] ?? operation["responses"]?["default"]) is not JsonObject documented)
                return [$"status {status} is not documented for {id} (documented: {string.Join(", ", operation["responses"]!.AsObject().Select(r => r.Key))})"];

            var problems = new List<string>();
            foreach (var (name, header) in (documented["headers"] as JsonObject ?? []).Select(h => (h.Key, Resolve(h.Value!))))
            {
                var values = response.Headers.TryGetValues(name, out var v) ? v : response.Content.Headers.TryGetValues(name, out var c) ? c : null;
                if (values is null)
                {
                    if (header["required"]?.GetValue<bool>() == true) problems.Add($"required header {name} is missing");
                    continue;
                }
                var value = string.Join(",", values);
                if (!HeaderValid(value, header["schema"]!.AsObject())) problems.Add($"header {name}: '{value}' does not match {header["schema"]!.ToJsonString()}");
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var content = documented["content"] as JsonObject;
            if (mediaType == "text/event-stream")
            {
                if (content?.ContainsKey(mediaType) != true) problems.Add($"{mediaType} is not documented for {status}");
                return problems;
            }
            var body = await response.Content.ReadAsStringAsync();
            if (content is null || content.Count == 0)
            {
                if (body.Length > 0) problems.Add($"a body ({mediaType}) where the document says none");
                return problems;
            }
            if (body.Length == 0 && request.Method != HttpMethod.Head)
            {
                problems.Add($"no body where the document says {string.Join(" or ", content.Select(c => c.Key))}");
                return problems;
            }
            if (mediaType is null || content[mediaType] is not JsonObject media)
            {
                problems.Add($"content type {mediaType} is not among the documented {string.Join(", ", content.Select(c => c.Key))}");
                return problems;
            }
            // NDJSON is many JSON documents, not one: its lines are checked by the tests that read it.
            if (media["schema"] is not JsonObject schema || !mediaType.EndsWith("json", StringComparison.Ordinal) || mediaType.EndsWith("ndjson", StringComparison.Ordinal))
                return problems;
            var schemaKey = $"{id} {status} {mediaType}";
            var compiled = schemas.GetOrAdd(schemaKey, _ => Compile(schema));
            using var instance = JsonDocument.Parse(body);
            var result = compiled.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
            if (!result.IsValid)
                problems.AddRange((result.Details ?? [result]).Where(d => d.Errors is { Count: > 0 }).Take(8)
                    .SelectMany(d => d.Errors!.Select(e => $"body at '{d.InstanceLocation}' ({d.EvaluationPath}): {e.Value}")));
            if (!result.IsValid && problems.Count == 0) problems.Add("the body does not validate against the documented schema");
            if (problems.Count > 0) problems.Add($"body: {(body.Length > 600 ? body[..600] + "…" : body)}");
            return problems;
        }

        JsonSchema Compile(JsonObject schema)
        {
            var combined = JsonNode.Parse(schema.ToJsonString().Replace("#/components/schemas/", Components + "#/$defs/"))!.AsObject();
            combined["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            lock (build) return JsonSchema.FromText(combined.ToJsonString(), build, new Uri($"https://contract.test/response/{++built}"));
        }

        JsonObject Resolve(JsonNode node) =>
            node["$ref"]?.GetValue<string>() is { } reference
                ? root["components"]!["headers"]![reference.Split('/')[^1]]!.AsObject()
                : node.AsObject();

        static bool HeaderValid(string value, JsonObject schema)
        {
            var type = schema["type"]?.GetValue<string>();
            if (type == "integer" && !long.TryParse(value, out _)) return false;
            if (schema["minimum"] is { } minimum && long.TryParse(value, out var number) && number < minimum.GetValue<long>()) return false;
            if (schema["enum"] is JsonArray options && !options.Any(o => o!.ToString() == value)) return false;
            if (schema["format"]?.GetValue<string>() == "uuid" && !Guid.TryParse(value, out _)) return false;
            if (schema["pattern"]?.GetValue<string>() is { } pattern && !Regex.IsMatch(value, pattern)) return false;
            return true;
        }
    }
}
