using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;

namespace Ecosystem.Bench;

/// <summary>
/// 4. HTTP: the real API process, a write endpoint and a read endpoint at several client counts, each beside the
/// in-process event store doing the same storage work, so that the HTTP and API overhead shows.
/// </summary>
public sealed class HttpBenchmark : IBenchmark
{
    public int Number => 4;
    public string Key => "http";
    public string Title => "HTTP";

    const string LaunchBody = """{"name":"Bench","kind":"accelerator","sectors":["aerospace"],"targetCountries":["IT"],"venue":"OGR","organisation":"OGR Torino"}""";
    static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    public sealed record LevelResult(string Cluster, int Clients, HttpResult Write, Series WriteRate, Series RawAppend, double WriteRatio, HttpResult? Read);

    public List<LevelResult> Results { get; } = [];

    /// <summary>The write measurement again with the API's consumers switched off (what if), or null.</summary>
    public LevelResult? WithoutConsumers { get; private set; }

    /// <summary>Telemetry on against off, same database, alternating windows: (on, off, on ÷ off).</summary>
    public (Series On, Series Off, HttpResult OnWrites, HttpResult OffWrites, double Ratio)? TelemetryCost { get; private set; }

    public async Task RunAsync(IReadOnlyList<BenchContext> clusters, Report report, Section section)
    {
        var context = clusters[0];
        if (context.ApiDll is null) throw new InvalidOperationException("No API build given (--api-dll).");
        var settings = context.Settings;
        var repetitions = HttpRepetitions(settings);

        section.Say("The Release build of `Ecosystem.Api` runs as its own process (`dotnet Ecosystem.Api.dll`) on a free loopback port against a fresh " +
                    "scratch database, with `Ecosystem__LoadDemoData=false`, its other settings at their defaults (so its consumers — projections, " +
                    "reactors — run, as in production), and log level Warning (the API ships no appsettings; at the default Information level the " +
                    "console logger writes two lines per request). It is warmed up before the first measurement. The load client (C#, `HttpClient`, " +
                    "one connection per client, closed loop: each client sends its next request when the previous answer is read) runs in the bench " +
                    $"process on the same machine. Per client count: {settings.HttpWarmupRequests} warm-up requests, then {repetitions} windows of " +
                    $"at most {(settings.HttpWindow / repetitions).TotalSeconds:0.#} s or {Fmt.Int(settings.HttpMaxRequests / repetitions)} requests; " +
                    "requests/s is the median window, latencies are over all measured requests. " +
                    $"Client, API and PostgreSQL share the machine's {Environment.ProcessorCount} cores.");
        section.Say("**Write**: `POST /api/programmes/{id}/partners` with `{\"organisation\":\"X<n>\",\"role\":\"Y\"}` as the admin key. The organisation " +
                    "is numbered because adding the same partner twice is an idempotent repeat that records nothing (the run checks that every " +
                    "answered write recorded one event). Each client writes to its own launched programmes (at most " +
                    $"{settings.EventsPerProgramme} partners each, so streams stay the size of real ones and clients do not race on one stream). " +
                    "Beside it, alternating window by window, **in-process append**: the same command through the product's own code in the bench " +
                    "process — `AggregateStore.HandleAsync` of `AddPartner` (`FetchForWriting` of the inline programme document, `Decide`, the " +
                    "append and the document's update in one transaction; the storage work the endpoint does, without HTTP, auth, validation or the " +
                    "API's consumers), as many writers as clients, each on its own programmes, on the same server (in the bench's own scratch " +
                    "database, where no daemon follows the log). The ratio is the median over windows of HTTP ÷ in-process.");
        section.Say("**Read**: `GET /api/programmes/{id}` on the same programmes, picked at random (served from the API's read model).");
        if (clusters.Count > 1)
            section.Say("On the durable cluster the API is started again on a scratch database there and the write measurement repeated at one client count.");
        section.Say("**What if the API's consumers were off**: the API is then restarted on the same database with `Ecosystem__RunConsumers=false` " +
                    "(no projection or reactor follows the log in that process) and the write measurement repeated at one client count, to show what " +
                    "share of a write's cost is the asynchronous work it triggers.");

        var whatIfClients = settings.HttpClients.Contains(8) ? 8 : settings.HttpClients[^1];
        foreach (var cluster in clusters)
        {
            var durable = cluster != context;
            var database = cluster.Database + "_http";
            var adminKey = "bench_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            await BenchContext.CreateDatabaseAsync(cluster.ServerConnectionString, database);
            try
            {
                var connectionString = cluster.ConnectionStringFor(database);
                await using (var api = await ApiProcess.StartAsync(context.ApiDll, connectionString, adminKey, context.WorkDirectory))
                {
                    if (cluster.Cpu is not null) cluster.Cpu.ApiPid = api.Pid;
                    try
                    {
                        await using var dataSource = NpgsqlDataSource.Create(connectionString);
                        await WarmUpAsync(cluster, api, adminKey);
                        foreach (var clients in durable ? new[] { whatIfClients } : settings.HttpClients)
                            Results.Add(await LevelAsync(cluster, api, dataSource, adminKey, clients, reads: !durable));
                    }
                    finally
                    {
                        if (cluster.Cpu is not null) cluster.Cpu.ApiPid = null;
                    }
                }
                if (durable) continue;
                if (settings.Quick)
                {
                    TelemetryCost = await TelemetryCostAsync(cluster, connectionString, adminKey);
                    continue;
                }

                BenchContext.Out.WriteLine("http: what if the API's consumers were off");
                await using var quiet = await ApiProcess.StartAsync(context.ApiDll, connectionString, adminKey, context.WorkDirectory,
                    new Dictionary<string, string> { ["Ecosystem__RunConsumers"] = "false" });
                if (cluster.Cpu is not null) cluster.Cpu.ApiPid = quiet.Pid;
                try
                {
                    await using var dataSource = NpgsqlDataSource.Create(connectionString);
                    await WarmUpAsync(cluster, quiet, adminKey);
                    WithoutConsumers = await LevelAsync(cluster, quiet, dataSource, adminKey, whatIfClients, reads: false);
                }
                finally
                {
                    if (cluster.Cpu is not null) cluster.Cpu.ApiPid = null;
                }
                await quiet.DisposeAsync();
                TelemetryCost = await TelemetryCostAsync(cluster, connectionString, adminKey);
            }
            finally
            {
                await BenchContext.DropDatabaseAsync(cluster.ServerConnectionString, database);
            }
        }

        var table = section.AddTable(null, "Cluster", "Endpoint", "Clients", "Requests", "Errors", "Requests/s", "p50 (ms)", "p99 (ms)",
            "In-process append (events/s)", "HTTP ÷ in-process");
        foreach (var r in Results)
        {
            table.Row(r.Cluster, "POST …/partners", r.Clients.ToString(), Fmt.Int(r.Write.Requests), Fmt.Int(r.Write.Errors), Fmt.Rate(r.WriteRate.MedianRate),
                Fmt.Ms(r.Write.P50), Fmt.Ms(r.Write.P99), Fmt.Rate(r.RawAppend.MedianRate), Fmt.Ratio(r.WriteRatio));
            if (r.Read is { } read)
                table.Row(r.Cluster, "GET /api/programmes/{id}", r.Clients.ToString(), Fmt.Int(read.Requests), Fmt.Int(read.Errors), Fmt.Rate(read.PerSecond),
                    Fmt.Ms(read.P50), Fmt.Ms(read.P99), "", "");
        }
        if (WithoutConsumers is { } w)
            table.Row(w.Cluster, "POST …/partners, API consumers off (what if)", w.Clients.ToString(), Fmt.Int(w.Write.Requests), Fmt.Int(w.Write.Errors),
                Fmt.Rate(w.WriteRate.MedianRate), Fmt.Ms(w.Write.P50), Fmt.Ms(w.Write.P99), Fmt.Rate(w.RawAppend.MedianRate), Fmt.Ratio(w.WriteRatio));

        if (context.Cpu is { SeesPostgres: true })
        {
            var cpu = section.AddTable("Where the CPU went (microseconds of CPU per request or per in-process append, all windows; \"machine busy\" is the share of both cores in use, anyone's):",
                "Cluster", "Measurement", "Clients", "Load client / in-process writer", "API process", "PostgreSQL", "Other processes", "Machine busy");
            foreach (var r in Results)
            {
                void Add(string name, CpuPerUnit? c)
                {
                    if (c is null) return;
                    cpu.Row(r.Cluster, name, r.Clients.ToString(), Fmt.Us(c.Bench), Fmt.Us(c.Api), Fmt.Us(c.Postgres), Fmt.Us(c.Other), Fmt.Share(c.MachineBusyShare));
                }
                Add("POST …/partners", r.Write.Cpu?.PerUnit(r.Write.Requests));
                Add("in-process append", r.RawAppend.CpuPerUnit());
                if (r.Read is { } read) Add("GET /api/programmes/{id}", read.Cpu?.PerUnit(read.Requests));
            }
            if (WithoutConsumers is { } quiet)
            {
                var c = quiet.Write.Cpu?.PerUnit(quiet.Write.Requests);
                if (c is not null)
                    cpu.Row(quiet.Cluster, "POST …/partners, API consumers off (what if)", quiet.Clients.ToString(), Fmt.Us(c.Bench), Fmt.Us(c.Api), Fmt.Us(c.Postgres),
                        Fmt.Us(c.Other), Fmt.Share(c.MachineBusyShare));
            }
        }

        if (TelemetryCost is { } t)
        {
            section.Say("**Telemetry's cost**: two API processes on the same database, one with OpenTelemetry as shipped (metrics from ASP.NET Core, " +
                        "the runtime, Npgsql, Marten, Wolverine and ours, the Prometheus exporter collecting; spans are recorded only when an OTLP " +
                        "endpoint is set, which the benchmark does not set), one with " +
                        "`Ecosystem__Telemetry=false`; both with `Ecosystem__RunConsumers=false` so that neither runs the daemon for the other. The same " +
                        $"write load (8 clients) alternates between them window by window, {t.On.Samples.Count} windows each; the ratio is the median of " +
                        "the paired window ratios (on ÷ off).");
            var cost = section.AddTable(null, "Cluster", "Endpoint", "Telemetry", "Requests/s (median window)", "p50 (ms)", "p99 (ms)", "On ÷ off");
            cost.Row(context.Cluster, "POST …/partners", "on", Fmt.Rate(t.On.MedianRate), Fmt.Ms(t.OnWrites.P50), Fmt.Ms(t.OnWrites.P99), Fmt.Ratio(t.Ratio));
            cost.Row(context.Cluster, "POST …/partners", "off", Fmt.Rate(t.Off.MedianRate), Fmt.Ms(t.OffWrites.P50), Fmt.Ms(t.OffWrites.P99), "");
            report.Targets.Add(new TargetCheck($"Telemetry costs ≤ 5% of the HTTP write rate at 8 clients ({context.Cluster} cluster)",
                $"{(1 - t.Ratio) * 100:0.#}% ({Fmt.Rate(t.On.MedianRate)} on vs {Fmt.Rate(t.Off.MedianRate)} /s off)", t.Ratio >= 0.95,
                $"p99 {Fmt.Ms(t.OnWrites.P99)} ms on, {Fmt.Ms(t.OffWrites.P99)} ms off"));
        }

        foreach (var cluster in clusters)
        {
            var mine = Results.Where(r => r.Cluster == cluster.Cluster).ToList();
            if (mine.Count == 0) continue;
            var at8 = mine.FirstOrDefault(r => r.Clients == 8) ?? mine[^1];
            report.Targets.Add(new TargetCheck($"HTTP write ≥ 0.5× in-process append rate at {at8.Clients} clients ({cluster.Cluster} cluster)",
                $"{Fmt.Ratio(at8.WriteRatio)} ({Fmt.Rate(at8.WriteRate.MedianRate)} vs {Fmt.Rate(at8.RawAppend.MedianRate)} /s)", at8.WriteRatio >= 0.5,
                "in-process: AggregateStore.HandleAsync of the same command"));
            report.Targets.Add(new TargetCheck($"HTTP write p99 ≤ 20 ms at {at8.Clients} clients ({cluster.Cluster} cluster)", $"{Fmt.Ms(at8.Write.P99)} ms", at8.Write.P99 <= 20,
                $"p50 {Fmt.Ms(at8.Write.P50)} ms" + (WithoutConsumers is { } q && q.Cluster == cluster.Cluster ? $"; with the API's consumers off (what if): p99 {Fmt.Ms(q.Write.P99)} ms" : "")));
        }

        var failed = Results.Append(WithoutConsumers).SelectMany(r => r is null ? [] : new[] { r.Write, r.Read }).FirstOrDefault(h => h is { Errors: > 0 });
        if (failed is not null) throw new InvalidOperationException($"{failed.Errors} HTTP request(s) failed; first: {failed.FirstError}");
    }

