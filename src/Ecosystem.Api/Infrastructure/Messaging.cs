using Ecosystem.Api.Integrators;
using JasperFx.CodeGeneration.Model;
using Wolverine;
using Wolverine.Postgresql;

namespace Ecosystem.Api.Infrastructure;

/// <summary>
/// Wolverine runs the reactors' messages in process (the waitlist promotion) and keeps a durable outbox in PostgreSQL,
/// schema <c>wolverine</c> of the service's database: messages leave only once the transaction that sent them commits,
/// and a crash before they are sent leaves them there for the next node. Always on, RabbitMQ or not, so every node
/// and every test runs the one configuration. Handlers are compiled at first use.
/// </summary>
public static class Messaging
{
    /// <summary>The schema of Wolverine's envelope tables, beside Marten's and ours.</summary>
    public const string Schema = "wolverine";

    public static void Configure(WolverineOptions options, IConfiguration configuration)
    {
        options.Durability.Mode = DurabilityMode.Balanced;
        options.PersistMessagesWithPostgresql(configuration.GetConnectionString("Ecosystem")!, Schema);
        options.UseRuntimeCompilation();
        options.ServiceLocationPolicy = ServiceLocationPolicy.AlwaysAllowed;
        RabbitMqFanout.Configure(options, configuration.GetSection("Ecosystem").Get<EcosystemOptions>() ?? new EcosystemOptions());
    }
}
