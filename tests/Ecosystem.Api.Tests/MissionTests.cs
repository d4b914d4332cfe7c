using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.MoreJourneys;
using static Ecosystem.Api.Tests.SecondWaveJourneys;

namespace Ecosystem.Api.Tests;

public sealed class MissionTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_City_of_Torino_hosts_the_Nagoya_delegation_from_plan_to_follow_up()
    {
        var manager = await api.ClientWithRole("manager", CityOfTorino, TorinoChamber);
        var twinning = await SignedChambersMouAsync(manager);
        var mission = await PlanNagoyaDelegationAsync(manager);
        var head = await MissionPartAsync(manager, mission, "delegates", new { organisation = "City of Nagoya", name = "Delegate A (synthetic)", role = "head of delegation" });
        var second = await MissionPartAsync(manager, mission, "delegates",
            new { organisation = "City of Nagoya", name = "Delegate B (synthetic)", email = "b@example.com", role = "officer" });
        await Accepted(MissionStepAsync(manager, mission, $"delegates/{second}/leave"));
        var ogr = await MissionPartAsync(manager, mission, "visits", new { organisation = "OGR Torino", place = "Torino", on = "2022-11-10", agreementId = twinning });
        var dropped = await MissionPartAsync(manager, mission, "visits", new { organisation = "Environment Park", place = "Torino", on = "2022-11-11" });
        await Accepted(MissionStepAsync(manager, mission, "confirm"));
        await Accepted(MissionStepAsync(manager, mission, "start"));
        await Accepted(MissionStepAsync(manager, mission, $"visits/{ogr}/held"));
        await Accepted(MissionStepAsync(manager, mission, $"visits/{dropped}/cancel"));
        await Accepted(MissionStepAsync(manager, mission, "complete"));
        var followUp = await MissionPartAsync(manager, mission, "follow-ups", new { what = "Exchange on open innovation", owner = CityOfTorino, dueOn = "2023-03-31" });
        await Accepted(MissionStepAsync(manager, mission, $"follow-ups/{followUp}/close", new { outcome = "Call held" }));

        var view = await Json(await manager.GetAsync($"/api/missions/{mission}"), HttpStatusCode.OK);
        Assert.Equal("completed", view["status"]!.GetValue<string>());
        Assert.Equal("inbound", view["direction"]!.GetValue<string>());
        Assert.Equal(["JP"], view["countries"]!.AsArray().Select(c => c!.GetValue<string>()));
        var delegate_ = Assert.Single(view["delegates"]!.AsArray())!;
        Assert.Equal((head, "Delegate A (synthetic)"), (IdAt(delegate_, "personId"), delegate_["name"]!.GetValue<string>()));
        var visits = view["visits"]!.AsArray();
        Assert.Equal(["held", "cancelled"], visits.Select(v => v!["status"]!.GetValue<string>()));
        Assert.Equal(twinning, IdAt(visits[0]!, "agreementId"));
        Assert.Equal("Call held", view["followUps"]![0]!["outcome"]!.GetValue<string>());
        Assert.Equal(13, view["version"]!.GetValue<long>());

        var planned = await Json(await manager.GetAsync($"/api/missions/{mission}?version=1"), HttpStatusCode.OK);
        Assert.Equal("planned", planned["status"]!.GetValue<string>());
        Assert.Empty(planned["delegates"]!.AsArray());

        var reader = await api.ClientWithRole("integrator");
        foreach (var query in new[] { "country=jp", "month=2022-11", "sector=AEROSPACE", "direction=inbound&status=completed", $"organiser={Uri.EscapeDataString(CityOfTorino)}" })
        {
            var calendar = (await Json(await reader.GetAsync($"/api/missions?{query}&position={await HeadPositionAsync()}"), HttpStatusCode.OK)).AsArray();
            Assert.Contains(calendar, m => IdOf(m!) == mission);
        }
        foreach (var query in new[] { "country=KR", "month=2022-12", "sector=healthcare", "direction=outbound", "status=planned" })
        {
            var calendar = (await Json(await reader.GetAsync($"/api/missions?{query}"), HttpStatusCode.OK)).AsArray();
            Assert.DoesNotContain(calendar, m => IdOf(m!) == mission);
        }
    }

    [Fact]
    public async Task A_mission_is_read_back_from_the_calendar_right_after_a_change()
    {
        var mission = await PlanNagoyaDelegationAsync(api.Admin);
        for (var i = 0; i < 3; i++)
        {
            await MissionPartAsync(api.Admin, mission, "delegates", new { organisation = "City of Nagoya", name = $"Delegate {i} (synthetic)", role = "officer" });
            var view = await Json(await api.Admin.GetAsync($"/api/missions/{mission}"), HttpStatusCode.OK);
            Assert.Equal(i + 1, view["delegates"]!.AsArray().Count);
            var calendar = (await Json(await api.Admin.GetAsync("/api/missions?country=JP&limit=200"), HttpStatusCode.OK)).AsArray();
            Assert.Equal(i + 1, calendar.Single(m => IdOf(m!) == mission)!["delegates"]!.AsArray().Count);
        }
    }

    [Fact]
    public async Task A_visit_outside_the_mission_dates_is_a_409_problem_and_stores_nothing()
    {
        var mission = await PlanNagoyaDelegationAsync(api.Admin);
        var before = await EventCountAsync();

        await Problem(await MissionStepAsync(api.Admin, mission, "visits", new { organisation = "OGR Torino", place = "Torino", on = "2022-11-12" }),
            HttpStatusCode.Conflict, "mission.visit-outside-dates");

        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task The_same_delegate_joining_twice_records_nothing_and_answers_the_first_id()
    {
        var mission = await PlanNagoyaDelegationAsync(api.Admin);
        var delegate_ = new { organisation = "City of Nagoya", name = "Delegate A (synthetic)", role = "head of delegation" };
        var first = await MissionPartAsync(api.Admin, mission, "delegates", delegate_);
        var before = await EventCountAsync();

        var again = await MissionPartAsync(api.Admin, mission, "delegates", delegate_);

        Assert.Equal(first, again);
        Assert.Equal(before, await EventCountAsync());
        await Problem(await MissionStepAsync(api.Admin, mission, "delegates", delegate_ with { role = "interpreter" }), HttpStatusCode.Conflict,
            "mission.delegate-duplicate");
    }

    [Fact]
    public async Task A_cancelled_mission_refuses_further_commands_and_a_started_one_cannot_be_cancelled()
    {
        var cancelled = await PlanNagoyaDelegationAsync(api.Admin);
        await Accepted(MissionStepAsync(api.Admin, cancelled, "cancel", new { reason = "postponed (synthetic)" }));
        await Problem(await MissionStepAsync(api.Admin, cancelled, "confirm"), HttpStatusCode.Conflict, "mission.cancelled");

        var started = await PlanNagoyaDelegationAsync(api.Admin);
        await Accepted(MissionStepAsync(api.Admin, started, "confirm"));
        await Accepted(MissionStepAsync(api.Admin, started, "start"));
        await Problem(await MissionStepAsync(api.Admin, started, "cancel", new { reason = "too late" }), HttpStatusCode.Conflict, "mission.already-started");
        await Problem(await MissionStepAsync(api.Admin, started, "delegates", new { organisation = "City of Nagoya", name = "Late (synthetic)", role = "officer" }),
            HttpStatusCode.Conflict, "mission.delegation-closed");
    }

    [Fact]
    public async Task A_manager_acts_only_on_missions_its_organisations_run()
    {
        var mission = await PlanNagoyaDelegationAsync(api.Admin);
        var chamber = await api.ClientWithRole("manager", TorinoChamber);
        var before = await EventCountAsync();

        await Problem(await MissionStepAsync(chamber, mission, "confirm"), HttpStatusCode.Forbidden, "auth.forbidden");
        await Problem(await chamber.PostAsJsonAsync("/api/missions", new
        {
            direction = "outbound", title = "Mission to Japan", organiser = CityOfTorino, countries = new[] { "JP" }, purpose = "trade",
            startsOn = "2025-09-01", endsOn = "2025-09-05",
        }), HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.Equal(before, await EventCountAsync());

        await PlanNagoyaDelegationAsync(chamber, TorinoChamber);
    }

    [Fact]
    public async Task Unknown_ids_in_the_route_or_the_body_are_404_problems()
    {
        await Problem(await api.Admin.GetAsync($"/api/missions/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "resource.not-found");
        await Problem(await MissionStepAsync(api.Admin, Guid.NewGuid(), "confirm"), HttpStatusCode.NotFound, "resource.not-found");
        var hub = await HubInKyotoAsync(api.Admin);
        await Problem(await api.Admin.GetAsync($"/api/missions/{hub}"), HttpStatusCode.NotFound, "resource.not-found");

        var mission = await PlanNagoyaDelegationAsync(api.Admin);
        await Problem(await MissionStepAsync(api.Admin, mission, "visits", new { organisation = "OGR", place = "Torino", on = "2022-11-10", agreementId = hub }),
            HttpStatusCode.NotFound, "resource.not-found");
        await Problem(await MissionStepAsync(api.Admin, mission, $"visits/{Guid.NewGuid()}/cancel"), HttpStatusCode.NotFound, "visit.not-found");
        await Problem(await api.Admin.PostAsJsonAsync("/api/missions", new
        {
            direction = "outbound", title = "EU Business Hub mission", organiser = TorinoChamber, countries = new[] { "JP" }, purpose = "trade",
            startsOn = "2025-09-01", endsOn = "2025-09-05", programmeId = Guid.NewGuid(),
        }), HttpStatusCode.NotFound, "resource.not-found");
    }

    [Fact]
    public async Task A_stale_if_match_is_a_412_problem()
    {
        var mission = await PlanNagoyaDelegationAsync(api.Admin);
        await Accepted(MissionStepAsync(api.Admin, mission, "confirm"));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/missions/{mission}/cancel") { Content = JsonContent.Create(new { reason = "x" }) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));

        await Problem(await api.Admin.SendAsync(request), HttpStatusCode.PreconditionFailed, "concurrency.precondition-failed");
    }

    [Theory]
    [InlineData("month=2022-13", "month")]
    [InlineData("direction=sideways", "direction")]
    [InlineData("status=done", "status")]
    public async Task A_bad_calendar_filter_is_a_400_naming_it(string query, string parameter)
    {
        var problem = await Problem(await api.Admin.GetAsync($"/api/missions?{query}"), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![parameter]);
    }

    [Fact]
    public async Task Plan_input_is_checked_at_the_edge_and_by_the_rules()
    {
        var body = new
        {
            direction = "inbound", title = "Beijing delegation", organiser = CityOfTorino, countries = new[] { "China" }, purpose = "cooperation",
            startsOn = "2023-09-20", endsOn = "2023-09-19",
        };
        var problem = await Problem(await api.Admin.PostAsJsonAsync("/api/missions", body), HttpStatusCode.BadRequest, "request.invalid");
        Assert.NotNull(problem["errors"]!["countries"]);
        await Problem(await api.Admin.PostAsJsonAsync("/api/missions", body with { countries = new[] { "CN" } }), HttpStatusCode.Conflict, "mission.dates-invalid");
    }

    static Guid IdAt(System.Text.Json.Nodes.JsonNode node, string name) => Guid.Parse(node[name]!.GetValue<string>());

    async Task<long> EventCountAsync()
    {
        await using var command = api.Database.DataSource.CreateCommand("select count(*) from mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    async Task<long> HeadPositionAsync()
    {
        await using var command = api.Database.DataSource.CreateCommand("select coalesce(max(seq_id), 0) from mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
