using System.Net;
using System.Text.Json.Nodes;
using Ecosystem.Tests.Shared;
using Npgsql;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.Journeys;

namespace Ecosystem.Api.Tests;

public sealed class AdmissionConcurrencyTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Twenty_parallel_admissions_into_five_seats_admit_exactly_five()
    {
        var (programme, cohort) = await ProgrammeWithOpenCallAsync(api.Admin, capacity: 5);
        var startups = new List<Guid>();
        for (var i = 0; i < 20; i++) startups.Add(await ShortlistedAsync(api.Admin, programme, cohort, $"Synthetic {i:00}"));
        await Json(await CohortStepAsync(api.Admin, programme, cohort, "call/close"), HttpStatusCode.OK);

        var responses = await Task.WhenAll(startups.Select(s => Task.Run(() => StepAsync(api.Admin, s, cohort, "admit"))));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            await Problem(refused, HttpStatusCode.Conflict, "cohort.full");

        Assert.Equal(5, await CountAsync("programme.seat-allocated", programme));
        var admittedStreams = await StreamsWithAsync("startup.admitted");
        Assert.Equal(5, admittedStreams.Count);
        // The refused attempts rolled back after drawing sequence numbers; the daemon waits out each such gap (≥ 3 s, longer
        // with the hash chain's longer appends), which can outlast the 5 s read-your-writes wait: wait for the read model itself.
        JsonNode view = null!;
        await Eventually.WaitUntilAsync(async () =>
            (view = await Json(await api.Admin.GetAsync($"/api/programmes/{programme}"), HttpStatusCode.OK))["cohorts"]![0]!["allocated"]!.GetValue<int>() == 5,
            seconds: 60, because: () => $"the read model shows {view?["cohorts"]?[0]?["allocated"]} seats allocated");
        var cohortView = view["cohorts"]![0]!;
        Assert.Equal(5, cohortView["allocated"]!.GetValue<int>());
        Assert.Equal(5, cohortView["roster"]!["admitted"]!.GetValue<int>());
        Assert.Equal(15, cohortView["roster"]!["shortlisted"]!.GetValue<int>());
        var seatHolders = cohortView["startups"]!.AsArray().Where(s => s!["holdsSeat"]!.GetValue<bool>()).Select(s => Guid.Parse(s!["startupId"]!.GetValue<string>()));
        Assert.Equal(admittedStreams.Order(), seatHolders.Order());
    }

    async Task<long> CountAsync(string eventType, Guid stream)
    {
        await using var command = api.Database.DataSource.CreateCommand("select count(*) from mt_events where type = $1 and stream_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = eventType });
        command.Parameters.Add(new NpgsqlParameter { Value = stream });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    async Task<List<Guid>> StreamsWithAsync(string eventType)
    {
        await using var command = api.Database.DataSource.CreateCommand("select stream_id from mt_events where type = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = eventType });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }
}
