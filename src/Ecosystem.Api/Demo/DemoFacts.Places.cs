using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain.HubOffices;
using Ecosystem.Domain.Startups;
using Ecosystem.Domain.UrbanTesting;
using static Ecosystem.Domain.HubOffices.HubOfficeCommand;
using static Ecosystem.Domain.UrbanTesting.UrbanTestingCommand;

namespace Ecosystem.Api.Demo;

internal static partial class DemoFacts
{
    /// <summary>
    /// The Politecnico di Torino's office in Japan: approved 09/2022, opened in Kyoto 05/2023 (inaugurated 11/07/2023),
    /// moved to Tokyo at the Italian Chamber of Commerce in Japan (inaugurated 29/09/2025). Days not given by the
    /// sources (approval, opening, the move itself) are illustrative.
    /// </summary>
    static DemoUnit JapanHub()
    {
        var id = DemoIds.JapanHub;
        const string kyotoHost = "Kyoto Institute of Technology";
        const string tokyoHost = "Italian Chamber of Commerce in Japan";

        return new("PoliTo Japan Hub", [new(id, DomainRegistration.HubOffices.StreamType, "PoliTo Japan Hub")], async w =>
        {
            await w.Hub(new ApproveHub(id, "Politecnico di Torino", "JP", At(2022, 9, 15), By));
            await w.Hub(new OpenLocation(id, "Kyoto", kyotoHost, Day(2023, 5, 15), At(2023, 5, 15), By));
            await w.Hub(new RegisterPartnerUniversity(id, "Kyoto Institute of Technology", AgreementType.DoubleDegree, At(2023, 5, 15), By));
            await w.Hub(new OfferService(id, "Research and industry partnerships in Japan", At(2023, 5, 15), By));
            await w.Hub(new OfferService(id, "Support for PoliTo faculty and researchers working with Japanese universities and companies", At(2023, 5, 15), By));
            await w.Hub(new InaugurateLocation(id, Day(2023, 7, 11), kyotoHost, At(2023, 7, 11), By));
            await w.Hub(new Relocate(id, "Tokyo", tokyoHost, Day(2025, 9, 1), At(2025, 9, 1), By));
            await w.Hub(new InaugurateLocation(id, Day(2025, 9, 29), $"{tokyoHost}, Tokyo", At(2025, 9, 29), By));
            foreach (var university in new[] { "Waseda University", "Institute of Science Tokyo", "Osaka University" })
                await w.Hub(new RegisterPartnerUniversity(id, university, AgreementType.Mou, At(2025, 9, 29), By));
        });
    }

