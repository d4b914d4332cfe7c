using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain.Startups;

namespace Ecosystem.Api.Demo;

/// <summary>
/// The demo world of DOMAIN.md. Dates named there or in the seed articles are real; the others (launch days, call
/// openings, the startups' own steps) are illustrative and marked so. Every company the loader invents is named
/// "… (synthetic)" and has founders at example.com.
/// </summary>
internal static partial class DemoFacts
{
    const string By = DemoData.Actor;

    /// <summary>In load order: the use cases' proposers are registered before their proposals.</summary>
    public static IEnumerable<DemoUnit> Units() =>
    [
        Quickload(),
        Takeoff(),
        EuBusinessHub(),
        JapanHub(),
        .. UrbanTesting(),
        Delegations(),
    ];

    /// <summary>A fact's moment: 10:00 UTC on its day, unless said otherwise.</summary>
    static DateTimeOffset At(int year, int month, int day, int hour = 10) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    static DateOnly Day(int year, int month, int day) => new(year, month, day);
}

/// <summary>An invented company; its name always ends in "(synthetic)" and its founder's e-mail is at example.com.</summary>
internal sealed record SyntheticStartup(string Key, string Brand, StartupKind Kind, DateOnly FoundedOn, string HqCountry, string Sector, string Founder)
{
    public Guid Id { get; } = DemoIds.For($"startup:{Key}");

    public string Name => $"{Brand} (synthetic)";

    public DemoAggregate Aggregate => new(Id, DomainRegistration.Startups.StreamType, Name);

    public StartupCommand.RegisterStartup Register(DateTimeOffset now) => new(Id, Name, Kind, FoundedOn, HqCountry, [Sector],
        [new Founder(DemoIds.For($"person:{Key}"), Founder, $"{Founder.ToLowerInvariant().Replace(' ', '.')}@example.com", "CEO")],
        now, DemoData.Actor);
}
