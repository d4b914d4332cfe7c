using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Ecosystem.Api.EventStore;
using Ecosystem.Api.Webhooks;
using Ecosystem.Domain.Programmes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using EventLog = Ecosystem.Api.EventStore.EventLog;

namespace Ecosystem.Bench;

/// <summary>
/// 8. Webhook delivery: from an append's commit to the receiver, through the real API process (Marten's daemon feeding the
/// webhooks consumer, delivery rows, the durable Wolverine queue, signed CloudEvents over HTTP) with 1 and 10 subscriptions.
/// </summary>
public sealed class WebhookBenchmark : IBenchmark
{
    public int Number => 8;
    public string Key => "webhooks";
    public string Title => "Webhook delivery";

    const int Writers = 4;
    const int PerWriterPerSecond = 25;
    static readonly int[] Subscriptions = [1, 10];
    static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(2);

    sealed class Mark(long position, long returnedAt)
    {
        public long Position { get; } = position;
        public long ReturnedAt { get; } = returnedAt;
        public long FannedOutAt { get; set; }
    }

    public async Task RunAsync(IReadOnlyList<BenchContext> clusters, Report report, Section section)
    {
        var context = clusters[0];
        if (context.ApiDll is null) throw new InvalidOperationException("No API build given (--api-dll).");
        var window = context.Settings.Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10);
        section.Say("Milliseconds from an append's return until a webhook receiver has the event. The Release API runs as its own process on a " +
                    "scratch database (fast cluster only), with loopback targets allowed; the receiver is a Kestrel endpoint in the bench process that " +
                    "answers 204 at once. The bench appends with the product's `EventLog.AppendAsync` (a launch, then `programme.partner-added` " +
                    $"events, one per transaction) at {Writers * PerWriterPerSecond} events/s ({Writers} writers × {PerWriterPerSecond}/s, open loop) for " +
                    $"{window.TotalSeconds:0} s, with 1 and then 10 subscriptions taking every event. Latency of a delivery = its first arrival at " +
                    "the receiver minus its append's return (one clock); throughput = deliveries ÷ (last arrival − first append).");
        section.Say("Baseline in the same run: the **fan-out lag**, from the append's return until the webhooks consumer's checkpoint " +
                    $"(`ecosystem.checkpoints`, committed with the delivery rows) was seen past it, polled every {PollEvery.TotalMilliseconds:0} ms. " +
                    "It is what Marten's daemon and our consumer cost before any delivery starts; the ratio shows what delivery adds.");
        var table = section.AddTable(null, "Subscriptions", "Events", "Deliveries", "Deliveries/s", "Delivery p50 (ms)", "Delivery p99 (ms)",
            "Delivery max (ms)", "Fan-out lag p50 / p99 (ms)", "Delivery p99 ÷ fan-out p99");

