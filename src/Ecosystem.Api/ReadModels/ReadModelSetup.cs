using Ecosystem.EventStore.Consumers;
using Ecosystem.EventStore.Projections;

namespace Ecosystem.Api.ReadModels;

public static class ReadModelSetup
{
    /// <summary>
    /// The projections to run inline, by name. Only projections that write from the events alone qualify: the
    /// ones that fold aggregates read committed state, which inside the append would miss the append itself.
    /// </summary>
    public static IReadOnlyList<IProjection> Inline(IEnumerable<string> names) => names.Select(name => name switch
    {
        ProgrammeRosterProjection.ProjectionName => (IProjection)new ProgrammeRosterProjection(),
        StartupDirectoryProjection.ProjectionName => new StartupDirectoryProjection(),
        _ => throw new InvalidOperationException(
            $"Ecosystem:InlineProjections names '{name}', which cannot run inline; these can: {ProgrammeRosterProjection.ProjectionName}, {StartupDirectoryProjection.ProjectionName}."),
    }).ToList();

    public static bool IsInline(this Ecosystem.EventStore.PostgresEventStore store, string projection) =>
        store.InlineProjections.Any(p => p.Name == projection);

    /// <summary>Registers every read model (projection), its queries, and the reactors.</summary>
    public static IServiceCollection AddReadModels(this IServiceCollection services)
    {
        services.AddSingleton<IProjection, ProgrammeRosterProjection>();
        services.AddSingleton<CurrentReadModels>();
        services.AddSingleton<ProgrammeReads>();
        services.AddSingleton<IProjection, StartupDirectoryProjection>();
        services.AddSingleton<StartupReads>();
        services.AddSingleton<IProjection, UrbanTestingPipelineProjection>();
        services.AddSingleton<UrbanTestingReads>();
        services.AddSingleton<IProjection, HubOfficeDirectoryProjection>();
        services.AddSingleton<HubOfficeReads>();
        services.AddSingleton<DashboardReads>();
        services.AddSingleton<IEventConsumer, Reactors.WaitlistPromotion>();
        return services;
    }
}
