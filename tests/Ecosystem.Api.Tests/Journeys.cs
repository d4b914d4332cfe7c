using System.Net;
using System.Net.Http.Json;
using static Ecosystem.Api.Tests.ApiFixture;

namespace Ecosystem.Api.Tests;

/// <summary>Steps of a manager's work, as HTTP calls, shared by the API tests.</summary>
public static class Journeys
{
    public static async Task<Guid> LaunchAsync(HttpClient client, string organisation = "OGR Torino", string[]? sectors = null, string kind = "accelerator")
    {
        var response = await client.PostAsJsonAsync("/api/programmes", new
        {
            name = $"Takeoff {Guid.NewGuid():N}"[..16], kind, sectors = sectors ?? ["aerospace", "gaming"],
            targetCountries = new[] { "IT" }, venue = "OGR Torino", organisation,
        });
        return Guid.Parse((await Json(response, HttpStatusCode.Created))["id"]!.GetValue<string>());
    }

    /// <summary>A programme with one cohort whose call is open today.</summary>
    public static async Task<(Guid Programme, Guid Cohort)> ProgrammeWithOpenCallAsync(HttpClient client, int capacity = 10, string organisation = "OGR Torino")
    {
        var programme = await LaunchAsync(client, organisation);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var cohort = Guid.Parse((await Json(await client.PostAsJsonAsync($"/api/programmes/{programme}/cohorts", new
        {
            edition = "2026", capacity, startsOn = today.AddDays(30), endsOn = today.AddDays(120),
        }), HttpStatusCode.Created))["id"]!.GetValue<string>());
        await Json(await client.PostAsJsonAsync($"/api/programmes/{programme}/cohorts/{cohort}/call", new
        {
            opensOn = today.AddDays(-5), closesOn = today.AddDays(5),
        }), HttpStatusCode.OK);
        return (programme, cohort);
    }

    public static async Task<Guid> RegisterAsync(HttpClient client, string name = "Orbital Pixels (synthetic)", string sector = "aerospace", string kind = "startup", string hq = "IT", int yearsOld = 4)
    {
        var response = await client.PostAsJsonAsync("/api/startups", new
        {
            name, kind, foundedOn = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-yearsOld), hqCountry = hq, sectors = new[] { sector },
            founders = new[] { new { name = "Giulia Rossi", email = "giulia@example.com", role = "CEO" } },
        });
        return Guid.Parse((await Json(response, HttpStatusCode.Created))["id"]!.GetValue<string>());
    }

    public static Task<HttpResponseMessage> ApplyAsync(HttpClient client, Guid startup, Guid programme, Guid cohort) =>
        client.PostAsJsonAsync($"/api/startups/{startup}/applications", new { programmeId = programme, cohortId = cohort });

    public static Task<HttpResponseMessage> StepAsync(HttpClient client, Guid startup, Guid cohort, string step, object? body = null) =>
        client.PostAsJsonAsync($"/api/startups/{startup}/applications/{cohort}/{step}", body ?? new { });

    public static Task<HttpResponseMessage> CohortStepAsync(HttpClient client, Guid programme, Guid cohort, string step, object? body = null) =>
        client.PostAsJsonAsync($"/api/programmes/{programme}/cohorts/{cohort}/{step}", body ?? new { });

    /// <summary>Registered, applied, shortlisted: ready to be admitted.</summary>
    public static async Task<Guid> ShortlistedAsync(HttpClient client, Guid programme, Guid cohort, string name = "Orbital Pixels (synthetic)")
    {
        var startup = await RegisterAsync(client, name);
        await Json(await ApplyAsync(client, startup, programme, cohort), HttpStatusCode.OK);
        await Json(await StepAsync(client, startup, cohort, "shortlist"), HttpStatusCode.OK);
        return startup;
    }
}
