using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain;
using Ecosystem.Domain.Agreements;
using Ecosystem.Domain.Missions;
using static Ecosystem.Domain.Agreements.AgreementCommand;
using static Ecosystem.Domain.Missions.MissionCommand;

namespace Ecosystem.Api.Demo;

internal static partial class DemoFacts
{
    const string CityOfTorino = "City of Torino";
    const string CityOfNagoya = "City of Nagoya";
    const string TorinoChamber = "Camera di commercio di Torino";
    const string NagoyaChamber = "Nagoya Chamber of Commerce and Industry";

    /// <summary>
    /// Torino's delegations and agreements from the seed articles: the Torino–Nagoya twinning (2005) and the chambers'
    /// (2006), the two-year IURC cooperation project, the Nagoya delegation (9–11/11/2022, seven delegates, OGR first),
    /// the Beijing delegation led by its vice mayor (09/2023), the City's 2025 mission to Japan (Nagoya for the
    /// twinning's 20th anniversary, Tokyo on 29/09/2025, Expo Osaka on 30/09/2025) with the chambers' memorandum on
    /// automotive and aerospace, and the EU Business Hub's missions. Days the sources do not give are illustrative
    /// (said so beside each); people the sources do not name are "(synthetic)".
    /// </summary>
    static DemoUnit Delegations()
    {
        DemoAggregate[] aggregates =
        [
            new(DemoIds.TorinoNagoyaTwinning, DomainRegistration.Agreements.StreamType, "Torino–Nagoya twinning"),
            new(DemoIds.ChambersTwinning, DomainRegistration.Agreements.StreamType, "Chambers' twinning"),
            new(DemoIds.IurcCooperation, DomainRegistration.Agreements.StreamType, "IURC cooperation project"),
            new(DemoIds.ChambersMemorandum, DomainRegistration.Agreements.StreamType, "Chambers' memorandum on automotive and aerospace"),
            new(DemoIds.JapanHubHosting, DomainRegistration.Agreements.StreamType, "Japan Hub hosting"),
            new(DemoIds.NagoyaDelegation2022, DomainRegistration.Missions.StreamType, "Nagoya delegation 2022"),
            new(DemoIds.BeijingDelegation2023, DomainRegistration.Missions.StreamType, "Beijing delegation 2023"),
            new(DemoIds.JapanMission2025, DomainRegistration.Missions.StreamType, "Torino mission to Japan 2025"),
            new(DemoIds.EuBusinessHubJapan2024, DomainRegistration.Missions.StreamType, "EU Business Hub Japan mission 2024"),
            new(DemoIds.EuBusinessHubKorea2027, DomainRegistration.Missions.StreamType, "EU Business Hub Korea mission 2027"),
        ];
        return new("Delegations and agreements", aggregates, async w =>
        {
            await Agreements(w);
            await NagoyaDelegation(w);
            await BeijingDelegation(w);
            await JapanMission(w);
            await EuBusinessHubMissions(w);
            await w.Agreement(new LinkAgreement(DemoIds.TorinoNagoyaTwinning, LinkKind.Mission, DemoIds.NagoyaDelegation2022, At(2022, 11, 11, 18), By));
            await w.Agreement(new LinkAgreement(DemoIds.IurcCooperation, LinkKind.Mission, DemoIds.NagoyaDelegation2022, At(2022, 11, 11, 18), By));
            await w.Agreement(new LinkAgreement(DemoIds.TorinoNagoyaTwinning, LinkKind.Mission, DemoIds.JapanMission2025, At(2025, 10, 4, 18), By));
            await w.Agreement(new LinkAgreement(DemoIds.ChambersMemorandum, LinkKind.Mission, DemoIds.JapanMission2025, At(2025, 10, 4, 18), By));
        });
    }

    static ValueList<Party> TorinoAndNagoya(string role) => [new(CityOfTorino, "IT", role), new(CityOfNagoya, "JP", role)];

    static ValueList<Signatory> SignedFor(string key, params string[] organisations) =>
        new(organisations.Select(o => new Signatory(DemoIds.For($"person:{key}:{o}"), o, $"Signatory for {o} (synthetic)", "legal representative")));

