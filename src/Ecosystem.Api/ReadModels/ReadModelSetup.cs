using Ecosystem.EventStore.Consumers;
using Ecosystem.EventStore.Projections;

namespace Ecosystem.Api.ReadModels;

public static class ReadModelSetup
{
    /// <summary>Registers every read model (projection), its queries, and the reactors.</summary>
    public static IServiceCollection AddReadModels(this IServiceCollection services)
    {
        services.AddSingleton<IProjection, ProgrammeRosterProjection>();
        services.AddSingleton<ProgrammeReads>();
        services.AddSingleton<IProjection, StartupDirectoryProjection>();
        services.AddSingleton<StartupReads>();
        services.AddSingleton<IProjection, UrbanTestingPipelineProjection>();
        services.AddSingleton<IProjection, HubOfficeDirectoryProjection>();
        services.AddSingleton<DashboardReads>();
        services.AddSingleton<IEventConsumer, Reactors.WaitlistPromotion>();
        return services;
    }
}
