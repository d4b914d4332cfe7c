using JasperFx.CodeGeneration.Model;
using Wolverine;

namespace Ecosystem.Api.Infrastructure;

/// <summary>
/// Wolverine runs the reactors' messages in process (the waitlist promotion); nothing is queued outside the
/// caller's page yet, so it needs no envelope storage of its own. Handlers are compiled at first use.
/// </summary>
public static class Messaging
{
    public static void Configure(WolverineOptions options)
    {
        options.Durability.Mode = DurabilityMode.MediatorOnly;
        options.UseRuntimeCompilation();
        options.ServiceLocationPolicy = ServiceLocationPolicy.AlwaysAllowed;
    }
}
