using Ecosystem.Api.EventStore;
using Microsoft.Extensions.DependencyInjection;
using Ecosystem.Tests.Shared;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.Journeys;
using static Ecosystem.Api.Tests.MoreJourneys;

namespace Ecosystem.Api.Tests;

public sealed class ReadModelTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_startup_directory_filters_by_sector_and_programme()
    {
        var (programme, cohort) = await ProgrammeWithOpenCallAsync(api.Admin);
        var inProgramme = await RegisterAsync(api.Admin, "Filter Aero (synthetic)", "aerospace");
        var elsewhere = await RegisterAsync(api.Admin, "Filter Aero Two (synthetic)", "aerospace");
        var gaming = await RegisterAsync(api.Admin, "Filter Games (synthetic)", "gaming");
        await Json(await ApplyAsync(api.Admin, inProgramme, programme, cohort), HttpStatusCode.OK);
        await Json(await ApplyAsync(api.Admin, gaming, programme, cohort), HttpStatusCode.OK);

        var found = await Json(await api.Admin.GetAsync($"/api/startups?sector=aerospace&programmeId={programme}"), HttpStatusCode.OK);

        Assert.Equal([inProgramme], found.AsArray().Select(s => Guid.Parse(s!["id"]!.GetValue<string>())));
        var aerospace = await Json(await api.Admin.GetAsync("/api/startups?sector=aerospace&name=Filter"), HttpStatusCode.OK);
        Assert.Equal(2, aerospace.AsArray().Count);
        Assert.Contains(aerospace.AsArray(), s => Guid.Parse(s!["id"]!.GetValue<string>()) == elsewhere);
    }

    [Fact]
    public async Task The_urban_testing_pipeline_filters_by_domain_and_status()
    {
        var drones = await ProposeAsync(api.Admin);
        var road = IdOf(await Json(await api.Admin.PostAsJsonAsync("/api/urban-testing/use-cases", new
        {
            proposerOrganisation = "Filter Mobility (synthetic)", title = "Connected car on the Smart Road", domain = "smart-road", trl = 7, durationDays = 90,
        }), HttpStatusCode.Created));
        await Accepted(UseCaseStepAsync(api.Admin, road, "feasibility", new { feasible = true, conditions = new[] { "daylight only" } }));

        var smartRoad = (await Json(await api.Admin.GetAsync("/api/urban-testing/use-cases?domain=smart-road&limit=200"), HttpStatusCode.OK)).AsArray();
        Assert.Contains(smartRoad, u => IdOf(u!) == road);
        Assert.DoesNotContain(smartRoad, u => IdOf(u!) == drones);
        Assert.All(smartRoad, u => Assert.Equal("smart-road", u!["domain"]!.GetValue<string>()));

        var feasibleAir = (await Json(await api.Admin.GetAsync("/api/urban-testing/use-cases?domain=AIR-MOBILITY&status=feasible&limit=200"), HttpStatusCode.OK)).AsArray();
        Assert.DoesNotContain(feasibleAir, u => IdOf(u!) == road || IdOf(u!) == drones);
        Assert.All(feasibleAir, u => Assert.Equal(("air-mobility", "feasible"), (u!["domain"]!.GetValue<string>(), u["status"]!.GetValue<string>())));

        var view = await Json(await api.Admin.GetAsync($"/api/urban-testing/use-cases/{road}"), HttpStatusCode.OK);
        Assert.Equal(["daylight only"], view["feasibility"]!["conditions"]!.AsArray().Select(c => c!.GetValue<string>()));

        var problem = await Problem(await api.Admin.GetAsync("/api/urban-testing/use-cases?domain=outer-space"), HttpStatusCode.BadRequest, "request.invalid");
        Assert.NotNull(problem["errors"]!["domain"]);
    }

    [Fact]
    public async Task The_hub_office_directory_filters_by_country_and_university()
    {
        const string first = "Filter University One (synthetic)", second = "Filter University Two (synthetic)";
        var firstInKorea = await ApproveHubAsync(api.Admin, first, "KR");
        var firstInJapan = await ApproveHubAsync(api.Admin, first, "JP");
        var secondInKorea = await ApproveHubAsync(api.Admin, second, "KR");

        var korea = (await Json(await api.Admin.GetAsync("/api/hub-offices?country=kr&limit=200"), HttpStatusCode.OK)).AsArray();
        Assert.Contains(korea, h => IdOf(h!) == firstInKorea);
        Assert.Contains(korea, h => IdOf(h!) == secondInKorea);
        Assert.DoesNotContain(korea, h => IdOf(h!) == firstInJapan);
        Assert.All(korea, h => Assert.Equal("KR", h!["country"]!.GetValue<string>()));

        var ofFirst = (await Json(await api.Admin.GetAsync($"/api/hub-offices?university={Uri.EscapeDataString(first.ToUpperInvariant())}"), HttpStatusCode.OK)).AsArray();
        Assert.Equal(new[] { firstInKorea, firstInJapan }.Order(), ofFirst.Select(h => IdOf(h!)).Order());

        var ofFirstInJapan = (await Json(await api.Admin.GetAsync($"/api/hub-offices?university={Uri.EscapeDataString(first)}&country=JP"), HttpStatusCode.OK)).AsArray();
        Assert.Equal([firstInJapan], ofFirstInJapan.Select(h => IdOf(h!)));
    }

    [Fact]
    public async Task A_use_case_and_a_hub_office_read_from_the_read_models_as_they_fold()
    {
        var startup = await RegisterAsync(api.Admin, "Fold Check Drones (synthetic)");
        var useCase = await AuthorisedDroneTestAsync(api.Admin, startup);
        await Accepted(UseCaseStepAsync(api.Admin, useCase, "authorisations", new { authority = "MIT" }));
        await Accepted(UseCaseStepAsync(api.Admin, useCase, "authorisations/grant", new
        {
            authority = "MIT", validFrom = Today.AddDays(-3), validTo = Today.AddDays(30), area = "Parco Dora",
        }));
        await Accepted(UseCaseStepAsync(api.Admin, useCase, "site", new { site = "DoraLab", area = "Parco Dora/DoraLab" }));
        await Accepted(UseCaseStepAsync(api.Admin, useCase, "start", new { on = Today.AddDays(-2) }));
        await Accepted(UseCaseStepAsync(api.Admin, useCase, "kpis", new { name = "deliveries", value = 42.5m, unit = "count" }));
        await Accepted(UseCaseStepAsync(api.Admin, useCase, "complete", new { on = Today }));
        await Accepted(UseCaseStepAsync(api.Admin, useCase, "report", new { trlAfter = 7, summary = "Safe BVLOS flights over the park" }));
        var withdrawn = await ProposeAsync(api.Admin, organisation: "Fold Check Shuttles (synthetic)");
        await Accepted(UseCaseStepAsync(api.Admin, withdrawn, "withdraw", new { reason = "the startup moved to Milan" }));

        var hub = await HubInKyotoAsync(api.Admin);
        await Accepted(HubStepAsync(api.Admin, hub, "inauguration", new { on = "2023-07-11", venue = "Kyoto Research Park" }));
        await Accepted(HubStepAsync(api.Admin, hub, "partners", new { university = "Waseda University", agreement = "mou" }));
        await Accepted(HubStepAsync(api.Admin, hub, "services", new { service = "student mobility desk" }));
        await Accepted(HubStepAsync(api.Admin, hub, "relocation", new { toCity = "Tokyo", host = "ICCJ", effectiveOn = "2025-06-01" }));

        foreach (var path in new[] { $"/api/urban-testing/use-cases/{useCase}", $"/api/urban-testing/use-cases/{withdrawn}", $"/api/hub-offices/{hub}" })
        {
            var response = await api.Admin.GetAsync(path);
            Assert.Equal("caught-up", response.Headers.GetValues("Ecosystem-Consistency").Single());
            var read = await Json(response, HttpStatusCode.OK);
            var folded = await Json(await api.Admin.GetAsync($"{path}?version=1000000"), HttpStatusCode.OK);
            // PostgreSQL keeps microseconds, the stored event ten-millionths of a second.
            if (read["statusSince"] is { } since)
            {
                Assert.Equal(folded["statusSince"]!.GetValue<DateTimeOffset>(), since.GetValue<DateTimeOffset>(), TimeSpan.FromMilliseconds(1));
                read.AsObject().Remove("statusSince");
                folded.AsObject().Remove("statusSince");
            }
            Assert.Equal(folded.ToJsonString(), read.ToJsonString());
        }
        var mine = await Json(await api.Admin.GetAsync($"/api/urban-testing/use-cases/{useCase}"), HttpStatusCode.OK);
        Assert.Equal(["ENAC", "MIT"], mine["authorisations"]!.AsArray().Select(a => a!["authority"]!.GetValue<string>()));
        Assert.Equal("Fold Check Drones (synthetic)", mine["proposer"]!["startupName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_read_with_the_position_of_a_write_sees_that_write()
    {
        var write = await api.Admin.PostAsJsonAsync("/api/programmes", new
        {
            name = "Consistency Lab", kind = "accelerator", sectors = new[] { "digital" }, venue = "OGR", organisation = "OGR Torino",
        });
        var id = (await Json(write, HttpStatusCode.Created))["id"]!.GetValue<string>();
        var position = write.Headers.GetValues("Ecosystem-Position").Single();

        var read = await api.Client(AdminKey).GetAsync($"/api/programmes?position={position}&limit=200");

        var list = await Json(read, HttpStatusCode.OK);
        Assert.Equal("caught-up", read.Headers.GetValues("Ecosystem-Consistency").Single());
        Assert.Contains(list.AsArray(), p => p!["id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task A_position_that_is_not_a_number_is_a_400_problem()
    {
        await Problem(await api.Admin.GetAsync("/api/programmes?position=soon"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_position_beyond_the_newest_event_is_a_400_not_caught_up()
    {
        var head = await api.Services.GetRequiredService<EventLog>().HeadPositionAsync();

        var response = await api.Client(AdminKey).GetAsync($"/api/programmes?position={head + 1000}");

        await Problem(response, HttpStatusCode.BadRequest);
        Assert.False(response.Headers.Contains("Ecosystem-Consistency"));
    }

    [Fact]
    public async Task The_dashboard_counts_startups_by_sector_and_applications_by_programme()
    {
        var (programme, cohort) = await ProgrammeWithOpenCallAsync(api.Admin);
        var before = await Json(await api.Admin.GetAsync("/api/dashboard"), HttpStatusCode.OK);
        var startup = await RegisterAsync(api.Admin, "Dashboard Bio (synthetic)", "aerospace");
        await Json(await ApplyAsync(api.Admin, startup, programme, cohort), HttpStatusCode.OK);

        var after = await Json(await api.Admin.GetAsync("/api/dashboard"), HttpStatusCode.OK);

        Assert.Equal(Count(before["startupsBySector"]!, "aerospace") + 1, Count(after["startupsBySector"]!, "aerospace"));
        Assert.Equal(before["totals"]!["applications"]!.GetValue<long>() + 1, after["totals"]!["applications"]!.GetValue<long>());
        var figures = after["programmes"]!.AsArray().Single(p => p!["programmeId"]!.GetValue<string>() == programme.ToString())!;
        Assert.Equal(1, figures["applications"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_seat_released_before_the_cohort_starts_moves_the_first_waitlisted_startup_up()
    {
        var (programme, cohort) = await ProgrammeWithOpenCallAsync(api.Admin, capacity: 1);
        var admitted = await ShortlistedAsync(api.Admin, programme, cohort, "Seat Holder (synthetic)");
        var first = await WaitlistedAsync(programme, cohort, "First In Line (synthetic)");
        var second = await WaitlistedAsync(programme, cohort, "Second In Line (synthetic)");
        await Json(await CohortStepAsync(api.Admin, programme, cohort, "call/close"), HttpStatusCode.OK);
        await Json(await StepAsync(api.Admin, admitted, cohort, "admit"), HttpStatusCode.OK);

        await Json(await StepAsync(api.Admin, admitted, cohort, "withdraw", new { reason = "moved abroad" }), HttpStatusCode.OK);

        await Eventually.WaitUntilAsync(async () => await StatusInAsync(first, cohort) == "admitted");
        Assert.Equal("waitlisted", await StatusInAsync(second, cohort));
        // The reactor wrote after the client's last write, so its effect reaches the read model a little later.
        await Eventually.WaitUntilAsync(async () =>
        {
            var roster = await Json(await api.Admin.GetAsync($"/api/programmes/{programme}"), HttpStatusCode.OK);
            var entries = roster["cohorts"]![0]!["startups"]!.AsArray();
            return roster["cohorts"]![0]!["allocated"]!.GetValue<int>() == 1
                && entries.Single(e => e!["startupId"]!.GetValue<string>() == first.ToString())!["holdsSeat"]!.GetValue<bool>();
        });

        var eventsBefore = await ScalarAsync("select count(*) from mt_events");
        // Redelivery: the reactor's checkpoint goes back to the start and the whole log is handed to it again.
        await ExecuteAsync("update ecosystem.checkpoints set position = 0 where name = 'reactor:waitlist-promotion'");
        var log = api.Services.GetRequiredService<EventLog>();
        var everything = await log.ReadAllAsync(0, await log.HeadPositionAsync(), 10_000);
        await api.Services.GetRequiredService<ConsumerEngines>().For("reactor:waitlist-promotion").HandleAsync(everything, CancellationToken.None);
        Assert.Equal(eventsBefore, await ScalarAsync("select count(*) from mt_events"));
        Assert.Equal("waitlisted", await StatusInAsync(second, cohort));
    }

    [Fact]
    public async Task Rebuilt_read_models_equal_the_live_ones_row_for_row_after_a_mixed_workload()
    {
        await MixedWorkloadAsync(new Random(20261122));
        await WaitForConsumersAsync();
        var live = await Eventually.SnapshotReadModelsAsync(api.Database.DataSource);
        Assert.Contains("programmes", live.Keys);

        foreach (var name in new[] { "programme-roster", "startup-directory", "urban-testing-pipeline", "hub-office-directory", "mission-calendar", "agreement-registry" })
        {
            var rebuild = await api.Admin.PostAsync($"/api/admin/projections/{name}/rebuild", null);
            Assert.Equal(HttpStatusCode.Accepted, rebuild.StatusCode);
        }
        await Eventually.WaitUntilAsync(async () =>
        {
            var projections = await Json(await api.Admin.GetAsync("/api/admin/projections"), HttpStatusCode.OK);
            return projections.AsArray().All(p => p!["activeGeneration"]!.GetValue<int>() >= 2 && p["rebuildGeneration"] is null);
        });

        var rebuilt = await Eventually.SnapshotReadModelsAsync(api.Database.DataSource);
        Assert.Equal(live.Keys.Order(), rebuilt.Keys.Order());
        foreach (var (view, rows) in live) Assert.True(rows == rebuilt[view], $"{view} differs after the rebuild");
    }

    [Fact]
    public async Task Consumers_report_their_lag_and_reach_zero()
    {
        await LaunchAsync(api.Admin);
        await WaitForConsumersAsync();
        var consumers = await Json(await api.Admin.GetAsync("/api/admin/consumers"), HttpStatusCode.OK);
        Assert.Contains(consumers.AsArray(), c => c!["name"]!.GetValue<string>() == "projection:programme-roster");
        Assert.Contains(consumers.AsArray(), c => c!["name"]!.GetValue<string>() == "reactor:waitlist-promotion");
        await Problem(await (await api.ClientWithRole("manager", "OGR Torino")).GetAsync("/api/admin/consumers"), HttpStatusCode.Forbidden);
        await Problem(await api.Admin.PostAsync("/api/admin/projections/no-such-thing/rebuild", null), HttpStatusCode.NotFound);
    }

    async Task MixedWorkloadAsync(Random random)
    {
        var cohorts = new List<(Guid Programme, Guid Cohort)>();
        for (var p = 0; p < 3; p++) cohorts.Add(await ProgrammeWithOpenCallAsync(api.Admin, capacity: random.Next(2, 5)));
        var startups = new List<(Guid Startup, Guid Cohort)>();
        for (var s = 0; s < 14; s++)
        {
            var (programme, cohort) = cohorts[random.Next(cohorts.Count)];
            var startup = await RegisterAsync(api.Admin, $"Mixed {s:00} (synthetic)");
            await Json(await ApplyAsync(api.Admin, startup, programme, cohort), HttpStatusCode.OK);
            var step = random.Next(4);
            if (step >= 1) await StepAsync(api.Admin, startup, cohort, random.Next(3) == 0 ? "waitlist" : "shortlist");
            if (step == 3) await StepAsync(api.Admin, startup, cohort, "reject", new { reason = "fit" });
            startups.Add((startup, cohort));
        }
        foreach (var (programme, cohort) in cohorts) await CohortStepAsync(api.Admin, programme, cohort, "call/close");
        foreach (var (startup, cohort) in startups.Where(_ => random.Next(2) == 0))
        {
            var admit = await StepAsync(api.Admin, startup, cohort, "admit");
            if (admit.IsSuccessStatusCode && random.Next(3) == 0) await StepAsync(api.Admin, startup, cohort, "withdraw", new { reason = "changed plans" });
        }
        var hub = (await Json(await api.Admin.PostAsJsonAsync("/api/hub-offices", new { university = "Politecnico di Torino", country = "JP" }), HttpStatusCode.Created))["id"]!;
        await api.Admin.PostAsJsonAsync($"/api/hub-offices/{hub}/locations", new { city = "Kyoto", host = "KIT", openedOn = "2023-05-02" });
        await api.Admin.PostAsJsonAsync($"/api/hub-offices/{hub}/relocation", new { toCity = "Tokyo", host = "ICCJ", effectiveOn = "2025-09-01" });
        var useCase = (await Json(await api.Admin.PostAsJsonAsync("/api/urban-testing/use-cases",
            new { proposerOrganisation = "Synthetic Drones", title = "Drones at DoraLab", domain = "air-mobility", trl = 6, durationDays = 60 }), HttpStatusCode.Created))["id"]!;
        await api.Admin.PostAsJsonAsync($"/api/urban-testing/use-cases/{useCase}/feasibility", new { feasible = true, conditions = new[] { "ENAC rules" } });
        var mission = await SecondWaveJourneys.PlanNagoyaDelegationAsync(api.Admin);
        await api.Admin.PostAsJsonAsync($"/api/missions/{mission}/delegates", new { organisation = "City of Nagoya", name = "Delegate (synthetic)", role = "officer" });
        await api.Admin.PostAsJsonAsync($"/api/missions/{mission}/confirm", new { });
        await SecondWaveJourneys.SignedChambersMouAsync(api.Admin, endsOn: "2030-12-31");
    }

    async Task WaitForConsumersAsync() => await Eventually.WaitUntilAsync(async () =>
    {
        var consumers = await Json(await api.Admin.GetAsync("/api/admin/consumers"), HttpStatusCode.OK);
        return consumers.AsArray().All(c => c!["lagEvents"]!.GetValue<long>() == 0);
    });

    async Task<Guid> WaitlistedAsync(Guid programme, Guid cohort, string name)
    {
        var startup = await RegisterAsync(api.Admin, name);
        await Json(await ApplyAsync(api.Admin, startup, programme, cohort), HttpStatusCode.OK);
        await Json(await StepAsync(api.Admin, startup, cohort, "waitlist"), HttpStatusCode.OK);
        return startup;
    }

    async Task<string> StatusInAsync(Guid startup, Guid cohort)
    {
        var profile = await Json(await api.Admin.GetAsync($"/api/startups/{startup}?version=1000000"), HttpStatusCode.OK);
        return profile["participations"]!.AsArray().Single(p => p!["cohortId"]!.GetValue<string>() == cohort.ToString())!["status"]!.GetValue<string>();
    }

    static long Count(JsonNode counts, string key) =>
        counts.AsArray().FirstOrDefault(c => c!["key"]!.GetValue<string>() == key)?["value"]!.GetValue<long>() ?? 0;

    async Task<long> ScalarAsync(string sql)
    {
        await using var command = api.Database.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    async Task ExecuteAsync(string sql)
    {
        await using var command = api.Database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