    static int HttpRepetitions(BenchSettings settings) => settings.Quick ? 1 : 3;

    /// <summary>The write load against telemetry on and off, alternating, on the same database.</summary>
    async Task<(Series, Series, HttpResult, HttpResult, double)> TelemetryCostAsync(BenchContext context, string connectionString, string adminKey)
    {
        var settings = context.Settings;
        const int clients = 8;
        var repetitions = settings.Quick ? 1 : 5;
        var window = settings.HttpWindow / 3;
        var maxRequests = settings.HttpMaxRequests / 3;
        BenchContext.Out.WriteLine("http: telemetry on against off");
        // Neither runs the daemon, so the read models fall behind: readiness must not wait for them.
        var quiet = new Dictionary<string, string> { ["Ecosystem__RunConsumers"] = "false", ["Ecosystem__MaxConsumerLagSeconds"] = "1000000" };
        await using var on = await ApiProcess.StartAsync(context.ApiDll!, connectionString, adminKey, context.WorkDirectory, quiet);
        await using var off = await ApiProcess.StartAsync(context.ApiDll!, connectionString, adminKey, context.WorkDirectory,
            new Dictionary<string, string>(quiet) { ["Ecosystem__Telemetry"] = "false" });
        await WarmUpAsync(context, on, adminKey);
        await WarmUpAsync(context, off, adminKey);

        async Task<(HttpClient Http, Func<int, long, HttpRequestMessage> Write)> LoadFor(ApiProcess api)
        {
            var http = HttpLoad.CreateClient(api.BaseAddress, clients);
            http.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
            var perClient = (int)Math.Ceiling((double)(maxRequests * repetitions + settings.HttpWarmupRequests) / clients / settings.EventsPerProgramme);
            var programmes = new Guid[clients][];
            for (var c = 0; c < clients; c++)
            {
                programmes[c] = new Guid[Math.Max(1, perClient)];
                for (var i = 0; i < programmes[c].Length; i++) programmes[c][i] = await LaunchAsync(http);
            }
            long sent = 0;
            return (http, (c, _) =>
            {
                var n = Interlocked.Increment(ref sent);
                return PartnerRequest(programmes[c][n % programmes[c].Length], $"T{n}");
            });
        }

        var (onHttp, onWrite) = await LoadFor(on);
        var (offHttp, offWrite) = await LoadFor(off);
        using (onHttp)
        using (offHttp)
        {
            var (onSeries, offSeries) = (new Series("telemetry on"), new Series("telemetry off"));
            var (onResults, offResults) = (new List<HttpResult>(), new List<HttpResult>());
            async Task Window(HttpClient http, Func<int, long, HttpRequestMessage> write, Series series, List<HttpResult> results)
            {
                var result = await HttpLoad.RunAsync(http, clients, window, maxRequests, write, null);
                if (result.Errors > 0) throw new InvalidOperationException($"Telemetry-cost writes failed; first: {result.FirstError}");
                results.Add(result);
                series.Samples.Add(new Sample(result.Requests - result.Errors, result.Requests, result.Elapsed, null));
            }
            await HttpLoad.RunAsync(onHttp, clients, window, settings.HttpWarmupRequests, onWrite, null);
            await HttpLoad.RunAsync(offHttp, clients, window, settings.HttpWarmupRequests, offWrite, null);
            for (var r = 0; r < repetitions; r++)
            {
                if (r % 2 == 0) { await Window(onHttp, onWrite, onSeries, onResults); await Window(offHttp, offWrite, offSeries, offResults); }
                else { await Window(offHttp, offWrite, offSeries, offResults); await Window(onHttp, onWrite, onSeries, onResults); }
            }
            return (onSeries, offSeries, HttpResult.Merge(onResults), HttpResult.Merge(offResults), onSeries.PairedRatio(offSeries, s => s.UnitsPerSecond));
        }
    }

