using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ecosystem.Api.EventStore;
using Ecosystem.Domain;
using Ecosystem.Domain.HubOffices;
using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using Ecosystem.Domain.UrbanTesting;
using Ecosystem.Tests.Shared;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.Journeys;
using DomainRegistration = Ecosystem.Api.Infrastructure.DomainRegistration;

namespace Ecosystem.Api.Tests;

/// <summary>What the log and the read models promise on Marten, each shown against the real PostgreSQL.</summary>
public sealed class GuaranteeTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public void The_store_keeps_the_settings_that_stop_the_daemon_from_skipping_an_event()
    {
        var options = (StoreOptions)api.Services.GetRequiredService<IDocumentStore>().Options;

        Assert.NotEqual(EventAppendMode.Rich, options.Events.AppendMode);
        Assert.True(options.Projections.UseTransactionEvidenceForGapSkipping);
        Assert.Null(options.Projections.SkipStaleGapsDespiteLiveTransactionsAfter);
        Assert.True(options.Events.UseListenNotifyForEventAppends);
        Assert.True(options.Events.MetadataConfig.UserNameEnabled && options.Events.MetadataConfig.CorrelationIdEnabled
            && options.Events.MetadataConfig.CausationIdEnabled && options.Events.MetadataConfig.HeadersEnabled);
    }

    [Fact]
    public async Task Late_commit_of_events_held_open_while_others_commit_is_applied_by_every_read_model()
    {
        var store = api.Services.GetRequiredService<IDocumentStore>();
        var types = api.Services.GetRequiredService<StreamTypes>();
        var (now, by) = (DateTimeOffset.UtcNow, "late-writer");
        var (programme, startup, useCase, hub) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());

        await using var connection = await api.Database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var late = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction)))
        {
            late.Events.StartStream(types.MartenTypeOf("programme"), programme, ProgrammeDecider.Decide(new ProgrammeCommand.LaunchProgramme(programme,
                "Late Lab (synthetic)", ProgrammeKind.Accelerator, new ValueList<string>(["digital"]), new ValueList<string>([]), "OGR", "OGR Torino", null, now, by),
                ProgrammeDecider.Initial).Cast<object>().ToArray());
            late.Events.StartStream(types.MartenTypeOf("startup"), startup, StartupDecider.Decide(new StartupCommand.RegisterStartup(startup,
                "Late Co (synthetic)", StartupKind.Startup, new DateOnly(2021, 1, 1), "IT", new ValueList<string>(["digital"]), new ValueList<Founder>([]), now, by),
                StartupDecider.Initial).Cast<object>().ToArray());
            late.Events.StartStream(types.MartenTypeOf("urban-testing-use-case"), useCase, UrbanTestingDecider.Decide(new UrbanTestingCommand.SubmitProposal(useCase,
                null, "Late Drones (synthetic)", "Late flights (synthetic)", TestingDomain.AirMobility, 6, 60, now, by),
                UrbanTestingDecider.Initial).Cast<object>().ToArray());
            late.Events.StartStream(types.MartenTypeOf("hub-office"), hub, HubOfficeDecider.Decide(new HubOfficeCommand.ApproveHub(hub,
                "Late University (synthetic)", "JP", now, by), HubOfficeDecider.Initial).Cast<object>().ToArray());
            await late.SaveChangesAsync();
        }

        var others = new List<Guid>();
        var held = System.Diagnostics.Stopwatch.StartNew();
        while (held.Elapsed < TimeSpan.FromSeconds(10)) others.Add(await LaunchAsync(api.Admin));
        await transaction.CommitAsync();

        var log = api.Services.GetRequiredService<EventLog>();
        var head = await log.HeadPositionAsync();
        await Eventually.WaitUntilAsync(async () => (await Json(await api.Admin.GetAsync("/api/admin/consumers"), HttpStatusCode.OK)).AsArray()
            .All(c => c!["checkpoint"]?.GetValue<long>() >= head), seconds: 60);
        Assert.Equal(1, await CountAsync("select count(*) from rm.programmes where programme_id = $1", programme));
        Assert.Equal(1, await CountAsync("select count(*) from rm.startups where startup_id = $1", startup));
        Assert.Equal(1, await CountAsync("select count(*) from rm.use_cases where use_case_id = $1", useCase));
        Assert.Equal(1, await CountAsync("select count(*) from rm.hub_offices where hub_office_id = $1", hub));
        Assert.Equal(others.Count, await CountAsync("select count(*) from rm.programmes where programme_id = any($1)", others.ToArray()));
        Assert.True(others.Count > 10, $"only {others.Count} writes committed while the late transaction was open");
    }

    [Fact]
    public async Task During_a_rebuild_reads_answer_from_the_old_generation_and_the_swap_is_atomic()
    {
        for (var i = 0; i < 3; i++) await ProgrammeWithOpenCallAsync(api.Admin);
        var before = await ListAsync();
        var projection = api.Services.GetServices<IProjection>().Single(p => p.Name == "programme-roster");
        var manager = new ProjectionManager(api.Services.GetRequiredService<EventLog>()) { RebuildBatchSize = 1 };
        using var resume = new ManualResetEventSlim();
        var paused = new TaskCompletionSource();
        var rebuild = Task.Run(() => manager.RebuildAsync(projection, new Hold(p =>
        {
            if (p.Done != 1) return;
            paused.TrySetResult();
            resume.Wait(TimeSpan.FromSeconds(30));
        })));

        await paused.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var status = (await Json(await api.Admin.GetAsync("/api/admin/projections"), HttpStatusCode.OK)).AsArray()
            .Single(p => p!["name"]!.GetValue<string>() == "programme-roster")!;
        Assert.NotNull(status["rebuildGeneration"]);
        Assert.Equal(before, await ListAsync());

        using var reading = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            var reads = 0;
            while (!reading.IsCancellationRequested || reads == 0)
            {
                Assert.Equal(before, await ListAsync());
                reads++;
            }
            return reads;
        });
        resume.Set();
        await rebuild;
        reading.Cancel();
        Assert.True(await reader > 0);
        Assert.Equal(before, await ListAsync());
        var swapped = (await Json(await api.Admin.GetAsync("/api/admin/projections"), HttpStatusCode.OK)).AsArray()
            .Single(p => p!["name"]!.GetValue<string>() == "programme-roster")!;
        Assert.Equal(status["activeGeneration"]!.GetValue<int>() + 1, swapped["activeGeneration"]!.GetValue<int>());
        Assert.Null(swapped["rebuildGeneration"]);
    }

    [Fact]
    public async Task A_poison_event_parks_only_its_stream_and_a_replay_applies_its_events_in_order()
    {
        var (programme, cohort) = await ProgrammeWithOpenCallAsync(api.Admin);
        var generation = await CountAsync("select active_generation::bigint from ecosystem.projections where name = $1", "startup-directory");
        // The startup directory cannot store this one name, as if its code had a bug for it.
        await ExecuteAsync($"alter table rm.startups_g{generation} add constraint poison check (name <> 'Poison Pill (synthetic)')");

        var poisoned = await RegisterAsync(api.Admin, "Poison Pill (synthetic)");
        await Json(await ApplyAsync(api.Admin, poisoned, programme, cohort), HttpStatusCode.OK);
        var healthy = await RegisterAsync(api.Admin, "Healthy Co (synthetic)");
        var position = await api.Services.GetRequiredService<EventLog>().HeadPositionAsync();

        await Eventually.WaitUntilAsync(async () => await CountAsync(
            "select count(*) from ecosystem.checkpoints where name = 'projection:startup-directory' and position >= $1", position) == 1);
        Assert.Equal(1, await CountAsync("select count(*) from rm.startups where startup_id = $1", healthy));
        Assert.Equal(0, await CountAsync("select count(*) from rm.startups where startup_id = $1", poisoned));
        Assert.Equal(1, await CountAsync("select count(*) from rm.roster where startup_id = $1", poisoned));
        var consumer = (await Json(await api.Admin.GetAsync("/api/admin/consumers"), HttpStatusCode.OK)).AsArray()
            .Single(c => c!["name"]!.GetValue<string>() == "projection:startup-directory")!;
        var parked = consumer["parked"]!.AsArray().Single()!;
        Assert.Equal(poisoned.ToString(), parked["streamId"]!.GetValue<string>());
        Assert.Equal(2, parked["queuedEvents"]!.GetValue<int>());

        await ExecuteAsync($"alter table rm.startups_g{generation} drop constraint poison");
        var replay = await api.Admin.PostAsync($"/api/admin/consumers/projection:startup-directory/parked/{poisoned}/replay", null);

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(1, await CountAsync("select count(*) from rm.startups where startup_id = $1", poisoned));
        Assert.Equal(1, await CountAsync("select count(*) from rm.participations where startup_id = $1 and status = 'applied'", poisoned));
        Assert.Empty((await Json(await api.Admin.GetAsync("/api/admin/consumers"), HttpStatusCode.OK)).AsArray()
            .Single(c => c!["name"]!.GetValue<string>() == "projection:startup-directory")!["parked"]!.AsArray());
        await Problem(await api.Admin.PostAsync($"/api/admin/consumers/projection:startup-directory/parked/{poisoned}/replay", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_post_repeated_with_the_same_idempotency_key_returns_the_first_response_and_records_nothing_more()
    {
        var key = $"launch-{Guid.NewGuid():N}";
        HttpRequestMessage Launch(string name) => new(HttpMethod.Post, "/api/programmes")
        {
            Content = JsonContent.Create(new { name, kind = "accelerator", sectors = new[] { "digital" }, venue = "OGR", organisation = "OGR Torino" }),
            Headers = { { "Idempotency-Key", key } },
        };

        var first = await api.Admin.SendAsync(Launch("Once Lab (synthetic)"));
        var firstBody = await Json(first, HttpStatusCode.Created);
        var events = await CountAsync("select count(*) from mt_events");
        var again = await api.Admin.SendAsync(Launch("Once Lab (synthetic)"));
        var againBody = await Json(again, HttpStatusCode.Created);

        Assert.Equal(firstBody.ToJsonString(), againBody.ToJsonString());
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal("true", again.Headers.GetValues("Idempotency-Replayed").Single());
        Assert.Equal(events, await CountAsync("select count(*) from mt_events"));
        await Problem(await api.Admin.SendAsync(Launch("Another Lab (synthetic)")), HttpStatusCode.UnprocessableEntity, "idempotency.key-reused");
        Assert.Equal(events, await CountAsync("select count(*) from mt_events"));
    }

    async Task<string> ListAsync() => (await Json(await api.Admin.GetAsync("/api/programmes?limit=100"), HttpStatusCode.OK)).ToJsonString();

    async Task<long> CountAsync(string sql, params object[] values)
    {
        await using var command = api.Database.DataSource.CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    async Task ExecuteAsync(string sql)
    {
        await using var command = api.Database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Reports progress on the rebuild's own thread, so the test can hold the rebuild between two batches.</summary>
    sealed class Hold(Action<RebuildProgress> report) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => report(value);
    }
}
