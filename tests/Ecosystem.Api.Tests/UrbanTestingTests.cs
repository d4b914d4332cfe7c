using System.Net;
using System.Net.Http.Json;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.Journeys;
using static Ecosystem.Api.Tests.MoreJourneys;

namespace Ecosystem.Api.Tests;

public sealed class UrbanTestingTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_city_lab_manager_takes_a_drone_test_at_DoraLab_from_proposal_to_scale_up()
    {
        var manager = await api.ClientWithRole("manager", CityLab);
        var startup = await RegisterAsync(manager, "Orbital Drones (synthetic)");
        var useCase = await AuthorisedDroneTestAsync(manager, startup);
        await Accepted(UseCaseStepAsync(manager, useCase, "site", new { site = "DoraLab", area = "Parco Dora/DoraLab" }));
        await Accepted(UseCaseStepAsync(manager, useCase, "start", new { on = Today.AddDays(-5) }));
        await Accepted(UseCaseStepAsync(manager, useCase, "kpis", new { name = "deliveries", value = 42, unit = "count" }));

        var inTest = await Json(await manager.GetAsync($"/api/urban-testing/use-cases/{useCase}"), HttpStatusCode.OK);
        Assert.Equal("in-test", inTest["status"]!.GetValue<string>());
        Assert.Equal(0, inTest["daysInStatus"]!.GetValue<int>());
        Assert.Equal("Orbital Drones (synthetic)", inTest["proposer"]!["startupName"]!.GetValue<string>());
        Assert.Equal("air-mobility", inTest["domain"]!.GetValue<string>());
        Assert.Equal("DoraLab", inTest["site"]!["name"]!.GetValue<string>());
        var enac = inTest["authorisations"]![0]!;
        Assert.Equal("granted", enac["status"]!.GetValue<string>());
        Assert.Equal("Parco Dora", enac["area"]!.GetValue<string>());
        Assert.True(enac["validToday"]!.GetValue<bool>());
        Assert.Equal(80, enac["daysToExpiry"]!.GetValue<int>());

        await Accepted(UseCaseStepAsync(manager, useCase, "complete", new { on = Today }));
        await Accepted(UseCaseStepAsync(manager, useCase, "report", new { trlAfter = 7, summary = "Safe BVLOS flights over the park" }));
        await Accepted(UseCaseStepAsync(manager, useCase, "report/accept"));
        await Accepted(UseCaseStepAsync(manager, useCase, "contribution", new { amount = 20_000 }));
        await Accepted(UseCaseStepAsync(manager, useCase, "scale-up", new { path = "procurement" }));

        var view = await Json(await manager.GetAsync($"/api/urban-testing/use-cases/{useCase}"), HttpStatusCode.OK);
        Assert.Equal("scaled-up", view["status"]!.GetValue<string>());
        Assert.Equal(42m, view["kpis"]![0]!["value"]!.GetValue<decimal>());
        Assert.Equal(7, view["report"]!["trlAfter"]!.GetValue<int>());
        Assert.True(view["report"]!["accepted"]!.GetValue<bool>());
        Assert.Equal(20_000m, view["contribution"]!.GetValue<decimal>());
        Assert.Equal("procurement", view["scaleUp"]!.GetValue<string>());
        Assert.Equal(12, view["version"]!.GetValue<long>());

        var asProposed = await Json(await manager.GetAsync($"/api/urban-testing/use-cases/{useCase}?version=1"), HttpStatusCode.OK);
        Assert.Equal("submitted", asProposed["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_pipeline_lists_use_cases_and_keeps_one_status_on_request()
    {
        var submitted = await ProposeAsync(api.Admin);
        var authorised = await AuthorisedDroneTestAsync(api.Admin);
        var auditor = await api.ClientWithRole("auditor");
        var position = await HeadPositionAsync(); // the auditor made none of these writes, so it asks for them

        var all = (await Json(await auditor.GetAsync($"/api/urban-testing/use-cases?limit=200&position={position}"), HttpStatusCode.OK)).AsArray();
        Assert.Contains(all, u => IdOf(u!) == submitted);
        var row = all.Single(u => IdOf(u!) == authorised)!;
        Assert.Equal("authorised", row["status"]!.GetValue<string>());
        Assert.Equal("ENAC", row["authorisations"]![0]!["authority"]!.GetValue<string>());

        var onlyAuthorised = (await Json(await auditor.GetAsync($"/api/urban-testing/use-cases?status=authorised&position={position}"), HttpStatusCode.OK)).AsArray();
        Assert.Contains(onlyAuthorised, u => IdOf(u!) == authorised);
        Assert.All(onlyAuthorised, u => Assert.Equal("authorised", u!["status"]!.GetValue<string>()));

        var problem = await Problem(await auditor.GetAsync("/api/urban-testing/use-cases?status=flying"), HttpStatusCode.BadRequest, "request.invalid");
        Assert.NotNull(problem["errors"]!["status"]);
    }

    [Fact]
    public async Task Starting_before_any_authorisation_is_a_409_problem_and_stores_nothing()
    {
        var useCase = await ProposeAsync(api.Admin);
        await Accepted(UseCaseStepAsync(api.Admin, useCase, "feasibility", new { feasible = true }));
        var before = await EventCountAsync();

        await Problem(await UseCaseStepAsync(api.Admin, useCase, "start", new { on = Today }), HttpStatusCode.Conflict, "authorisation.missing");

        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task Starting_on_a_site_outside_the_authorised_area_is_a_409_problem()
    {
        var useCase = await AuthorisedDroneTestAsync(api.Admin);
        await Accepted(UseCaseStepAsync(api.Admin, useCase, "site", new { site = "Smart Road", area = "Corso Settembrini/Smart Road" }));

        var problem = await Problem(await UseCaseStepAsync(api.Admin, useCase, "start", new { on = Today }), HttpStatusCode.Conflict, "site.outside-authorised-area");
        Assert.Contains("Parco Dora", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_contribution_before_the_report_is_accepted_is_a_409_problem()
    {
        var useCase = await AuthorisedDroneTestAsync(api.Admin);
        await Problem(await UseCaseStepAsync(api.Admin, useCase, "contribution", new { amount = 5_000 }), HttpStatusCode.Conflict, "contribution.before-acceptance");
    }

    [Fact]
    public async Task A_withdrawn_use_case_refuses_further_steps()
    {
        var useCase = await ProposeAsync(api.Admin);
        await Accepted(UseCaseStepAsync(api.Admin, useCase, "withdraw", new { reason = "the startup moved to Milan" }));

        await Problem(await UseCaseStepAsync(api.Admin, useCase, "feasibility", new { feasible = true }), HttpStatusCode.Conflict, "use-case.terminal");
    }

    [Fact]
    public async Task Repeating_a_step_records_no_event()
    {
        var useCase = await AuthorisedDroneTestAsync(api.Admin);
        await Accepted(UseCaseStepAsync(api.Admin, useCase, "site", new { site = "DoraLab", area = "Parco Dora/DoraLab" }));
        var before = await EventCountAsync();

        var again = await Json(await UseCaseStepAsync(api.Admin, useCase, "site", new { site = "DoraLab", area = "Parco Dora/DoraLab" }), HttpStatusCode.OK);

        Assert.Equal(0, again["eventsRecorded"]!.GetValue<int>());
        Assert.Null(again["position"]?.GetValue<long?>());
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task A_proposal_with_missing_or_out_of_range_fields_is_a_400_problem_naming_them()
    {
        var before = await EventCountAsync();

        var problem = await Problem(await api.Admin.PostAsJsonAsync("/api/urban-testing/use-cases", new { proposerOrganisation = "X", title = "Shuttle", trl = 12 }),
            HttpStatusCode.BadRequest, "request.invalid");

        var errors = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("domain", errors);
        Assert.Contains("trl", errors);
        Assert.Contains("durationDays", errors);
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task An_unknown_testing_domain_is_a_400_problem()
    {
        var response = await api.Admin.PostAsJsonAsync("/api/urban-testing/use-cases", new
        {
            proposerOrganisation = "X", title = "Shuttle", domain = "outer-space", trl = 5, durationDays = 30,
        });
        await Problem(response, HttpStatusCode.BadRequest, "request.malformed");
    }

    [Fact]
    public async Task A_grant_without_its_area_is_a_400_problem_naming_it()
    {
        var useCase = await ProposeAsync(api.Admin);
        var problem = await Problem(await UseCaseStepAsync(api.Admin, useCase, "authorisations/grant", new { authority = "ENAC", validFrom = Today, validTo = Today }),
            HttpStatusCode.BadRequest, "request.invalid");
        Assert.NotNull(problem["errors"]!["area"]);
    }

    [Fact]
    public async Task An_unknown_use_case_is_a_404_problem()
    {
        await Problem(await api.Admin.GetAsync($"/api/urban-testing/use-cases/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "resource.not-found");
        await Problem(await UseCaseStepAsync(api.Admin, Guid.NewGuid(), "resume"), HttpStatusCode.NotFound, "resource.not-found");
    }

    [Fact]
    public async Task A_hub_office_id_on_a_use_case_route_is_a_404_problem()
    {
        var hub = await ApproveHubAsync(api.Admin);
        await Problem(await api.Admin.GetAsync($"/api/urban-testing/use-cases/{hub}"), HttpStatusCode.NotFound, "resource.not-found");
        await Problem(await UseCaseStepAsync(api.Admin, hub, "withdraw", new { reason = "x" }), HttpStatusCode.NotFound, "resource.not-found");
    }

    [Fact]
    public async Task A_proposal_naming_an_unknown_startup_is_a_404_problem()
    {
        var response = await api.Admin.PostAsJsonAsync("/api/urban-testing/use-cases", new
        {
            proposerStartupId = Guid.NewGuid(), title = "Shuttle", domain = "smart-road", trl = 5, durationDays = 30,
        });
        await Problem(response, HttpStatusCode.NotFound, "resource.not-found");
    }

    [Fact]
    public async Task A_manager_of_another_organisation_gets_a_403_problem_and_changes_nothing()
    {
        var useCase = await ProposeAsync(api.Admin);
        var other = await api.ClientWithRole("manager", "OGR Torino");
        var before = await EventCountAsync();

        await Problem(await other.PostAsJsonAsync("/api/urban-testing/use-cases", new
        {
            proposerOrganisation = "X", title = "Shuttle", domain = "smart-road", trl = 5, durationDays = 30,
        }), HttpStatusCode.Forbidden, "auth.forbidden");
        await Problem(await UseCaseStepAsync(other, useCase, "feasibility", new { feasible = true }), HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.Equal(before, await EventCountAsync());

        var cityLab = await api.ClientWithRole("manager", "torino city lab");
        await Accepted(UseCaseStepAsync(cityLab, useCase, "feasibility", new { feasible = true }));
    }

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
