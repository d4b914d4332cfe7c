using Ecosystem.EventStore.Schema;
using static Ecosystem.EventStore.Tests.StoreFixture;

namespace Ecosystem.EventStore.Tests;

public sealed class CommandAndSnapshotTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    readonly AggregateStore aggregates = new(fixture.Store);
    readonly AggregateStore snapshotting = new(fixture.Store, new Dictionary<string, SnapshotPolicy> { ["account"] = new(Every: 5) });

    [Fact]
    public async Task A_command_folds_the_stream_decides_and_appends()
    {
        var id = Guid.NewGuid();
        await aggregates.HandleAsync(Accounts.Decider, id, new AccountCommand.Open(id, "ada"), Meta());
        var result = await aggregates.HandleAsync(Accounts.Decider, id, new AccountCommand.Deposit(id, 7), Meta());

        Assert.Equal(2, result.Aggregate.Version);
        Assert.Equal(7, result.Aggregate.State.Balance);
        Assert.Equal(2, result.Append!.StreamVersion);
        Assert.Equal(2, (await fixture.Store.ReadStreamAsync(id)).Count);
    }

    [Fact]
    public async Task An_idempotent_repeat_appends_nothing()
    {
        var id = Guid.NewGuid();
        await aggregates.HandleAsync(Accounts.Decider, id, new AccountCommand.Open(id, "ada"), Meta());
        var repeat = await aggregates.HandleAsync(Accounts.Decider, id, new AccountCommand.Open(id, "ada"), Meta());

        Assert.Empty(repeat.Events);
        Assert.Null(repeat.Append);
        Assert.Single(await fixture.Store.ReadStreamAsync(id));
    }

    [Fact]
    public async Task Concurrent_commands_without_a_pinned_version_all_land_by_retrying()
    {
        var id = Guid.NewGuid();
        await aggregates.HandleAsync(Accounts.Decider, id, new AccountCommand.Open(id, "ada"), Meta());

        await Task.WhenAll(Enumerable.Range(1, 12).Select(i => Task.Run(() =>
            aggregates.HandleAsync(Accounts.Decider, id, new AccountCommand.Deposit(id, i), Meta()))));

        var account = await aggregates.LoadAsync(Accounts.Decider, id);
        Assert.Equal(13, account.Version);
        Assert.Equal(Enumerable.Range(1, 12).Sum(), account.State.Balance);
    }

    [Fact]
    public async Task A_command_pinned_to_a_stale_version_is_refused_without_retry()
    {
        var id = Guid.NewGuid();
        await aggregates.HandleAsync(Accounts.Decider, id, new AccountCommand.Open(id, "ada"), Meta());
        await aggregates.HandleAsync(Accounts.Decider, id, new AccountCommand.Deposit(id, 1), Meta());

        var refused = await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            aggregates.HandleAsync(Accounts.Decider, id, new AccountCommand.Deposit(id, 2), Meta(), pinnedVersion: 1));
        Assert.Equal(2, refused.Actual);
        Assert.Equal(2, (await fixture.Store.ReadStreamAsync(id)).Count);
    }

    [Fact]
    public async Task A_refused_command_records_nothing()
    {
        var id = Guid.NewGuid();
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            aggregates.HandleAsync(Accounts.Decider, id, new AccountCommand.Deposit(id, 2), Meta()));
        Assert.Null(await fixture.Store.GetStreamAsync(id));
    }

    [Fact]
    public async Task Loading_from_a_snapshot_plus_the_tail_equals_folding_the_whole_stream()
    {
        var id = Guid.NewGuid();
        await snapshotting.HandleAsync(Accounts.Decider, id, new AccountCommand.Open(id, "ada"), Meta());
        for (var i = 1; i <= 22; i++)
            await snapshotting.HandleAsync(Accounts.Decider, id, new AccountCommand.Deposit(id, i), Meta());

        Assert.Equal(20, await SnapshotVersionAsync(id));
        var fromSnapshot = await snapshotting.LoadAsync(Accounts.Decider, id);
        var fullFold = await aggregates.LoadAsync(Accounts.Decider, id);

        Assert.Equal(23, fromSnapshot.Version);
        Assert.Equal(fullFold.Version, fromSnapshot.Version);
        Assert.Equal(fullFold.State.Owner, fromSnapshot.State.Owner);
        Assert.Equal(fullFold.State.Balance, fromSnapshot.State.Balance);
        Assert.Equal(fullFold.State.Deposits, fromSnapshot.State.Deposits);
    }

    [Fact]
    public async Task Loading_as_of_a_version_older_than_the_snapshot_folds_from_the_start()
    {
        var id = Guid.NewGuid();
        await snapshotting.HandleAsync(Accounts.Decider, id, new AccountCommand.Open(id, "ada"), Meta());
        for (var i = 1; i <= 11; i++)
            await snapshotting.HandleAsync(Accounts.Decider, id, new AccountCommand.Deposit(id, i), Meta());

        var asOfFour = await snapshotting.LoadAsync(Accounts.Decider, id, upToVersion: 4);

        Assert.Equal(4, asOfFour.Version);
        Assert.Equal([1, 2, 3], asOfFour.State.Deposits);
    }

    [Fact]
    public async Task Running_the_migrations_again_changes_nothing()
    {
        var again = await Migrator.ApplyAsync(fixture.Database.DataSource, EventStoreMigrations.Component, EventStoreMigrations.All);

        Assert.Equal(0, again);
        await using var command = fixture.Database.DataSource.CreateCommand(
            "select count(*) from es.schema_migrations where component = 'eventstore'");
        Assert.Equal((long)EventStoreMigrations.All.Count, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_later_migration_runs_once_on_top_of_the_applied_ones()
    {
        Migration[] extended = [.. EventStoreMigrations.All, new(99, "test step", "create table es.test_step (id int)")];
        Assert.Equal(1, await Migrator.ApplyAsync(fixture.Database.DataSource, EventStoreMigrations.Component, extended));
        Assert.Equal(0, await Migrator.ApplyAsync(fixture.Database.DataSource, EventStoreMigrations.Component, extended));
        await using var drop = fixture.Database.DataSource.CreateCommand(
            "drop table es.test_step; delete from es.schema_migrations where component = 'eventstore' and version = 99");
        await drop.ExecuteNonQueryAsync();
    }

    async Task<long?> SnapshotVersionAsync(Guid id)
    {
        await using var command = fixture.Database.DataSource.CreateCommand("select version from es.snapshots where stream_id = $1");
        command.Parameters.Add(new() { Value = id });
        return (long?)await command.ExecuteScalarAsync();
    }
}
