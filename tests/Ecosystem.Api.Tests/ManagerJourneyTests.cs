using System.Net;
using System.Net.Http.Json;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.Journeys;

namespace Ecosystem.Api.Tests;

public sealed class ManagerJourneyTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_manager_takes_a_startup_from_launch_to_graduation()
    {
        var manager = await api.ClientWithRole("manager", "OGR Torino");
        var (programme, cohort) = await ProgrammeWithOpenCallAsync(manager, capacity: 2);
        var milestone = Guid.Parse((await Json(await CohortStepAsync(manager, programme, cohort, "milestones",
            new { title = "MVP flight test", dueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60), mandatory = true }), HttpStatusCode.Created))["id"]!.GetValue<string>());

        var startup = await ShortlistedAsync(manager, programme, cohort);
        await Json(await CohortStepAsync(manager, programme, cohort, "call/close"), HttpStatusCode.OK);
        var admitted = await Json(await StepAsync(manager, startup, cohort, "admit"), HttpStatusCode.OK);
        Assert.Equal(1, admitted["eventsRecorded"]!.GetValue<int>());
        await Json(await StepAsync(manager, startup, cohort, "onboard", new { agreementRef = "TKO-2026-001" }), HttpStatusCode.OK);
        await Json(await CohortStepAsync(manager, programme, cohort, "start"), HttpStatusCode.OK);
        await Problem(await StepAsync(manager, startup, cohort, "graduate"), HttpStatusCode.Conflict, "milestones.incomplete");
        await Json(await StepAsync(manager, startup, cohort, $"milestones/{milestone}/achieved"), HttpStatusCode.OK);
        await Json(await CohortStepAsync(manager, programme, cohort, "demo-day", new { on = DateOnly.FromDateTime(DateTime.UtcNow), venue = "OGR Torino" }), HttpStatusCode.OK);
        await Json(await StepAsync(manager, startup, cohort, "graduate"), HttpStatusCode.OK);
        await Json(await CohortStepAsync(manager, programme, cohort, "complete"), HttpStatusCode.OK);

        var view = await Json(await manager.GetAsync($"/api/programmes/{programme}"), HttpStatusCode.OK);
        var cohortView = view["cohorts"]![0]!;
        Assert.Equal("completed", cohortView["status"]!.GetValue<string>());
        Assert.Equal(1, cohortView["allocated"]!.GetValue<int>());
        Assert.Equal(50m, cohortView["fillPct"]!.GetValue<decimal>());
        Assert.Equal(1, cohortView["roster"]!["graduated"]!.GetValue<int>());

        var profile = await Json(await manager.GetAsync($"/api/startups/{startup}"), HttpStatusCode.OK);
        Assert.Equal("graduated", profile["participations"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(
            ["startup.registered", "startup.application-submitted", "startup.application-shortlisted", "startup.admitted",
             "startup.onboarded", "startup.milestone-achieved", "startup.graduated"],
            profile["timeline"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
        Assert.All(profile["timeline"]!.AsArray(), e => Assert.StartsWith("manager-", e!["actor"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Commands_answer_with_the_version_as_etag_and_the_log_position()
    {
        var programme = await LaunchAsync(api.Admin);
        var response = await api.Admin.PostAsJsonAsync($"/api/programmes/{programme}/partners", new { organisation = "ESA", role = "selection committee" });

        var body = await Json(response, HttpStatusCode.OK);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        Assert.Equal(body["position"]!.GetValue<long>().ToString(), response.Headers.GetValues("Ecosystem-Position").Single());
        var read = await api.Admin.GetAsync($"/api/programmes/{programme}");
        Assert.Equal("\"2\"", read.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task A_programme_reads_as_it_stood_at_an_earlier_version()
    {
        var programme = await LaunchAsync(api.Admin);
        await api.Admin.PostAsJsonAsync($"/api/programmes/{programme}/partners", new { organisation = "ESA", role = "committee" });
        await api.Admin.PostAsJsonAsync($"/api/programmes/{programme}/partners", new { organisation = "ASI", role = "committee" });

        var atTwo = await Json(await api.Admin.GetAsync($"/api/programmes/{programme}?version=2"), HttpStatusCode.OK);
        var now = await Json(await api.Admin.GetAsync($"/api/programmes/{programme}"), HttpStatusCode.OK);

        Assert.Single(atTwo["partners"]!.AsArray());
        Assert.Equal(2, now["partners"]!.AsArray().Count);
        Assert.Equal(3, now["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_idempotent_repeat_records_nothing()
    {
        var (programme, cohort) = await ProgrammeWithOpenCallAsync(api.Admin);
        await Json(await CohortStepAsync(api.Admin, programme, cohort, "call/close"), HttpStatusCode.OK);

        var again = await Json(await CohortStepAsync(api.Admin, programme, cohort, "call/close"), HttpStatusCode.OK);

        Assert.Equal(0, again["eventsRecorded"]!.GetValue<int>());
        Assert.Null(again["position"]?.GetValue<long?>());
    }

    [Fact]
    public async Task Withdrawing_an_admitted_startup_releases_its_seat_in_the_same_write()
    {
        var (programme, cohort) = await ProgrammeWithOpenCallAsync(api.Admin, capacity: 1);
        var startup = await ShortlistedAsync(api.Admin, programme, cohort);
        await CohortStepAsync(api.Admin, programme, cohort, "call/close");
        await Json(await StepAsync(api.Admin, startup, cohort, "admit"), HttpStatusCode.OK);

        await Json(await StepAsync(api.Admin, startup, cohort, "withdraw", new { reason = "relocating" }), HttpStatusCode.OK);

        var view = await Json(await api.Admin.GetAsync($"/api/programmes/{programme}"), HttpStatusCode.OK);
        Assert.Equal(0, view["cohorts"]![0]!["allocated"]!.GetValue<int>());
        Assert.Equal(1, view["cohorts"]![0]!["roster"]!["withdrawn"]!.GetValue<int>());
    }
}