    static async Task Agreements(DemoWriter w)
    {
        // The cities' twinning was signed in 2005; the day is illustrative. It is open-ended.
        var twinning = DemoIds.TorinoNagoyaTwinning;
        await w.Agreement(new DraftAgreement(twinning, AgreementKind.Twinning, "Torino–Nagoya twinning", TorinoAndNagoya("twin city"),
            ["automotive", "aerospace"], ["industry", "innovation", "culture"], Day(2005, 1, 1), null, At(2005, 1, 1), By));
        await w.Agreement(new SignAgreement(twinning, Day(2005, 1, 1), SignedFor("twinning", CityOfTorino, CityOfNagoya), At(2005, 1, 1), By));

        // The chambers formalised their own twinning in 2006; the day is illustrative.
        var chambers = DemoIds.ChambersTwinning;
        ValueList<Party> chamberParties = [new(TorinoChamber, "IT", "chamber of commerce"), new(NagoyaChamber, "JP", "chamber of commerce")];
        await w.Agreement(new DraftAgreement(chambers, AgreementKind.Twinning, "Twinning of the Torino and Nagoya chambers of commerce", chamberParties,
            ["automotive", "aerospace"], ["trade", "investment"], Day(2006, 1, 1), null, At(2006, 1, 1), By));
        await w.Agreement(new SignAgreement(chambers, Day(2006, 1, 1), SignedFor("chambers-twinning", TorinoChamber, NagoyaChamber), At(2006, 1, 1), By));

        // The two-year cooperation project under the EU's IURC programme (under way in 11/2022); its dates are illustrative.
        var iurc = DemoIds.IurcCooperation;
        await w.Agreement(new DraftAgreement(iurc, AgreementKind.CooperationProject, "Torino–Nagoya cooperation project (EU IURC programme)",
            TorinoAndNagoya("partner city"), ["automotive"], ["innovation ecosystems", "public administrations as enablers", "just, inclusive and smart cities"],
            Day(2022, 7, 1), Day(2024, 6, 30), At(2022, 6, 1), By));
        await w.Agreement(new SignAgreement(iurc, Day(2022, 7, 1), SignedFor("iurc", CityOfTorino, CityOfNagoya), At(2022, 7, 1), By));
        await w.Agreement(new ExpireAgreement(iurc, At(2024, 7, 1), By));

        // Signed in Nagoya during the 2025 mission to celebrate the chambers' twinning; the day is illustrative.
        var memorandum = DemoIds.ChambersMemorandum;
        await w.Agreement(new DraftAgreement(memorandum, AgreementKind.Mou, "Memorandum of commitment on automotive and aerospace", chamberParties,
            ["automotive", "aerospace"], ["bilateral trade", "Japanese companies settling in Torino", "foreign direct investment"],
            Day(2025, 9, 27), null, At(2025, 9, 1), By));
        await w.Agreement(new SignAgreement(memorandum, Day(2025, 9, 27), SignedFor("memorandum", TorinoChamber, NagoyaChamber), At(2025, 9, 27), By));

        // The Japan Hub's Tokyo offices are hosted by the Italian Chamber of Commerce in Japan; the start is the demo's illustrative move date.
        var hosting = DemoIds.JapanHubHosting;
        await w.Agreement(new DraftAgreement(hosting, AgreementKind.Hosting, "Hosting of the PoliTo Japan Hub in Tokyo",
            [new("Politecnico di Torino", "IT", "guest"), new("Italian Chamber of Commerce in Japan", "JP", "host")], [], ["research", "technology transfer"],
            Day(2025, 9, 1), null, At(2025, 8, 1), By));
        await w.Agreement(new SignAgreement(hosting, Day(2025, 9, 1), SignedFor("hosting", "Politecnico di Torino", "Italian Chamber of Commerce in Japan"),
            At(2025, 9, 1), By));
        await w.Agreement(new LinkAgreement(hosting, LinkKind.HubOffice, DemoIds.JapanHub, At(2025, 9, 1), By));
    }

    static MissionDelegate Delegate(string key, string organisation, string name, string role) =>
        new(DemoIds.For($"person:{key}"), organisation, name, null, role);

