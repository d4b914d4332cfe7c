using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Ecosystem.Api.EventStore;
using Ecosystem.Domain.Programmes;
using Npgsql;
using EventLog = Ecosystem.Api.EventStore.EventLog;

namespace Ecosystem.Bench;

/// <summary>
/// 9. Live stream fan-out: milliseconds from an append's return until each of 50 clients of the real API process has the
/// event on <c>/api/events/stream</c>; the baseline is the same stream with one client, in the same process and run.
/// </summary>
public sealed class SseBenchmark : IBenchmark
{
    public int Number => 9;
    public string Key => "sse";
    public string Title => "Live stream (SSE) fan-out latency";

    const int Clients = 50;
    const int AppendsPerSecond = 20;

    public async Task RunAsync(IReadOnlyList<BenchContext> clusters, Report report, Section section)
    {
        var context = clusters[0];
        var window = context.Settings.SseWindow;
        section.Say("Milliseconds from the return of an append (the product's `EventLog.AppendAsync`, one `programme.partner-added` per " +
                    $"transaction, {AppendsPerSecond} appends/s for {window.TotalSeconds:0.#} s) until a client of the Release API process has read the " +
                    "event's `id:` line on `GET /api/events/stream` (one clock: clients and writer are in the bench process), after one untimed " +
                    "event that every client received. The stream wakes on " +
                    "Marten's NOTIFY and sends an event once the daemon's high-water mark has passed it. Baseline: the same with **1** client; " +
                    $"then **{Clients}** clients. p50/p99 over every (client, event) pair. Fast cluster only.");
        var table = section.AddTable(null, "Clients", "Deliveries", "p50 (ms)", "p99 (ms)", "max (ms)", "p99 vs 1 client");
        var (database, api, product) = await StartAsync(context, "_sse");
        try
        {
            var writer = new ProgrammeWriter("Integrators");
            var (baseP50, baseP99, baseMax, baseCount) = await MeasureAsync(api, product.Log, writer, 1, window);
            table.Row("1 (baseline)", Fmt.Int(baseCount), Fmt.Ms(baseP50), Fmt.Ms(baseP99), Fmt.Ms(baseMax), Fmt.Ratio(1));
            var (p50, p99, max, count) = await MeasureAsync(api, product.Log, writer, Clients, window);
            table.Row($"{Clients}", Fmt.Int(count), Fmt.Ms(p50), Fmt.Ms(p99), Fmt.Ms(max), Fmt.Ratio(p99 / baseP99));
            report.Targets.Add(new TargetCheck($"SSE fan-out p99 ≤ 100 ms ({Clients} clients, {AppendsPerSecond} appends/s, fast cluster)",
                $"{Fmt.Ms(p99)} ms", p99 <= 100, $"p50 {Fmt.Ms(p50)} ms; 1 client: p50 {Fmt.Ms(baseP50)}, p99 {Fmt.Ms(baseP99)} ms"));
        }
        finally
        {
            await product.DisposeAsync();
            await api.DisposeAsync();
            await BenchContext.DropDatabaseAsync(context.ServerConnectionString, database);
        }
    }

    static async Task<(double P50, double P99, double Max, int Count)> MeasureAsync(ApiProcess api, EventLog log, ProgrammeWriter writer, int clients, TimeSpan window)
    {
        var returned = new ConcurrentDictionary<long, long>();
        var received = new ConcurrentBag<(long Sequence, long At)>();
        using var stop = new CancellationTokenSource();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients + 1 }) { BaseAddress = api.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Add("X-Api-Key", api.AdminKey);
        var head = await log.HeadPositionAsync();
        using var connected = new CountdownEvent(clients);
        var readers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/events/stream");
            request.Headers.Add("Last-Event-ID", head.ToString());
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
            response.EnsureSuccessStatusCode();
            connected.Signal();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
            try
            {
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                    if (line.StartsWith("id: ", StringComparison.Ordinal)) received.Add((long.Parse(line[4..]), Stopwatch.GetTimestamp()));
            }
            catch (OperationCanceledException) { }
        })).ToList();
        if (!connected.Wait(TimeSpan.FromSeconds(60))) throw new TimeoutException($"only {clients - connected.CurrentCount} of {clients} SSE clients connected");
        // One event every client must receive before the clock starts, so that no first-use cost is measured.
        await UntilReceivedAsync([await writer.AppendAsync(log)], received, clients);
        received.Clear();

        var interval = TimeSpan.FromSeconds(1.0 / AppendsPerSecond);
        var start = Stopwatch.GetTimestamp();
        for (var k = 0; interval * k < window; k++)
        {
            var wait = interval * k - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            var position = await writer.AppendAsync(log);
            returned[position] = Stopwatch.GetTimestamp();
        }
        await UntilReceivedAsync(returned.Keys, received, clients);
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        var latencies = received.Where(r => returned.ContainsKey(r.Sequence))
            .Select(r => Stopwatch.GetElapsedTime(returned[r.Sequence], r.At).TotalMilliseconds).Order().ToArray();
        return (Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), latencies[^1], latencies.Length);
    }

    static async Task UntilReceivedAsync(ICollection<long> sequences, ConcurrentBag<(long Sequence, long At)> received, int clients)
    {
        var wanted = sequences.ToHashSet();
        var deadline = Stopwatch.StartNew();
        while (received.Count(r => wanted.Contains(r.Sequence)) < wanted.Count * clients)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"{received.Count} of {wanted.Count * clients} deliveries after 60 s");
            await Task.Delay(20);
        }
    }

    internal static async Task<(string Database, ApiProcess Api, ProductHost Product)> StartAsync(BenchContext context, string suffix)
    {
        if (context.ApiDll is null) throw new InvalidOperationException("No API build given (--api-dll).");
        var database = context.Database + suffix;
        await BenchContext.CreateDatabaseAsync(context.ServerConnectionString, database);
        var connectionString = context.ConnectionStringFor(database);
        var adminKey = "bench_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var api = await ApiProcess.StartAsync(context.ApiDll, connectionString, adminKey, context.WorkDirectory);
        return (database, api, await ProductHost.StartAsync(connectionString));
    }
}

