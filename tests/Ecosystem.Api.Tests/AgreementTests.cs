using System.Net;
using System.Net.Http.Json;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.MoreJourneys;
using static Ecosystem.Api.Tests.SecondWaveJourneys;

namespace Ecosystem.Api.Tests;

public sealed class AgreementTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    static string Day(int fromToday) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(fromToday).ToString("yyyy-MM-dd");

    [Fact]
    public async Task The_chambers_sign_their_memorandum_and_the_registry_shows_it()
    {
        var chamber = await api.ClientWithRole("manager", TorinoChamber);
        var mou = await DraftChambersMouAsync(chamber);
        await Accepted(AgreementStepAsync(chamber, mou, "signature", ChambersSignatures));
        await Accepted(AgreementStepAsync(chamber, mou, "amendments", new { summary = "Adds startup exchanges (synthetic)", on = "2026-03-01" }));
        var mission = await PlanNagoyaDelegationAsync(api.Admin);
        await Accepted(AgreementStepAsync(chamber, mou, "links", new { kind = "mission", targetId = mission }));

        var view = await Json(await chamber.GetAsync($"/api/agreements/{mou}"), HttpStatusCode.OK);
        Assert.Equal(("mou", "signed", "2025-10-01"), (view["kind"]!.GetValue<string>(), view["status"]!.GetValue<string>(), view["signedOn"]!.GetValue<string>()));
        Assert.Equal(["IT", "JP"], view["parties"]!.AsArray().Select(p => p!["country"]!.GetValue<string>()));
        Assert.Equal(2, view["signatories"]!.AsArray().Count);
        Assert.Equal("mission", view["links"]![0]!["kind"]!.GetValue<string>());
        Assert.Null(view["endsOn"]);
        var drafted = await Json(await chamber.GetAsync($"/api/agreements/{mou}?version=1"), HttpStatusCode.OK);
        Assert.Equal("drafted", drafted["status"]!.GetValue<string>());

        var reader = await api.ClientWithRole("auditor");
        foreach (var query in new[] { $"party={Uri.EscapeDataString(NagoyaChamber.ToUpperInvariant())}", "kind=mou", "status=signed", "country=jp" })
            Assert.Contains((await Json(await reader.GetAsync($"/api/agreements?{query}"), HttpStatusCode.OK)).AsArray(), a => IdOf(a!) == mou);
        foreach (var query in new[] { "party=City%20of%20Torino", "kind=twinning", "status=drafted", "country=KR", "expiresWithinDays=90" })
            Assert.DoesNotContain((await Json(await reader.GetAsync($"/api/agreements?{query}"), HttpStatusCode.OK)).AsArray(), a => IdOf(a!) == mou);
    }

    [Fact]
    public async Task The_registry_shows_what_expires_in_the_next_90_days()
    {
        var soon = await SignedChambersMouAsync(api.Admin, endsOn: Day(30));
        var later = await SignedChambersMouAsync(api.Admin, endsOn: Day(200));
        var drafted = await DraftChambersMouAsync(api.Admin, endsOn: Day(10));

        var expiring = (await Json(await api.Admin.GetAsync("/api/agreements?expiresWithinDays=90&limit=200"), HttpStatusCode.OK)).AsArray().Select(a => IdOf(a!)).ToList();

        Assert.Contains(soon, expiring);
        Assert.DoesNotContain(later, expiring);
        Assert.DoesNotContain(drafted, expiring);
    }

    [Fact]
    public async Task An_agreement_past_its_end_expires_and_renews_only_as_a_new_term()
    {
        var project = await SignedChambersMouAsync(api.Admin, endsOn: "2025-12-31");
        await Accepted(AgreementStepAsync(api.Admin, project, "expire"));
        await Problem(await AgreementStepAsync(api.Admin, project, "renewal", new { endsOn = "2027-12-31" }), HttpStatusCode.Conflict, "agreement.new-term-required");
        await Accepted(AgreementStepAsync(api.Admin, project, "renewal", new { endsOn = "2027-12-31", newTermStartsOn = "2026-06-01" }));

        var view = await Json(await api.Admin.GetAsync($"/api/agreements/{project}"), HttpStatusCode.OK);
        Assert.Equal(("renewed", "2026-06-01", "2027-12-31"), (view["status"]!.GetValue<string>(), view["startsOn"]!.GetValue<string>(), view["endsOn"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_terminated_agreement_cannot_be_renewed()
    {
        var mou = await SignedChambersMouAsync(api.Admin);
        await Accepted(AgreementStepAsync(api.Admin, mou, "terminate", new { reason = "Superseded (synthetic)", on = "2026-01-31" }));
        var before = await EventCountAsync();

        await Problem(await AgreementStepAsync(api.Admin, mou, "renewal", new { endsOn = "2030-12-31" }), HttpStatusCode.Conflict, "agreement.terminated");
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task Only_parties_sign_and_every_party_signs()
    {
        var mou = await DraftChambersMouAsync(api.Admin);
        await Problem(await AgreementStepAsync(api.Admin, mou, "signature", new
        {
            signedOn = "2025-10-01", signatories = new[] { new { organisation = TorinoChamber, name = "Signatory T (synthetic)", title = "President" } },
        }), HttpStatusCode.Conflict, "agreement.party-unsigned");
        await Problem(await AgreementStepAsync(api.Admin, mou, "signature", new
        {
            signedOn = "2025-10-01",
            signatories = new[]
            {
                new { organisation = TorinoChamber, name = "Signatory T (synthetic)", title = "President" },
                new { organisation = NagoyaChamber, name = "Signatory N (synthetic)", title = "Chairman" },
                new { organisation = "Region of Piedmont", name = "Someone (synthetic)", title = "President" },
            },
        }), HttpStatusCode.Conflict, "agreement.signatory-not-a-party");
    }

    [Fact]
    public async Task Parties_are_checked_at_the_edge_item_by_item_and_by_the_rules()
    {
        var one = await Problem(await api.Admin.PostAsJsonAsync("/api/agreements", new
        {
            kind = "twinning", title = "Twinning", startsOn = "2005-01-01", parties = new[] { new { organisation = "City of Torino", country = "IT", role = "city" } },
        }), HttpStatusCode.BadRequest, "request.invalid");
        Assert.NotNull(one["errors"]!["parties"]);

        var badCountry = await Problem(await api.Admin.PostAsJsonAsync("/api/agreements", new
        {
            kind = "twinning", title = "Twinning", startsOn = "2005-01-01",
            parties = new[] { new { organisation = "City of Torino", country = "IT", role = "city" }, new { organisation = "City of Nagoya", country = "Japan", role = "city" } },
        }), HttpStatusCode.BadRequest, "request.invalid");
        Assert.Equal(["parties[1].country"], badCountry["errors"]!.AsObject().Select(e => e.Key));

        await Problem(await api.Admin.PostAsJsonAsync("/api/agreements", new
        {
            kind = "twinning", title = "Twinning", startsOn = "2005-01-01",
            parties = new[] { new { organisation = "City of Torino", country = "IT", role = "city" }, new { organisation = "city of torino", country = "IT", role = "city" } },
        }), HttpStatusCode.Conflict, "agreement.party-duplicate");
    }

    [Fact]
    public async Task A_manager_acts_only_on_agreements_one_of_its_organisations_is_party_to()
    {
        var mou = await DraftChambersMouAsync(api.Admin);
        var city = await api.ClientWithRole("manager", CityOfTorino);
        var before = await EventCountAsync();

        await Problem(await AgreementStepAsync(city, mou, "signature", ChambersSignatures), HttpStatusCode.Forbidden, "auth.forbidden");
        await Problem(await city.PostAsJsonAsync("/api/agreements", new
        {
            kind = "mou", title = "Not ours", startsOn = "2025-10-01",
            parties = new[] { new { organisation = TorinoChamber, country = "IT", role = "chamber" }, new { organisation = NagoyaChamber, country = "JP", role = "chamber" } },
        }), HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task Unknown_ids_in_the_route_or_the_link_are_404_problems()
    {
        await Problem(await api.Admin.GetAsync($"/api/agreements/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "resource.not-found");
        var mou = await DraftChambersMouAsync(api.Admin);
        await Problem(await AgreementStepAsync(api.Admin, mou, "links", new { kind = "mission", targetId = Guid.NewGuid() }), HttpStatusCode.NotFound, "resource.not-found");
        await Problem(await AgreementStepAsync(api.Admin, mou, "links", new { kind = "hub-office", targetId = mou }), HttpStatusCode.NotFound, "resource.not-found");
        var mission = await PlanNagoyaDelegationAsync(api.Admin);
        await Problem(await api.Admin.GetAsync($"/api/agreements/{mission}"), HttpStatusCode.NotFound, "resource.not-found");
    }

    [Theory]
    [InlineData("kind=handshake", "kind")]
    [InlineData("status=valid", "status")]
    [InlineData("expiresWithinDays=-1", "expiresWithinDays")]
    [InlineData("expiresWithinDays=5000", "expiresWithinDays")]
    public async Task A_bad_registry_filter_is_a_400_naming_it(string query, string parameter)
    {
        var problem = await Problem(await api.Admin.GetAsync($"/api/agreements?{query}"), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![parameter]);
    }

    [Fact]
    public async Task The_dashboard_counts_missions_and_agreements()
    {
        var before = await Json(await api.Admin.GetAsync("/api/dashboard"), HttpStatusCode.OK);
        await DraftChambersMouAsync(api.Admin);
        await PlanNagoyaDelegationAsync(api.Admin);

        var after = await Json(await api.Admin.GetAsync("/api/dashboard"), HttpStatusCode.OK);
        Assert.Equal(Total(before, "missions") + 1, Total(after, "missions"));
        Assert.Equal(Total(before, "agreements") + 1, Total(after, "agreements"));
        Assert.Contains(after["missionsByCountry"]!.AsArray(), c => c!["key"]!.GetValue<string>() == "JP");
        Assert.Contains(after["agreementsByKind"]!.AsArray(), c => c!["key"]!.GetValue<string>() == "mou");
    }

    static long Total(System.Text.Json.Nodes.JsonNode dashboard, string name) => dashboard["totals"]![name]!.GetValue<long>();

    async Task<long> EventCountAsync()
    {
        await using var command = api.Database.DataSource.CreateCommand("select count(*) from mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