    /// <summary>Seven delegates from Nagoya in Torino, 9–11/11/2022; the plan's own dates are illustrative.</summary>
    static async Task NagoyaDelegation(DemoWriter w)
    {
        var id = DemoIds.NagoyaDelegation2022;
        await w.Mission(new PlanMission(id, MissionDirection.Inbound, "Nagoya delegation to Torino", CityOfTorino, ["JP"], ["Nagoya"],
            "Meet the City's contacts and visit Torino's places of technological and social innovation (IURC cooperation)", ["automotive", "innovation"],
            Day(2022, 11, 9), Day(2022, 11, 11), null, null, null, At(2022, 10, 1), By));
        await w.Mission(new JoinDelegation(id, Delegate("sumi-toshio", CityOfNagoya, "SUMI Toshio", "Director, Startup Support Office"), At(2022, 10, 15), By));
        for (var i = 2; i <= 7; i++)
            await w.Mission(new JoinDelegation(id, Delegate($"nagoya-2022-{i}", CityOfNagoya, $"Nagoya delegate {i} (synthetic)", "delegate"), At(2022, 10, 15), By));
        await w.Mission(new ConfirmMission(id, At(2022, 10, 20), By));
        (string Key, string Organisation, string Place, DateOnly On)[] visits =
        [
            ("ogr", "OGR Torino (OGR Tech)", "Officine Grandi Riparazioni, Torino", Day(2022, 11, 10)),
            ("cte-next", "CTE NEXT and Torino City Lab (working session)", "Torino", Day(2022, 11, 10)),
            ("csi-next", "CSI NEXT with Fondazione Piemonte Innova", "Torino", Day(2022, 11, 10)),
            ("cim40", "CIM4.0 Competence Center (Digital Factory pilot line)", "Torino", Day(2022, 11, 10)),
            ("city", "City of Torino (working table on synergies)", "Torino", Day(2022, 11, 11)),
        ];
        foreach (var visit in visits)
            await w.Mission(new ScheduleVisit(id, DemoIds.For($"visit:nagoya-2022:{visit.Key}"), visit.Organisation, visit.Place, visit.On,
                DemoIds.IurcCooperation, At(2022, 10, 25), By));
        await w.Mission(new StartMission(id, At(2022, 11, 9, 9), By));
        foreach (var visit in visits)
            await w.Mission(new HoldVisit(id, DemoIds.For($"visit:nagoya-2022:{visit.Key}"), At(visit.On.Year, visit.On.Month, visit.On.Day, 17), By));
        await w.Mission(new OpenFollowUp(id, DemoIds.For("follow-up:nagoya-2022:return-visit"),
            "Visit Nagoya with the contacts of every synergy identified", CityOfTorino, Day(2023, 3, 31), At(2022, 11, 11, 16), By));
        await w.Mission(new CompleteMission(id, At(2022, 11, 11, 18), By));
    }

    /// <summary>The Beijing delegation led by Vice Mayor Yu Yingjie, reported in 09/2023; its days are illustrative.</summary>
    static async Task BeijingDelegation(DemoWriter w)
    {
        var id = DemoIds.BeijingDelegation2023;
        const string cim = "CIM4.0 Competence Center";
        await w.Mission(new PlanMission(id, MissionDirection.Inbound, "Beijing delegation led by Vice Mayor Yu Yingjie", cim, ["CN"], ["Beijing"],
            "Innovation and technology transfer: share good practices and lay the basis for systemic cooperation",
            ["healthcare", "intelligent robots", "smart connected vehicles", "alternative energy", "energy saving and environmental protection", "aerospace"],
            Day(2023, 9, 11), Day(2023, 9, 13), null, null, null, At(2023, 8, 20), By));
        await w.Mission(new JoinDelegation(id, Delegate("yu-yingjie", "Beijing Municipal Government", "Yu Yingjie", "Vice Mayor, head of delegation"),
            At(2023, 8, 25), By));
        await w.Mission(new ConfirmMission(id, At(2023, 9, 1), By));
        var visit = DemoIds.For("visit:beijing-2023:cim40");
        await w.Mission(new ScheduleVisit(id, visit, cim, "Torino", Day(2023, 9, 12), null, At(2023, 9, 1), By));
        await w.Mission(new StartMission(id, At(2023, 9, 11, 9), By));
        await w.Mission(new HoldVisit(id, visit, At(2023, 9, 12, 17), By));
        await w.Mission(new CompleteMission(id, At(2023, 9, 13, 18), By));
        await w.Mission(new OpenFollowUp(id, DemoIds.For("follow-up:beijing-2023:exchanges"),
            "Strengthen and structure exchanges with Beijing's innovators in smart manufacturing and digital transformation", cim, Day(2024, 6, 30),
            At(2023, 9, 20), By));
        await w.Mission(new OpenFollowUp(id, DemoIds.For("follow-up:beijing-2023:zgc-forum"),
            "Consider a Piedmont delegation to the Zhongguancun Forum (10–14 May 2024)", cim, Day(2024, 5, 10), At(2023, 9, 20), By));
    }

