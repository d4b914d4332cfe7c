using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ecosystem.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Alba;

namespace Ecosystem.Api.Tests;

/// <summary>The API in-process over a database of its own (one per test class), with helpers for the usual journeys.</summary>
public class ApiFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key";
    readonly TestDatabase database = new();
    IAlbaHost host = null!;

    public TestDatabase Database => database;
    public IServiceProvider Services => host.Services;

    /// <summary>The Alba host, for scenario-style tests.</summary>
    public IAlbaHost Host => host;
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>This fixture's checkpoint signing key (ECDSA P-256, PEM), made for it.</summary>
    public string SigningKeyPath { get; } = Path.Combine(Path.GetTempPath(), $"eco-audit-{Guid.NewGuid():N}.pem");

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        using (var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256))
            await File.WriteAllTextAsync(SigningKeyPath, key.ExportECPrivateKeyPem());
        host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("ConnectionStrings:Ecosystem", database.ConnectionString);
            builder.UseSetting("Ecosystem:AdminApiKey", AdminKey);
            builder.UseSetting("Ecosystem:LoadDemoData", "false");
            builder.UseSetting("Ecosystem:Audit:SigningKey", SigningKeyPath);
            Configure(builder);
        });
        Admin = Client(AdminKey);
        await Admin.GetAsync("/health/ready");
    }

    /// <summary>Extra settings of a fixture variant.</summary>
    protected virtual void Configure(IWebHostBuilder builder) { }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await database.DisposeAsync();
        File.Delete(SigningKeyPath);
    }

    /// <summary>
    /// A client that reads its own writes: it sends back the highest Ecosystem-Position it has been given. Every
    /// response it receives is checked against the OpenAPI document (<see cref="Contract"/>).
    /// </summary>
    public HttpClient Client(string? apiKey = null)
    {
        var checkedServer = new Contract.Check(host.Server.BaseAddress) { InnerHandler = host.Server.CreateHandler() };
        var client = new HttpClient(new ReadYourWrites { InnerHandler = checkedServer }) { BaseAddress = host.Server.BaseAddress };
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public async Task<HttpClient> ClientWithRole(string role, params string[] organisations)
    {
        var response = await Admin.PostAsJsonAsync("/api/admin/api-keys", new { name = $"{role}-{Guid.NewGuid():N}", role, organisations });
        var body = await Json(response, HttpStatusCode.Created);
        return Client(body["secret"]!.GetValue<string>());
    }

    public static async Task<JsonNode> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    /// <summary>Asserts an RFC 9457 problem with the status and code, and that it leaks no internals.</summary>
    public static async Task<JsonNode> Problem(HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await Json(response, status);
        Assert.Equal((int)status, body["status"]!.GetValue<int>());
        if (code is not null) Assert.Equal(code, body["code"]?.GetValue<string>());
        var text = body.ToJsonString();
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Exception", text);
        return body;
    }

    sealed class ReadYourWrites : DelegatingHandler
    {
        long position;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var seen = Interlocked.Read(ref position);
            if (request.Method == HttpMethod.Get && seen > 0) request.Headers.TryAddWithoutValidation("Ecosystem-Position", seen.ToString());
            var response = await base.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Ecosystem-Position", out var values) && long.TryParse(values.First(), out var p))
                for (var current = Interlocked.Read(ref position); p > current; current = Interlocked.Read(ref position))
                    Interlocked.CompareExchange(ref position, p, current);
            return response;
        }
    }

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
