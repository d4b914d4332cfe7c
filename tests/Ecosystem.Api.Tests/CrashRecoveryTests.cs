using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Ecosystem.Tests.Shared;

namespace Ecosystem.Api.Tests;

/// <summary>The real service as a process: killed with SIGKILL mid-load, restarted, its read models must equal a fresh rebuild.</summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    const string Key = "crash-test-admin-key";
    readonly TestDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();
    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Killing_the_service_during_a_write_load_leaves_every_read_model_equal_to_a_fresh_rebuild()
    {
        var port = FreePort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);

        using (var first = StartService(port))
        {
            await Eventually.WaitUntilAsync(async () => (await TryGetAsync(http, "/health/live"))?.StatusCode == HttpStatusCode.OK, seconds: 60);
            using var load = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(() => WriteLoadAsync(http, load.Token))).ToList();
            await Eventually.WaitUntilAsync(async () => await CountAsync("select count(*) from mt_events") >= 150, seconds: 60);

            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            load.Cancel();
            await Task.WhenAll(writers);
        }
        Assert.True(await CountAsync("select count(*) from mt_events") >= 150);

        using (var second = StartService(port))
        {
            await Eventually.WaitUntilAsync(async () => (await TryGetAsync(http, "/health/live"))?.StatusCode == HttpStatusCode.OK, seconds: 60);
            await Eventually.WaitUntilAsync(async () =>
            {
                var response = await TryGetAsync(http, "/api/admin/consumers");
                if (response?.StatusCode != HttpStatusCode.OK) return false;
                var consumers = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
                return consumers.Count > 0 && consumers.All(c => c!["lagEvents"]!.GetValue<long>() == 0);
            }, seconds: 60);
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
        var recovered = await Eventually.SnapshotReadModelsAsync(database.DataSource);

        using (var rebuild = StartService(port, "rebuild", "--all"))
        {
            await rebuild.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
            Assert.Equal(0, rebuild.ExitCode);
        }
        var rebuilt = await Eventually.SnapshotReadModelsAsync(database.DataSource);

        Assert.Equal(recovered.Keys.Order(), rebuilt.Keys.Order());
        foreach (var (view, rows) in recovered) Assert.True(rows == rebuilt[view], $"read model {view} differs from a fresh rebuild after the crash");
        Assert.True(await CountAsync("select count(*) from rm.programmes") > 0);
    }

    /// <summary>Launches programmes with partners and startups until cancelled or the service dies.</summary>
    static async Task WriteLoadAsync(HttpClient http, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var launched = await http.PostAsJsonAsync("/api/programmes", new
                {
                    name = "Crash Lab", kind = "accelerator", sectors = new[] { "digital" }, venue = "OGR", organisation = "OGR Torino",
                }, ct);
                if (!launched.IsSuccessStatusCode) continue;
                var id = JsonNode.Parse(await launched.Content.ReadAsStringAsync(ct))!["id"]!.GetValue<string>();
                await http.PostAsJsonAsync($"/api/programmes/{id}/partners", new { organisation = "ESA", role = "committee" }, ct);
                await http.PostAsJsonAsync("/api/startups", new
                {
                    name = "Crash Co (synthetic)", kind = "startup", foundedOn = "2021-01-01", hqCountry = "IT", sectors = new[] { "digital" },
                }, ct);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException)
            {
                if (ct.IsCancellationRequested) return;
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    Process StartService(int port, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ServiceAssembly());
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["ConnectionStrings__Ecosystem"] = database.ConnectionString;
        info.Environment["Ecosystem__AdminApiKey"] = Key;
        info.Environment["Ecosystem__LoadDemoData"] = "false";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The service built beside these tests, in the same configuration.</summary>
    static string ServiceAssembly()
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = testDir.Name;
        var configuration = testDir.Parent!.Name;
        var root = testDir;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Ecosystem.sln"))) root = root.Parent;
        var path = Path.Combine(root!.FullName, "src", "Ecosystem.Api", "bin", configuration, framework, "Ecosystem.Api.dll");
        Assert.True(File.Exists(path), $"build the service first: {path} is missing");
        return path;
    }

    async Task<long> CountAsync(string sql)
    {
        try
        {
            await using var command = database.DataSource.CreateCommand(sql);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    static async Task<HttpResponseMessage?> TryGetAsync(HttpClient http, string path)
    {
        try { return await http.GetAsync(path); }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return null; }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
