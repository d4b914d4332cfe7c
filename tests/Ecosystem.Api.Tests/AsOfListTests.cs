using System.Net;
using System.Text.Json.Nodes;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.Journeys;

namespace Ecosystem.Api.Tests;

/// <summary>Lists and the dashboard as they were at a moment: the read models replayed up to it.</summary>
public sealed class AsOfListTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Lists_and_the_dashboard_as_of_a_moment_show_what_existed_then_and_in_the_state_it_was_in()
    {
        var (programme, cohort) = await ProgrammeWithOpenCallAsync(api.Admin);
        var startup = await RegisterAsync(api.Admin, "Then And Now (synthetic)");
        await Json(await ApplyAsync(api.Admin, startup, programme, cohort), HttpStatusCode.OK);
        var moment = await LastEventTimeAsync(startup);
        await Json(await StepAsync(api.Admin, startup, cohort, "shortlist"), HttpStatusCode.OK);
        var later = await LaunchAsync(api.Admin);
        var latecomer = await RegisterAsync(api.Admin, "Came Later (synthetic)");

        var programmesThen = await ListAsync($"/api/programmes?asOf={moment}");
        var startupsThen = await ListAsync($"/api/startups?asOf={moment}");
        var appliedThen = await ListAsync($"/api/startups?programmeId={programme}&status=applied&asOf={moment}");
        var dashboardThen = await Json(await api.Admin.GetAsync($"/api/dashboard?asOf={moment}"), HttpStatusCode.OK);

        Assert.Contains(programme, programmesThen.Select(IdOf));
        Assert.DoesNotContain(later, programmesThen.Select(IdOf));
        Assert.Contains(startup, startupsThen.Select(IdOf));
        Assert.DoesNotContain(latecomer, startupsThen.Select(IdOf));
        Assert.Equal([startup], appliedThen.Select(IdOf));

        var programmesNow = await ListAsync("/api/programmes");
        var dashboardNow = await Json(await api.Admin.GetAsync("/api/dashboard"), HttpStatusCode.OK);
        Assert.Equal(programmesThen.Select(IdOf).Append(later), programmesNow.Select(IdOf));
        Assert.Contains(latecomer, (await ListAsync("/api/startups")).Select(IdOf));
        Assert.Empty(await ListAsync($"/api/startups?programmeId={programme}&status=applied"));
        Assert.Equal((1, 1), (Total(dashboardNow, "programmes") - Total(dashboardThen, "programmes"), Total(dashboardNow, "startups") - Total(dashboardThen, "startups")));
    }

    [Fact]
    public async Task A_list_as_of_a_moment_before_anything_was_recorded_is_empty()
    {
        await LaunchAsync(api.Admin);

        Assert.Empty(await ListAsync("/api/programmes?asOf=2001-01-01T00:00:00Z"));
    }

    [Fact]
    public async Task A_list_as_of_a_malformed_moment_is_a_bad_request() =>
        await Problem(await api.Admin.GetAsync("/api/programmes?asOf=yesterday"), HttpStatusCode.BadRequest);

    async Task<JsonArray> ListAsync(string url) => (await Json(await api.Admin.GetAsync(url), HttpStatusCode.OK)).AsArray();

    async Task<string> LastEventTimeAsync(Guid stream)
    {
        var events = (await Json(await api.Admin.GetAsync($"/api/audit/streams/{stream}"), HttpStatusCode.OK))["items"]!.AsArray();
        return Uri.EscapeDataString(events[^1]!["time"]!.GetValue<string>());
    }

    static Guid IdOf(JsonNode? item) => Guid.Parse(item!["id"]!.GetValue<string>());

    static long Total(JsonNode dashboard, string name) => dashboard["totals"]![name]!.GetValue<long>();
}
