using System.Collections;
using Ecosystem.Domain.Agreements;
using Ecosystem.Domain.HubOffices;
using Ecosystem.Domain.Missions;
using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using Ecosystem.Domain.Tests.Support;
using Ecosystem.Domain.UrbanTesting;

namespace Ecosystem.Domain.Tests;

public sealed class SerialisationTests
{
    public static TheoryData<string> EventNames() => [.. DomainEventCatalog.All.Select(entry => entry.Name)];

    private static readonly Type[] CommandRoots = [typeof(ProgrammeCommand), typeof(StartupCommand), typeof(UrbanTestingCommand), typeof(HubOfficeCommand), typeof(MissionCommand), typeof(AgreementCommand)];

    private static IEnumerable<Type> CommandTypes() =>
        typeof(IDomainCommand).Assembly.GetTypes().Where(type => !type.IsAbstract && CommandRoots.Any(root => root.IsAssignableFrom(type)));

    [Theory]
    [MemberData(nameof(EventNames))]
    public void An_event_round_trips_through_json_unchanged(string name)
    {
        var @event = Samples.Of(DomainEventCatalog.TypeOf(name)!);

        Assert.Equal(@event, Json.RoundTrip(@event));
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void An_event_has_one_public_constructor_matching_its_properties(string name)
    {
        var type = DomainEventCatalog.TypeOf(name)!;
        var parameters = Assert.Single(type.GetConstructors()).GetParameters().Select(p => (p.Name, p.ParameterType));
        var properties = type.GetProperties().Where(p => p.Name != "EqualityContract").Select(p => ((string?)p.Name, p.PropertyType));

        Assert.Equal(properties.OrderBy(p => p.Item1), parameters.OrderBy(p => p.Name));
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void An_event_carries_its_aggregate_id_and_when_it_happened(string name)
    {
        var type = DomainEventCatalog.TypeOf(name)!;
        var idName = type.BaseType!.GetProperties().Single(p => p.PropertyType == typeof(Guid)).Name;

        Assert.Contains(type.GetProperties(), p => p.Name == idName && p.PropertyType == typeof(Guid));
        Assert.Single(type.GetProperties(), p => p.PropertyType == typeof(DateTimeOffset) && p.Name.EndsWith("At", StringComparison.Ordinal));
    }

    [Fact]
    public void Events_and_commands_hold_collections_only_as_value_lists()
    {
        var members = DomainEventCatalog.All.Select(entry => entry.Type).Concat(CommandTypes())
            .SelectMany(type => type.GetProperties())
            .Where(p => p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType));

        Assert.All(members, p => Assert.Equal(typeof(ValueList<>), p.PropertyType.GetGenericTypeDefinition()));
    }

    [Fact]
    public void Every_command_carries_its_time_and_actor() =>
        Assert.All(CommandTypes(), type => Assert.True(typeof(IDomainCommand).IsAssignableFrom(type)));

    [Fact]
    public void A_programmes_state_round_trips_through_json()
    {
        ProgrammeEvent[] history =
        [
            new ProgrammeEvent.ProgrammeLaunched(Guid.NewGuid(), "EU Business Hub", ProgrammeKind.Internationalisation, ["healthcare", "greentech"],
                ["JP", "KR"], "Camera di commercio di Torino", "Camera di commercio di Torino", Eligibility.EuBusinessHub, DateTimeOffset.UnixEpoch),
            new ProgrammeEvent.CohortPlanned(Guid.Empty, Guid.NewGuid(), "Japan 2024", 50, new DateOnly(2024, 12, 9), new DateOnly(2024, 12, 13),
                DateTimeOffset.UnixEpoch),
        ];
        var cohortId = ((ProgrammeEvent.CohortPlanned)history[1]).CohortId;
        history =
        [
            .. history,
            new ProgrammeEvent.CallOpened(Guid.Empty, cohortId, new DateOnly(2024, 9, 1), new DateOnly(2024, 10, 15), DateTimeOffset.UnixEpoch),
            new ProgrammeEvent.CallClosed(Guid.Empty, cohortId, DateTimeOffset.UnixEpoch),
            new ProgrammeEvent.SeatAllocated(Guid.Empty, cohortId, Guid.NewGuid(), DateTimeOffset.UnixEpoch),
            new ProgrammeEvent.MilestoneSet(Guid.Empty, cohortId, Guid.NewGuid(), "B2B meetings", new DateOnly(2024, 12, 12), true, DateTimeOffset.UnixEpoch),
        ];

        AssertStateRoundTrips(history.Aggregate(ProgrammeDecider.Initial, ProgrammeDecider.Evolve), "Japan 2024", "B2B meetings", "2024-10-15");
    }

    [Fact]
    public void A_startups_state_round_trips_through_json()
    {
        var founder = new Founder(Guid.NewGuid(), "Giulia Rossi", "giulia@example.com", "CEO");
        StartupEvent[] history =
        [
            new StartupEvent.StartupRegistered(Guid.Empty, "Orbital Drones", StartupKind.Sme, new DateOnly(2015, 3, 2), "IT", ["aerospace"], [founder],
                DateTimeOffset.UnixEpoch),
            new StartupEvent.ApplicationSubmitted(Guid.Empty, Guid.NewGuid(), Guid.Empty, DateTimeOffset.UnixEpoch),
            new StartupEvent.MilestoneAchieved(Guid.Empty, Guid.Empty, Guid.Empty, Guid.NewGuid(), DateTimeOffset.UnixEpoch),
            new StartupEvent.InvestmentRecorded(Guid.Empty, Guid.NewGuid(), "Plug and Play", 150_000.50m, "EUR", Instrument.Safe, 2.5m, DateTimeOffset.UnixEpoch),
        ];

        AssertStateRoundTrips(history.Aggregate(StartupDecider.Initial, StartupDecider.Evolve), "giulia@example.com", "150000.50");
    }

    [Fact]
    public void An_urban_testing_state_round_trips_through_json()
    {
        UrbanTestingEvent[] history =
        [
            new UrbanTestingEvent.ProposalSubmitted(Guid.Empty, null, "GTT", "Autonomous shuttle", TestingDomain.SmartRoad, 6, 90, DateTimeOffset.UnixEpoch),
            new UrbanTestingEvent.FeasibilityAssessed(Guid.Empty, true, ["daylight only"], DateTimeOffset.UnixEpoch),
            new UrbanTestingEvent.AuthorisationRequested(Guid.Empty, "MIT", DateTimeOffset.UnixEpoch),
            new UrbanTestingEvent.AuthorisationGranted(Guid.Empty, "MIT", new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), "Torino/Smart Road",
                DateTimeOffset.UnixEpoch),
            new UrbanTestingEvent.TestSiteAssigned(Guid.Empty, "Corso Giulio Cesare", "Torino/Smart Road/Corso Giulio Cesare", DateTimeOffset.UnixEpoch),
            new UrbanTestingEvent.TestStarted(Guid.Empty, new DateOnly(2024, 2, 1), DateTimeOffset.UnixEpoch),
            new UrbanTestingEvent.KpiRecorded(Guid.Empty, "km driven", 1234.5m, "km", DateTimeOffset.UnixEpoch),
        ];

        AssertStateRoundTrips(history.Aggregate(UrbanTestingDecider.Initial, UrbanTestingDecider.Evolve), "smart-road", "daylight only", "Torino/Smart Road/Corso Giulio Cesare", "1234.5");
    }

