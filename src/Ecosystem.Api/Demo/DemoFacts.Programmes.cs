using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using static Ecosystem.Domain.Programmes.ProgrammeCommand;
using static Ecosystem.Domain.Startups.StartupCommand;

namespace Ecosystem.Api.Demo;

internal static partial class DemoFacts
{
    /// <summary>OGR Torino's gaming accelerator; the 2021-22 cohort's call and programme dates are real.</summary>
    static DemoUnit Quickload()
    {
        var id = DemoIds.Quickload;
        var cohort = DemoIds.For("cohort:quickload:2021-22");
        var verticalSlice = DemoIds.For("milestone:quickload:2021-22:vertical-slice");
        var publisherPitch = DemoIds.For("milestone:quickload:2021-22:publisher-pitch");
        var storePage = DemoIds.For("milestone:quickload:2021-22:store-page");

        SyntheticStartup pixelForge = new("quickload:pixel-forge", "Pixel Forge Games", StartupKind.Startup, Day(2019, 3, 11), "IT", "gaming", "Giulia Rossi");
        SyntheticStartup lagrange = new("quickload:lagrange", "Lagrange Interactive", StartupKind.Startup, Day(2020, 6, 1), "IT", "gaming", "Marco Bianchi");
        SyntheticStartup vaporArcade = new("quickload:vapor-arcade", "Vapor Arcade", StartupKind.Startup, Day(2018, 11, 5), "IT", "gaming", "Sara Colombo");
        SyntheticStartup taurine = new("quickload:taurine", "Taurine Studio", StartupKind.Startup, Day(2020, 2, 17), "IT", "gaming", "Luca Ferrero");
        SyntheticStartup nebbia = new("quickload:nebbia", "Nebbia Games", StartupKind.Startup, Day(2021, 1, 25), "IT", "gaming", "Elena Gallo");
        SyntheticStartup lowPoly = new("quickload:low-poly", "Low Poly Works", StartupKind.Startup, Day(2021, 5, 3), "IT", "gaming", "Paolo Conti");
        SyntheticStartup[] graduates = [pixelForge, lagrange, vaporArcade];
        SyntheticStartup[] admitted = [.. graduates, taurine];
        SyntheticStartup[] shortlisted = [.. admitted, nebbia];

        return new("Quickload", [new(id, DomainRegistration.Programmes.StreamType, "Quickload"), pixelForge.Aggregate, lagrange.Aggregate, vaporArcade.Aggregate,
            taurine.Aggregate, nebbia.Aggregate, lowPoly.Aggregate], async w =>
        {
            // Launch day illustrative; promoters, call window and programme dates are the real ones.
            await w.Programme(new LaunchProgramme(id, "Quickload", ProgrammeKind.Accelerator, ["gaming"], [], "OGR Torino", "OGR Torino", null, At(2021, 7, 26), By));
            await w.Programme(new AddPartner(id, "34BigThings", "promoter", At(2021, 7, 26), By));
            await w.Programme(new AddPartner(id, "Microsoft ID@Xbox", "promoter", At(2021, 7, 26), By));
            await w.Programme(new PlanCohort(id, cohort, "2021-22", 4, Day(2021, 12, 6), Day(2022, 5, 27), At(2021, 7, 26), By));
            await w.Programme(new OpenCall(id, cohort, Day(2021, 7, 30), Day(2021, 9, 20), At(2021, 7, 30), By));

            // The applicants' steps are illustrative, inside the real windows.
            foreach (var (startup, on) in new[] { (pixelForge, At(2021, 8, 9)), (lagrange, At(2021, 8, 23)), (vaporArcade, At(2021, 9, 1)),
                (taurine, At(2021, 9, 8)), (nebbia, At(2021, 9, 14)), (lowPoly, At(2021, 9, 19)) })
            {
                await w.Startup(startup.Register(on));
                await w.Apply(startup.Id, id, cohort, on);
            }
            await w.Programme(new CloseCall(id, cohort, At(2021, 9, 21), By));

            foreach (var startup in shortlisted)
                await w.Startup(new Shortlist(startup.Id, cohort, At(2021, 10, 5), By));
            await w.Startup(new Reject(lowPoly.Id, cohort, "No playable prototype yet", At(2021, 10, 5), By));
            foreach (var startup in admitted)
                await w.Admit(startup.Id, id, cohort, At(2021, 10, 20));
            await w.Startup(new Waitlist(nebbia.Id, cohort, At(2021, 10, 20), By));
            for (var i = 0; i < admitted.Length; i++)
                await w.Startup(new Onboard(admitted[i].Id, cohort, $"QL-2021-{i + 1:00}", At(2021, 11, 15), By));

            await w.Programme(new StartCohort(id, cohort, At(2021, 12, 6), By));
            await w.Programme(new SetMilestone(id, cohort, verticalSlice, "Playable vertical slice", Day(2022, 2, 25), true, At(2021, 12, 6), By));
            await w.Programme(new SetMilestone(id, cohort, publisherPitch, "Pitch to the ID@Xbox team", Day(2022, 4, 29), true, At(2021, 12, 6), By));
            await w.Programme(new SetMilestone(id, cohort, storePage, "Store page live", Day(2022, 5, 20), false, At(2021, 12, 6), By));

            await w.Withdraw(taurine.Id, id, cohort, "The founders joined a publisher", At(2022, 2, 15));
            foreach (var startup in graduates)
            {
                await w.Startup(new AchieveMilestone(startup.Id, cohort, verticalSlice, At(2022, 2, 25), By));
                await w.Startup(new AchieveMilestone(startup.Id, cohort, publisherPitch, At(2022, 4, 29), By));
            }
            await w.Startup(new AchieveMilestone(pixelForge.Id, cohort, storePage, At(2022, 5, 20), By));
            await w.Startup(new MissMilestone(lagrange.Id, cohort, storePage, At(2022, 5, 21), By));

            await w.Programme(new HoldDemoDay(id, cohort, Day(2022, 5, 26), "OGR Torino", At(2022, 5, 26, 17), By));
            foreach (var startup in graduates)
                await w.Graduate(startup.Id, id, cohort, At(2022, 5, 27));
            await w.Programme(new CompleteCohort(id, cohort, At(2022, 5, 27, 18), By));

            await w.Startup(new RecordInvestment(pixelForge.Id, DemoIds.For("investment:quickload:pixel-forge:seed"), "Superga Angels (synthetic)",
                120_000m, "EUR", Instrument.Equity, 6m, At(2022, 7, 12), By));
        });
    }