/// <summary>
/// 10. Feed paging rate: events per second a client gets by following <c>next</c> (<c>after=</c>, 200 per page, the maximum) on
/// <c>GET /api/events</c> of the real API process, against the same pages read with plain SQL from <c>mt_events</c>.
/// </summary>
public sealed class FeedBenchmark : IBenchmark
{
    public int Number => 10;
    public string Key => "feed";
    public string Title => "Feed paging rate";

    const int Limit = 200;

    public async Task RunAsync(IReadOnlyList<BenchContext> clusters, Report report, Section section)
    {
        var context = clusters[0];
        var events = context.Settings.FeedEvents;
        var repetitions = context.Settings.Repetitions;
        section.Say($"A log of {Fmt.Int(events)} events (programmes of 40 events, appended 40 per transaction), read from the start to the end " +
                    $"once by each side (not timed, to warm up), then {repetitions} times by each side, alternating; the median rate is reported. **Feed**: one HTTP client follows `next` on " +
                    $"`GET /api/events?limit={Limit}` of the Release API process (the high-water-mark bound, the JSON rendering and the HTTP " +
                    $"round trip included). **Baseline**: the same pages read with plain SQL (`select … from mt_events where seq_id > $1 order by " +
                    $"seq_id limit {Limit}`, every column the feed returns, the body as text) on one connection in the bench process. Fast cluster only.");
        var table = section.AddTable(null, "Reader", "Events/s (median)", "Runs (events/s)", "Ratio to SQL");
        var (database, api, product) = await SseBenchmark.StartAsync(context, "_feed");
        try
        {
            var writer = new ProgrammeWriter("Integrators");
            long head = 0;
            for (var written = 0; written < events; written += 40) head = await writer.AppendAsync(product.Log, 40);
            using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            http.DefaultRequestHeaders.Add("X-Api-Key", api.AdminKey);
            var wait = Stopwatch.StartNew();
            while ((await PageAsync(http, $"api/events?after={head - 1}&limit=1")).HighWaterMark < head)
            {
                if (wait.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("the daemon's high-water mark did not reach the log's head");
                await Task.Delay(50);
            }

            await ReadFeedAsync(http);
            await ReadSqlAsync(product.DataSource);
            var (feedRates, sqlRates) = (new List<double>(), new List<double>());
            for (var r = 0; r < repetitions; r++)
            {
                foreach (var side in r % 2 == 0 ? new[] { "feed", "sql" } : ["sql", "feed"])
                {
                    var clock = Stopwatch.StartNew();
                    var read = side == "feed" ? await ReadFeedAsync(http) : await ReadSqlAsync(product.DataSource);
                    if (read < head) throw new InvalidOperationException($"{side} read {read} of {head} events");
                    (side == "feed" ? feedRates : sqlRates).Add(read / clock.Elapsed.TotalSeconds);
                }
            }
            var (feed, sql) = (Stats.Median(feedRates), Stats.Median(sqlRates));
            table.Row("SQL on mt_events (baseline)", Fmt.Rate(sql), string.Join(", ", sqlRates.Select(Fmt.Rate)), Fmt.Ratio(1));
            table.Row("`GET /api/events` with `after=`", Fmt.Rate(feed), string.Join(", ", feedRates.Select(Fmt.Rate)), Fmt.Ratio(feed / sql));
            report.Targets.Add(new TargetCheck("Feed paging rate (no target in the issue; reported against plain SQL)", $"{Fmt.Rate(feed)} events/s", null,
                $"{Fmt.Ratio(feed / sql)} of plain SQL ({Fmt.Rate(sql)} events/s)"));
        }
        finally
        {
            await product.DisposeAsync();
            await api.DisposeAsync();
            await BenchContext.DropDatabaseAsync(context.ServerConnectionString, database);
        }
    }

    static async Task<(int Count, string Next, long HighWaterMark)> PageAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        var page = JsonNode.Parse(await response.Content.ReadAsStreamAsync())!;
        return (page["events"]!.AsArray().Count, page["next"]!.GetValue<string>(), page["highWaterMark"]!.GetValue<long>());
    }

    static async Task<long> ReadFeedAsync(HttpClient http)
    {
        var (read, next) = (0L, $"api/events?limit={Limit}");
        while (true)
        {
            var (count, following, _) = await PageAsync(http, next);
            if (count == 0) return read;
            (read, next) = (read + count, following.TrimStart('/'));
        }
    }

    static async Task<long> ReadSqlAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"""
            select seq_id, type, stream_id, version, timestamp, data::text, user_name, correlation_id, causation_id
              from mt_events where seq_id > $1 order by seq_id limit {Limit}
            """, connection);
        var after = new NpgsqlParameter<long> { TypedValue = 0 };
        command.Parameters.Add(after);
        await command.PrepareAsync();
        long read = 0;
        while (true)
        {
            var count = 0;
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                {
                    after.TypedValue = reader.GetInt64(0);
                    _ = (reader.GetString(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5),
                        reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8));
                    count++;
                }
            if (count == 0) return read;
            read += count;
        }
    }
}
