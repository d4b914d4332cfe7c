using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Ecosystem.Api.Tests.ApiFixture;

namespace Ecosystem.Api.Tests;

/// <summary>Steps of urban testing and of hub offices, as HTTP calls.</summary>
public static class MoreJourneys
{
    public const string CityLab = "Torino City Lab";
    public const string PoliTo = "Politecnico di Torino";

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static async Task<Guid> ProposeAsync(HttpClient client, Guid? startup = null, string? organisation = "Orbital Drones srl (synthetic)")
    {
        var response = await client.PostAsJsonAsync("/api/urban-testing/use-cases", new
        {
            proposerStartupId = startup, proposerOrganisation = organisation, title = "BVLOS delivery drones at DoraLab",
            domain = "air-mobility", trl = 6, durationDays = 120,
        });
        return IdOf(await Json(response, HttpStatusCode.Created));
    }

    public static Task<HttpResponseMessage> UseCaseStepAsync(HttpClient client, Guid useCase, string step, object? body = null) =>
        client.PostAsJsonAsync($"/api/urban-testing/use-cases/{useCase}/{step}", body ?? new { });

    /// <summary>Feasible, with ENAC's authorisation over Parco Dora valid from ten days ago for ninety days.</summary>
    public static async Task<Guid> AuthorisedDroneTestAsync(HttpClient client, Guid? startup = null)
    {
        var useCase = await ProposeAsync(client, startup);
        await Accepted(UseCaseStepAsync(client, useCase, "feasibility", new { feasible = true, conditions = new[] { "flights only on weekdays" } }));
        await Accepted(UseCaseStepAsync(client, useCase, "authorisations", new { authority = "ENAC" }));
        await Accepted(UseCaseStepAsync(client, useCase, "authorisations/grant", new
        {
            authority = "ENAC", validFrom = Today.AddDays(-10), validTo = Today.AddDays(80), area = "Parco Dora",
        }));
        return useCase;
    }

    public static async Task<Guid> ApproveHubAsync(HttpClient client, string university = PoliTo, string country = "JP")
    {
        var response = await client.PostAsJsonAsync("/api/hub-offices", new { university, country });
        return IdOf(await Json(response, HttpStatusCode.Created));
    }

    public static Task<HttpResponseMessage> HubStepAsync(HttpClient client, Guid hub, string step, object? body = null) =>
        client.PostAsJsonAsync($"/api/hub-offices/{hub}/{step}", body ?? new { });

    /// <summary>The Japan Hub as it opened in Kyoto in May 2023.</summary>
    public static async Task<Guid> HubInKyotoAsync(HttpClient client)
    {
        var hub = await ApproveHubAsync(client);
        await Accepted(HubStepAsync(client, hub, "locations", new { city = "Kyoto", host = "Kyoto Research Park", openedOn = "2023-05-15" }));
        return hub;
    }

    /// <summary>Asserts a 200 with one event recorded and returns the body.</summary>
    public static async Task<JsonNode> Accepted(Task<HttpResponseMessage> response)
    {
        var body = await Json(await response, HttpStatusCode.OK);
        Assert.Equal(1, body["eventsRecorded"]!.GetValue<int>());
        return body;
    }

    public static Guid IdOf(JsonNode body) => Guid.Parse(body["id"]!.GetValue<string>());
}
