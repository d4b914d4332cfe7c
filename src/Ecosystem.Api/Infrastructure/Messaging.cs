using Ecosystem.Api.Integrators;
using Ecosystem.Api.Webhooks;
using JasperFx.CodeGeneration.Model;
using Wolverine;
using Wolverine.Postgresql;

namespace Ecosystem.Api.Infrastructure;

/// <summary>
/// Wolverine runs the reactors' messages in process (the waitlist promotion), webhook deliveries on a durable local
/// queue, and (with RabbitMQ configured) the fan-out through a durable outbox. Envelopes, scheduled retries included,
/// live in PostgreSQL (schema <c>wolverine</c> of the service's database): a message leaves only once the transaction
/// that sent it commits, and a crash loses none. Balanced mode: each node owns its envelopes and a dead node's are
/// recovered by the others. Always on, RabbitMQ or not, so every node and every test runs the one configuration.
/// Marten is not integrated with Wolverine, so Wolverine's node agents place no projections: Marten's HotCold daemon
/// keeps its own leader election (different advisory locks). Handlers are compiled at first use.
/// </summary>
public static class Messaging
{
    /// <summary>The schema of Wolverine's envelope tables, beside Marten's and ours.</summary>
    public const string Schema = "wolverine";

    public static void Configure(WolverineOptions options, IConfiguration configuration)
    {
        options.Durability.Mode = DurabilityMode.Balanced;
        options.PersistMessagesWithPostgresql(configuration.GetConnectionString("Ecosystem")!, Schema);
        // Scheduled retries are found by polling the envelope table; 1 s instead of 5 s keeps backoff close to its schedule.
        options.Durability.ScheduledJobPollingTime = TimeSpan.FromSeconds(1);
        options.Durability.ScheduledJobFirstExecution = TimeSpan.FromSeconds(1);
        options.PublishMessage<DeliverWebhooks>().ToLocalQueue(DeliverWebhooksHandler.Queue).UseDurableInbox().MaximumParallelMessages(8);
        options.UseRuntimeCompilation();
        options.ServiceLocationPolicy = ServiceLocationPolicy.AlwaysAllowed;
        RabbitMqFanout.Configure(options, configuration.GetSection("Ecosystem").Get<EcosystemOptions>() ?? new EcosystemOptions());
    }
}
