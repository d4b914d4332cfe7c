using System.Text.RegularExpressions;
using Ecosystem.Domain.Agreements;
using Ecosystem.Domain.HubOffices;
using Ecosystem.Domain.Missions;
using Ecosystem.Domain.People;
using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using Ecosystem.Domain.UrbanTesting;

namespace Ecosystem.Domain.Tests;

public sealed class DomainEventCatalogTests
{
    private static readonly Dictionary<Type, (string StreamType, string Prefix)> Streams = new()
    {
        [typeof(ProgrammeEvent)] = ("programme", "programme."),
        [typeof(StartupEvent)] = ("startup", "startup."),
        [typeof(UrbanTestingEvent)] = ("urban-testing-use-case", "urban-testing."),
        [typeof(HubOfficeEvent)] = ("hub-office", "hub-office."),
        [typeof(MissionEvent)] = ("mission", "mission."),
        [typeof(AgreementEvent)] = ("agreement", "agreement."),
        [typeof(PersonEvent)] = ("person", "person."),
    };

    private static IEnumerable<Type> ConcreteEventTypes() =>
        typeof(DomainEventCatalog).Assembly.GetTypes().Where(type => !type.IsAbstract && Streams.Keys.Any(root => root.IsAssignableFrom(type)));

    [Fact]
    public void Stored_names_are_unique() =>
        Assert.Equal(DomainEventCatalog.All.Count, DomainEventCatalog.All.Select(entry => entry.Name).Distinct().Count());

    [Fact]
    public void Each_event_type_is_registered_once() =>
        Assert.Equal(DomainEventCatalog.All.Count, DomainEventCatalog.All.Select(entry => entry.Type).Distinct().Count());

    [Fact]
    public void Every_concrete_event_type_is_registered() =>
        Assert.Equal(
            ConcreteEventTypes().OrderBy(type => type.FullName),
            DomainEventCatalog.All.Select(entry => entry.Type).OrderBy(type => type.FullName));

    [Fact]
    public void Every_event_is_registered_in_its_aggregates_stream_under_its_prefix() =>
        Assert.All(DomainEventCatalog.All, entry =>
        {
            var (streamType, prefix) = Streams[entry.Type.BaseType!];
            Assert.Equal(streamType, entry.StreamType);
            Assert.StartsWith(prefix, entry.Name);
        });

    [Fact]
    public void Stored_names_are_lower_case_kebab_words_after_a_dot() =>
        Assert.All(DomainEventCatalog.All, entry => Assert.Matches(new Regex("^[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*$"), entry.Name));

    [Fact]
    public void A_name_and_its_type_look_each_other_up()
    {
        Assert.Equal("hub-office.relocated", DomainEventCatalog.NameOf(typeof(HubOfficeEvent.OfficeRelocated)));
        Assert.Equal(typeof(ProgrammeEvent.CohortPlanned), DomainEventCatalog.TypeOf("programme.cohort-planned"));
        Assert.Equal("mission.delegate-joined", DomainEventCatalog.NameOf(typeof(MissionEvent.DelegateJoined)));
        Assert.Equal(typeof(AgreementEvent.AgreementSigned), DomainEventCatalog.TypeOf("agreement.signed"));
        Assert.Null(DomainEventCatalog.TypeOf("programme.renamed-long-ago"));
        Assert.Throws<ArgumentException>(() => DomainEventCatalog.NameOf(typeof(string)));
    }
}
