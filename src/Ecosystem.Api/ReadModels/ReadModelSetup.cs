using Ecosystem.Api.EventStore;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Api.Integrators;
using Ecosystem.Api.Reactors;

namespace Ecosystem.Api.ReadModels;

public static class ReadModelSetup
{
    /// <summary>
    /// Every consumer Marten's daemon feeds, by name: the read models, the reactors, then the integrators' fan-out when
    /// it is configured. Named here rather than found in the container, because the daemon's subscriptions are declared
    /// while the store is being configured.
    /// </summary>
    public static IReadOnlyList<string> ConsumerNames(EcosystemOptions options) =>
    [
        .. Always,
        .. options.RabbitMqEnabled ? [RabbitMqFanout.ConsumerName] : Array.Empty<string>(),
    ];

    static readonly IReadOnlyList<string> Always =
    [
        ProjectionConsumer.ConsumerName(ProgrammeRosterProjection.ProjectionName),
        ProjectionConsumer.ConsumerName(StartupDirectoryProjection.ProjectionName),
        ProjectionConsumer.ConsumerName(UrbanTestingPipelineProjection.ProjectionName),
        ProjectionConsumer.ConsumerName(HubOfficeDirectoryProjection.ProjectionName),
        ProjectionConsumer.ConsumerName(MissionCalendarProjection.ProjectionName),
        ProjectionConsumer.ConsumerName(AgreementRegistryProjection.ProjectionName),
        WaitlistPromotion.ConsumerName,
        Webhooks.WebhookFanOut.ConsumerName,
    ];

    /// <summary>Registers every read model (projection), its queries, the reactors and the fan-out.</summary>
    public static IServiceCollection AddReadModels(this IServiceCollection services, EcosystemOptions options)
    {
        services.AddSingleton<AsOfReplay>();
        services.AddSingleton<IProjection, ProgrammeRosterProjection>();
        services.AddSingleton<CurrentReadModels>();
        services.AddSingleton<ProgrammeReads>();
        services.AddSingleton<IProjection, StartupDirectoryProjection>();
        services.AddSingleton<StartupReads>();
        services.AddSingleton<IProjection, UrbanTestingPipelineProjection>();
        services.AddSingleton<UrbanTestingReads>();
        services.AddSingleton<IProjection, HubOfficeDirectoryProjection>();
        services.AddSingleton<HubOfficeReads>();
        services.AddSingleton<IProjection, MissionCalendarProjection>();
        services.AddSingleton<MissionReads>();
        services.AddSingleton<IProjection, AgreementRegistryProjection>();
        services.AddSingleton<AgreementReads>();
        services.AddSingleton<DashboardReads>();
        services.AddSingleton<IEventConsumer, WaitlistPromotion>();
        if (options.RabbitMqEnabled) services.AddSingleton<IEventConsumer, RabbitMqFanout>();
        services.AddHostedService<VersionRebuilds>();
        return services;
    }
}