    /// <summary>OGR Torino's aerospace and advanced-hardware accelerator, operated by Plug and Play; the first call closed on 25/05/2022.</summary>
    static DemoUnit Takeoff()
    {
        var id = DemoIds.Takeoff;
        var cohort = DemoIds.For("cohort:takeoff:2022");
        var technicalReview = DemoIds.For("milestone:takeoff:2022:technical-review");
        var pilotAgreement = DemoIds.For("milestone:takeoff:2022:pilot-agreement");

        SyntheticStartup orbitalPixels = new("takeoff:orbital-pixels", "Orbital Pixels", StartupKind.Startup, Day(2020, 3, 1), "IT", "aerospace", "Chiara Greco");
        SyntheticStartup stratolift = new("takeoff:stratolift", "Stratolift", StartupKind.Startup, Day(2019, 9, 16), "IT", "aerospace", "Andrea Marino");
        SyntheticStartup cryoActuators = new("takeoff:cryo-actuators", "Cryo Actuators", StartupKind.Startup, Day(2021, 4, 12), "IT", "advanced-hardware", "Federica Rinaldi");
        SyntheticStartup hypersonicGarage = new("takeoff:hypersonic-garage", "Hypersonic Garage", StartupKind.Startup, Day(2021, 10, 4), "IT", "aerospace", "Davide Costa");
        SyntheticStartup satelliteBakery = new("takeoff:satellite-bakery", "Satellite Bakery", StartupKind.Startup, Day(2020, 12, 7), "IT", "aerospace", "Martina Fontana");
        SyntheticStartup[] admitted = [orbitalPixels, stratolift, cryoActuators];
        SyntheticStartup[] shortlisted = [.. admitted, hypersonicGarage];

        return new("Takeoff Accelerator", [new(id, DomainRegistration.Programmes.StreamType, "Takeoff Accelerator"), orbitalPixels.Aggregate, stratolift.Aggregate,
            cryoActuators.Aggregate, hypersonicGarage.Aggregate, satelliteBakery.Aggregate], async w =>
        {
            // Launch day, call opening and cohort dates illustrative; the call's closing day (25/05/2022) is real.
            await w.Programme(new LaunchProgramme(id, "Takeoff Accelerator", ProgrammeKind.Accelerator, ["aerospace", "advanced-hardware"], [],
                "OGR Torino", "OGR Torino", null, At(2022, 3, 30), By));
            await w.Programme(new AddPartner(id, "Plug and Play", "operator", At(2022, 3, 30), By));
            await w.Programme(new AddPartner(id, "ASI (Agenzia Spaziale Italiana)", "selection committee", At(2022, 3, 30), By));
            await w.Programme(new AddPartner(id, "ESA (European Space Agency)", "selection committee", At(2022, 3, 30), By));
            await w.Programme(new PlanCohort(id, cohort, "2022", 10, Day(2022, 9, 19), Day(2022, 12, 16), At(2022, 3, 30), By));
            await w.Programme(new OpenCall(id, cohort, Day(2022, 4, 1), Day(2022, 5, 25), At(2022, 4, 1), By));

            foreach (var (startup, on) in new[] { (orbitalPixels, At(2022, 4, 12)), (stratolift, At(2022, 4, 28)), (cryoActuators, At(2022, 5, 6)),
                (hypersonicGarage, At(2022, 5, 18)), (satelliteBakery, At(2022, 5, 24)) })
            {
                await w.Startup(startup.Register(on));
                await w.Apply(startup.Id, id, cohort, on);
            }
            await w.Withdraw(satelliteBakery.Id, id, cohort, "Chose another accelerator", At(2022, 5, 25));
            await w.Programme(new CloseCall(id, cohort, At(2022, 5, 26), By));

            foreach (var startup in shortlisted)
                await w.Startup(new Shortlist(startup.Id, cohort, At(2022, 6, 10), By));
            await w.Startup(new Reject(hypersonicGarage.Id, cohort, "Selection committee: the technology is not yet past TRL 3", At(2022, 6, 24), By));
            foreach (var startup in admitted)
                await w.Admit(startup.Id, id, cohort, At(2022, 6, 24));
            for (var i = 0; i < admitted.Length; i++)
                await w.Startup(new Onboard(admitted[i].Id, cohort, $"TKO-2022-{i + 1:00}", At(2022, 9, 12), By));

            await w.Programme(new StartCohort(id, cohort, At(2022, 9, 19), By));
            await w.Programme(new SetMilestone(id, cohort, technicalReview, "Technical review with ASI and ESA experts", Day(2022, 10, 28), true, At(2022, 9, 19), By));
            await w.Programme(new SetMilestone(id, cohort, pilotAgreement, "Pilot agreement with an industrial partner", Day(2022, 12, 2), true, At(2022, 9, 19), By));
            foreach (var startup in admitted)
            {
                await w.Startup(new AchieveMilestone(startup.Id, cohort, technicalReview, At(2022, 10, 28), By));
                await w.Startup(new AchieveMilestone(startup.Id, cohort, pilotAgreement, At(2022, 12, 2), By));
            }
            await w.Programme(new HoldDemoDay(id, cohort, Day(2022, 12, 15), "OGR Torino", At(2022, 12, 15, 17), By));
            foreach (var startup in admitted)
                await w.Graduate(startup.Id, id, cohort, At(2022, 12, 16));
            await w.Programme(new CompleteCohort(id, cohort, At(2022, 12, 16, 18), By));

            // The 2023 and 2024 editions (real), planned only; their dates are illustrative.
            await w.Programme(new PlanCohort(id, DemoIds.For("cohort:takeoff:2023"), "2023", 10, Day(2023, 9, 18), Day(2023, 12, 15), At(2023, 2, 15), By));
            await w.Programme(new PlanCohort(id, DemoIds.For("cohort:takeoff:2024"), "2024", 10, Day(2024, 9, 16), Day(2024, 12, 13), At(2024, 2, 15), By));
        });
    }

