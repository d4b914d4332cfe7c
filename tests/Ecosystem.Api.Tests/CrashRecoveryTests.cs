using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ecosystem.Tests.Shared;

namespace Ecosystem.Api.Tests;

/// <summary>The real service as a process: killed with SIGKILL mid-load, restarted, its read models must equal a fresh rebuild.</summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    readonly TestDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();
    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Killing_the_service_during_a_write_load_leaves_every_read_model_equal_to_a_fresh_rebuild()
    {
        var port = ServiceProcess.FreePort();
        using (var first = ServiceProcess.Start(database, port))
        {
            await first.WaitUntilLiveAsync();
            using var load = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 8).Select(_ => Task.Run(() => WriteLoadAsync(first.Http, load.Token))).ToList();
            await Eventually.WaitUntilAsync(async () => await CountAsync("select count(*) from mt_events") >= 150, seconds: 60);

            await first.KillAsync();
            load.Cancel();
            await Task.WhenAll(writers);
        }
        Assert.True(await CountAsync("select count(*) from mt_events") >= 150);

        using (var second = ServiceProcess.Start(database, port))
        {
            await second.WaitUntilLiveAsync();
            await second.WaitUntilConsumersCaughtUpAsync();
            await second.KillAsync();
        }
        var recovered = await Eventually.SnapshotReadModelsAsync(database.DataSource);

        using (var rebuild = ServiceProcess.Start(database, port, "rebuild", "--all"))
        {
            await rebuild.WaitForExitAsync(TimeSpan.FromSeconds(120));
            Assert.Equal(0, rebuild.ExitCode);
        }
        var rebuilt = await Eventually.SnapshotReadModelsAsync(database.DataSource);

        Assert.Equal(recovered.Keys.Order(), rebuilt.Keys.Order());
        foreach (var (view, rows) in recovered) Assert.True(rows == rebuilt[view], $"read model {view} differs from a fresh rebuild after the crash");
        Assert.True(await CountAsync("select count(*) from rm.programmes") > 0);
    }

    /// <summary>Launches programmes with partners and startups until cancelled or the service dies.</summary>
    internal static async Task WriteLoadAsync(HttpClient http, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var launched = await http.PostAsJsonAsync("/api/programmes", new
                {
                    name = "Crash Lab", kind = "accelerator", sectors = new[] { "digital" }, venue = "OGR", organisation = "OGR Torino",
                }, ct);
                if (!launched.IsSuccessStatusCode) continue;
                var id = JsonNode.Parse(await launched.Content.ReadAsStringAsync(ct))!["id"]!.GetValue<string>();
                await http.PostAsJsonAsync($"/api/programmes/{id}/partners", new { organisation = "ESA", role = "committee" }, ct);
                await http.PostAsJsonAsync("/api/startups", new
                {
                    name = "Crash Co (synthetic)", kind = "startup", foundedOn = "2021-01-01", hqCountry = "IT", sectors = new[] { "digital" },
                }, ct);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException)
            {
                if (ct.IsCancellationRequested) return;
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    async Task<long> CountAsync(string sql)
    {
        try
        {
            await using var command = database.DataSource.CreateCommand(sql);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }
}
