using System.Net;
using System.Text.Json.Nodes;
using Ecosystem.Api.Demo;
using Ecosystem.Domain.Startups;
using Ecosystem.Api.EventStore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static Ecosystem.Api.Tests.ApiFixture;
using DomainRegistration = Ecosystem.Api.Infrastructure.DomainRegistration;

namespace Ecosystem.Api.Tests;

public sealed class DemoDataTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    AggregateStore Aggregates => api.Services.GetRequiredService<AggregateStore>();

    /// <summary>Loads the demo data (a no-op when an earlier test loaded it) and returns a query string that reads it back.</summary>
    async Task<string> LoadedAsync()
    {
        var result = await new DemoData(Aggregates, NullLogger<DemoData>.Instance).LoadAsync();
        Assert.Equal(0, result.Failed);
        return $"?position={await Aggregates.Events.HeadPositionAsync()}";
    }

    async Task<JsonNode> GetAsync(string path) => await Json(await api.Admin.GetAsync(path), HttpStatusCode.OK);

    [Fact]
    public async Task Loading_again_records_nothing_more()
    {
        await LoadedAsync();
        var once = await EventCountAsync();

        var again = await new DemoData(Aggregates, NullLogger<DemoData>.Instance).LoadAsync();

        Assert.True(once > 100, $"only {once} events were loaded");
        Assert.Equal(once, await EventCountAsync());
        Assert.Equal((0, 0, 0), (again.Loaded, again.Failed, again.EventsRecorded));
        Assert.True(again.Skipped > 0);
        Assert.Equal(["demo-loader"], await ActorsAsync());
    }

    [Fact]
    public async Task The_three_programmes_read_with_their_real_dates()
    {
        var position = await LoadedAsync();

        var names = (await GetAsync($"/api/programmes{position}")).AsArray().Select(p => p!["name"]!.GetValue<string>());
        Assert.Equal(["EU Business Hub", "Quickload", "Takeoff Accelerator"], names.Order());

        var quickload = await GetAsync($"/api/programmes/{DemoIds.Quickload}{position}");
        Assert.Equal(["34BigThings", "Microsoft ID@Xbox"], quickload["partners"]!.AsArray().Select(p => p!["organisation"]!.GetValue<string>()));
        var season = quickload["cohorts"]!.AsArray().Single()!;
        Assert.Equal(("completed", "2021-12-06", "2022-05-27"), (Text(season, "status"), Text(season, "startsOn"), Text(season, "endsOn")));
        Assert.Equal(("2021-07-30", "2021-09-20"), (Text(season["call"]!, "opensOn"), Text(season["call"]!, "closesOn")));
        var roster = season["roster"]!;
        Assert.Equal((6, 3, 1, 1, 1), (Count(roster, "applications"), Count(roster, "graduated"), Count(roster, "waitlisted"),
            Count(roster, "rejected"), Count(roster, "withdrawn")));

        var takeoff = await GetAsync($"/api/programmes/{DemoIds.Takeoff}{position}");
        Assert.Equal(["ASI (Agenzia Spaziale Italiana)", "ESA (European Space Agency)", "Plug and Play"],
            takeoff["partners"]!.AsArray().Select(p => p!["organisation"]!.GetValue<string>()).Order());
        var editions = takeoff["cohorts"]!.AsArray().ToDictionary(c => Text(c!, "edition"));
        Assert.Equal(["2022", "2023", "2024"], editions.Keys.Order());
        Assert.Equal(("completed", "2022-05-25", 10), (Text(editions["2022"]!, "status"), Text(editions["2022"]!["call"]!, "closesOn"), Count(editions["2022"]!, "capacity")));
        Assert.Equal(3, Count(editions["2022"]!["roster"]!, "graduated"));
        Assert.Equal("planned", Text(editions["2024"]!, "status"));

        var hub = await GetAsync($"/api/programmes/{DemoIds.EuBusinessHub}{position}");
        Assert.Equal(("internationalisation", "Camera di commercio di Torino"), (Text(hub, "kind"), Text(hub, "organisation")));
        Assert.Equal(["JP", "KR"], hub["targetCountries"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(5, Count(hub["eligibility"]!, "minYearsSme"));
        var missions = hub["cohorts"]!.AsArray().ToDictionary(c => Text(c!, "edition"));
        var japan = missions["Japan mission 2024"]!;
        Assert.Equal(("completed", "2024-12-09", "2024-12-13", 50), (Text(japan, "status"), Text(japan, "startsOn"), Text(japan, "endsOn"), Count(japan, "capacity")));
        Assert.Equal(3, Count(japan["roster"]!, "graduated"));
        Assert.Equal("planned", Text(missions["Korea mission 2027"]!, "status"));
    }

    [Fact]
    public async Task The_Japan_Hub_is_in_Tokyo_after_Kyoto()
    {
        var position = await LoadedAsync();

        var hub = await GetAsync($"/api/hub-offices/{DemoIds.JapanHub}{position}");

        Assert.Equal(("Politecnico di Torino", "JP", "open"), (Text(hub, "university"), Text(hub, "country"), Text(hub, "status")));
        var tokyo = hub["currentLocation"]!;
        Assert.Equal(("Tokyo", "Italian Chamber of Commerce in Japan", "2025-09-29"), (Text(tokyo, "city"), Text(tokyo, "host"), Text(tokyo["inauguration"]!, "on")));
        var kyoto = hub["locationHistory"]!.AsArray().Single()!;
        Assert.Equal(("Kyoto", "2023-05-15", "2023-07-11"), (Text(kyoto, "city"), Text(kyoto, "openedOn"), Text(kyoto["inauguration"]!, "on")));
        Assert.Equal(["Institute of Science Tokyo", "Kyoto Institute of Technology", "Osaka University", "Waseda University"],
            hub["partners"]!.AsArray().Select(p => Text(p!, "university")).Order());
    }

    [Fact]
    public async Task Three_urban_testing_use_cases_stand_at_different_steps()
    {
        var position = await LoadedAsync();

        var drones = await GetAsync($"/api/urban-testing/use-cases/{DemoIds.DoraLabDrones}{position}");
        var car = await GetAsync($"/api/urban-testing/use-cases/{DemoIds.SmartRoadVehicle}{position}");
        var shuttle = await GetAsync($"/api/urban-testing/use-cases/{DemoIds.SandboxShuttle}{position}");

        Assert.Equal(("air-mobility", "accepted", 15000m), (Text(drones, "domain"), Text(drones, "status"), drones["contribution"]!.GetValue<decimal>()));
        Assert.Equal(("DoraLab", "ENAC"), (Text(drones["site"]!, "name"), Text(drones["authorisations"]![0]!, "authority")));
        Assert.Equal(("smart-road", "in-test"), (Text(car, "domain"), Text(car, "status")));
        Assert.Equal(("urban-services", "authorising"), (Text(shuttle, "domain"), Text(shuttle, "status")));
        Assert.All(new[] { drones, car, shuttle }, u => Assert.EndsWith("(synthetic)", Text(u["proposer"]!, "startupName")));
    }

    [Fact]
    public async Task Every_startup_the_loader_made_is_marked_synthetic()
    {
        await LoadedAsync();

        var startups = (await GetAsync("/api/startups?limit=200")).AsArray();

        Assert.Equal(18, startups.Count);
        foreach (var startup in startups)
        {
            Assert.EndsWith(" (synthetic)", Text(startup!, "name"));
            var registered = (Startup.Registered)(await Aggregates.LoadAsync(DomainRegistration.Startups, Guid.Parse(Text(startup!, "id")))).State;
            Assert.All(registered.Founders, f => Assert.EndsWith("@example.com", f.Email));
        }
    }

    [Fact]
    public async Task The_delegations_read_with_their_real_dates_and_the_Nagoya_visit_under_the_twinning()
    {
        var position = await LoadedAsync();

        var nagoya = await GetAsync($"/api/missions/{DemoIds.NagoyaDelegation2022}{position}");
        Assert.Equal(("inbound", "completed", "2022-11-09", "2022-11-11"),
            (Text(nagoya, "direction"), Text(nagoya, "status"), Text(nagoya, "startsOn"), Text(nagoya, "endsOn")));
        Assert.Equal(7, nagoya["delegates"]!.AsArray().Count);
        Assert.StartsWith("OGR Torino", Text(nagoya["visits"]![0]!, "organisation"));

        var beijing = await GetAsync($"/api/missions/{DemoIds.BeijingDelegation2023}{position}");
        Assert.Equal(("Yu Yingjie", "CN"), (Text(beijing["delegates"]![0]!, "name"), beijing["countries"]![0]!.GetValue<string>()));

        var japan = await GetAsync($"/api/missions/{DemoIds.JapanMission2025}{position}");
        Assert.Equal(("outbound", "completed"), (Text(japan, "direction"), Text(japan, "status")));
        var nagoyaVisit = japan["visits"]!.AsArray().Single(v => Text(v!, "place") == "Nagoya")!;
        Assert.Equal(DemoIds.TorinoNagoyaTwinning.ToString(), Text(nagoyaVisit, "agreementId"));
        Assert.Equal("2025-09-29", Text(japan["visits"]!.AsArray().Single(v => Text(v!, "place") == "Tokyo" && Text(v!, "organisation").Contains("Koike"))!, "on"));

        var calendar = (await GetAsync("/api/missions?country=JP&month=2025-09")).AsArray();
        Assert.Contains(calendar, m => Text(m!, "id") == DemoIds.JapanMission2025.ToString());
        var euBusinessHub = await GetAsync($"/api/missions/{DemoIds.EuBusinessHubJapan2024}");
        Assert.Equal(DemoIds.EuBusinessHub.ToString(), Text(euBusinessHub, "programmeId"));
    }

    [Fact]
    public async Task The_agreement_registry_shows_the_chambers_memorandum_and_the_twinning()
    {
        var position = await LoadedAsync();

        var chamber = (await GetAsync($"/api/agreements{position}&party=Camera%20di%20commercio%20di%20Torino&kind=mou")).AsArray();
        var memorandum = Assert.Single(chamber)!;
        Assert.Equal(("Memorandum of commitment on automotive and aerospace", "signed"), (Text(memorandum, "title"), Text(memorandum, "status")));
        Assert.Equal(["automotive", "aerospace"], memorandum["sectors"]!.AsArray().Select(s => s!.GetValue<string>()));

        var twinning = await GetAsync($"/api/agreements/{DemoIds.TorinoNagoyaTwinning}");
        Assert.Equal(("twinning", "2005"), (Text(twinning, "kind"), Text(twinning, "signedOn")[..4]));
        Assert.Contains(twinning["links"]!.AsArray(), l => Text(l!, "targetId") == DemoIds.NagoyaDelegation2022.ToString());
        var iurc = await GetAsync($"/api/agreements/{DemoIds.IurcCooperation}");
        Assert.Equal(("cooperation-project", "expired"), (Text(iurc, "kind"), Text(iurc, "status")));
    }

    static string Text(JsonNode node, string property) => node[property]!.GetValue<string>();

    static int Count(JsonNode node, string property) => node[property]!.GetValue<int>();

    async Task<long> EventCountAsync()
    {
        await using var command = api.Database.DataSource.CreateCommand("select count(*) from mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    async Task<List<string>> ActorsAsync()
    {
        await using var command = api.Database.DataSource.CreateCommand("select distinct user_name from mt_events");
        var actors = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) actors.Add(reader.GetString(0));
        return actors;
    }
}
