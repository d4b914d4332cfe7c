using Ecosystem.EventStore.Projections;
using static Ecosystem.EventStore.Tests.StoreFixture;

namespace Ecosystem.EventStore.Tests;

/// <summary>Fails on deposits of 13, to show an inline projection is part of the append's transaction.</summary>
sealed class Superstitious(AccountTotals inner) : IProjection
{
    public string Name => inner.Name;
    public int Version => inner.Version;
    public IReadOnlyList<string> Tables => inner.Tables;
    public string CreateTables(ProjectionTables tables) => inner.CreateTables(tables);

    public Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct) =>
        events.Any(e => e.Data is Deposited { Amount: 13 }) ? throw new InvalidOperationException("13") : inner.ApplyAsync(context, events, ct);
}

public sealed class InlineProjectionTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task An_inline_projection_shows_an_append_as_soon_as_it_returns()
    {
        var projection = new AccountTotals($"inline-{Guid.NewGuid():N}"[..20]);
        await new ProjectionManager(fixture.Store).InitialiseAsync(projection);
        var store = new PostgresEventStore(fixture.Database.DataSource, NewRegistry()) { InlineProjections = [projection] };
        var id = Guid.NewGuid();

        await store.AppendAsync(id, "account", ExpectedVersion.NoStream, Deposits(id, 5, 7), Meta());

        Assert.Equal(12, await TotalAsync(projection, id));
    }

    [Fact]
    public async Task A_failing_inline_projection_fails_the_append_and_stores_nothing()
    {
        var projection = new Superstitious(new AccountTotals($"inline-{Guid.NewGuid():N}"[..20]));
        await new ProjectionManager(fixture.Store).InitialiseAsync(projection);
        var store = new PostgresEventStore(fixture.Database.DataSource, NewRegistry()) { InlineProjections = [projection] };
        var id = Guid.NewGuid();
        await store.AppendAsync(id, "account", ExpectedVersion.NoStream, Deposits(id, 1), Meta());

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync(id, "account", ExpectedVersion.Exactly(1), Deposits(id, 13), Meta()));

        Assert.Single(await store.ReadStreamAsync(id));
        Assert.Equal(1, await TotalAsync(projection, id));
    }

    [Fact]
    public async Task Rebuilding_an_inline_projection_during_appends_loses_none_of_them()
    {
        var projection = new AccountTotals($"inline-{Guid.NewGuid():N}"[..20]);
        var store = new PostgresEventStore(fixture.Database.DataSource, NewRegistry()) { InlineProjections = [projection] };
        var manager = new ProjectionManager(store) { RebuildBatchSize = 25 };
        await manager.InitialiseAsync(projection);
        var accounts = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in accounts) await store.AppendAsync(id, "account", ExpectedVersion.NoStream, Deposits(id, 1, 2, 3), Meta());

        var writing = Task.WhenAll(accounts.Select(id => Task.Run(async () =>
        {
            for (var v = 3; v < 40; v++) await store.AppendAsync(id, "account", ExpectedVersion.Exactly(v), Deposits(id, 1), Meta());
        })));
        await manager.RebuildAsync(projection);
        await writing;

        foreach (var id in accounts) Assert.Equal(6 + 37, await TotalAsync(projection, id));
        Assert.Equal(2, Assert.Single(await manager.StatusAsync([projection]), s => s.Name == projection.Name).ActiveGeneration);
    }

    async Task<long> TotalAsync(IProjection projection, Guid account)
    {
        await using var command = fixture.Database.DataSource.CreateCommand($"select coalesce(sum(total), 0)::bigint from rm.{projection.Tables[0]} where account_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = account });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
