using System.Net;
using System.Net.Http.Json;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.Journeys;

namespace Ecosystem.Api.Tests;

public sealed class AuthTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task No_key_is_a_401_problem()
    {
        var response = await api.Client().GetAsync("/api/programmes");
        await Problem(response, HttpStatusCode.Unauthorized, "auth.unauthenticated");
        Assert.Equal("ApiKey", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task An_unknown_key_is_a_401_problem()
    {
        await Problem(await api.Client("eco_not-a-real-key").GetAsync("/api/programmes"), HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task Any_valid_key_may_read()
    {
        var auditor = await api.ClientWithRole("auditor");
        await Json(await auditor.GetAsync("/api/programmes"), HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("integrator")]
    [InlineData("auditor")]
    public async Task A_role_without_write_rights_gets_a_403_problem_and_changes_nothing(string role)
    {
        var client = await api.ClientWithRole(role);
        var response = await client.PostAsJsonAsync("/api/programmes", new
        {
            name = "X", kind = "accelerator", sectors = new[] { "a" }, venue = "v", organisation = "OGR Torino",
        });
        await Problem(response, HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [Fact]
    public async Task A_manager_may_not_launch_for_another_organisation()
    {
        var manager = await api.ClientWithRole("manager", "Camera di commercio di Torino");
        var response = await manager.PostAsJsonAsync("/api/programmes", new
        {
            name = "X", kind = "accelerator", sectors = new[] { "a" }, venue = "v", organisation = "OGR Torino",
        });
        await Problem(response, HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [Fact]
    public async Task A_manager_may_not_change_another_organisations_programme()
    {
        var programme = await LaunchAsync(api.Admin, organisation: "OGR Torino");
        var other = await api.ClientWithRole("manager", "Camera di commercio di Torino");

        await Problem(await other.PostAsJsonAsync($"/api/programmes/{programme}/partners", new { organisation = "x", role = "y" }),
            HttpStatusCode.Forbidden, "auth.forbidden");
        var own = await api.ClientWithRole("manager", "ogr torino");
        await Json(await own.PostAsJsonAsync($"/api/programmes/{programme}/partners", new { organisation = "x", role = "y" }), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_manager_may_not_enrol_startups_into_another_organisations_programme()
    {
        var (programme, cohort) = await ProgrammeWithOpenCallAsync(api.Admin);
        var other = await api.ClientWithRole("manager", "Camera di commercio di Torino");
        var startup = await RegisterAsync(other);

        await Problem(await ApplyAsync(other, startup, programme, cohort), HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [Fact]
    public async Task A_revoked_key_stops_working()
    {
        var created = await Json(await api.Admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "temp", role = "auditor" }), HttpStatusCode.Created);
        var client = api.Client(created["secret"]!.GetValue<string>());
        await Json(await client.GetAsync("/api/programmes"), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, (await api.Admin.DeleteAsync($"/api/admin/api-keys/{created["id"]}")).StatusCode);

        await Problem(await client.GetAsync("/api/programmes"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Only_admins_manage_keys_and_secrets_are_never_listed()
    {
        var manager = await api.ClientWithRole("manager", "OGR Torino");
        await Problem(await manager.PostAsJsonAsync("/api/admin/api-keys", new { name = "x", role = "admin" }), HttpStatusCode.Forbidden);

        var list = await (await api.Admin.GetAsync("/api/admin/api-keys")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret", list, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("eco_", list);
    }

    [Fact]
    public async Task A_key_with_an_unknown_role_is_a_400_problem()
    {
        var problem = await Problem(await api.Admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "x", role = "superuser" }), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["role"]);
    }

    [Fact]
    public async Task Health_needs_no_key()
    {
        await Json(await api.Client().GetAsync("/health/live"), HttpStatusCode.OK);
        var ready = await Json(await api.Client().GetAsync("/health/ready"), HttpStatusCode.OK);
        Assert.Equal("ready", ready["status"]!.GetValue<string>());
    }
}
