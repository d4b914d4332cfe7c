using Ecosystem.Api.Webhooks;
using JasperFx.CodeGeneration.Model;
using Wolverine;
using Wolverine.Postgresql;

namespace Ecosystem.Api.Infrastructure;

/// <summary>
/// Wolverine runs the reactors' messages in process (the waitlist promotion) and webhook deliveries on a durable
/// local queue whose envelopes, scheduled retries included, live in PostgreSQL (schema <c>wolverine</c>), so a crash
/// loses none of them. Balanced mode: each node owns its envelopes and a dead node's are recovered by the others.
/// Marten is not integrated with Wolverine, so Wolverine's node agents place no projections: Marten's HotCold daemon
/// keeps its own leader election (different advisory locks). Handlers are compiled at first use.
/// </summary>
public static class Messaging
{
    public const string Schema = "wolverine";

    public static void Configure(WolverineOptions options, string connectionString)
    {
        options.Durability.Mode = DurabilityMode.Balanced;
        options.PersistMessagesWithPostgresql(connectionString, Schema);
        // Scheduled retries are found by polling the envelope table; 1 s instead of 5 s keeps backoff close to its schedule.
        options.Durability.ScheduledJobPollingTime = TimeSpan.FromSeconds(1);
        options.Durability.ScheduledJobFirstExecution = TimeSpan.FromSeconds(1);
        options.PublishMessage<DeliverWebhooks>().ToLocalQueue(DeliverWebhooksHandler.Queue).UseDurableInbox().MaximumParallelMessages(8);
        options.UseRuntimeCompilation();
        options.ServiceLocationPolicy = ServiceLocationPolicy.AlwaysAllowed;
    }
}
