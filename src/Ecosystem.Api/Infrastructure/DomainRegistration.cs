using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ecosystem.Domain;
using Ecosystem.Domain.HubOffices;
using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using Ecosystem.Domain.UrbanTesting;
using Ecosystem.EventStore;

namespace Ecosystem.Api.Infrastructure;

/// <summary>Binds the pure domain to the generic event store: stream types, event names, deciders, snapshots.</summary>
public static class DomainRegistration
{
    public static readonly Decider<ProgrammeCommand, ProgrammeEvent, Programme> Programmes =
        new("programme", ProgrammeDecider.Initial, ProgrammeDecider.Evolve, ProgrammeDecider.Decide);

    public static readonly Decider<StartupCommand, StartupEvent, Startup> Startups =
        new("startup", StartupDecider.Initial, StartupDecider.Evolve, StartupDecider.Decide);

    public static readonly Decider<UrbanTestingCommand, UrbanTestingEvent, UrbanTestingUseCase> UrbanTesting =
        new("urban-testing-use-case", UrbanTestingDecider.Initial, UrbanTestingDecider.Evolve, UrbanTestingDecider.Decide);

    public static readonly Decider<HubOfficeCommand, HubOfficeEvent, HubOffice> HubOffices =
        new("hub-office", HubOfficeDecider.Initial, HubOfficeDecider.Evolve, HubOfficeDecider.Decide);

    /// <summary>Aggregate states are small hierarchies (NotLaunched, Launched…); snapshots name the case in "$case".</summary>
    static readonly Type[] PolymorphicStates = [typeof(Programme), typeof(Startup), typeof(UrbanTestingUseCase), typeof(HubOffice)];

    public static EventTypeRegistry Registry(JsonSerializerOptions options)
    {
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DescribeStateCases } };
        var registry = new EventTypeRegistry(options);
        foreach (var (name, type, _) in DomainEventCatalog.All) registry.Register(name, type);
        return registry;
    }

    public static IReadOnlyDictionary<string, SnapshotPolicy> SnapshotPolicies(int every) => every <= 0
        ? new Dictionary<string, SnapshotPolicy>()
        : new[] { Programmes.StreamType, Startups.StreamType, UrbanTesting.StreamType, HubOffices.StreamType }
            .ToDictionary(type => type, _ => new SnapshotPolicy(every, SchemaVersion: 1));

    static void DescribeStateCases(JsonTypeInfo info)
    {
        if (!PolymorphicStates.Contains(info.Type)) return;
        info.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "$case" };
        foreach (var nested in info.Type.GetNestedTypes().Where(t => t.IsSealed && t.IsSubclassOf(info.Type)))
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(nested, nested.Name));
    }
}
