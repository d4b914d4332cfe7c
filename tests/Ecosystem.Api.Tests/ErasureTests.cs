using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.AuditProofs;
using static Ecosystem.Api.Tests.SecondWaveJourneys;

namespace Ecosystem.Api.Tests;

/// <summary>Crypto-shredding: a person's data is stored under their own key, and erasing the key erases them everywhere.</summary>
public sealed class ErasureTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task An_erased_founder_reads_as_erased_in_the_profile_the_feed_and_the_audit_trail_and_nowhere_in_the_database_in_clear()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var (name, email) = ($"Ada Sealed {marker}", $"ada.{marker}@example.org");
        var startup = await RegisterWithFounderAsync(name, email);
        var founder = (await Json(await api.Admin.GetAsync($"/api/startups/{startup}"), HttpStatusCode.OK))["founders"]![0]!;
        Assert.Equal((name, email), (founder["name"]!.GetValue<string>(), founder["email"]!.GetValue<string>()));
        Assert.Contains(name, await FeedTextAsync(startup));
        Assert.Equal(0L, await StoredEventsContainingAsync(startup, name));
        Assert.Equal(1L, await StoredEventsContainingAsync(startup, "pd1:"));
        Assert.True(await DatabaseDumpContainsAsync(name), "the directory's read model holds the founder in clear until the erasure");

        var person = Guid.Parse(founder["personId"]!.GetValue<string>());
        var erased = await Json(await api.Admin.PostAsJsonAsync($"/api/admin/people/{person}/erase", new { reason = "GDPR art. 17 request (synthetic)" }), HttpStatusCode.OK);
        Assert.Equal(1, erased["eventsRecorded"]!.GetValue<int>());

        var after = (await Json(await api.Admin.GetAsync($"/api/startups/{startup}"), HttpStatusCode.OK))["founders"]![0]!;
        Assert.Equal(("[erased]", "[erased]", "CEO"), (after["name"]!.GetValue<string>(), after["email"]!.GetValue<string>(), after["role"]!.GetValue<string>()));
        var feed = await FeedTextAsync(startup);
        Assert.DoesNotContain(name, feed);
        Assert.Contains("[erased]", feed);
        var audit = (await api.Admin.GetAsync($"/api/audit/streams/{startup}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(name, await audit);
        Assert.False(await DatabaseDumpContainsAsync(name), "the founder's name is still readable in the database");
        Assert.False(await DatabaseDumpContainsAsync(email), "the founder's e-mail is still readable in the database");
    }

    [Fact]
    public async Task After_an_erasure_the_log_still_verifies_and_an_export_shows_the_person_erased_over_the_same_stored_bytes()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var name = $"Export Founder {marker}";
        var startup = await RegisterWithFounderAsync(name, $"export.{marker}@example.org");
        var person = (await Json(await api.Admin.GetAsync($"/api/startups/{startup}"), HttpStatusCode.OK))["founders"]![0]!["personId"]!.GetValue<string>();
        var before = await ExportedRegistrationAsync(startup);
        Assert.Contains(name, before["view"]!.ToJsonString());
        Assert.DoesNotContain(name, before["data"]!.GetValue<string>());

        await Json(await api.Admin.PostAsJsonAsync($"/api/admin/people/{person}/erase", new { reason = "export check (synthetic)" }), HttpStatusCode.OK);

        var after = await ExportedRegistrationAsync(startup);
        Assert.DoesNotContain(name, after.ToJsonString());
        Assert.Contains("[erased]", after["view"]!.ToJsonString());
        Assert.Equal((before["data"]!.GetValue<string>(), before["hash"]!.GetValue<string>()), (after["data"]!.GetValue<string>(), after["hash"]!.GetValue<string>()));
        var report = await Json(await api.Admin.PostAsync("/api/audit/verify", null), HttpStatusCode.OK);
        Assert.True(report["intact"]!.GetValue<bool>(), report.ToJsonString());
    }

    [Fact]
    public async Task An_erased_delegate_reads_as_erased_in_the_mission_and_the_calendar_while_the_other_delegates_stay()
    {
        var mission = await PlanNagoyaDelegationAsync(api.Admin);
        var erasedOne = await MissionPartAsync(api.Admin, mission, "delegates",
            new { organisation = "City of Nagoya", name = "Delegate To Forget (synthetic)", email = "forget@example.jp", role = "officer" });
        await MissionPartAsync(api.Admin, mission, "delegates", new { organisation = "City of Nagoya", name = "Delegate To Keep (synthetic)", role = "head of delegation" });

        await Json(await api.Admin.PostAsJsonAsync($"/api/admin/people/{erasedOne}/erase", new { reason = "asked by the delegate" }), HttpStatusCode.OK);

        var delegates = (await Json(await api.Admin.GetAsync($"/api/missions/{mission}"), HttpStatusCode.OK))["delegates"]!.AsArray();
        Assert.Equal(["Delegate To Keep (synthetic)", "[erased]"], delegates.Select(d => d!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal("City of Nagoya", delegates.Single(d => d!["name"]!.GetValue<string>() == "[erased]")!["organisation"]!.GetValue<string>());
        var calendar = await (await api.Admin.GetAsync("/api/missions")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Delegate To Forget", calendar);
        Assert.Contains("Delegate To Keep", calendar);
        Assert.False(await DatabaseDumpContainsAsync("Delegate To Forget"));
    }

    [Fact]
    public async Task Erasing_twice_records_nothing_the_second_time()
    {
        var startup = await RegisterWithFounderAsync("Twice Erased (synthetic)", "twice@example.org");
        var person = Guid.Parse((await Json(await api.Admin.GetAsync($"/api/startups/{startup}"), HttpStatusCode.OK))["founders"]![0]!["personId"]!.GetValue<string>());
        await Json(await api.Admin.PostAsJsonAsync($"/api/admin/people/{person}/erase", new { reason = "first" }), HttpStatusCode.OK);

        var again = await Json(await api.Admin.PostAsJsonAsync($"/api/admin/people/{person}/erase", new { reason = "second" }), HttpStatusCode.OK);

        Assert.Equal(0, again["eventsRecorded"]!.GetValue<int>());
    }

    [Fact]
    public async Task Erasing_someone_the_system_never_stored_is_not_found()
    {
        var unknown = Guid.NewGuid();

        await Problem(await api.Admin.PostAsJsonAsync($"/api/admin/people/{unknown}/erase", new { reason = "typo" }), HttpStatusCode.NotFound);

        Assert.Empty((await Json(await api.Admin.GetAsync($"/api/events?streamId={unknown}"), HttpStatusCode.OK))["events"]!.AsArray());
    }

    [Fact]
    public async Task Only_an_admin_erases_and_a_reason_is_required()
    {
        var startup = await RegisterWithFounderAsync("Guarded Founder (synthetic)", "guarded@example.org");
        var person = (await Json(await api.Admin.GetAsync($"/api/startups/{startup}"), HttpStatusCode.OK))["founders"]![0]!["personId"]!.GetValue<string>();
        var manager = await api.ClientWithRole("manager", "OGR Torino");
        var auditor = await api.ClientWithRole("auditor");

        await Problem(await manager.PostAsJsonAsync($"/api/admin/people/{person}/erase", new { reason = "no" }), HttpStatusCode.Forbidden);
        await Problem(await auditor.PostAsJsonAsync($"/api/admin/people/{person}/erase", new { reason = "no" }), HttpStatusCode.Forbidden);
        await Problem(await api.Admin.PostAsJsonAsync($"/api/admin/people/{person}/erase", new { reason = "" }), HttpStatusCode.BadRequest);

        var founder = (await Json(await api.Admin.GetAsync($"/api/startups/{startup}"), HttpStatusCode.OK))["founders"]![0]!;
        Assert.Equal("Guarded Founder (synthetic)", founder["name"]!.GetValue<string>());
    }

    async Task<Guid> RegisterWithFounderAsync(string name, string email)
    {
        var response = await api.Admin.PostAsJsonAsync("/api/startups", new
        {
            name = $"Sealed Data Labs {Guid.NewGuid():N}"[..24], kind = "startup", foundedOn = "2022-03-01", hqCountry = "IT", sectors = new[] { "digital" },
            founders = new[] { new { name, email, role = "CEO" } },
        });
        return Guid.Parse((await Json(response, HttpStatusCode.Created))["id"]!.GetValue<string>());
    }

    /// <summary>The export line of the startup's registration, under a checkpoint that covers everything written so far.</summary>
    async Task<JsonNode> ExportedRegistrationAsync(Guid startup)
    {
        var checkpoint = await CheckpointCoveringAsync(api.Admin, await NewestSequenceAsync(api.Database));
        var export = await (await api.Admin.GetAsync($"/api/audit/export?to={checkpoint["lastSequence"]}")).Content.ReadAsStringAsync();
        return export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!)
            .Single(line => line["streamId"]?.GetValue<string>() == startup.ToString() && line["version"]!.GetValue<long>() == 1);
    }

    async Task<string> FeedTextAsync(Guid stream) => await (await api.Admin.GetAsync($"/api/events?streamId={stream}")).Content.ReadAsStringAsync();

    async Task<long> StoredEventsContainingAsync(Guid stream, string text)
    {
        await using var command = api.Database.DataSource.CreateCommand("select count(*) from mt_events where stream_id = $1 and data::text like '%' || $2 || '%'");
        command.Parameters.Add(new() { Value = stream });
        command.Parameters.Add(new() { Value = text });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Everything the database would hand to a backup, in plain SQL: every schema, table and row.</summary>
    async Task<bool> DatabaseDumpContainsAsync(string text)
    {
        var pgDump = Directory.GetFiles("/usr/lib/postgresql", "pg_dump", SearchOption.AllDirectories).OrderDescending().First();
        var connection = new NpgsqlConnectionStringBuilder(api.Database.ConnectionString);
        var start = new ProcessStartInfo(pgDump, ["-h", connection.Host!, "-p", connection.Port.ToString(), "-U", connection.Username!, connection.Database!])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = connection.Password;
        using var dump = Process.Start(start)!;
        var output = dump.StandardOutput.ReadToEndAsync();
        var errors = dump.StandardError.ReadToEndAsync();
        await dump.WaitForExitAsync();
        Assert.True(dump.ExitCode == 0, $"pg_dump failed: {await errors}");
        var sql = await output;
        Assert.Contains("mt_events", sql);
        return sql.Contains(text, StringComparison.Ordinal);
    }
}