    /// <summary>Brings the fresh API past JIT and connection start-up: writes and reads on programmes of its own.</summary>
    static async Task WarmUpAsync(BenchContext context, ApiProcess api, string adminKey)
    {
        var settings = context.Settings;
        const int clients = 4;
        using var http = HttpLoad.CreateClient(api.BaseAddress, clients);
        http.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
        var requests = settings.HttpWarmupRequests * 2;
        var programmes = new Guid[Math.Max(1, requests / settings.EventsPerProgramme + 1)];
        for (var i = 0; i < programmes.Length; i++) programmes[i] = await LaunchAsync(http);
        var writes = await HttpLoad.RunAsync(http, clients, settings.HttpWindow * 2, requests,
            (_, n) => PartnerRequest(programmes[n % programmes.Length], $"W{n}"), null);
        var reads = await HttpLoad.RunAsync(http, clients, settings.HttpWindow * 2, requests,
            (_, n) => new HttpRequestMessage(HttpMethod.Get, $"api/programmes/{programmes[n % programmes.Length]}"), null);
        if (writes.Errors + reads.Errors > 0) throw new InvalidOperationException($"Warm-up requests failed; first: {writes.FirstError ?? reads.FirstError}");
    }

    static HttpRequestMessage PartnerRequest(Guid programme, string organisation) =>
        new(HttpMethod.Post, $"api/programmes/{programme}/partners")
        {
            Content = new StringContent($$"""{"organisation":"{{organisation}}","role":"Y"}""", JsonType),
        };

