using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.Journeys;

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

        await WaitUntilAsync(async () => await StatusInAsync(first, cohort) == "admitted");
        Assert.Equal("waitlisted", await StatusInAsync(second, cohort));
        // The reactor wrote after the client's last write, so its effect reaches the read model a little later.
        await WaitUntilAsync(async () =>
        {
            var roster = await Json(await api.Admin.GetAsync($"/api/programmes/{programme}"), HttpStatusCode.OK);
            var entries = roster["cohorts"]![0]!["startups"]!.AsArray();
            return roster["cohorts"]![0]!["allocated"]!.GetValue<int>() == 1
                && entries.Single(e => e!["startupId"]!.GetValue<string>() == first.ToString())!["holdsSeat"]!.GetValue<bool>();
        });

        var eventsBefore = await ScalarAsync("select count(*) from es.events");
        await ExecuteAsync("update es.checkpoints set transaction_id = '0', global_position = 0 where name = 'reactor:waitlist-promotion'");
        await WaitUntilAsync(async () => await ScalarAsync(
            "select count(*) from es.checkpoints c where c.name = 'reactor:waitlist-promotion' and c.global_position >= (select max(global_position) from es.events)") == 1);
        Assert.Equal(eventsBefore, await ScalarAsync("select count(*) from es.events"));
        Assert.Equal("waitlisted", await StatusInAsync(second, cohort));
    }

    [Fact]
    public async Task Rebuilt_read_models_equal_the_live_ones_row_for_row_after_a_mixed_workload()
    {
        await MixedWorkloadAsync(new Random(20261122));
        await WaitForConsumersAsync();
        var live = await SnapshotReadModelsAsync();

        foreach (var name in new[] { "programme-roster", "startup-directory", "urban-testing-pipeline", "hub-office-directory" })
        {
            var rebuild = await api.Admin.PostAsync($"/api/admin/projections/{name}/rebuild", null);
            Assert.Equal(HttpStatusCode.Accepted, rebuild.StatusCode);
        }
        await WaitUntilAsync(async () =>
        {
            var projections = await Json(await api.Admin.GetAsync("/api/admin/projections"), HttpStatusCode.OK);
            return projections.AsArray().All(p => p!["activeGeneration"]!.GetValue<int>() >= 2 && p["rebuildGeneration"] is null);
        });

        var rebuilt = await SnapshotReadModelsAsync();
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
    }

    async Task WaitForConsumersAsync() => await WaitUntilAsync(async () =>
    {
        var consumers = await Json(await api.Admin.GetAsync("/api/admin/consumers"), HttpStatusCode.OK);
        return consumers.AsArray().All(c => c!["lagEvents"]!.GetValue<long>() == 0);
    });

    /// <summary>Every read-model view as canonical JSON, rows ordered, so two snapshots compare exactly.</summary>
    async Task<Dictionary<string, string>> SnapshotReadModelsAsync()
    {
        var views = new List<string>();
        await using (var command = api.Database.DataSource.CreateCommand("select table_name from information_schema.views where table_schema = 'rm' order by 1"))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) views.Add(reader.GetString(0));
        var snapshot = new Dictionary<string, string>();
        foreach (var view in views)
        {
            await using var command = api.Database.DataSource.CreateCommand(
                $"select coalesce(jsonb_agg(to_jsonb(v) order by to_jsonb(v)::text), '[]')::text from rm.{view} v");
            snapshot[view] = (string)(await command.ExecuteScalarAsync())!;
        }
        Assert.Contains("programmes", snapshot.Keys);
        return snapshot;
    }

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

    static async Task WaitUntilAsync(Func<Task<bool>> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition not met within {seconds} s");
            await Task.Delay(50);
        }
    }
}
