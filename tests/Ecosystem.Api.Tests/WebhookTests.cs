using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ecosystem.Api.Webhooks;
using Ecosystem.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.Journeys;

namespace Ecosystem.Api.Tests;

/// <summary>The API with loopback receivers allowed (tests only) and retries measured in milliseconds.</summary>
public sealed class WebhookFixture : ApiFixture
{
    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Ecosystem:Webhooks:AllowPrivateTargets", "true");
        builder.UseSetting("Ecosystem:Webhooks:MaxAttempts", "4");
        builder.UseSetting("Ecosystem:Webhooks:FirstRetryDelayMs", "50");
        builder.UseSetting("Ecosystem:Webhooks:MaxRetryDelayMs", "1500");
        builder.UseSetting("Ecosystem:Webhooks:HoldRetriesUpToMs", "300");
        builder.UseSetting("Ecosystem:Webhooks:SweepIntervalMs", "500");
        builder.UseSetting("Ecosystem:Webhooks:TimeoutMs", "3000");
    }
}

/// <summary>Webhooks against real HTTP receivers on loopback: signed CloudEvents, order, retries, dead letters, 410, filters, pause.</summary>
public sealed class WebhookTests(WebhookFixture api) : IClassFixture<WebhookFixture>, IAsyncLifetime
{
    const string Path = "/api/integrations/webhooks";
    readonly List<Guid> subscribed = [];

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Each test's subscriptions go with it, so later tests' events are not sent to receivers that have stopped.</summary>
    public async Task DisposeAsync()
    {
        foreach (var id in subscribed) await api.Admin.DeleteAsync($"{Path}/{id}");
    }

