using System.Net;
using System.Net.Http.Json;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.MoreJourneys;

namespace Ecosystem.Api.Tests;

public sealed class HubOfficeTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    const string TokyoHost = "Italian Chamber of Commerce in Japan";

    [Fact]
    public async Task PoliTo_opens_its_Japan_hub_in_Kyoto_and_moves_it_to_Tokyo()
    {
        var manager = await api.ClientWithRole("manager", PoliTo);
        var hub = await HubInKyotoAsync(manager);
        await Accepted(HubStepAsync(manager, hub, "inauguration", new { on = "2023-07-11", venue = "Kyoto Research Park" }));
        await Accepted(HubStepAsync(manager, hub, "partners", new { university = "Waseda University", agreement = "mou" }));
        await Accepted(HubStepAsync(manager, hub, "partners", new { university = "Kyoto Institute of Technology", agreement = "double-degree" }));
        await Accepted(HubStepAsync(manager, hub, "services", new { service = "student mobility desk" }));
        await Accepted(HubStepAsync(manager, hub, "relocation", new { toCity = "Tokyo", host = TokyoHost, effectiveOn = "2025-06-01" }));
        await Accepted(HubStepAsync(manager, hub, "inauguration", new { on = "2025-09-29", venue = TokyoHost }));

        var view = await Json(await manager.GetAsync($"/api/hub-offices/{hub}"), HttpStatusCode.OK);
        Assert.Equal("open", view["status"]!.GetValue<string>());
        Assert.Equal("JP", view["country"]!.GetValue<string>());
        var current = view["currentLocation"]!;
        Assert.Equal("Tokyo", current["city"]!.GetValue<string>());
        Assert.Equal(TokyoHost, current["host"]!.GetValue<string>());
        Assert.Equal("Kyoto", current["relocatedFrom"]!.GetValue<string>());
        Assert.Equal("2025-09-29", current["inauguration"]!["on"]!.GetValue<string>());
        var kyoto = view["locationHistory"]!.AsArray().Single()!;
        Assert.Equal("Kyoto", kyoto["city"]!.GetValue<string>());
        Assert.Equal("2023-07-11", kyoto["inauguration"]!["on"]!.GetValue<string>());
        Assert.Equal("2025-06-01", kyoto["leftOn"]!.GetValue<string>());
        Assert.Equal("double-degree", view["partners"]![1]!["agreement"]!.GetValue<string>());
        Assert.Equal(8, view["version"]!.GetValue<long>());

        var inKyoto = await Json(await manager.GetAsync($"/api/hub-offices/{hub}?version=5"), HttpStatusCode.OK);
        Assert.Equal("Kyoto", inKyoto["currentLocation"]!["city"]!.GetValue<string>());
        Assert.Empty(inKyoto["locationHistory"]!.AsArray());

        var auditor = await api.ClientWithRole("auditor");
        var directory = (await Json(await auditor.GetAsync($"/api/hub-offices?position={await HeadPositionAsync()}"), HttpStatusCode.OK)).AsArray();
        Assert.Equal("Tokyo", directory.Single(h => IdOf(h!) == hub)!["currentLocation"]!["city"]!.GetValue<string>());
    }

    [Fact]
    public async Task Relocating_to_the_same_city_is_a_409_problem_and_stores_nothing()
    {
        var hub = await HubInKyotoAsync(api.Admin);
        var before = await EventCountAsync();

        await Problem(await HubStepAsync(api.Admin, hub, "relocation", new { toCity = "kyoto", host = "Kyoto University", effectiveOn = "2024-01-01" }),
            HttpStatusCode.Conflict, "hub.relocation-same-city");

        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task An_inauguration_before_the_opening_is_a_409_problem()
    {
        var hub = await HubInKyotoAsync(api.Admin);
        await Problem(await HubStepAsync(api.Admin, hub, "inauguration", new { on = "2023-05-01", venue = "Kyoto Research Park" }),
            HttpStatusCode.Conflict, "hub.inauguration-before-opening");
    }

    [Fact]
    public async Task A_suspended_hub_does_not_relocate_until_it_resumes()
    {
        var hub = await HubInKyotoAsync(api.Admin);
        await Accepted(HubStepAsync(api.Admin, hub, "suspend"));
        var move = new { toCity = "Tokyo", host = TokyoHost, effectiveOn = "2025-06-01" };

        await Problem(await HubStepAsync(api.Admin, hub, "relocation", move), HttpStatusCode.Conflict, "hub.suspended");
        await Accepted(HubStepAsync(api.Admin, hub, "resume"));
        await Accepted(HubStepAsync(api.Admin, hub, "relocation", move));
    }

    [Fact]
    public async Task A_closed_hub_refuses_further_commands()
    {
        var hub = await HubInKyotoAsync(api.Admin);
        await Accepted(HubStepAsync(api.Admin, hub, "close"));

        await Problem(await HubStepAsync(api.Admin, hub, "services", new { service = "career desk" }), HttpStatusCode.Conflict, "hub.closed");
    }

    [Fact]
    public async Task Registering_the_same_partner_again_records_no_event()
    {
        var hub = await HubInKyotoAsync(api.Admin);
        await Accepted(HubStepAsync(api.Admin, hub, "partners", new { university = "Osaka University", agreement = "mou" }));
        var before = await EventCountAsync();

        var again = await Json(await HubStepAsync(api.Admin, hub, "partners", new { university = "Osaka University", agreement = "mou" }), HttpStatusCode.OK);

        Assert.Equal(0, again["eventsRecorded"]!.GetValue<int>());
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task A_relocation_without_its_date_is_a_400_problem_naming_it()
    {
        var hub = await HubInKyotoAsync(api.Admin);
        var problem = await Problem(await HubStepAsync(api.Admin, hub, "relocation", new { toCity = "Tokyo", host = TokyoHost }),
            HttpStatusCode.BadRequest, "request.invalid");
        Assert.Equal(["effectiveOn"], problem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task A_country_that_is_not_an_iso_code_is_a_400_problem_naming_it()
    {
        var problem = await Problem(await api.Admin.PostAsJsonAsync("/api/hub-offices", new { university = PoliTo, country = "Japan" }),
            HttpStatusCode.BadRequest, "request.invalid");
        Assert.NotNull(problem["errors"]!["country"]);
    }

    [Fact]
    public async Task An_unknown_agreement_type_is_a_400_problem()
    {
        var hub = await HubInKyotoAsync(api.Admin);
        await Problem(await HubStepAsync(api.Admin, hub, "partners", new { university = "Osaka University", agreement = "handshake" }),
            HttpStatusCode.BadRequest, "request.malformed");
    }

    [Fact]
    public async Task An_unknown_hub_office_is_a_404_problem()
    {
        await Problem(await api.Admin.GetAsync($"/api/hub-offices/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "resource.not-found");
        await Problem(await HubStepAsync(api.Admin, Guid.NewGuid(), "close"), HttpStatusCode.NotFound, "resource.not-found");
    }

    [Fact]
    public async Task A_use_case_id_on_a_hub_office_route_is_a_404_problem()
    {
        var useCase = await ProposeAsync(api.Admin);
        await Problem(await api.Admin.GetAsync($"/api/hub-offices/{useCase}"), HttpStatusCode.NotFound, "resource.not-found");
        await Problem(await HubStepAsync(api.Admin, useCase, "suspend"), HttpStatusCode.NotFound, "resource.not-found");
    }

    [Fact]
    public async Task A_manager_of_another_university_gets_a_403_problem_and_changes_nothing()
    {
        var hub = await HubInKyotoAsync(api.Admin);
        var polimi = await api.ClientWithRole("manager", "Politecnico di Milano");
        var before = await EventCountAsync();

        await Problem(await polimi.PostAsJsonAsync("/api/hub-offices", new { university = PoliTo, country = "KR" }), HttpStatusCode.Forbidden, "auth.forbidden");
        await Problem(await HubStepAsync(polimi, hub, "relocation", new { toCity = "Tokyo", host = TokyoHost, effectiveOn = "2025-06-01" }),
            HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.Equal(before, await EventCountAsync());

        await ApproveHubAsync(polimi, "Politecnico di Milano", "CN");
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