    [Fact]
    public void A_hub_offices_state_round_trips_through_json()
    {
        HubOfficeEvent[] history =
        [
            new HubOfficeEvent.HubApproved(Guid.Empty, "Politecnico di Torino", "JP", DateTimeOffset.UnixEpoch),
            new HubOfficeEvent.LocationOpened(Guid.Empty, "Kyoto", "Kyoto Research Park", new DateOnly(2023, 5, 15), DateTimeOffset.UnixEpoch),
            new HubOfficeEvent.LocationInaugurated(Guid.Empty, new DateOnly(2023, 7, 11), "Kyoto", DateTimeOffset.UnixEpoch),
            new HubOfficeEvent.OfficeRelocated(Guid.Empty, "Kyoto", "Tokyo", "ICCJ", new DateOnly(2025, 6, 1), DateTimeOffset.UnixEpoch),
            new HubOfficeEvent.ServiceOffered(Guid.Empty, "admissions desk", DateTimeOffset.UnixEpoch),
        ];

        AssertStateRoundTrips(history.Aggregate(HubOfficeDecider.Initial, HubOfficeDecider.Evolve), "Tokyo", "Kyoto Research Park", "admissions desk", "\"open\"");
    }

    [Fact]
    public void A_missions_state_round_trips_through_json()
    {
        var visitId = Guid.NewGuid();
        MissionEvent[] history =
        [
            new MissionEvent.MissionPlanned(Guid.Empty, MissionDirection.Inbound, "Nagoya delegation", "City of Nagoya", ["JP"], ["Nagoya"], "twinning",
                ["automotive"], new DateOnly(2022, 11, 9), new DateOnly(2022, 11, 11), null, null, null, DateTimeOffset.UnixEpoch),
            new MissionEvent.DelegateJoined(Guid.Empty, new MissionDelegate(Guid.NewGuid(), "City of Nagoya", "Delegate A", "a@example.com", "head"),
                DateTimeOffset.UnixEpoch),
            new MissionEvent.MissionConfirmed(Guid.Empty, DateTimeOffset.UnixEpoch),
            new MissionEvent.VisitScheduled(Guid.Empty, visitId, "OGR Torino", "Torino", new DateOnly(2022, 11, 10), Guid.NewGuid(), DateTimeOffset.UnixEpoch),
            new MissionEvent.MissionStarted(Guid.Empty, DateTimeOffset.UnixEpoch),
            new MissionEvent.VisitHeld(Guid.Empty, visitId, DateTimeOffset.UnixEpoch),
            new MissionEvent.FollowUpOpened(Guid.Empty, Guid.NewGuid(), "exchange", "City of Torino", new DateOnly(2023, 1, 31), DateTimeOffset.UnixEpoch),
        ];

        AssertStateRoundTrips(history.Aggregate(MissionDecider.Initial, MissionDecider.Evolve), "OGR Torino", "a@example.com", "\"under-way\"", "\"held\"");
    }

