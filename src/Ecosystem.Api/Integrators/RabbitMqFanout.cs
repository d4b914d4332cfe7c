using System.Text;
using System.Text.Json;
using Ecosystem.Api.EventStore;
using Ecosystem.Api.Infrastructure;
using Npgsql;
using Wolverine;
using Wolverine.RabbitMQ;
using Wolverine.RDBMS;
using Wolverine.Runtime;
using Wolverine.Runtime.Serialization;

namespace Ecosystem.Api.Integrators;

/// <summary>One event of the log as a CloudEvents 1.0 structured-mode JSON document, rendered once, sent as is.</summary>
public sealed record CloudEventMessage(string Json);

/// <summary>
/// Publishes every event to a RabbitMQ fanout exchange when <c>Ecosystem:RabbitMq</c> names a broker. A single consumer
/// of the log (so one node, in sequence order) puts each page's messages in Wolverine's PostgreSQL outbox inside the
/// transaction that moves its checkpoint, and hands them to the sender only after that commit: a crash before the
/// commit publishes nothing and the page comes again; after it, Wolverine sends what the outbox holds (at least once).
/// The next page waits until the previous one has left the outbox, so pages reach the exchange in log order.
/// </summary>
public sealed class RabbitMqFanout(IWolverineRuntime runtime, NpgsqlDataSource dataSource, EcosystemOptions options, Privacy.PersonalData personalData)
    : IEventConsumer
{
    public const string ConsumerName = "integrator:rabbitmq";

    public string Name => ConsumerName;

    /// <summary>Declares the broker and the fanout exchange (durable) and routes <see cref="CloudEventMessage"/> to it through the outbox.</summary>
    public static void Configure(WolverineOptions wolverine, EcosystemOptions options)
    {
        if (!options.RabbitMqEnabled) return;
        // With confirmations tracked, a send returns only once the broker has taken the message, and only then does
        // Wolverine delete it from the outbox (by default it deletes as soon as the bytes are written).
        wolverine.UseRabbitMq(new Uri(options.RabbitMq!)).AutoProvision()
            .ConfigureChannelCreation(c => (c.PublisherConfirmationsEnabled, c.PublisherConfirmationTrackingEnabled) = (true, true));
        wolverine.PublishMessage<CloudEventMessage>()
            .ToRabbitExchange(options.RabbitMqExchange, e => e.ExchangeType = ExchangeType.Fanout)
            .UseDurableOutbox()
            .DefaultSerializer(new CloudEventSerializer());
    }

    /// <summary>
    /// Waits until the outbox holds nothing for the exchange, i.e. the previous page was sent and confirmed: while the
    /// broker is away this consumer falls behind (its lag shows it) instead of letting later events overtake earlier ones.
    /// </summary>
    public async Task BeforePageAsync(CancellationToken ct)
    {
        var destination = $"rabbitmq://exchange/{options.RabbitMqExchange}";
        for (var wait = TimeSpan.FromMilliseconds(5); ; wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, 1000)))
        {
            await using var command = dataSource.CreateCommand(
                $"select exists (select 1 from {Messaging.Schema}.wolverine_outgoing_envelopes where destination = $1)");
            command.Parameters.Add(new() { Value = destination });
            if (!(bool)(await command.ExecuteScalarAsync(ct))!) return;
            await Task.Delay(wait, ct);
        }
    }

    public async Task HandleAsync(ConsumerContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        var rendered = await EventFeed.RenderAsync(context.Connection, context.Transaction, events.Select(e => e.Sequence).ToList(), personalData, ct);
        var outbox = new MessageContext(runtime);
        // Wolverine writes the envelopes with the page's connection and transaction; they commit or roll back with it.
        await outbox.EnlistInOutboxAsync(new DatabaseEnvelopeTransaction((IMessageDatabase)runtime.Storage, context.Transaction));
        foreach (var (id, e) in rendered) await outbox.PublishAsync(new CloudEventMessage(CloudEvent(id, e, options.CloudEventsSource)));
        context.AfterCommit(outbox.FlushOutgoingMessagesAsync);
    }

    /// <summary>
    /// The CloudEvents 1.0 JSON form: <c>id</c> the event's id, <c>type</c> <c>org.ecosystem.</c> + our stable name,
    /// <c>subject</c> the stream, <c>data</c> as the feed renders it, and the sequence extension (a string, as the
    /// extension defines it, zero-padded to 19 digits so that it also orders as text).
    /// </summary>
    public static string CloudEvent(Guid id, FeedEvent e, string source)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("specversion", "1.0");
            json.WriteString("id", id);
            json.WriteString("source", source);
            json.WriteString("type", $"org.ecosystem.{e.Type}");
            json.WriteString("subject", e.StreamId);
            json.WriteString("time", e.Time);
            json.WriteString("datacontenttype", "application/json");
            json.WriteString("sequence", e.Sequence.ToString("D19"));
            json.WritePropertyName("data");
            e.Data.WriteTo(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Sends the rendered document as the message body, typed as CloudEvents JSON (AMQP binding, structured mode).</summary>
    sealed class CloudEventSerializer : IMessageSerializer
    {
        public string ContentType => "application/cloudevents+json";
        public byte[] Write(Envelope envelope) => WriteMessage(envelope.Message!);
        public byte[] WriteMessage(object message) => Encoding.UTF8.GetBytes(((CloudEventMessage)message).Json);
        public object ReadFromData(Type messageType, Envelope envelope) => ReadFromData(envelope.Data!);
        public object ReadFromData(byte[] data) => new CloudEventMessage(Encoding.UTF8.GetString(data));
    }
}
