using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.Journeys;

namespace Ecosystem.Api.Tests;

/// <summary>The API with the programme roster kept in the append's transaction.</summary>
public sealed class InlineRosterFixture : ApiFixture
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Ecosystem:InlineProjections:0", "programme-roster");
}

public sealed class InlineReadModelTests(InlineRosterFixture api) : IClassFixture<InlineRosterFixture>
{
    [Fact]
    public async Task An_inline_roster_shows_an_admission_to_a_reader_that_sends_no_position()
    {
        var (programme, cohort) = await ProgrammeWithOpenCallAsync(api.Admin, capacity: 3);
        var startup = await ShortlistedAsync(api.Admin, programme, cohort);
        await Json(await CohortStepAsync(api.Admin, programme, cohort, "call/close"), HttpStatusCode.OK);
        await Json(await StepAsync(api.Admin, startup, cohort, "admit"), HttpStatusCode.OK);

        var stranger = api.Client(AdminKey);
        var view = await Json(await stranger.GetAsync($"/api/programmes/{programme}"), HttpStatusCode.OK);

        Assert.Equal(1, view["cohorts"]![0]!["allocated"]!.GetValue<int>());
        Assert.Equal(1, view["cohorts"]![0]!["roster"]!["admitted"]!.GetValue<int>());
        var consumers = await Json(await api.Admin.GetAsync("/api/admin/consumers"), HttpStatusCode.OK);
        Assert.DoesNotContain(consumers.AsArray(), c => c!["name"]!.GetValue<string>() == "projection:programme-roster");
    }

    [Fact]
    public async Task A_refused_command_leaves_the_inline_roster_untouched()
    {
        var (programme, cohort) = await ProgrammeWithOpenCallAsync(api.Admin, capacity: 1);
        var first = await ShortlistedAsync(api.Admin, programme, cohort, "First (synthetic)");
        var second = await ShortlistedAsync(api.Admin, programme, cohort, "Second (synthetic)");
        await CohortStepAsync(api.Admin, programme, cohort, "call/close");
        await Json(await StepAsync(api.Admin, first, cohort, "admit"), HttpStatusCode.OK);

        await Problem(await StepAsync(api.Admin, second, cohort, "admit"), HttpStatusCode.Conflict, "cohort.full");

        var view = await Json(await api.Client(AdminKey).GetAsync($"/api/programmes/{programme}"), HttpStatusCode.OK);
        Assert.Equal(1, view["cohorts"]![0]!["allocated"]!.GetValue<int>());
        Assert.Equal(1, view["cohorts"]![0]!["roster"]!["shortlisted"]!.GetValue<int>());
    }
}