    /// <summary>The Torino Chamber of Commerce's project for SMEs targeting Japan and South Korea; a cohort is a business mission.</summary>
    static DemoUnit EuBusinessHub()
    {
        var id = DemoIds.EuBusinessHub;
        var japan = DemoIds.For("cohort:eu-business-hub:japan-2024");
        const string chamber = "Camera di commercio di Torino";

        SyntheticStartup medTrace = new("eubh:medtrace", "MedTrace Diagnostics", StartupKind.Sme, Day(2015, 4, 20), "IT", "healthcare", "Roberta Villa");
        SyntheticStartup verdeCircolare = new("eubh:verde-circolare", "Verde Circolare", StartupKind.Sme, Day(2012, 9, 3), "IT", "greentech", "Stefano Moretti");
        SyntheticStartup lingottoData = new("eubh:lingotto-data", "Lingotto Data Works", StartupKind.Sme, Day(2017, 1, 16), "IT", "digital", "Valentina Ricci");
        SyntheticStartup rhoneHydrogen = new("eubh:rhone-hydrogen", "Rhone Hydrogen Systems", StartupKind.Sme, Day(2018, 5, 2), "FR", "greentech", "Camille Martin");
        SyntheticStartup[] delegates = [medTrace, verdeCircolare, lingottoData];
        SyntheticStartup[] shortlisted = [.. delegates, rhoneHydrogen];

        return new("EU Business Hub", [new(id, DomainRegistration.Programmes.StreamType, "EU Business Hub"), medTrace.Aggregate, verdeCircolare.Aggregate,
            lingottoData.Aggregate, rhoneHydrogen.Aggregate], async w =>
        {
            // The mission's dates (9-13/12/2024) and its size (about 50 firms) are real; launch and call dates illustrative.
            await w.Programme(new LaunchProgramme(id, "EU Business Hub", ProgrammeKind.Internationalisation, ["healthcare", "greentech", "digital"],
                ["JP", "KR"], chamber, chamber, Eligibility.EuBusinessHub, At(2024, 7, 1), By));
            await w.Programme(new PlanCohort(id, japan, "Japan mission 2024", 50, Day(2024, 12, 9), Day(2024, 12, 13), At(2024, 7, 1), By));
            await w.Programme(new OpenCall(id, japan, Day(2024, 9, 2), Day(2024, 10, 31), At(2024, 9, 2), By));

            foreach (var (startup, on) in new[] { (medTrace, At(2024, 9, 16)), (verdeCircolare, At(2024, 9, 27)), (lingottoData, At(2024, 10, 8)),
                (rhoneHydrogen, At(2024, 10, 21)) })
            {
                await w.Startup(startup.Register(on));
                await w.Apply(startup.Id, id, japan, on);
            }
            await w.Programme(new CloseCall(id, japan, At(2024, 11, 4), By));

            foreach (var startup in shortlisted)
                await w.Startup(new Shortlist(startup.Id, japan, At(2024, 11, 8), By));
            await w.Startup(new Reject(rhoneHydrogen.Id, japan, "No market-entry plan for Japan yet", At(2024, 11, 15), By));
            foreach (var startup in delegates)
                await w.Admit(startup.Id, id, japan, At(2024, 11, 15));
            for (var i = 0; i < delegates.Length; i++)
                await w.Startup(new Onboard(delegates[i].Id, japan, $"EUBH-JP-2024-{i + 1:00}", At(2024, 11, 25), By));

            await w.Programme(new StartCohort(id, japan, At(2024, 12, 9), By));
            foreach (var startup in delegates)
                await w.Graduate(startup.Id, id, japan, At(2024, 12, 13));
            await w.Programme(new CompleteCohort(id, japan, At(2024, 12, 13, 18), By));

            // A Korea mission, planned; its dates are illustrative.
            await w.Programme(new PlanCohort(id, DemoIds.For("cohort:eu-business-hub:korea-2027"), "Korea mission 2027", 50,
                Day(2027, 4, 12), Day(2027, 4, 16), At(2026, 10, 15), By));
        });
    }
}
