using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ecosystem.Bench;

/// <summary>
/// The real API process (the Release build, run with `dotnet Ecosystem.Api.dll`) on a free loopback port, against
/// a scratch database. Its output goes to api.log in the run's work directory; its pid to api.pid, so that
/// ops/bench/run can stop it even if the harness dies.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    readonly Process process;
    readonly StreamWriter log;
    readonly string pidFile;
    bool disposed;

    ApiProcess(Process process, StreamWriter log, string pidFile, Uri baseAddress, string adminKey)
    {
        AdminKey = adminKey;
        this.process = process;
        this.log = log;
        this.pidFile = pidFile;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The admin key the process was started with.</summary>
    public string AdminKey { get; }

    /// <summary>From the process's start until /health/ready first answered 200.</summary>
    public TimeSpan ReadyAfter { get; private set; }
    public int Pid => process.Id;

    public static async Task<ApiProcess> StartAsync(string dll, string connectionString, string adminKey, string workDirectory,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        if (!File.Exists(dll)) throw new FileNotFoundException("The API build to benchmark is missing.", dll);
        var port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ConnectionStrings__Ecosystem"] = connectionString;
        start.Environment["Ecosystem__AdminApiKey"] = adminKey;
        start.Environment["Ecosystem__LoadDemoData"] = "false";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // The API ships no appsettings: without this, console logging at Information writes two lines per request.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) start.Environment[name] = value;

        var log = new StreamWriter(Path.Combine(workDirectory, "api.log"), append: true) { AutoFlush = true };
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var pidFile = Path.Combine(workDirectory, "api.pid");
        await File.WriteAllTextAsync(pidFile, process.Id.ToString());
        void Write(string? line)
        {
            if (line is null) return;
            lock (log)
            {
                try { log.WriteLine(line); }
                catch (ObjectDisposedException) { /* a last line after the stop */ }
            }
        }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var api = new ApiProcess(process, log, pidFile, baseAddress, adminKey);
        try
        {
            await api.WaitReadyAsync(TimeSpan.FromSeconds(90));
            api.ReadyAfter = clock.Elapsed;
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
        return api;
    }

    async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The API exited with code {process.ExitCode} before it was ready; see api.log.");
            try
            {
                using var response = await http.GetAsync("health/ready");
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            if (clock.Elapsed > timeout) throw new TimeoutException($"The API was not ready after {timeout.TotalSeconds:0} s; see api.log.");
            await Task.Delay(20);
        }
    }

    static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Stops the API gracefully (SIGTERM), or kills it after 15 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        disposed = true;
        try
        {
            if (!process.HasExited)
            {
                using (var term = Process.Start("kill", ["-TERM", process.Id.ToString()])) await term.WaitForExitAsync();
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try { await process.WaitForExitAsync(patience.Token); }
                catch (OperationCanceledException) { process.Kill(); await process.WaitForExitAsync(); }
            }
        }
        finally
        {
            File.Delete(pidFile);
            process.Dispose();
            lock (log) log.Dispose();
        }
    }
}