    /// <summary>
    /// CTE NEXT and Torino City Lab's urban testing: the three kinds of test DOMAIN.md names, each proposed by an
    /// invented company and left in a different state. Every date and figure is illustrative.
    /// </summary>
    static IEnumerable<DemoUnit> UrbanTesting()
    {
        SyntheticStartup aliante = new("urban-testing:aliante", "Aliante Drone Logistics", StartupKind.Startup, Day(2020, 2, 10), "IT", "air-mobility", "Giorgio Barbieri");
        SyntheticStartup sabauda = new("urban-testing:sabauda", "Sabauda Autonomous Mobility", StartupKind.Startup, Day(2021, 5, 3), "IT", "mobility", "Francesca Lombardi");
        SyntheticStartup navetta = new("urban-testing:navetta", "Navetta Lab", StartupKind.Startup, Day(2022, 9, 12), "IT", "mobility", "Alessio Serra");

        yield return Registered(aliante, At(2023, 2, 20));
        yield return Registered(sabauda, At(2026, 2, 2));
        yield return Registered(navetta, At(2026, 6, 1));

        // Drones at DoraLab under ENAC rules: tested, report accepted, contribution awarded.
        var drones = DemoIds.DoraLabDrones;
        yield return UseCase(drones, "Drone deliveries of medical supplies at DoraLab (synthetic)", async w =>
        {
            await w.UseCase(new SubmitProposal(drones, aliante.Id, null, "Drone deliveries of medical supplies at DoraLab (synthetic)",
                TestingDomain.AirMobility, 6, 60, At(2023, 3, 1), By));
            await w.UseCase(new AssessFeasibility(drones, true, ["Flights in visual line of sight", "Altitude below 120 m", "No flights over crowds"], At(2023, 3, 20), By));
            await w.UseCase(new RequestAuthorisation(drones, "ENAC", At(2023, 3, 22), By));
            await w.UseCase(new GrantAuthorisation(drones, "ENAC", Day(2023, 5, 2), Day(2023, 7, 31), "Torino/Parco Dora", At(2023, 4, 28), By));
            await w.UseCase(new AssignTestSite(drones, "DoraLab", "Torino/Parco Dora/DoraLab", At(2023, 4, 28, 15), By));
            await w.UseCase(new StartTest(drones, Day(2023, 5, 2), At(2023, 5, 2), By));
            await w.UseCase(new RecordKpi(drones, "Flights completed", 48, "flights", At(2023, 6, 30), By));
            await w.UseCase(new RecordKpi(drones, "Average delivery time", 7.5m, "min", At(2023, 6, 30), By));
            await w.UseCase(new RecordKpi(drones, "Safety incidents", 0, "incidents", At(2023, 6, 30), By));
            await w.UseCase(new CompleteTest(drones, Day(2023, 6, 30), At(2023, 6, 30, 18), By));
            await w.UseCase(new SubmitResultsReport(drones, 7, "48 delivery flights within the park without incidents; ready for a longer urban route.", At(2023, 7, 20), By));
            await w.UseCase(new AcceptReport(drones, At(2023, 9, 5), By));
            await w.UseCase(new AwardContribution(drones, 15_000m, At(2023, 9, 20), By));
        });

        // An autonomous car on the Smart Road under a ministry authorisation: in test.
        var car = DemoIds.SmartRoadVehicle;
        yield return UseCase(car, "Autonomous car on the Smart Road (synthetic)", async w =>
        {
            await w.UseCase(new SubmitProposal(car, sabauda.Id, null, "Autonomous car on the Smart Road (synthetic)", TestingDomain.SmartRoad, 6, 300, At(2026, 2, 16), By));
            await w.UseCase(new AssessFeasibility(car, true, ["Safety driver on board", "Tests outside peak hours"], At(2026, 3, 16), By));
            await w.UseCase(new RequestAuthorisation(car, "MIT (Ministero delle Infrastrutture e dei Trasporti)", At(2026, 3, 18), By));
            await w.UseCase(new GrantAuthorisation(car, "MIT (Ministero delle Infrastrutture e dei Trasporti)", Day(2026, 6, 1), Day(2027, 5, 31),
                "Torino/Smart Road", At(2026, 5, 20), By));
            await w.UseCase(new AssignTestSite(car, "Smart Road Torino", "Torino/Smart Road", At(2026, 5, 25), By));
            await w.UseCase(new StartTest(car, Day(2026, 6, 1), At(2026, 6, 1), By));
            await w.UseCase(new RecordKpi(car, "Autonomous distance", 1_240, "km", At(2026, 9, 30), By));
            await w.UseCase(new RecordKpi(car, "Disengagements", 0.8m, "per 100 km", At(2026, 9, 30), By));
        });

        // An autonomous shuttle under the national regulatory sandbox: waiting for the authorisation.
        var shuttle = DemoIds.SandboxShuttle;
        yield return UseCase(shuttle, "Autonomous last-mile shuttle (synthetic)", async w =>
        {
            await w.UseCase(new SubmitProposal(shuttle, navetta.Id, null, "Autonomous last-mile shuttle (synthetic)", TestingDomain.UrbanServices, 5, 120, At(2026, 6, 15), By));
            await w.UseCase(new AssessFeasibility(shuttle, true, ["Supervision from a remote control room", "Top speed 20 km/h"], At(2026, 7, 10), By));
            await w.UseCase(new RequestAuthorisation(shuttle, "National regulatory sandbox (Dipartimento per la trasformazione digitale)", At(2026, 7, 15), By));
        });
    }

    static DemoUnit Registered(SyntheticStartup startup, DateTimeOffset on) =>
        new(startup.Name, [startup.Aggregate], w => w.Startup(startup.Register(on)));

    static DemoUnit UseCase(Guid id, string title, Func<DemoWriter, Task> script) =>
        new(title, [new(id, DomainRegistration.UrbanTesting.StreamType, title)], script);
}
