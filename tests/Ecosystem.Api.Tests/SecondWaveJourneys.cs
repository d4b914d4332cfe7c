using System.Net;
using System.Net.Http.Json;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.MoreJourneys;

namespace Ecosystem.Api.Tests;

/// <summary>Missions and agreements as clients drive them.</summary>
public static class SecondWaveJourneys
{
    public const string CityOfTorino = "City of Torino";
    public const string TorinoChamber = "Camera di commercio di Torino";
    public const string NagoyaChamber = "Nagoya Chamber of Commerce and Industry";

    /// <summary>The Nagoya delegation to Torino, 9–11 November 2022, hosted by the City of Torino.</summary>
    public static async Task<Guid> PlanNagoyaDelegationAsync(HttpClient client, string organiser = CityOfTorino)
    {
        var response = await client.PostAsJsonAsync("/api/missions", new
        {
            direction = "inbound", title = "Nagoya delegation to Torino", organiser, countries = new[] { "jp" }, cities = new[] { "Nagoya" },
            purpose = "Twinning relations and innovation", sectors = new[] { "automotive", "aerospace" }, startsOn = "2022-11-09", endsOn = "2022-11-11",
        });
        return IdOf(await Json(response, HttpStatusCode.Created));
    }

    public static Task<HttpResponseMessage> MissionStepAsync(HttpClient client, Guid mission, string step, object? body = null) =>
        client.PostAsJsonAsync($"/api/missions/{mission}/{step}", body ?? new { });

    public static async Task<Guid> MissionPartAsync(HttpClient client, Guid mission, string step, object body) =>
        IdOf(await Json(await MissionStepAsync(client, mission, step, body), HttpStatusCode.Created));

    /// <summary>The chambers' memorandum of commitment on automotive and aerospace, drafted.</summary>
    public static async Task<Guid> DraftChambersMouAsync(HttpClient client, string? endsOn = null)
    {
        var response = await client.PostAsJsonAsync("/api/agreements", new
        {
            kind = "mou", title = "Memorandum of commitment on automotive and aerospace",
            parties = new[]
            {
                new { organisation = TorinoChamber, country = "IT", role = "chamber of commerce" },
                new { organisation = NagoyaChamber, country = "jp", role = "chamber of commerce" },
            },
            sectors = new[] { "automotive", "aerospace" }, startsOn = "2025-10-01", endsOn,
        });
        return IdOf(await Json(response, HttpStatusCode.Created));
    }

    public static Task<HttpResponseMessage> AgreementStepAsync(HttpClient client, Guid agreement, string step, object? body = null) =>
        client.PostAsJsonAsync($"/api/agreements/{agreement}/{step}", body ?? new { });

    public static object ChambersSignatures => new
    {
        signedOn = "2025-10-01",
        signatories = new[]
        {
            new { organisation = TorinoChamber, name = "Signatory T (synthetic)", title = "President" },
            new { organisation = NagoyaChamber, name = "Signatory N (synthetic)", title = "Chairman" },
        },
    };

    public static async Task<Guid> SignedChambersMouAsync(HttpClient client, string? endsOn = null)
    {
        var agreement = await DraftChambersMouAsync(client, endsOn);
        await Accepted(AgreementStepAsync(client, agreement, "signature", ChambersSignatures));
        return agreement;
    }
}
