using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ecosystem.Domain;
using Ecosystem.Domain.Agreements;
using Ecosystem.Domain.HubOffices;
using Ecosystem.Domain.Missions;
using Ecosystem.Domain.People;
using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using Ecosystem.Domain.UrbanTesting;
using Ecosystem.Api.EventStore;
using JasperFx.Events.Projections;
using Marten;

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

    public static readonly Decider<MissionCommand, MissionEvent, Mission> Missions =
        new("mission", MissionDecider.Initial, MissionDecider.Evolve, MissionDecider.Decide);

    public static readonly Decider<AgreementCommand, AgreementEvent, Agreement> Agreements =
        new("agreement", AgreementDecider.Initial, AgreementDecider.Evolve, AgreementDecider.Decide);

    public static readonly Decider<PersonCommand, PersonEvent, Person> People =
        new("person", Person.Initial, Person.Evolve, PersonDecider.Decide);

    /// <summary>Aggregate states are small hierarchies (NotLaunched, Launched…); stored documents name the case in "$case".</summary>
    static readonly Type[] PolymorphicStates = [typeof(Programme), typeof(Startup), typeof(UrbanTestingUseCase), typeof(HubOffice), typeof(Mission), typeof(Agreement), typeof(Person)];

    /// <summary>The JSON rules for stored events and documents: the API's, plus the state cases and sealed personal data.</summary>
    public static JsonSerializerOptions StorageJson(JsonSerializerOptions options, Privacy.PersonalData? personalData = null)
    {
        Json.Configure(options);
        var resolver = new DefaultJsonTypeInfoResolver { Modifiers = { DescribeStateCases } };
        if (personalData is not null) resolver.Modifiers.Add(personalData.Protect);
        options.TypeInfoResolver = resolver;
        return options;
    }

    public static StreamTypes StreamTypes { get; } = new StreamTypes()
        .Add(Programmes.StreamType, typeof(ProgrammeEvent), typeof(AggregateDocument<Programme>))
        .Add(Startups.StreamType, typeof(StartupEvent), typeof(AggregateDocument<Startup>))
        .Add(UrbanTesting.StreamType, typeof(UrbanTestingEvent), typeof(AggregateDocument<UrbanTestingUseCase>))
        .Add(HubOffices.StreamType, typeof(HubOfficeEvent), typeof(AggregateDocument<HubOffice>))
        .Add(Missions.StreamType, typeof(MissionEvent), typeof(AggregateDocument<Mission>))
        .Add(Agreements.StreamType, typeof(AgreementEvent), typeof(AggregateDocument<Agreement>))
        .Add(People.StreamType, typeof(PersonEvent), typeof(AggregateDocument<Person>));

    /// <summary>
    /// Event types stored under their stable names; each aggregate folded by Marten through its decider's Evolve.
    /// Programmes grow long (every application, seat and milestone), so their state is kept inline as a document
    /// updated in the append's transaction; the other streams (startups, use cases, hub offices,
    /// missions, agreements) stay short and are folded live.
    /// </summary>
    public static void Configure(StoreOptions options)
    {
        foreach (var (name, type, _) in DomainEventCatalog.All) options.Events.MapEventType(type, name);
        Fold(options, Programmes, ProjectionLifecycle.Inline);
        Fold(options, Startups, ProjectionLifecycle.Live);
        Fold(options, UrbanTesting, ProjectionLifecycle.Live);
        Fold(options, HubOffices, ProjectionLifecycle.Live);
        Fold(options, Missions, ProjectionLifecycle.Live);
        Fold(options, Agreements, ProjectionLifecycle.Live);
        Fold(options, People, ProjectionLifecycle.Live);
    }

    static void Fold<TCommand, TEvent, TState>(StoreOptions options, Decider<TCommand, TEvent, TState> decider, ProjectionLifecycle lifecycle)
        where TEvent : notnull where TState : notnull
    {
        var events = DomainEventCatalog.All.Select(e => e.Type).Where(t => t.IsAssignableTo(typeof(TEvent)));
        options.Projections.Add(new DeciderProjection<TCommand, TEvent, TState>(decider, events), lifecycle);
        options.Schema.For<AggregateDocument<TState>>().DocumentAlias($"{decider.StreamType.Replace('-', '_')}_state");
    }

    static void DescribeStateCases(JsonTypeInfo info)
    {
        if (!PolymorphicStates.Contains(info.Type)) return;
        info.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "$case" };
        foreach (var nested in info.Type.GetNestedTypes().Where(t => t.IsSealed && t.IsSubclassOf(info.Type)))
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(nested, nested.Name));
    }
}