    /// <summary>
    /// The City of Torino's 2025 mission to Japan with the mayor: Nagoya for the twinning's 20th anniversary (before Tokyo;
    /// its day is illustrative), Tokyo on 29/09/2025 (Governor Koike, the Japan Hub's inauguration), Expo Osaka on 30/09/2025.
    /// The mission's first and last days are illustrative.
    /// </summary>
    static async Task JapanMission(DemoWriter w)
    {
        var id = DemoIds.JapanMission2025;
        await w.Mission(new PlanMission(id, MissionDirection.Outbound, "City of Torino institutional mission to Japan", CityOfTorino, ["JP"],
            ["Osaka", "Nagoya", "Tokyo"], "Strengthen institutional relations with Japan's main cities and open cooperation in innovation, culture, "
            + "sustainability, tourism, research and higher education",
            ["innovation", "culture", "sustainability", "tourism", "research", "higher education"], Day(2025, 9, 26), Day(2025, 10, 4), null, null, null,
            At(2025, 7, 1), By));
        foreach (var (key, organisation, name, role) in new[]
        {
            ("lo-russo", CityOfTorino, "Stefano Lo Russo", "Mayor"),
            ("cipolletta", TorinoChamber, "Massimiliano Cipolletta", "President"),
            ("bertolino", "Unioncamere Piemonte", "Paolo Bertolino", "Director"),
            ("corgnati", "Politecnico di Torino", "Stefano Corgnati", "Rector"),
        })
            await w.Mission(new JoinDelegation(id, Delegate(key, organisation, name, role), At(2025, 9, 1), By));
        await w.Mission(new ConfirmMission(id, At(2025, 9, 10), By));
        (string Key, string Organisation, string Place, DateOnly On, Guid? Agreement)[] visits =
        [
            ("nagoya", "City of Nagoya (opening of the twinning's 20th anniversary celebrations)", "Nagoya", Day(2025, 9, 27), DemoIds.TorinoNagoyaTwinning),
            ("koike", "Tokyo Metropolitan Government (Governor Yuriko Koike)", "Tokyo", Day(2025, 9, 29), null),
            ("japan-hub", "PoliTo Japan Hub inauguration, Italian Chamber of Commerce in Japan", "Tokyo", Day(2025, 9, 29), DemoIds.JapanHubHosting),
            ("expo", "Expo 2025 Osaka, Italy Pavilion (Piemonte meets Osaka)", "Osaka", Day(2025, 9, 30), null),
        ];
        foreach (var visit in visits)
            await w.Mission(new ScheduleVisit(id, DemoIds.For($"visit:japan-2025:{visit.Key}"), visit.Organisation, visit.Place, visit.On, visit.Agreement,
                At(2025, 9, 15), By));
        await w.Mission(new StartMission(id, At(2025, 9, 26, 9), By));
        foreach (var visit in visits)
            await w.Mission(new HoldVisit(id, DemoIds.For($"visit:japan-2025:{visit.Key}"), At(visit.On.Year, visit.On.Month, visit.On.Day, 17), By));
        await w.Mission(new CompleteMission(id, At(2025, 10, 4, 18), By));
    }

    /// <summary>The EU Business Hub's missions are its cohorts: Japan 9–13/12/2024 (real), Korea 2027 (illustrative).</summary>
    static async Task EuBusinessHubMissions(DemoWriter w)
    {
        var japan = DemoIds.EuBusinessHubJapan2024;
        await w.Mission(new PlanMission(japan, MissionDirection.Outbound, "EU Business Hub mission to Japan", TorinoChamber, ["JP"], [],
            "Market entry for SMEs in healthcare, greentech and digital", ["healthcare", "greentech", "digital"], Day(2024, 12, 9), Day(2024, 12, 13),
            DemoIds.EuBusinessHub, DemoIds.For("cohort:eu-business-hub:japan-2024"), null, At(2024, 7, 1), By));
        await w.Mission(new ConfirmMission(japan, At(2024, 11, 15), By));
        await w.Mission(new StartMission(japan, At(2024, 12, 9), By));
        await w.Mission(new CompleteMission(japan, At(2024, 12, 13, 18), By));

        await w.Mission(new PlanMission(DemoIds.EuBusinessHubKorea2027, MissionDirection.Outbound, "EU Business Hub mission to Korea", TorinoChamber, ["KR"], [],
            "Market entry for SMEs in healthcare, greentech and digital", ["healthcare", "greentech", "digital"], Day(2027, 4, 12), Day(2027, 4, 16),
            DemoIds.EuBusinessHub, DemoIds.For("cohort:eu-business-hub:korea-2027"), null, At(2026, 10, 15), By));
    }
}