    async Task<(Guid Id, string Secret)> SubscribeAsync(HttpClient client, WebhookReceiver receiver, object? extra = null)
    {
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra ?? new { }))!.AsObject();
        body["url"] = receiver.Url;
        var created = await Json(await client.PostAsJsonAsync(Path, body), HttpStatusCode.Created);
        subscribed.Add(Guid.Parse(created["id"]!.GetValue<string>()));
        return (subscribed[^1], created["secret"]!.GetValue<string>());
    }

    static async Task<IReadOnlyList<WebhookReceiver.Received>> WaitForAsync(WebhookReceiver receiver, Func<IReadOnlyList<WebhookReceiver.Received>, bool> enough, int seconds = 30)
    {
        await Eventually.WaitUntilAsync(() => Task.FromResult(enough(receiver.All)), seconds,
            () => $"the receiver got {receiver.All.Count} requests: {string.Join(", ", receiver.All.Select(r => r.Event["type"]))}");
        return receiver.All;
    }

    async Task<JsonNode> GetAsync(Guid id) => await Json(await api.Admin.GetAsync($"{Path}/{id}"), HttpStatusCode.OK);

    /// <summary>Waits until the webhooks consumer has fanned out everything written so far.</summary>
    async Task WaitUntilFannedOutAsync()
    {
        var head = await api.Services.GetRequiredService<Ecosystem.Api.EventStore.EventLog>().HeadPositionAsync();
        await Eventually.WaitUntilAsync(async () => (await Json(await api.Admin.GetAsync("/api/admin/consumers"), HttpStatusCode.OK)).AsArray()
            .Any(c => c!["name"]!.GetValue<string>() == WebhookFanOut.ConsumerName && c["checkpoint"]!.GetValue<long>() >= head));
    }

    [Fact]
    public async Task A_delivery_is_a_CloudEvent_whose_signature_verifies_with_the_published_secret_and_not_with_another()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var integrator = await api.ClientWithRole("integrator");
        var (_, secret) = await SubscribeAsync(integrator, receiver);
        Assert.StartsWith("whsec_", secret);

        var programme = await LaunchAsync(api.Admin);
        var delivery = (await WaitForAsync(receiver, all => all.Any(r => r.Subject == programme.ToString()))).Single(r => r.Subject == programme.ToString());

        var e = delivery.Event;
        Assert.Equal("1.0", e["specversion"]!.GetValue<string>());
        Assert.Equal("org.ecosystem.programme.launched", e["type"]!.GetValue<string>());
        Assert.Equal("application/json", e["datacontenttype"]!.GetValue<string>());
        Assert.Equal("urn:ecosystem:events", e["source"]!.GetValue<string>());
        Assert.Equal("programme", e["streamtype"]!.GetValue<string>());
        Assert.Equal(programme.ToString(), e["data"]!["programmeId"]!.GetValue<string>());
        Assert.True(DateTimeOffset.TryParse(e["time"]!.GetValue<string>(), out _));
        Assert.StartsWith("application/cloudevents+json", delivery.ContentType);
        var stored = await api.Database.DataSource.CreateCommand($"select id::text, seq_id from mt_events where stream_id = '{programme}'").ExecuteReaderAsync();
        Assert.True(await stored.ReadAsync());
        Assert.Equal(stored.GetString(0), delivery.EventId);
        Assert.Equal(stored.GetInt64(1), delivery.Sequence);

        Assert.StartsWith("v1,", delivery.Signature);
        new StandardWebhook(secret).Verify(delivery.Body, delivery.Headers);
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(WebhookSender.NewSecret()).Verify(delivery.Body, delivery.Headers));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(secret).Verify(delivery.Body.Replace("programme", "Programme"), delivery.Headers));
    }

    [Fact]
    public async Task A_receiver_that_fails_three_times_gets_the_event_on_the_fourth_attempt_after_growing_pauses_with_one_webhook_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var failures = 0;
        receiver.Answer = _ => Interlocked.Increment(ref failures) <= 3 ? (503, null) : (200, null);
        var (id, _) = await SubscribeAsync(api.Admin, receiver);

        var programme = await LaunchAsync(api.Admin);
        var attempts = await WaitForAsync(receiver, all => all.Count >= 4);
        await Eventually.WaitUntilAsync(async () => (await GetAsync(id))["delivered"]!.GetValue<long>() == 1);

        Assert.Equal(4, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(programme.ToString(), a.Subject));
        Assert.Single(attempts.Select(a => a.WebhookId).Distinct());
        // Backoff with jitter: the n-th retry waits at least half of 50 ms × 2^(n-1).
        var pauses = attempts.Zip(attempts.Skip(1), (a, b) => b.At - a.At).ToList();
        Assert.True(pauses[0] >= TimeSpan.FromMilliseconds(20) && pauses[1] >= TimeSpan.FromMilliseconds(45) && pauses[2] >= TimeSpan.FromMilliseconds(95),
            $"pauses: {string.Join(", ", pauses.Select(p => p.TotalMilliseconds))}");
        var view = await GetAsync(id);
        Assert.Equal(0, view["pending"]!.GetValue<long>());
        Assert.Equal(0, view["failed"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_429_is_retried_no_sooner_than_its_Retry_After()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var first = 1;
        receiver.Answer = _ => Interlocked.Exchange(ref first, 0) == 1 ? (429, 1) : (200, null);
        await SubscribeAsync(api.Admin, receiver);

        await LaunchAsync(api.Admin);
        var attempts = await WaitForAsync(receiver, all => all.Count >= 2);
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromMilliseconds(950), $"retried after {(attempts[1].At - attempts[0].At).TotalMilliseconds} ms");
        Assert.Equal(attempts[0].WebhookId, attempts[1].WebhookId);
    }

    [Fact]
    public async Task A_stream_whose_delivery_keeps_failing_is_dead_lettered_without_holding_up_other_streams_and_replays_in_order()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var broken = await LaunchAsync(api.Admin, organisation: "OGR Torino");
        var failing = true;
        receiver.Answer = r => failing && r.Subject == broken.ToString() ? (500, null) : (200, null);
        var (id, _) = await SubscribeAsync(api.Admin, receiver, new { after = 0 });

        await Eventually.WaitUntilAsync(async () => (await GetAsync(id))["failed"]!.GetValue<long>() == 1);
        foreach (var organisation in new[] { "ESA", "Politecnico di Torino" })
            await api.Admin.PostAsJsonAsync($"/api/programmes/{broken}/partners", new { organisation, role = "committee" });
        var other = await LaunchAsync(api.Admin);
        await WaitForAsync(receiver, all => all.Any(r => r.Subject == other.ToString()));

        var failures = await Json(await api.Admin.GetAsync($"{Path}/{id}/failures"), HttpStatusCode.OK);
        var dead = failures["failures"]!.AsArray().Single()!;
        Assert.Equal(broken.ToString(), dead["streamId"]!.GetValue<string>());
        Assert.Equal("programme.launched", dead["type"]!.GetValue<string>());
        Assert.Equal(4, dead["attempts"]!.GetValue<int>());
        Assert.Equal(500, dead["lastStatus"]!.GetValue<int>());
        await WaitUntilFannedOutAsync();
        Assert.Equal(2, (await Json(await api.Admin.GetAsync($"{Path}/{id}/failures"), HttpStatusCode.OK))["heldBehind"]!.GetValue<long>());
        Assert.Equal(4, receiver.About(broken).Count);

        failing = false;
        var replay = await Json(await api.Admin.PostAsync($"{Path}/{id}/failures/replay", null), HttpStatusCode.Accepted);
        Assert.Equal(1, replay["replayed"]!.GetValue<int>());
        var delivered = await WaitForAsync(receiver, all => all.Count(r => r.Subject == broken.ToString()) >= 7);

        var stream = delivered.Where(r => r.Subject == broken.ToString()).Skip(4).ToList();
        Assert.Equal(["org.ecosystem.programme.launched", "org.ecosystem.programme.partner-added", "org.ecosystem.programme.partner-added"],
            stream.Select(r => r.Event["type"]!.GetValue<string>()));
        Assert.Equal(stream.Select(r => r.Sequence).Order(), stream.Select(r => r.Sequence));
        Assert.Empty((await Json(await api.Admin.GetAsync($"{Path}/{id}/failures"), HttpStatusCode.OK))["failures"]!.AsArray());
    }

    [Fact]
    public async Task A_receiver_answering_410_Gone_disables_its_subscription_and_gets_nothing_more()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => (410, null);
        var (id, _) = await SubscribeAsync(api.Admin, receiver);

        await LaunchAsync(api.Admin);
        await Eventually.WaitUntilAsync(async () => (await GetAsync(id))["status"]!.GetValue<string>() == "disabled");
        Assert.Contains("410", (await GetAsync(id))["statusReason"]!.GetValue<string>());

        await LaunchAsync(api.Admin);
        await WaitUntilFannedOutAsync();
        Assert.Single(receiver.All);
        Assert.Equal(1, (await GetAsync(id))["pending"]!.GetValue<long>());
    }

    [Fact]
    public async Task Filters_by_event_type_and_by_stream_type_admit_only_those_events()
    {
        await using var partners = await WebhookReceiver.StartAsync();
        await using var startups = await WebhookReceiver.StartAsync();
        await SubscribeAsync(api.Admin, partners, new { eventTypes = new[] { "programme.partner-added" } });
        await SubscribeAsync(api.Admin, startups, new { streamTypes = new[] { "startup" } });

        var programme = await LaunchAsync(api.Admin);
        await api.Admin.PostAsJsonAsync($"/api/programmes/{programme}/partners", new { organisation = "ESA", role = "committee" });
        var startup = await RegisterAsync(api.Admin);
        await WaitForAsync(partners, all => all.Any(r => r.Subject == programme.ToString()));
        await WaitForAsync(startups, all => all.Any(r => r.Subject == startup.ToString()));
        await WaitUntilFannedOutAsync();

        Assert.All(partners.All, r => Assert.Equal("org.ecosystem.programme.partner-added", r.Event["type"]!.GetValue<string>()));
        Assert.All(startups.All, r => Assert.Equal("startup", r.Event["streamtype"]!.GetValue<string>()));
        Assert.Equal("org.ecosystem.startup.registered", startups.About(startup).Single().Event["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_paused_subscription_keeps_its_events_and_delivers_them_in_order_on_resume_while_others_flow()
    {
        await using var paused = await WebhookReceiver.StartAsync();
        await using var running = await WebhookReceiver.StartAsync();
        var (id, _) = await SubscribeAsync(api.Admin, paused);
        await SubscribeAsync(api.Admin, running);
        var view = await Json(await api.Admin.PatchAsJsonAsync($"{Path}/{id}", new { status = "paused" }), HttpStatusCode.OK);
        Assert.Equal("paused", view["status"]!.GetValue<string>());

        var programme = await LaunchAsync(api.Admin);
        await api.Admin.PostAsJsonAsync($"/api/programmes/{programme}/partners", new { organisation = "ESA", role = "committee" });
        await WaitForAsync(running, all => all.Count(r => r.Subject == programme.ToString()) == 2);
        await WaitUntilFannedOutAsync();
        Assert.Empty(paused.All);
        Assert.Equal(2, (await GetAsync(id))["pending"]!.GetValue<long>());

        await Json(await api.Admin.PatchAsJsonAsync($"{Path}/{id}", new { status = "active" }), HttpStatusCode.OK);
        var delivered = await WaitForAsync(paused, all => all.Count == 2);
        Assert.Equal(["org.ecosystem.programme.launched", "org.ecosystem.programme.partner-added"], delivered.Select(r => r.Event["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_subscription_from_a_past_sequence_backfills_in_order_and_one_from_now_gets_only_new_events()
    {
        var before = await LaunchAsync(api.Admin);
        var position = await api.Services.GetRequiredService<Ecosystem.Api.EventStore.EventLog>().HeadPositionAsync();
        await WaitUntilFannedOutAsync();
        await using var backfill = await WebhookReceiver.StartAsync();
        await using var fromNow = await WebhookReceiver.StartAsync();
        var (_, _) = await SubscribeAsync(api.Admin, backfill, new { after = position - 1 });
        await SubscribeAsync(api.Admin, fromNow);

        var after = await LaunchAsync(api.Admin);
        var got = await WaitForAsync(backfill, all => all.Any(r => r.Subject == after.ToString()) && all.Any(r => r.Subject == before.ToString()));
        await WaitForAsync(fromNow, all => all.Any(r => r.Subject == after.ToString()));

        // Order holds per stream; the two programmes are two streams.
        Assert.Equal(position, backfill.About(before).Single().Sequence);
        Assert.DoesNotContain(got, r => r.Sequence < position);
        Assert.Empty(fromNow.About(before));
    }

    [Fact]
    public async Task Integrators_manage_their_own_subscriptions_never_see_a_secret_again_and_managers_and_auditors_are_refused()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var mine = await api.ClientWithRole("integrator");
        var theirs = await api.ClientWithRole("integrator");
        var (id, secret) = await SubscribeAsync(mine, receiver);

        var listed = await Json(await mine.GetAsync(Path), HttpStatusCode.OK);
        Assert.Contains(listed.AsArray(), w => w!["id"]!.GetValue<string>() == id.ToString());
        Assert.DoesNotContain(secret, listed.ToJsonString());
        Assert.DoesNotContain("secret", (await GetAsync(id)).ToJsonString());
        Assert.DoesNotContain(id.ToString(), (await Json(await theirs.GetAsync(Path), HttpStatusCode.OK)).ToJsonString());
        await Problem(await theirs.GetAsync($"{Path}/{id}"), HttpStatusCode.NotFound, "resource.not-found");
        await Problem(await theirs.DeleteAsync($"{Path}/{id}"), HttpStatusCode.NotFound, "resource.not-found");

        foreach (var role in new[] { "manager", "auditor" })
        {
            var client = role == "manager" ? await api.ClientWithRole(role, "OGR Torino") : await api.ClientWithRole(role);
            await Problem(await client.GetAsync(Path), HttpStatusCode.Forbidden, "auth.forbidden");
            await Problem(await client.PostAsJsonAsync(Path, new { url = receiver.Url }), HttpStatusCode.Forbidden, "auth.forbidden");
        }

        Assert.Equal(HttpStatusCode.NoContent, (await mine.DeleteAsync($"{Path}/{id}")).StatusCode);
        await Problem(await mine.GetAsync($"{Path}/{id}"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{\"url\":\"ftp://example.com/hook\"}", "webhook.target-invalid")]
    [InlineData("{\"url\":\"not a url\"}", "webhook.target-invalid")]
    [InlineData("{\"url\":\"http://user:pw@example.com/hook\"}", "webhook.target-invalid")]
    [InlineData("{\"url\":\"http://127.0.0.1/hook\",\"eventTypes\":[\"programme.nope\"]}", "request.invalid")]
    [InlineData("{\"url\":\"http://127.0.0.1/hook\",\"streamTypes\":[\"nope\"]}", "request.invalid")]
    [InlineData("{\"url\":\"http://127.0.0.1/hook\",\"eventTypes\":[\"startup.registered\"],\"streamTypes\":[\"programme\"]}", "request.invalid")]
    [InlineData("{\"url\":\"http://127.0.0.1/hook\",\"after\":-1}", null)]
    public async Task A_bad_registration_is_a_400_problem_with_a_code(string body, string? code)
    {
        var response = await api.Admin.PostAsync(Path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await Problem(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Pausing_with_an_unknown_status_is_a_400_and_an_unknown_subscription_a_404()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, _) = await SubscribeAsync(api.Admin, receiver);
        await Problem(await api.Admin.PatchAsJsonAsync($"{Path}/{id}", new { status = "disabled" }), HttpStatusCode.BadRequest, "request.invalid");
        await Problem(await api.Admin.PatchAsJsonAsync($"{Path}/{Guid.NewGuid()}", new { status = "paused" }), HttpStatusCode.NotFound, "resource.not-found");
        await Problem(await api.Admin.PostAsync($"{Path}/{Guid.NewGuid()}/failures/replay", null), HttpStatusCode.NotFound, "resource.not-found");
    }
}

/// <summary>With the default settings: targets on the service's own networks are refused, at registration and at connection.</summary>
public sealed class WebhookTargetTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://172.16.0.1/hook")]
    [InlineData("https://192.168.1.10/hook")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[fd00:ec2::254]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/hook")]
    public async Task A_target_on_a_private_loopback_link_local_or_metadata_address_is_refused(string url)
    {
        var response = await api.Admin.PostAsJsonAsync("/api/integrations/webhooks", new { url });
        await Problem(response, HttpStatusCode.BadRequest, TargetGuard.ForbiddenCode);
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2a00:1450:4001::1", true)]
    [InlineData("127.0.0.2", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("2002:7f00:1::", false)]
    [InlineData("ff02::1", false)]
    [InlineData("224.0.0.251", false)]
    public void Addresses_are_public_only_outside_the_refused_ranges(string address, bool expected) =>
        Assert.Equal(expected, TargetGuard.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task At_delivery_time_a_name_resolving_to_loopback_is_not_connected_to()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sender = new WebhookSender(new WebhookOptions { AllowPrivateTargets = false, TimeoutMs = 3000 });
        var target = new Uri(receiver.Url.Replace("127.0.0.1", "localhost"));
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => sender.SendAsync(target, WebhookSender.NewSecret(), "msg_test", "{}"u8.ToArray(), DateTimeOffset.UtcNow, CancellationToken.None));
        Assert.IsType<TargetRefusedException>(error.InnerException);
        Assert.Empty(receiver.All);
    }
}
