using System.Collections.Immutable;
using System.Text.Json;
using Ecosystem.EventStore.Schema;
using Ecosystem.Tests.Shared;

namespace Ecosystem.EventStore.Tests;

public sealed record Opened(Guid AccountId, string Owner);
public sealed record Deposited(Guid AccountId, int Amount);

public sealed record Account(string? Owner, int Balance, ImmutableList<int> Deposits)
{
    public static readonly Account Initial = new(null, 0, []);
}

public abstract record AccountCommand
{
    public sealed record Open(Guid AccountId, string Owner) : AccountCommand;
    public sealed record Deposit(Guid AccountId, int Amount) : AccountCommand;
}

public static class Accounts
{
    public static readonly Decider<AccountCommand, object, Account> Decider = new(
        "account",
        Account.Initial,
        (state, e) => e switch
        {
            Opened o => state with { Owner = o.Owner },
            Deposited d => state with { Balance = state.Balance + d.Amount, Deposits = state.Deposits.Add(d.Amount) },
            _ => state,
        },
        (command, state) => command switch
        {
            AccountCommand.Open o when state.Owner is null => [new Opened(o.AccountId, o.Owner)],
            AccountCommand.Open => [],
            AccountCommand.Deposit d when state.Owner is null => throw new InvalidOperationException("account not open"),
            AccountCommand.Deposit d => [new Deposited(d.AccountId, d.Amount)],
            _ => throw new InvalidOperationException(),
        });
}

/// <summary>A migrated, empty event store in a database of its own, one per test class.</summary>
public sealed class StoreFixture : IAsyncLifetime
{
    readonly TestDatabase database = new();

    public PostgresEventStore Store { get; private set; } = null!;
    public TestDatabase Database => database;

    public static EventTypeRegistry NewRegistry() => new EventTypeRegistry(new JsonSerializerOptions(JsonSerializerDefaults.Web))
        .Register("account.opened", typeof(Opened))
        .Register("account.deposited", typeof(Deposited));

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        await Migrator.ApplyAsync(database.DataSource, EventStoreMigrations.Component, EventStoreMigrations.All);
        Store = new PostgresEventStore(database.DataSource, NewRegistry());
    }

    public Task DisposeAsync() => database.DisposeAsync();

    public static EventMetadata Meta(string actor = "test") => new(actor, Guid.NewGuid());

    public static IReadOnlyList<EventToAppend> Deposits(Guid account, params int[] amounts) =>
        EventToAppend.WithNewIds(amounts.Select(a => (object)new Deposited(account, a)));
}
