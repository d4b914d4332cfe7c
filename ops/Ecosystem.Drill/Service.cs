using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Ecosystem.Drill;

/// <summary>
/// The real service (the Release build, `dotnet Ecosystem.Api.dll`) on one loopback port against the scratch database.
/// Each start logs to service-N.log in the evidence directory. An exit the drill did not cause is recorded: the service
/// must outlive a database outage.
/// </summary>
public sealed class Service : IAsyncDisposable
{
    readonly Checkout checkout;
    readonly string connectionString;
    readonly string evidence;
    readonly string adminKey = $"drill-{Guid.NewGuid():N}";
    readonly List<string> unexpectedExits = [];
    Instance? current;
    int starts;

    Service(Checkout checkout, string connectionString, string evidence, int port)
    {
        this.checkout = checkout;
        this.connectionString = connectionString;
        this.evidence = evidence;
        Port = port;
        var handler = new SocketsHttpHandler { UseProxy = false, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(2) };
        Http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        Http.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
    }

    public int Port { get; }

    /// <summary>A client with the admin key, for the load and the checks.</summary>
    public HttpClient Http { get; }

    /// <summary>Exits nobody asked for: "service-2 exited with code 134 at 12.3 s".</summary>
    public IReadOnlyList<string> UnexpectedExits { get { lock (unexpectedExits) return [.. unexpectedExits]; } }

    public static async Task<Service> StartAsync(Checkout checkout, string connectionString, string evidence, CancellationToken ct)
    {
        var service = new Service(checkout, connectionString, evidence, FreeLoopbackPort());
        service.Launch();
        await service.WaitUntilLiveAsync(ct);
        return service;
    }

    public bool Running => current is { Process.HasExited: false };

    public async Task WaitUntilLiveAsync(CancellationToken ct)
    {
        var deadline = DrillClock.Now + TimeSpan.FromSeconds(90);
        while ((await TryGetAsync("/health/live", ct))?.StatusCode != HttpStatusCode.OK)
        {
            if (!Running) throw new InvalidOperationException($"the service exited at start-up; see {current?.LogPath}");
            if (DrillClock.Now > deadline) throw new TimeoutException($"the service was not live within 90 s; see {current?.LogPath}");
            await Task.Delay(100, ct);
        }
    }

    /// <summary>Starts a new process on the same port (the previous one must have exited).</summary>
    public void Launch()
    {
        if (current is { Process.HasExited: true }) current.Dispose();
        var number = ++starts;
        current = Instance.Start(Info(), Path.Combine(evidence, $"service-{number}.log"), $"service-{number}", RecordUnexpectedExit);
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (current is null) return;
        current.Expected = true;
        current.Process.Kill(entireProcessTree: true);
        await current.Process.WaitForExitAsync();
    }

    /// <summary>SIGTERM and a graceful shutdown; SIGKILL if it takes longer than <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (current is null || current.Process.HasExited) return;
        current.Expected = true;
        using (var term = Process.Start("kill", ["-TERM", current.Process.Id.ToString()])) await term.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(grace);
        try { await current.Process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { await KillAsync(); }
    }

    /// <summary>Runs a command-line verb of the service (e.g. rebuild --all) with the service's configuration; returns its exit code.</summary>
    public async Task<int> RunVerbAsync(string logName, TimeSpan limit, CancellationToken ct, params string[] args)
    {
        var info = Info();
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var verb = Instance.Start(info, Path.Combine(evidence, logName), logName, onUnexpectedExit: null);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        try
        {
            await verb.Process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            verb.Process.Kill(entireProcessTree: true);
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException($"'{string.Join(' ', args)}' did not finish within {limit.TotalSeconds:0} s; see {verb.LogPath}");
        }
        verb.Process.WaitForExit();   // drains the output handlers
        return verb.Process.ExitCode;
    }

    public async Task<HttpResponseMessage?> TryGetAsync(string path, CancellationToken ct)
    {
        try { return await Http.GetAsync(path, ct); }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested) { return null; }
    }

    /// <summary>Each consumer's lag and parked streams, as GET /api/admin/consumers reports them; null when the service does not answer.</summary>
    public async Task<JsonArray?> ConsumersAsync(CancellationToken ct)
    {
        using var response = await TryGetAsync("/api/admin/consumers", ct);
        if (response?.StatusCode != HttpStatusCode.OK) return null;
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!.AsArray();
    }

    public async ValueTask DisposeAsync()
    {
        if (current is { Process.HasExited: false }) await KillAsync();
        current?.Dispose();
        Http.Dispose();
    }

    ProcessStartInfo Info()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            // The content root, so the service reads its appsettings.json (log levels) as it does in production.
            WorkingDirectory = Path.GetDirectoryName(checkout.ServiceDll)!,
        };
        info.ArgumentList.Add(checkout.ServiceDll);
        info.Environment["ConnectionStrings__Ecosystem"] = connectionString;
        info.Environment["Ecosystem__AdminApiKey"] = adminKey;
        info.Environment["Ecosystem__LoadDemoData"] = "false";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return info;
    }

    void RecordUnexpectedExit(string name, int code)
    {
        lock (unexpectedExits) unexpectedExits.Add($"{name} exited with code {code} at {DrillClock.Now.TotalSeconds:0.0} s");
    }

    static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>One process with its output copied, line by line and timed, into its log.</summary>
    sealed class Instance : IDisposable
    {
        readonly StreamWriter log;

        Instance(Process process, StreamWriter log, string logPath)
        {
            Process = process;
            this.log = log;
            LogPath = logPath;
        }

        public Process Process { get; }
        public string LogPath { get; }
        /// <summary>Set before the drill stops or kills it.</summary>
        public volatile bool Expected;

        public static Instance Start(ProcessStartInfo info, string logPath, string name, Action<string, int>? onUnexpectedExit)
        {
            var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
            var process = new Process { StartInfo = info, EnableRaisingEvents = true };
            var instance = new Instance(process, log, logPath);
            void Write(string? line)
            {
                if (line is null) return;
                lock (log)
                {
                    try { log.WriteLine($"[{DrillClock.Now.TotalSeconds,7:0.000}] {line}"); }
                    catch (ObjectDisposedException) { }   // a last line after the drill closed the log
                }
            }
            process.OutputDataReceived += (_, e) => Write(e.Data);
            process.ErrorDataReceived += (_, e) => Write(e.Data);
            process.Exited += (_, _) =>
            {
                Write($"-- exited with code {process.ExitCode}");
                if (!instance.Expected) onUnexpectedExit?.Invoke(name, process.ExitCode);
            };
            process.Start();
            Write($"-- {name} started (pid {process.Id})");
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return instance;
        }

        public void Dispose()
        {
            Process.Dispose();
            lock (log) log.Dispose();
        }
    }
}