    async Task<LevelResult> LevelAsync(BenchContext context, ApiProcess api, NpgsqlDataSource apiDataSource, string adminKey, int clients, bool reads)
    {
        var settings = context.Settings;
        var repetitions = HttpRepetitions(settings);
        var window = settings.HttpWindow / repetitions;
        var maxRequests = settings.HttpMaxRequests / repetitions;
        BenchContext.Out.WriteLine($"http ({context.Cluster}): {clients} client(s)");
        using var http = HttpLoad.CreateClient(api.BaseAddress, clients);
        http.DefaultRequestHeaders.Add("X-Api-Key", adminKey);

        // Programmes for this level: each client owns its own, each receives at most EventsPerProgramme partners.
        var perClient = (int)Math.Ceiling((double)(settings.HttpMaxRequests + settings.HttpWarmupRequests) / clients / settings.EventsPerProgramme);
        var programmes = new Guid[clients][];
        for (var c = 0; c < clients; c++)
        {
            programmes[c] = new Guid[Math.Max(1, perClient)];
            for (var i = 0; i < programmes[c].Length; i++) programmes[c][i] = await LaunchAsync(http);
        }
        var all = programmes.SelectMany(p => p).ToArray();

        long sent = 0; // numbers the partners across warm-up and windows, so that every write records an event
        HttpRequestMessage Write(int c, long _)
        {
            var n = Interlocked.Increment(ref sent);
            var own = programmes[c];
            return PartnerRequest(own[n % own.Length], $"X{n}");
        }
        HttpRequestMessage Read(int c, long n) => new(HttpMethod.Get, $"api/programmes/{all[Random.Shared.Next(all.Length)]}");

        // In-process: the same command through the product's aggregate store, in the bench's scratch database.
        var writers = Enumerable.Range(0, clients).Select(_ => new AppendBenchmark.ProgrammeWriter()).ToArray();
        async Task<int> RawAppend(int w)
        {
            await writers[w].AddPartnerAsync(context.Product.Aggregates, settings.EventsPerProgramme);
            return 1;
        }

        var warmup = await HttpLoad.RunAsync(http, clients, settings.HttpWindow, settings.HttpWarmupRequests, Write, null);
        if (warmup.Errors > 0) throw new InvalidOperationException($"Warm-up writes failed; first: {warmup.FirstError}");
        await Measure.WindowAsync(clients, settings.Warmup, RawAppend, maxOperations: settings.HttpWarmupRequests);

        var writes = new List<HttpResult>();
        var writeRate = new Series("POST …/partners");
        var raw = new Series("in-process append");
        for (var r = 0; r < repetitions; r++)
        {
            async Task HttpWindow()
            {
                var result = await HttpLoad.RunAsync(http, clients, window, maxRequests, Write, context.Cpu);
                writes.Add(result);
                writeRate.Samples.Add(new Sample(result.Requests - result.Errors, result.Requests, result.Elapsed, result.Cpu));
            }
            async Task RawWindow() => raw.Samples.Add(await Measure.WindowAsync(clients, window, RawAppend, maxOperations: maxRequests, cpu: context.Cpu));
            if (r % 2 == 0) { await RawWindow(); await HttpWindow(); }
            else { await HttpWindow(); await RawWindow(); }
        }
        var write = HttpResult.Merge(writes);

        // Every answered write must have recorded one event: the programmes' versions add up to launches + writes.
        await using (var check = apiDataSource.CreateCommand("select coalesce(sum(version), 0)::bigint from mt_streams where id = any($1)"))
        {
            check.Parameters.Add(new() { Value = all });
            var versions = (long)(await check.ExecuteScalarAsync())!;
            var answered = warmup.Requests - warmup.Errors + write.Requests - write.Errors;
            if (versions - all.Length != answered)
                throw new InvalidOperationException($"The write endpoint recorded {versions - all.Length} events for {answered} answered requests.");
        }

        HttpResult? read = null;
        if (reads)
        {
            await HttpLoad.RunAsync(http, clients, settings.HttpWindow, settings.HttpWarmupRequests, Read, null);
            var windows = new List<HttpResult>();
            for (var r = 0; r < repetitions; r++) windows.Add(await HttpLoad.RunAsync(http, clients, window, maxRequests, Read, context.Cpu));
            read = HttpResult.Merge(windows);
        }
        return new LevelResult(context.Cluster, clients, write, writeRate, raw, writeRate.PairedRatio(raw, s => s.UnitsPerSecond), read);
    }

    static async Task<Guid> LaunchAsync(HttpClient http)
    {
        using var response = await http.PostAsync("api/programmes", new StringContent(LaunchBody, JsonType));
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 201) throw new InvalidOperationException($"Launching a programme answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetGuid();
    }
}