        var database = context.Database + "_webhooks";
        await BenchContext.CreateDatabaseAsync(context.ServerConnectionString, database);
        try
        {
            var connectionString = context.ConnectionStringFor(database);
            var adminKey = "bench_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            await using var receiver = await Receiver.StartAsync();
            await using var api = await ApiProcess.StartAsync(context.ApiDll, connectionString, adminKey, context.WorkDirectory,
                new Dictionary<string, string> { ["Ecosystem__Webhooks__AllowPrivateTargets"] = "true" });
            await using var product = await ProductHost.StartAsync(connectionString);
            await using var poll = NpgsqlDataSource.Create(connectionString);
            using var http = new HttpClient { BaseAddress = api.BaseAddress };
            http.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
            var writers = Enumerable.Range(0, Writers).Select(_ => new ProgrammeWriter("Webhooks")).ToArray();

            foreach (var count in Subscriptions)
            {
                BenchContext.Out.WriteLine($"webhooks: {count} subscription(s)");
                var ids = new List<string>();
                for (var i = 0; i < count; i++)
                {
                    var response = await http.PostAsJsonAsync("api/integrations/webhooks", new { url = receiver.Url });
                    response.EnsureSuccessStatusCode();
                    ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
                }
                // Warm-up: JIT, connection pools and the receiver's connections, thrown away.
                var warm = await FixedRateAsync(product.Log, writers[..1], 50, TimeSpan.FromMilliseconds(400));
                await receiver.WaitForAsync(warm.Select(m => m.Position), count, TimeSpan.FromSeconds(60));
                receiver.Clear();

                var marks = new List<Mark>();
                using var stop = new CancellationTokenSource();
                var watching = WatchFanOutAsync(poll, marks, TimeSpan.FromSeconds(60) + window, stop.Token);
                var started = Stopwatch.GetTimestamp();
                await FixedRateAsync(product.Log, writers, PerWriterPerSecond, window, marks);
                await stop.CancelAsync();
                await watching;
                await receiver.WaitForAsync(marks.Select(m => m.Position), count, TimeSpan.FromSeconds(60));

                var returned = marks.ToDictionary(m => m.Position);
                var arrivals = receiver.FirstArrivals().Where(a => returned.ContainsKey(a.Sequence)).ToList();
                var latencies = arrivals.Select(a => Stopwatch.GetElapsedTime(returned[a.Sequence].ReturnedAt, a.At).TotalMilliseconds).Order().ToArray();
                var fanOut = marks.Select(m => Stopwatch.GetElapsedTime(m.ReturnedAt, m.FannedOutAt).TotalMilliseconds).Order().ToArray();
                var elapsed = Stopwatch.GetElapsedTime(started, arrivals.Max(a => a.At)).TotalSeconds;
                var (p50, p99) = (Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99));
                var fanOutP99 = Stats.Percentile(fanOut, 99);
                table.Row(Fmt.Int(count), Fmt.Int(marks.Count), Fmt.Int(arrivals.Count), Fmt.Rate(arrivals.Count / elapsed), Fmt.Ms(p50), Fmt.Ms(p99),
                    Fmt.Ms(latencies[^1]), $"{Fmt.Ms(Stats.Percentile(fanOut, 50))} / {Fmt.Ms(fanOutP99)}", Fmt.Ratio(p99 / fanOutP99));
                if (count == 10)
                    report.Targets.Add(new TargetCheck($"Webhook delivery p99 ≤ 250 ms at {Writers * PerWriterPerSecond} events/s with 10 subscriptions (fast cluster)",
                        $"{Fmt.Ms(p99)} ms", p99 <= 250, $"p50 {Fmt.Ms(p50)} ms; {Fmt.Rate(arrivals.Count / elapsed)} deliveries/s"));
                foreach (var id in ids) (await http.DeleteAsync($"api/integrations/webhooks/{id}")).EnsureSuccessStatusCode();
                receiver.Clear();
            }
        }
        finally
        {
            await BenchContext.DropDatabaseAsync(context.ServerConnectionString, database);
        }
    }

    /// <summary>Stamps each mark when the webhooks consumer's checkpoint is first seen at or past it.</summary>
    static async Task WatchFanOutAsync(NpgsqlDataSource dataSource, List<Mark> marks, TimeSpan timeout, CancellationToken stop)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("select coalesce((select position from ecosystem.checkpoints where name = $1), 0)", connection);
        command.Parameters.Add(new() { Value = WebhookFanOut.ConsumerName });
        await command.PrepareAsync();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var position = (long)(await command.ExecuteScalarAsync())!;
            var now = Stopwatch.GetTimestamp();
            Mark[] all;
            lock (marks) all = [.. marks];
            foreach (var mark in all)
                if (mark.FannedOutAt == 0 && mark.Position <= position) mark.FannedOutAt = now;
            if (stop.IsCancellationRequested && all.Length > 0 && all.All(m => m.FannedOutAt != 0)) return;
            if (clock.Elapsed > timeout) throw new TimeoutException($"The webhooks consumer's checkpoint stayed at {position}.");
            await Task.Delay(PollEvery);
        }
    }

    /// <summary>Each writer appends at <paramref name="perSecond"/> for <paramref name="window"/>, its slots staggered against the others'.</summary>
    static async Task<List<Mark>> FixedRateAsync(EventLog log, ProgrammeWriter[] writers, int perSecond, TimeSpan window, List<Mark>? into = null)
    {
        var marks = into ?? [];
        await PacedAppends.RunAsync(log, writers, perSecond, window, (position, before, after) =>
        {
            lock (marks) marks.Add(new Mark(position, after));
        });
        return marks;
    }

    /// <summary>A receiver answering 204 at once; it notes when each (subscription, event) first arrived.</summary>
    sealed class Receiver : IAsyncDisposable
    {
        readonly WebApplication app;
        readonly ConcurrentDictionary<string, (long Sequence, long At)> first = new();

        Receiver(WebApplication app) => this.app = app;

        public string Url { get; private set; } = "";

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/hook", async (HttpContext http) =>
            {
                var at = Stopwatch.GetTimestamp();
                using var body = await JsonDocument.ParseAsync(http.Request.Body);
                var sequence = long.Parse(body.RootElement.GetProperty("sequence").GetString()!);
                receiver.first.TryAdd(http.Request.Headers["webhook-id"].ToString(), (sequence, at));
                return Results.NoContent();
            });
            await app.StartAsync();
            receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
            return receiver;
        }

        public IEnumerable<(long Sequence, long At)> FirstArrivals() => first.Values;

        public void Clear() => first.Clear();

        public async Task WaitForAsync(IEnumerable<long> sequences, int subscriptions, TimeSpan timeout)
        {
            var wanted = sequences.ToHashSet();
            var clock = Stopwatch.StartNew();
            while (first.Values.Count(a => wanted.Contains(a.Sequence)) < wanted.Count * subscriptions)
            {
                if (clock.Elapsed > timeout)
                    throw new TimeoutException($"{first.Values.Count(a => wanted.Contains(a.Sequence))} of {wanted.Count * subscriptions} deliveries arrived.");
                await Task.Delay(50);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
