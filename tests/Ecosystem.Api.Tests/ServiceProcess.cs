using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Ecosystem.Tests.Shared;

namespace Ecosystem.Api.Tests;

/// <summary>The real service as a child process on a loopback port, for crash and failover tests.</summary>
public sealed class ServiceProcess : IDisposable
{
    public const string Key = "process-test-admin-key";
    readonly Process process;

    ServiceProcess(Process process, int port)
    {
        this.process = process;
        var address = new Uri($"http://127.0.0.1:{port}");
        Http = new HttpClient(new Contract.Check(address) { InnerHandler = new HttpClientHandler() }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        Http.DefaultRequestHeaders.Add("X-Api-Key", Key);
    }

    /// <summary>A client of this process, with the admin key.</summary>
    public HttpClient Http { get; }

    public int ExitCode => process.ExitCode;

    public static ServiceProcess Start(TestDatabase database, params string[] args) => Start(database, FreePort(), args);

    public static ServiceProcess Start(TestDatabase database, int port, params string[] args) => Start(database, port, new Dictionary<string, string>(), args);

    /// <summary>The service with more environment settings (e.g. Ecosystem__Audit__SigningKey).</summary>
    public static ServiceProcess Start(TestDatabase database, IReadOnlyDictionary<string, string> settings) => Start(database, FreePort(), settings);

    /// <param name="settings">More environment variables (e.g. <c>Ecosystem__RabbitMq</c>).</param>
    public static ServiceProcess Start(TestDatabase database, int port, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ServiceAssembly());
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["ConnectionStrings__Ecosystem"] = database.ConnectionString;
        info.Environment["Ecosystem__AdminApiKey"] = Key;
        info.Environment["Ecosystem__LoadDemoData"] = "false";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in settings) info.Environment[name] = value;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(process, port);
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public Task WaitForExitAsync(TimeSpan timeout) => process.WaitForExitAsync().WaitAsync(timeout);

    /// <summary>Waits until the process serves; bounded generously, since it starts while the parallel tests load the machine.</summary>
    public async Task WaitUntilLiveAsync(int seconds = 120) =>
        await Eventually.WaitUntilAsync(async () => (await TryGetAsync("/health/live"))?.StatusCode == HttpStatusCode.OK, seconds);

    /// <summary>Waits until every consumer has read the whole log, as this process reports it.</summary>
    public async Task WaitUntilConsumersCaughtUpAsync(int seconds = 60) => await Eventually.WaitUntilAsync(async () =>
    {
        var response = await TryGetAsync("/api/admin/consumers");
        if (response?.StatusCode != HttpStatusCode.OK) return false;
        var consumers = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        return consumers.Count > 0 && consumers.All(c => c!["lagEvents"]!.GetValue<long>() == 0);
    }, seconds);

    public async Task<HttpResponseMessage?> TryGetAsync(string path)
    {
        try { return await Http.GetAsync(path); }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return null; }
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
        Http.Dispose();
    }

    /// <summary>The service built beside these tests, in the same configuration.</summary>
    public static string ServiceAssembly()
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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
