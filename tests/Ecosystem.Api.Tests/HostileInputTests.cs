using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.Journeys;
using static Ecosystem.Api.Tests.MoreJourneys;

namespace Ecosystem.Api.Tests;

/// <summary>
/// Every route of the OpenAPI document, sent hostile requests generated from its schema: NUL characters, strings and
/// lists beyond their limits, unknown fields, numbers as strings, ids that name nothing or another kind of resource,
/// and bad paging, versions and times. None may fail with a 5xx, every 4xx is a problem, and nothing changes.
/// (A NUL in the path never reaches the app: the server's URL decoder refuses it with a bare 400.)
/// </summary>
public sealed class HostileInputTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task No_hostile_request_to_any_documented_route_fails_or_changes_anything()
    {
        var fixtures = await HostileFixtures.CreateAsync(api);
        var before = await fixtures.SnapshotAsync();
        var document = JsonNode.Parse(await (await api.Client().GetAsync("/swagger/v1/swagger.json")).Content.ReadAsStringAsync())!;
        var requests = new HostileRequests(document, fixtures).All().ToList();

        var failures = new List<string>();
        foreach (var request in requests)
        {
            // Headers first: a live stream that accepted the request never ends, and answering it with 200 is the judgement.
            using var response = await api.Admin.SendAsync(request.Message(), HttpCompletionOption.ResponseHeadersRead);
            if (await JudgeAsync(request, response) is { } failure) failures.Add(failure);
        }

        Assert.True(requests.Count > 1000, $"only {requests.Count} hostile requests generated");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests.Count} hostile requests were mishandled:\n{string.Join("\n", failures.Take(40))}");
        Assert.Equal(before, await fixtures.SnapshotAsync());
    }

    [Theory]
    [InlineData("2026-01-01T10:00:00%2B05:30")]
    [InlineData("2026-01-01T10:00:00+05:30")]
    [InlineData("2026-01-01T04:30:00Z")]
    [InlineData("2026-01-01T04:30:00")]
    public async Task An_as_of_time_with_any_offset_is_answered_as_that_instant(string asOf)
    {
        var programme = await LaunchAsync(api.Admin);
        var problem = await Problem(await api.Admin.GetAsync($"/api/programmes/{programme}?asOf={asOf}"), HttpStatusCode.NotFound, "resource.not-yet-existing");
        Assert.Contains("did not exist yet at 2026-01-01T04:30:00", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_startup_read_as_of_a_time_before_it_was_registered_says_it_did_not_exist_yet()
    {
        var startup = await RegisterAsync(api.Admin);
        var problem = await Problem(await api.Admin.GetAsync($"/api/startups/{startup}?asOf=2000-01-01T00:00:00Z"), HttpStatusCode.NotFound, "resource.not-yet-existing");
        Assert.Contains("did not exist yet", problem["detail"]!.GetValue<string>());

        var now = DateTimeOffset.UtcNow.AddHours(1).ToOffset(TimeSpan.FromHours(5.5)).ToString("yyyy-MM-ddTHH:mm:sszzz");
        var current = await Json(await api.Admin.GetAsync($"/api/startups/{startup}?asOf={Uri.EscapeDataString(now)}"), HttpStatusCode.OK);
        Assert.Equal(startup.ToString(), current["startupId"]?.GetValue<string>() ?? current["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("version=0", "version")]
    [InlineData("version=-3", "version")]
    [InlineData("version=abc", "version")]
    [InlineData("asOf=yesterday", "asOf")]
    public async Task A_bad_version_or_time_is_a_400_naming_the_parameter(string query, string parameter)
    {
        var programme = await LaunchAsync(api.Admin);
        var problem = await Problem(await api.Admin.GetAsync($"/api/programmes/{programme}?{query}"), HttpStatusCode.BadRequest);
        Assert.Contains(parameter, problem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Theory]
    [InlineData("/api/programmes", "limit=0", "limit")]
    [InlineData("/api/startups", "limit=201", "limit")]
    [InlineData("/api/hub-offices", "offset=-1", "offset")]
    [InlineData("/api/urban-testing/use-cases", "limit=abc", "limit")]
    [InlineData("/api/programmes", "sector=a%00b", "sector")]
    [InlineData("/api/startups", "position=-1", "position")]
    public async Task Paging_and_filters_out_of_range_are_a_400_naming_the_parameter(string path, string query, string parameter)
    {
        var problem = await Problem(await api.Admin.GetAsync($"{path}?{query}"), HttpStatusCode.BadRequest);
        Assert.Contains(parameter, problem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task A_nul_character_in_a_body_is_a_400_naming_the_field_and_stores_nothing()
    {
        var programme = await LaunchAsync(api.Admin);
        var response = await api.Admin.PostAsync($"/api/programmes/{programme}/partners",
            new StringContent("""{"organisation":"ESA\u0000","role":"x"}""", Encoding.UTF8, "application/json"));
        var problem = await Problem(response, HttpStatusCode.BadRequest, "request.invalid");
        Assert.Contains("organisation", problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(1, (await Json(await api.Admin.GetAsync($"/api/programmes/{programme}"), HttpStatusCode.OK))["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_unknown_field_or_a_number_as_a_string_is_a_400_naming_it()
    {
        var programme = await LaunchAsync(api.Admin);
        var unknown = await Problem(await api.Admin.PostAsJsonAsync($"/api/programmes/{programme}/partners", new { organisation = "ESA", role = "x", admin = true }),
            HttpStatusCode.BadRequest, "request.malformed");
        Assert.Contains("admin", unknown["errors"]!.AsObject().Select(e => e.Key));

        var quoted = await Problem(await api.Admin.PostAsJsonAsync($"/api/programmes/{programme}/cohorts",
            new { edition = "1", capacity = "5", startsOn = "2027-01-10", endsOn = "2027-03-10" }), HttpStatusCode.BadRequest, "request.malformed");
        Assert.Contains("capacity", quoted["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task A_list_beyond_its_limit_is_a_400_naming_it()
    {
        var response = await api.Admin.PostAsJsonAsync("/api/programmes", new
        {
            name = "Too broad", kind = "accelerator", sectors = Enumerable.Range(0, 60_000).Select(i => $"s{i}").ToArray(),
            venue = "OGR Torino", organisation = "OGR Torino",
        });
        var problem = await Problem(response, HttpStatusCode.BadRequest, "request.invalid");
        Assert.Contains("sectors", problem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task A_nested_field_out_of_range_is_named_by_its_json_path()
    {
        var response = await api.Admin.PostAsJsonAsync("/api/programmes", new
        {
            name = "EU Business Hub", kind = "internationalisation", sectors = new[] { "aerospace" }, venue = "Torino", organisation = "OGR Torino",
            eligibility = new { hqInEu = true, minYearsSme = 500, minYearsStartup = 1 },
        });
        var problem = await Problem(response, HttpStatusCode.BadRequest, "request.invalid");
        Assert.Contains("eligibility.minYearsSme", problem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task An_unknown_milestone_of_a_known_participation_is_a_404_and_stores_nothing()
    {
        var (programme, cohort) = await ProgrammeWithOpenCallAsync(api.Admin);
        var startup = await ShortlistedAsync(api.Admin, programme, cohort);
        var version = (await Json(await api.Admin.GetAsync($"/api/startups/{startup}"), HttpStatusCode.OK))["version"]!.GetValue<int>();

        await Problem(await StepAsync(api.Admin, startup, cohort, $"milestones/{Guid.NewGuid()}/achieved"), HttpStatusCode.NotFound, "resource.not-found");
        Assert.Equal(version, (await Json(await api.Admin.GetAsync($"/api/startups/{startup}"), HttpStatusCode.OK))["version"]!.GetValue<int>());
    }

    /// <summary>A 5xx, a 4xx that is not a problem (or a 400 that names no field), a refusal that was accepted, or a 409 for an unknown id.</summary>
    static async Task<string?> JudgeAsync(HostileRequest request, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status == 200 && response.Content.Headers.ContentType?.MediaType == "text/event-stream")
            return request.Expect == Expect.Invalid ? $"{request} → 200 event stream (must be refused at the edge with a 400)" : null;
        var text = await response.Content.ReadAsStringAsync();
        var said = $"{request} → {status} {text[..Math.Min(text.Length, 300)]}";
        if (status >= 500) return said;
        if (status >= 400)
        {
            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return $"{said} (not problem+json)";
            var body = JsonNode.Parse(text)!;
            if (body["code"] is null) return $"{said} (no code)";
            if (status == 400 && body["errors"]?.AsObject().Count is null or 0) return $"{said} (a 400 naming no field)";
        }
        return request.Expect switch
        {
            Expect.Invalid when status != 400 => $"{said} (must be refused at the edge with a 400)",
            Expect.NotFound when status is not (404 or 400) => $"{said} (an unknown id must be a 404)",
            Expect.Answered when status >= 400 && status != 404 => $"{said} (should be answered)",
            _ => null,
        };
    }
}

/// <summary>What a request must get: Invalid a 400 naming the field; NotFound a 404 (or a 400); Answered no 4xx but a 404; Anything no 5xx.</summary>
enum Expect { Invalid, NotFound, Answered, Anything }

sealed record HostileRequest(HttpMethod Method, string Path, string? Body, string What, Expect Expect)
{
    public HttpRequestMessage Message() => new(Method, Path)
    {
        Content = Body is null ? null : new StringContent(Body, Encoding.UTF8, "application/json"),
    };

    public override string ToString() => $"{Method} {Path[..Math.Min(Path.Length, 160)]} [{What}]";
}

/// <summary>One resource of each kind, and what they look like: the hostile requests must leave all of it as it was.</summary>
sealed class HostileFixtures
{
    public required ApiFixture Api { get; init; }
    public required Guid Programme { get; init; }
    public required Guid Cohort { get; init; }
    public required Guid Milestone { get; init; }
    public required Guid Startup { get; init; }
    public required Guid Hub { get; init; }
    public required Guid UseCase { get; init; }
    public required Guid ApiKey { get; init; }
    public required Guid Mission { get; init; }
    public required Guid Agreement { get; init; }

    public IReadOnlyList<Guid> All => [Programme, Cohort, Milestone, Startup, Hub, UseCase, ApiKey, Mission, Agreement];

    public static async Task<HostileFixtures> CreateAsync(ApiFixture api)
    {
        var (programme, cohort) = await ProgrammeWithOpenCallAsync(api.Admin);
        var milestone = IdOf(await Json(await CohortStepAsync(api.Admin, programme, cohort, "milestones", new { title = "MVP", dueOn = "2027-01-31" }),
            HttpStatusCode.Created));
        var startup = await ShortlistedAsync(api.Admin, programme, cohort);
        var hub = await HubInKyotoAsync(api.Admin);
        var useCase = await ProposeAsync(api.Admin, startup);
        var key = IdOf(await Json(await api.Admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "hostile", role = "manager", organisations = new[] { "OGR Torino" } }),
            HttpStatusCode.Created));
        var agreement = await SecondWaveJourneys.SignedChambersMouAsync(api.Admin);
        var mission = await SecondWaveJourneys.PlanNagoyaDelegationAsync(api.Admin);
        return new HostileFixtures
        {
            Api = api, Programme = programme, Cohort = cohort, Milestone = milestone, Startup = startup, Hub = hub, UseCase = useCase, ApiKey = key,
            Mission = mission, Agreement = agreement,
        };
    }

    /// <summary>Each fixture's representation and ETag, the API keys, and how many events the store holds.</summary>
    public async Task<IReadOnlyList<string>> SnapshotAsync()
    {
        var seen = new List<string>();
        foreach (var path in new[] { $"/api/programmes/{Programme}", $"/api/startups/{Startup}", $"/api/hub-offices/{Hub}", $"/api/urban-testing/use-cases/{UseCase}", "/api/admin/api-keys",
                     $"/api/missions/{Mission}", $"/api/agreements/{Agreement}" })
        {
            var response = await Api.Admin.GetAsync(path);
            seen.Add($"{path} {(int)response.StatusCode} {response.Headers.ETag} {await response.Content.ReadAsStringAsync()}");
        }
        await using var count = Api.Database.DataSource.CreateCommand("select count(*) from mt_events");
        seen.Add($"events: {await count.ExecuteScalarAsync()}");
        return seen;
    }
}

/// <summary>Hostile requests generated from the OpenAPI document: each breaks exactly one rule of an otherwise valid request.</summary>
sealed class HostileRequests(JsonNode document, HostileFixtures fixtures)
{
    const string LoneSurrogate = "LONE_SURROGATE";
    const int UnlimitedList = 1000;

    public IEnumerable<HostileRequest> All()
    {
        foreach (var (path, operations) in document["paths"]!.AsObject())
            foreach (var (verb, operation) in operations!.AsObject())
            {
                var method = new HttpMethod(verb.ToUpperInvariant());
                var parameters = operation!["parameters"]?.AsArray().Select(p => Parameter(p!)).ToList() ?? [];
                var pathParameters = parameters.Where(p => p["in"]!.GetValue<string>() == "path").Select(p => p["name"]!.GetValue<string>()).ToList();
                var bodySchema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
                var body = bodySchema is null ? null : Example(bodySchema, "body");
                var basePath = Fill(path, pathParameters, null, null);
                var reads = method == HttpMethod.Get;

                foreach (var request in PathIds(method, path, pathParameters, body)) yield return request;
                yield return new(method, $"{basePath}?note=a%00b", body?.ToJsonString(), "NUL in an unknown query parameter", Expect.Invalid);

                if (reads)
                    foreach (var parameter in parameters.Where(p => p["in"]!.GetValue<string>() == "query"))
                        foreach (var (value, expect) in QueryValues(parameter["name"]!.GetValue<string>()))
                            yield return new(method, $"{basePath}?{parameter["name"]}={value}", null, $"{parameter["name"]}={value}", expect);
                if (reads && !path.EndsWith('}'))
                    foreach (var position in new[] { "-1", "abc", "%00", "99999999999999999999" })
                        yield return new(method, $"{basePath}?position={position}", null, $"position={position}", Expect.Anything);

                if (bodySchema is null || body is null) continue;
                foreach (var (mutated, what, expect) in Mutations(body, bodySchema))
                    yield return new(method, basePath, mutated, what, expect);
                foreach (var wrong in new[] { "[]", "\"text\"", "null", "", "{", "{\"a\":1}{" })
                    yield return new(method, basePath, wrong, $"body {wrong}", Expect.Invalid);
            }
    }

    IEnumerable<HostileRequest> PathIds(HttpMethod method, string path, List<string> names, JsonNode? body)
    {
        foreach (var name in names)
        {
            // An auditor's stream history takes any stream's id: only ids of no stream at all are wrong there.
            var wrongIds = path.StartsWith("/api/audit/", StringComparison.Ordinal) ? [Guid.NewGuid(), Guid.Empty] : WrongIds(Right(path, name));
            foreach (var wrong in name == "name" ? ["no-such-thing"] : wrongIds.Select(g => g.ToString()))
                yield return new(method, Fill(path, names, name, wrong), body?.ToJsonString(), $"{name}={wrong}", Expect.NotFound);
        }
    }

    IEnumerable<Guid> WrongIds(Guid right) => fixtures.All.Where(id => id != right).Append(Guid.NewGuid()).Append(Guid.Empty);

    string Fill(string path, List<string> names, string? replaced, string? with)
    {
        foreach (var name in names)
            path = path.Replace($"{{{name}}}", name == replaced ? with! : name == "name" ? NameFor(path) : Right(path, name).ToString());
        return path;
    }

    static string NameFor(string path) => path.Contains("/projections/") ? "programme-roster" : "reactor:waitlist-promotion";

    /// <summary>The fixture a route's id parameter names when the request is right.</summary>
    Guid Right(string path, string name) => name switch
    {
        "cohortId" => fixtures.Cohort,
        "milestoneId" => fixtures.Milestone,
        "programmeId" => fixtures.Programme,
        "proposerStartupId" => fixtures.Startup,
        "streamId" => fixtures.Startup,
        "hubOfficeId" => fixtures.Hub,
        "agreementId" => fixtures.Agreement,
        "targetId" => fixtures.Programme,
        _ when path.StartsWith("/api/programmes", StringComparison.Ordinal) => fixtures.Programme,
        _ when path.StartsWith("/api/startups", StringComparison.Ordinal) => fixtures.Startup,
        _ when path.StartsWith("/api/hub-offices", StringComparison.Ordinal) => fixtures.Hub,
        _ when path.StartsWith("/api/urban-testing", StringComparison.Ordinal) => fixtures.UseCase,
        _ when path.StartsWith("/api/admin/api-keys", StringComparison.Ordinal) => fixtures.ApiKey,
        _ when path.StartsWith("/api/missions", StringComparison.Ordinal) => fixtures.Mission,
        _ when path.StartsWith("/api/agreements", StringComparison.Ordinal) => fixtures.Agreement,
        _ => Guid.NewGuid(),
    };

    static IEnumerable<(string Value, Expect Expect)> QueryValues(string name) => name switch
    {
        "limit" => [("0", Expect.Invalid), ("-1", Expect.Invalid), ("201", Expect.Invalid), ("abc", Expect.Invalid), ("1e3", Expect.Invalid),
            ("99999999999", Expect.Invalid), ("%00", Expect.Invalid), ("200", Expect.Answered), ("1", Expect.Answered)],
        "offset" => [("-1", Expect.Invalid), ("abc", Expect.Invalid), ("99999999999", Expect.Invalid), ("%00", Expect.Invalid), ("2147483647", Expect.Answered)],
        "version" => [("0", Expect.Invalid), ("-5", Expect.Invalid), ("abc", Expect.Invalid), ("99999999999999999999", Expect.Invalid), ("%00", Expect.Invalid),
            ("1", Expect.Answered), ("1000000", Expect.Answered)],
        "asOf" => [("2026-01-01T10:00:00%2B05:30", Expect.Anything), ("2026-01-01T10:00:00+05:30", Expect.Anything), ("2099-01-01T10:00:00-03:00", Expect.Answered),
            ("2099-01-01", Expect.Answered), ("1900-01-01T00:00:00Z", Expect.Anything), ("garbage", Expect.Invalid), ("%00", Expect.Invalid),
            ("2026-13-45T99:00:00Z", Expect.Invalid), ("9999-12-31T23:59:59-14:00", Expect.Invalid)],
        "programmeId" => [("not-a-uuid", Expect.Invalid), ("%00", Expect.Invalid), (Guid.NewGuid().ToString(), Expect.Answered)],
        _ => [("a%00b", Expect.Invalid), ("%00", Expect.Invalid), (new string('x', 5000), Expect.Anything), ("%27%3B--", Expect.Anything), ("%ED%A0%80", Expect.Anything)],
    };

    /// <summary>A valid value for a schema: required and optional fields alike, ids naming the fixtures.</summary>
    JsonNode? Example(JsonNode schema, string name)
    {
        schema = Resolve(schema);
        if (schema["enum"] is JsonArray values) return values[0]!.DeepClone();
        return TypeOf(schema) switch
        {
            "object" => new JsonObject((schema["properties"]?.AsObject() ?? []).Select(p => KeyValuePair.Create(p.Key, Example(p.Value!, p.Key)))),
            "array" => new JsonArray(Example(schema["items"]!, name)),
            "integer" => JsonValue.Create(Math.Max(schema["minimum"]?.GetValue<decimal>() ?? 1, 1)),
            "number" => JsonValue.Create(1.5m),
            "boolean" => JsonValue.Create(true),
            "string" => (schema["format"]?.GetValue<string>(), schema["pattern"]?.GetValue<string>()) switch
            {
                ("uuid", _) => JsonValue.Create(Right("", name).ToString()),
                ("date", _) => JsonValue.Create(name == "foundedOn" ? "2021-03-01" : "2027-01-10"),
                ("date-time", _) => JsonValue.Create("2027-01-10T10:00:00Z"),
                ("email", _) => JsonValue.Create("founder@example.com"),
                (_, "^[A-Za-z]{2}$") => JsonValue.Create("IT"),
                (_, "^[A-Za-z]{3}$") => JsonValue.Create("EUR"),
                _ => JsonValue.Create(name == "role" ? "auditor" : "Valid text"),
            },
            _ => null,
        };
    }

    /// <summary>The schema a value must meet when it is not null: the referenced one, or the non-null choice of a nullable one.</summary>
    JsonNode Resolve(JsonNode schema)
    {
        if (schema["oneOf"] is JsonArray choices && choices.FirstOrDefault(c => TypeOf(c!) != "null") is { } value) return Resolve(value);
        return schema["$ref"]?.GetValue<string>() is { } reference ? document["components"]!["schemas"]![reference.Split('/')[^1]]! : schema;
    }

    /// <summary>The type of a non-null value (OpenAPI 3.1 writes a nullable one as ["null", "string"]).</summary>
    static string? TypeOf(JsonNode schema) => schema["type"] switch
    {
        JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null") ?? "null",
        JsonValue type => type.GetValue<string>(),
        _ => null,
    };

    JsonNode Parameter(JsonNode parameter) =>
        parameter["$ref"]?.GetValue<string>() is { } reference ? document["components"]!["parameters"]![reference.Split('/')[^1]]! : parameter;

    /// <summary>Copies of the body, each with one of its values made hostile.</summary>
    IEnumerable<(string Body, string What, Expect Expect)> Mutations(JsonNode root, JsonNode schema)
    {
        foreach (var (path, node, nodeSchema) in Walk(root, schema, "$"))
        {
            var s = Resolve(nodeSchema);
            var type = TypeOf(s);
            if (type == "object")
                yield return (Replace(root, path, n => { var o = n!.DeepClone().AsObject(); o["unexpectedField"] = 1; return o; }), $"unknown field in {path}", Expect.Invalid);
            if (type == "array")
            {
                var count = (s["maxItems"]?.GetValue<int>() ?? UnlimitedList) + 1;
                yield return (Replace(root, path, n => new JsonArray(Enumerable.Range(0, count).Select(_ => n!.AsArray()[0]?.DeepClone()).ToArray())),
                    $"{count} items in {path}", Expect.Invalid);
                yield return (Replace(root, path, _ => JsonValue.Create("not a list")), $"a string for the list {path}", Expect.Invalid);
            }
            if (type is "integer" or "number")
            {
                yield return (Replace(root, path, n => JsonValue.Create(n!.ToJsonString())), $"number as string at {path}", Expect.Invalid);
                yield return (Replace(root, path, _ => JsonValue.Create(1e30)), $"huge number at {path}", Expect.Invalid);
            }
            if (type == "boolean")
                yield return (Replace(root, path, _ => JsonValue.Create("true")), $"boolean as string at {path}", Expect.Invalid);
            if (type == "string")
            {
                var format = s["format"]?.GetValue<string>();
                yield return (Replace(root, path, n => JsonValue.Create($"{n!.GetValue<string>()}\u0000x")), $"NUL in {path}", Expect.Invalid);
                yield return (Replace(root, path, _ => JsonValue.Create(LoneSurrogate)).Replace(LoneSurrogate, "\\ud800"), $"lone surrogate in {path}", Expect.Invalid);
                yield return (Replace(root, path, _ => new JsonObject()), $"object for the string {path}", Expect.Invalid);
                if (s["enum"] is null && format is null or "email")
                {
                    var length = (s["maxLength"]?.GetValue<int>() ?? 100_000) + 1;
                    yield return (Replace(root, path, _ => JsonValue.Create(new string('x', length))), $"{length} characters in {path}", Expect.Invalid);
                }
                if (format == "uuid")
                {
                    var name = path.Split('.')[^1];
                    foreach (var wrong in WrongIds(Right("", name)))
                        yield return (Replace(root, path, _ => JsonValue.Create(wrong.ToString())), $"{path}={wrong}", Expect.NotFound);
                }
                if (format == "date")
                    yield return (Replace(root, path, _ => JsonValue.Create("2027-02-30")), $"no such date at {path}", Expect.Invalid);
            }
        }
    }

    /// <summary>Every node of the body with its path and schema.</summary>
    IEnumerable<(string Path, JsonNode? Node, JsonNode Schema)> Walk(JsonNode? node, JsonNode schema, string path)
    {
        var s = Resolve(schema);
        yield return (path, node, schema);
        if (node is JsonObject o && s["properties"] is JsonObject properties)
            foreach (var (key, child) in o)
                if (properties[key] is { } childSchema)
                    foreach (var inner in Walk(child, childSchema, $"{path}.{key}")) yield return inner;
        if (node is JsonArray { Count: > 0 } a && s["items"] is { } items)
            foreach (var inner in Walk(a[0], items, $"{path}[0]")) yield return inner;
    }

    static string Replace(JsonNode root, string path, Func<JsonNode?, JsonNode?> change)
    {
        if (path == "$") return change(root)!.ToJsonString();
        var copy = root.DeepClone();
        var target = copy;
        var steps = Steps(path).ToList();
        foreach (var step in steps[..^1]) target = step is int i ? target![i] : target![(string)step];
        var last = steps[^1];
        if (last is int index) target!.AsArray()[index] = change(target.AsArray()[index]);
        else target!.AsObject()[(string)last] = change(target.AsObject()[(string)last]);
        return copy.ToJsonString();
    }

    static IEnumerable<object> Steps(string path)
    {
        foreach (var part in path[2..].Split('.'))
        {
            var bracket = part.IndexOf('[');
            yield return bracket < 0 ? part : part[..bracket];
            if (bracket >= 0) yield return int.Parse(part[(bracket + 1)..^1]);
        }
    }
}