    [Fact]
    public void An_agreements_state_round_trips_through_json()
    {
        AgreementEvent[] history =
        [
            new AgreementEvent.AgreementDrafted(Guid.Empty, AgreementKind.Twinning, "Torino–Nagoya twinning",
                [new Party("City of Torino", "IT", "city"), new Party("City of Nagoya", "JP", "city")], [], ["culture"], new DateOnly(2005, 1, 1), null,
                DateTimeOffset.UnixEpoch),
            new AgreementEvent.AgreementSigned(Guid.Empty, new DateOnly(2005, 1, 1),
                [new Signatory(Guid.NewGuid(), "City of Torino", "Signer T", "Mayor"), new Signatory(Guid.NewGuid(), "City of Nagoya", "Signer N", "Mayor")],
                DateTimeOffset.UnixEpoch),
            new AgreementEvent.AgreementLinked(Guid.Empty, LinkKind.Mission, Guid.NewGuid(), DateTimeOffset.UnixEpoch),
        ];

        AssertStateRoundTrips(history.Aggregate(AgreementDecider.Initial, AgreementDecider.Evolve), "City of Nagoya", "Signer N", "\"twinning\"", "\"mission\"");
    }

    private static void AssertStateRoundTrips(object state, params string[] facts)
    {
        var json = Json.Serialize(state);
        var copy = Json.RoundTrip(state)!;

        Assert.All(facts, fact => Assert.Contains(fact, json));

        Assert.IsType(state.GetType(), copy);
        Assert.Equal(json, Json.Serialize(copy));
    }
}
