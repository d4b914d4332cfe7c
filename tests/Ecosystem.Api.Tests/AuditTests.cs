using System.Net;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.Journeys;

namespace Ecosystem.Api.Tests;

public sealed class AuditTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task An_auditor_reads_a_streams_history_with_who_did_what_through_which_request()
    {
        var manager = await api.ClientWithRole("manager", "OGR Torino");
        var (programme, cohort) = await ProgrammeWithOpenCallAsync(manager);
        var auditor = await api.ClientWithRole("auditor");

        var history = await Json(await auditor.GetAsync($"/api/audit/streams/{programme}?limit=2"), HttpStatusCode.OK);
        var rest = await Json(await auditor.GetAsync(history["next"]!.GetValue<string>()), HttpStatusCode.OK);

        var events = history["items"]!.AsArray().Concat(rest["items"]!.AsArray()).ToList();
        Assert.Equal(["programme.launched", "programme.cohort-planned", "programme.call-opened"], events.Select(e => e!["type"]!.GetValue<string>()));
        Assert.Equal([1L, 2L, 3L], events.Select(e => e!["version"]!.GetValue<long>()));
        Assert.All(events, e => Assert.StartsWith("manager-", e!["actor"]!.GetValue<string>()));
        Assert.Equal($"POST /api/programmes/{programme}/cohorts/{cohort}/call", events[2]!["request"]!.GetValue<string>());
        Assert.Equal(cohort.ToString(), events[2]!["data"]!["cohortId"]!.GetValue<string>());
        await Problem(await auditor.GetAsync($"/api/audit/streams/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await Problem(await manager.GetAsync($"/api/audit/streams/{programme}"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task One_requests_effects_across_streams_read_together_by_its_correlation_id()
    {
        var (programme, cohort) = await ProgrammeWithOpenCallAsync(api.Admin);
        var startup = await ShortlistedAsync(api.Admin, programme, cohort, "Correlated Co (synthetic)");
        await Json(await CohortStepAsync(api.Admin, programme, cohort, "call/close"), HttpStatusCode.OK);

        var admitted = await StepAsync(api.Admin, startup, cohort, "admit");
        await Json(admitted, HttpStatusCode.OK);
        var correlation = admitted.Headers.GetValues("X-Correlation-Id").Single();

        var effects = (await Json(await api.Admin.GetAsync($"/api/audit/correlations/{correlation}"), HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Equal(["startup.admitted", "programme.seat-allocated"], effects.Select(e => e!["type"]!.GetValue<string>()).Order().Reverse());
        Assert.Equal([startup.ToString(), programme.ToString()], effects.Select(e => e!["streamId"]!.GetValue<string>()).OrderBy(id => id == programme.ToString()));
    }

    [Fact]
    public async Task Commands_refused_by_a_rule_are_kept_for_auditors_with_who_when_which_rule_and_on_what()
    {
        var manager = await api.ClientWithRole("manager", "OGR Torino");
        var (programme, cohort) = await ProgrammeWithOpenCallAsync(manager);
        var startup = await ShortlistedAsync(manager, programme, cohort, "Refused Co (synthetic)");

        await Problem(await StepAsync(manager, startup, cohort, "admit"), HttpStatusCode.Conflict, "call.not-closed");

        var rejections = (await Json(await (await api.ClientWithRole("auditor")).GetAsync($"/api/audit/rejections?resourceId={startup}"), HttpStatusCode.OK))["items"]!.AsArray();
        var refused = Assert.Single(rejections)!;
        Assert.Equal("call.not-closed", refused["code"]!.GetValue<string>());
        Assert.StartsWith("manager-", refused["actor"]!.GetValue<string>());
        Assert.Equal("POST", refused["method"]!.GetValue<string>());
        Assert.Equal("/api/startups/{id:guid}/applications/{cohortId:guid}/admit", refused["route"]!.GetValue<string>());
        Assert.True(DateTimeOffset.UtcNow - refused["at"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(1));
        Assert.NotEmpty((await Json(await api.Admin.GetAsync("/api/audit/rejections?code=call.not-closed"), HttpStatusCode.OK))["items"]!.AsArray());
        Assert.Empty((await Json(await api.Admin.GetAsync("/api/audit/rejections?code=no.such-rule"), HttpStatusCode.OK))["items"]!.AsArray());
    }
}
