using System.Net;
using System.Net.Http.Json;
using System.Text;
using Npgsql;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.Journeys;

namespace Ecosystem.Api.Tests;

public sealed class ErrorTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Malformed_json_is_a_400_problem_and_stores_nothing()
    {
        var before = await EventCountAsync();
        var response = await api.Admin.PostAsync("/api/programmes", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));

        await Problem(response, HttpStatusCode.BadRequest, "request.malformed");
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_400_problem_naming_where()
    {
        var response = await api.Admin.PostAsJsonAsync("/api/programmes", new { name = "X", kind = "accelerator", sectors = "aerospace", venue = "v", organisation = "o" });

        var problem = await Problem(response, HttpStatusCode.BadRequest, "request.malformed");
        Assert.Contains("sectors", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_enum_value_is_a_400_problem()
    {
        var response = await api.Admin.PostAsJsonAsync("/api/programmes", new { name = "X", kind = "rocket", sectors = new[] { "a" }, venue = "v", organisation = "o" });
        await Problem(response, HttpStatusCode.BadRequest, "request.malformed");
    }

    [Fact]
    public async Task Missing_fields_are_a_400_validation_problem_naming_each_field()
    {
        var before = await EventCountAsync();
        var response = await api.Admin.PostAsJsonAsync("/api/programmes", new { name = "" });

        var problem = await Problem(response, HttpStatusCode.BadRequest, "request.invalid");
        var errors = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("name", errors);
        Assert.Contains("kind", errors);
        Assert.Contains("sectors", errors);
        Assert.Contains("organisation", errors);
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task An_unknown_programme_is_a_404_problem()
    {
        await Problem(await api.Admin.GetAsync($"/api/programmes/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "resource.not-found");
        await Problem(await api.Admin.PostAsync($"/api/programmes/{Guid.NewGuid()}/close", null), HttpStatusCode.NotFound, "resource.not-found");
    }

    [Fact]
    public async Task A_startup_id_on_a_programme_route_is_a_404_problem()
    {
        var startup = await RegisterAsync(api.Admin);
        await Problem(await api.Admin.GetAsync($"/api/programmes/{startup}"), HttpStatusCode.NotFound);
        await Problem(await api.Admin.PostAsync($"/api/programmes/{startup}/close", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_cohort_of_a_known_programme_is_a_404_problem()
    {
        var programme = await LaunchAsync(api.Admin);
        await Problem(await CohortStepAsync(api.Admin, programme, Guid.NewGuid(), "start"), HttpStatusCode.NotFound, "cohort.not-found");
    }

    [Fact]
    public async Task A_refused_command_is_a_409_problem_with_the_rule_code_and_stores_nothing()
    {
        var programme = await LaunchAsync(api.Admin);
        var cohort = (await Json(await api.Admin.PostAsJsonAsync($"/api/programmes/{programme}/cohorts",
            new { edition = "1", capacity = 5, startsOn = "2027-01-10", endsOn = "2027-03-10" }), HttpStatusCode.Created))["id"]!.GetValue<string>();
        var before = await EventCountAsync();

        var response = await api.Admin.PostAsJsonAsync($"/api/programmes/{programme}/cohorts/{cohort}/call", new { opensOn = "2026-12-10", closesOn = "2026-12-01" });

        var problem = await Problem(response, HttpStatusCode.Conflict, "call.window-invalid");
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task A_closed_programme_refuses_further_commands()
    {
        var programme = await LaunchAsync(api.Admin);
        await Json(await api.Admin.PostAsync($"/api/programmes/{programme}/close", null), HttpStatusCode.OK);

        await Problem(await api.Admin.PostAsJsonAsync($"/api/programmes/{programme}/partners", new { organisation = "ESA", role = "x" }),
            HttpStatusCode.Conflict, "programme.closed");
    }

    [Fact]
    public async Task A_stale_if_match_is_a_412_problem_and_stores_nothing()
    {
        var programme = await LaunchAsync(api.Admin);
        await api.Admin.PostAsJsonAsync($"/api/programmes/{programme}/partners", new { organisation = "ESA", role = "x" });
        var before = await EventCountAsync();

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/programmes/{programme}/partners") { Content = JsonContent.Create(new { organisation = "ASI", role = "y" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await Problem(await api.Admin.SendAsync(request), HttpStatusCode.PreconditionFailed, "concurrency.precondition-failed");
        Assert.Equal(before, await EventCountAsync());

        var current = new HttpRequestMessage(HttpMethod.Post, $"/api/programmes/{programme}/partners") { Content = JsonContent.Create(new { organisation = "ASI", role = "y" }) };
        current.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        await Json(await api.Admin.SendAsync(current), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        var response = await api.Admin.PostAsync("/api/programmes", new StringContent("name=x", Encoding.UTF8, "text/plain"));
        await Problem(response, HttpStatusCode.UnsupportedMediaType, "request.unsupported-media-type");
    }

    [Fact]
    public async Task Invalid_founder_email_is_a_400_validation_problem()
    {
        var response = await api.Admin.PostAsJsonAsync("/api/startups", new
        {
            name = "X", kind = "startup", foundedOn = "2020-01-01", hqCountry = "IT", sectors = new[] { "aerospace" },
            founders = new[] { new { name = "A", email = "not-an-email", role = "CEO" } },
        });
        await Problem(response, HttpStatusCode.BadRequest, "request.invalid");
    }

    async Task<long> EventCountAsync()
    {
        await using var command = api.Database.DataSource.CreateCommand("select count(*) from mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
