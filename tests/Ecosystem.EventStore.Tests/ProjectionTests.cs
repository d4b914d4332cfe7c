using Ecosystem.Tests.Shared;
using Ecosystem.EventStore.Consumers;
using Ecosystem.EventStore.Projections;
using static Ecosystem.EventStore.Tests.StoreFixture;

namespace Ecosystem.EventStore.Tests;

/// <summary>Totals per account; version 2 also counts deposits (a changed shape, to exercise rebuilds).</summary>
public sealed class AccountTotals(string name, int version = 1) : IProjection
{
    public string Name { get; } = name;
    public int Version { get; } = version;
    public IReadOnlyList<string> Tables { get; } = [name.Replace('-', '_')];
    string Table => Tables[0];

    public string CreateTables(ProjectionTables tables) => Version == 1
        ? $"create table {tables[Table]} (account_id uuid primary key, total int not null);"
        : $"create table {tables[Table]} (account_id uuid primary key, total int not null, deposits int not null);";

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            if (e.Data is not Deposited d) continue;
            await using var command = context.Command(Version == 1
                ? $"insert into {{{Table}}} values ($1, $2) on conflict (account_id) do update set total = {{{Table}}}.total + excluded.total"
                : $"insert into {{{Table}}} values ($1, $2, 1) on conflict (account_id) do update set total = {{{Table}}}.total + excluded.total, deposits = {{{Table}}}.deposits + 1");
            command.Parameters.Add(new() { Value = d.AccountId });
            command.Parameters.Add(new() { Value = d.Amount });
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}

public sealed class ProjectionTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    readonly PostgresEventStore store = fixture.Store;
    readonly ConsumerOptions fast = new() { IdlePoll = TimeSpan.FromMilliseconds(100), LeadershipRetry = TimeSpan.FromMilliseconds(100), BatchSize = 40 };

    [Fact]
    public async Task A_live_projection_keeps_its_view_equal_to_the_log()
    {
        var projection = new AccountTotals($"totals-{Guid.NewGuid():N}"[..20]);
        var manager = new ProjectionManager(store);
        Assert.False(await manager.InitialiseAsync(projection));
        using var running = new CancellationTokenSource();
        var run = new ConsumerHost(store, [new ProjectionConsumer(projection)], fast).RunAsync(running.Token);

        var accounts = await DepositConcurrentlyAsync(4, 25);
        await WaitUntilEqualAsync(projection, accounts);
        running.Cancel();
        await run;
    }

    [Fact]
    public async Task A_rebuild_during_writes_swaps_in_a_generation_equal_to_the_log()
    {
        var projection = new AccountTotals($"totals-{Guid.NewGuid():N}"[..20]);
        var manager = new ProjectionManager(store) { RebuildBatchSize = 30 };
        await manager.InitialiseAsync(projection);
        using var running = new CancellationTokenSource();
        var run = new ConsumerHost(store, [new ProjectionConsumer(projection)], fast).RunAsync(running.Token);
        var accounts = await DepositConcurrentlyAsync(3, 20);

        var writing = DepositConcurrentlyAsync(3, 20);
        var reports = new List<RebuildProgress>();
        await manager.RebuildAsync(projection, new SyncProgress(reports.Add));
        accounts.AddRange(await writing);

        await WaitUntilEqualAsync(projection, accounts);
        running.Cancel();
        await run;
        var status = Assert.Single(await manager.StatusAsync([projection]), s => s.Name == projection.Name);
        Assert.Equal(2, status.ActiveGeneration);
        Assert.Null(status.RebuildGeneration);
        Assert.False(await TableExistsAsync($"{projection.Tables[0]}_g1"));
        Assert.NotEmpty(reports);
        Assert.Equal(reports[^1].Total, reports[^1].Done);
    }

    [Fact]
    public async Task A_new_version_keeps_serving_the_old_tables_until_its_rebuild_swaps_in()
    {
        var name = $"totals-{Guid.NewGuid():N}"[..20];
        var v1 = new AccountTotals(name, 1);
        var manager = new ProjectionManager(store);
        await manager.InitialiseAsync(v1);
        var engine = new ConsumerEngine(store, new ProjectionConsumer(v1), fast);
        var accounts = await DepositConcurrentlyAsync(2, 5);
        // An empty batch can also mean another database's transaction holds the horizon back: wait for the effect.
        await using (var connection = await fixture.Database.DataSource.OpenConnectionAsync())
            await Eventually.WaitUntilAsync(async () =>
            {
                await engine.RunBatchAsync(connection, default);
                return await SumAsync($"select coalesce(sum(total), 0)::bigint from rm.{v1.Tables[0]} where account_id = any($1)", accounts) == accounts.Count * 15;
            });

        var v2 = new AccountTotals(name, 2);
        Assert.True(await manager.InitialiseAsync(v2));
        Assert.True(Assert.Single(await manager.StatusAsync([v2]), s => s.Name == name).NeedsRebuild);
        Assert.Equal(accounts.Count * 15, await SumAsync($"select coalesce(sum(total), 0)::bigint from rm.{v1.Tables[0]} where account_id = any($1)", accounts));

        await manager.RebuildAsync(v2);

        Assert.Equal(accounts.Count * 5, await SumAsync($"select coalesce(sum(deposits), 0)::bigint from rm.{v2.Tables[0]} where account_id = any($1)", accounts));
        Assert.False(Assert.Single(await manager.StatusAsync([v2]), s => s.Name == name).NeedsRebuild);
    }

    async Task<List<Guid>> DepositConcurrentlyAsync(int accounts, int depositsEach)
    {
        var ids = Enumerable.Range(0, accounts).Select(_ => Guid.NewGuid()).ToList();
        await Task.WhenAll(ids.Select(id => Task.Run(async () =>
        {
            for (var i = 1; i <= depositsEach; i++)
                await store.AppendAsync(id, "account", ExpectedVersion.Exactly(i - 1), Deposits(id, i % 5 + 1), Meta());
        })));
        return ids;
    }

    async Task WaitUntilEqualAsync(AccountTotals projection, List<Guid> accounts)
    {
        var expected = await SumAsync("select coalesce(sum((data->>'amount')::int), 0)::bigint from es.events where stream_id = any($1)", accounts);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long actual;
        while ((actual = await SumAsync($"select coalesce(sum(total), 0)::bigint from rm.{projection.Tables[0]} where account_id = any($1)", accounts)) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"view total {actual}, log total {expected}");
            await Task.Delay(25);
        }
        Assert.Equal(accounts.Count, await SumAsync($"select count(*) from rm.{projection.Tables[0]} where account_id = any($1)", accounts));
    }

    async Task<long> SumAsync(string sql, List<Guid> accounts)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(sql);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = accounts.ToArray() });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    async Task<bool> TableExistsAsync(string table)
    {
        await using var command = fixture.Database.DataSource.CreateCommand("select to_regclass('rm.' || $1) is not null");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = table });
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    sealed class SyncProgress(Action<RebuildProgress> report) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => report(value);
    }
}
