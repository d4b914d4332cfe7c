using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Ecosystem.Api.EventStore;
using Ecosystem.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.Journeys;

namespace Ecosystem.Api.Tests;

/// <summary>The service with the fan-out on, publishing to an exchange of its own on the real broker (ops/rabbitmq).</summary>
public sealed class RabbitMqFixture : ApiFixture
{
    public string Exchange { get; } = $"ecosystem.events.test-{Guid.NewGuid():N}";

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Ecosystem:RabbitMq", TestBroker.Uri);
        builder.UseSetting("Ecosystem:RabbitMqExchange", Exchange);
    }
}

public sealed class RabbitMqFanoutTests(RabbitMqFixture api) : IClassFixture<RabbitMqFixture>
{
    [Fact]
    public async Task A_queue_bound_to_the_exchange_receives_every_event_of_the_feed_once_in_log_order_as_a_cloud_event()
    {
        var factory = new ConnectionFactory { Uri = new Uri(TestBroker.Uri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, api.Exchange, routingKey: "");
        var received = Channel.CreateUnbounded<(byte[] Body, IReadOnlyBasicProperties Properties)>();
        var consumer = new AsyncEventingBasicConsumer(channel);
        // The client lends the body only for the callback: copy it.
        consumer.ReceivedAsync += async (_, delivery) => await received.Writer.WriteAsync((delivery.Body.ToArray(), delivery.BasicProperties));
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);

        var (programme, cohort) = await ProgrammeWithOpenCallAsync(api.Admin);
        for (var i = 0; i < 5; i++)
        {
            var startup = await RegisterAsync(api.Admin, $"Fan-out Co {i} (synthetic)");
            await Json(await ApplyAsync(api.Admin, startup, programme, cohort), HttpStatusCode.OK);
        }
        var head = await api.Services.GetRequiredService<EventLog>().HeadPositionAsync();
        var feed = await FeedAsync(await api.ClientWithRole("integrator"), head);

        var messages = new List<(JsonNode Body, IReadOnlyBasicProperties Properties)>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (messages.Count < feed.Count)
        {
            var (body, properties) = await received.Reader.ReadAsync(timeout.Token);
            messages.Add((JsonNode.Parse(Encoding.UTF8.GetString(body))!, properties));
        }

        Assert.Equal(feed.Select(e => e["sequence"]!.GetValue<long>()), messages.Select(m => long.Parse(m.Body["sequence"]!.GetValue<string>())));
        foreach (var (e, (body, properties)) in feed.Zip(messages))
        {
            Assert.Equal("application/cloudevents+json", properties.ContentType);
            Assert.Equal("1.0", body["specversion"]!.GetValue<string>());
            Assert.Equal($"org.ecosystem.{e["type"]!.GetValue<string>()}", body["type"]!.GetValue<string>());
            Assert.Equal(e["streamId"]!.GetValue<string>(), body["subject"]!.GetValue<string>());
            Assert.Equal("urn:ecosystem", body["source"]!.GetValue<string>());
            Assert.Equal("application/json", body["datacontenttype"]!.GetValue<string>());
            Assert.Equal(DateTimeOffset.Parse(e["time"]!.GetValue<string>()), DateTimeOffset.Parse(body["time"]!.GetValue<string>()));
            Assert.True(JsonNode.DeepEquals(e["data"], body["data"]), $"data of event {e["sequence"]} differs from the feed's");
            Assert.True(Guid.TryParse(body["id"]!.GetValue<string>(), out _));
        }
        Assert.Equal(feed.Count, messages.Select(m => m.Body["id"]!.GetValue<string>()).Distinct().Count());
        Assert.Contains(feed, e => e["type"]!.GetValue<string>() == "startup.registered"); // founders' fields: as the feed shows them
    }

    static async Task<List<JsonNode>> FeedAsync(HttpClient client, long head)
    {
        var seen = new List<JsonNode>();
        var next = "/api/events?limit=100";
        await Eventually.WaitUntilAsync(async () =>
        {
            var page = await Json(await client.GetAsync(next), HttpStatusCode.OK);
            seen.AddRange(page["events"]!.AsArray().Select(e => e!));
            next = page["next"]!.GetValue<string>();
            return page["highWaterMark"]!.GetValue<long>() >= head && page["events"]!.AsArray().Count == 0;
        });
        return seen;
    }
}

/// <summary>The real service as a process with the fan-out on: killed with SIGKILL while it publishes, then started again.</summary>
public sealed class RabbitMqFanoutCrashTests : IAsyncLifetime
{
    readonly TestDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();
    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Killing_the_service_while_it_publishes_loses_no_event_and_repeats_only_what_it_had_sent_with_the_same_id()
    {
        var exchange = $"ecosystem.events.test-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string> { ["Ecosystem__RabbitMq"] = TestBroker.Uri, ["Ecosystem__RabbitMqExchange"] = exchange };
        var factory = new ConnectionFactory { Uri = new Uri(TestBroker.Uri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        // Declared as the service declares it, so the queue is bound before the first event is published.
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, exchange, routingKey: "");
        var received = new List<(long Sequence, string Id)>();
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var body = JsonNode.Parse(Encoding.UTF8.GetString(delivery.Body.Span))!;
            lock (received) received.Add((long.Parse(body["sequence"]!.GetValue<string>()), body["id"]!.GetValue<string>()));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);

        var port = ServiceProcess.FreePort();
        using (var first = ServiceProcess.Start(database, port, settings))
        {
            await first.WaitUntilLiveAsync();
            using var load = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(() => CrashRecoveryTests.WriteLoadAsync(first.Http, load.Token))).ToList();
            await Eventually.WaitUntilAsync(async () => Count(received) >= 60, seconds: 60, because: () => $"{Count(received)} messages received");
            await first.KillAsync();
            await load.CancelAsync();
            await Task.WhenAll(writers);
        }
        var log = await LogAsync();

        using (var second = ServiceProcess.Start(database, port, settings))
        {
            await second.WaitUntilLiveAsync();
            // The dead node's unsent messages leave once Wolverine declares it dead (about a minute); the next page waits for them.
            await Eventually.WaitUntilAsync(async () =>
            {
                lock (received) return received.Select(r => r.Sequence).ToHashSet().IsSupersetOf(log.Keys);
            }, seconds: 240, because: () => $"{log.Keys.Except(Snapshot(received).Select(r => r.Sequence)).Count()} of {log.Count} events not received");
        }

        var all = Snapshot(received);
        var firsts = all.DistinctBy(r => r.Sequence).ToList();
        // Every event arrived. Not necessarily in log order here: Wolverine recovers a dead node's unsent envelopes without
        // ordering them (docs/OPERATIONS.md, "RabbitMQ fan-out"), so after a crash a consumer orders by the sequence attribute.
        Assert.Equal(log.Keys.Order(), firsts.Select(r => r.Sequence).Order());
        Assert.All(all, r => Assert.Equal(log[r.Sequence], r.Id));
        await channel.ExchangeDeleteAsync(exchange);
    }

    static int Count(List<(long, string)> received) { lock (received) return received.Count; }

    static List<(long Sequence, string Id)> Snapshot(List<(long Sequence, string Id)> received) { lock (received) return [.. received]; }

    async Task<Dictionary<long, string>> LogAsync()
    {
        await using var command = database.DataSource.CreateCommand("select seq_id, id::text from mt_events");
        await using var reader = await command.ExecuteReaderAsync();
        var log = new Dictionary<long, string>();
        while (await reader.ReadAsync()) log[reader.GetInt64(0)] = reader.GetString(1);
        return log;
    }
}
