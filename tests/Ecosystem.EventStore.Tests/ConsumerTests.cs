using Ecosystem.Tests.Shared;
using Ecosystem.EventStore.Consumers;
using Npgsql;
using static Ecosystem.EventStore.Tests.StoreFixture;

namespace Ecosystem.EventStore.Tests;

/// <summary>Records every event it handles in a table, in its transaction; fails on demand.</summary>
sealed class RecordingConsumer(string name) : IEventConsumer
{
    public string Name { get; } = name;
    public volatile int PoisonAmount = int.MinValue;

    public async Task HandleAsync(ConsumerContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            if (e.Data is Deposited d && d.Amount == PoisonAmount) throw new InvalidOperationException($"cannot handle amount {d.Amount}");
            await using var command = context.Command("insert into consumed (consumer, event_id, stream_id, version, position) values ($1, $2, $3, $4, $5)");
            command.Parameters.Add(new() { Value = Name });
            command.Parameters.Add(new() { Value = e.EventId });
            command.Parameters.Add(new() { Value = e.StreamId });
            command.Parameters.Add(new() { Value = e.StreamVersion });
            command.Parameters.Add(new() { Value = e.GlobalPosition });
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}

public sealed class ConsumerTests(StoreFixture fixture) : IClassFixture<StoreFixture>, IAsyncLifetime
{
    readonly PostgresEventStore store = fixture.Store;
    readonly ConsumerOptions fast = new() { IdlePoll = TimeSpan.FromMilliseconds(200), LeadershipRetry = TimeSpan.FromMilliseconds(200), BatchSize = 50 };

    public async Task InitializeAsync()
    {
        await using var command = fixture.Database.DataSource.CreateCommand(
            "create table if not exists consumed (consumer text, event_id uuid, stream_id uuid, version bigint, position bigint)");
        await command.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_consumer_applies_every_event_exactly_once_under_concurrent_writers()
    {
        var consumer = new RecordingConsumer($"c-{Guid.NewGuid():N}");
        using var running = new CancellationTokenSource();
        var host = new ConsumerHost(store, [consumer], fast);
        var run = host.RunAsync(running.Token);

        var streams = await WriteConcurrentlyAsync(writers: 8, appendsEach: 30);
        await Eventually.WaitUntilAsync(async () => await CountAsync(consumer.Name, streams) == 8 * 30);
        await Task.Delay(300);
        running.Cancel();
        await run;

        Assert.Equal(8 * 30, await CountAsync(consumer.Name, streams));
        Assert.Equal(8 * 30, await DistinctCountAsync(consumer.Name, streams));
        var status = await new ConsumerAdmin(fixture.Database.DataSource).StatusAsync(consumer.Name);
        Assert.Equal(0, status.LagEvents);
        Assert.Empty(status.Parked);
    }

    [Fact]
    public async Task A_consumer_does_not_skip_an_event_that_commits_after_a_later_one()
    {
        var consumer = new RecordingConsumer($"c-{Guid.NewGuid():N}");
        var engine = new ConsumerEngine(store, consumer, fast);
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        while (await engine.RunBatchAsync(connection, default) > 0) { }
        var early = Guid.NewGuid();
        var late = Guid.NewGuid();

        await using var connectionA = await fixture.Database.DataSource.OpenConnectionAsync();
        await using var transactionA = await connectionA.BeginTransactionAsync();
        await using (var append = new NpgsqlCommand("select es.append($1, 'account', 0, array[$2], array['account.deposited'], array[$3::jsonb], array['{\"actor\":\"a\",\"correlationId\":\"00000000-0000-0000-0000-000000000000\"}'::jsonb])", connectionA, transactionA))
        {
            append.Parameters.Add(new() { Value = early });
            append.Parameters.Add(new() { Value = Guid.NewGuid() });
            append.Parameters.Add(new() { Value = $$"""{"accountId":"{{early}}","amount":1}""" });
            await append.ExecuteNonQueryAsync();
        }
        await store.AppendAsync(late, "account", ExpectedVersion.NoStream, Deposits(late, 2), Meta());
        await engine.RunBatchAsync(connection, default);
        Assert.Equal(0, await CountAsync(consumer.Name, [early, late]));

        await transactionA.CommitAsync();
        await Eventually.WaitUntilAsync(async () =>
        {
            await engine.RunBatchAsync(connection, default);
            return await CountAsync(consumer.Name, [early, late]) == 2;
        });

        Assert.Equal(2, await DistinctCountAsync(consumer.Name, [early, late]));
        Assert.Equal([early, late], await OrderAsync(consumer.Name, [early, late]));
    }

    [Fact]
    public async Task A_poisoned_event_parks_only_its_stream_and_replays_in_order_once_fixed()
    {
        var consumer = new RecordingConsumer($"c-{Guid.NewGuid():N}") { PoisonAmount = 666 };
        var admin = new ConsumerAdmin(fixture.Database.DataSource);
        using var running = new CancellationTokenSource();
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var run = new ConsumerHost(store, [consumer], fast, (_, e) => errors.Enqueue(e.ToString())).RunAsync(running.Token);
        var poisoned = Guid.NewGuid();
        var healthy = Guid.NewGuid();

        await store.AppendAsync(poisoned, "account", ExpectedVersion.NoStream, Deposits(poisoned, 1, 666, 3), Meta());
        await store.AppendAsync(healthy, "account", ExpectedVersion.NoStream, Deposits(healthy, 1, 2), Meta());
        await store.AppendAsync(poisoned, "account", ExpectedVersion.Exactly(3), Deposits(poisoned, 4), Meta());
        await Eventually.WaitUntilAsync(async () => (await admin.StatusAsync(consumer.Name)).LagEvents == 0 && await CountAsync(consumer.Name, [healthy]) == 2,
            because: () => string.Join("\n", errors.Take(3)));

        Assert.Equal(1, await CountAsync(consumer.Name, [poisoned]));
        var parked = Assert.Single((await admin.StatusAsync(consumer.Name)).Parked);
        Assert.Equal(poisoned, parked.StreamId);
        Assert.Equal("account.deposited", parked.EventType);
        Assert.Contains("cannot handle amount 666", parked.Error);
        Assert.Equal(3, parked.QueuedEvents);

        consumer.PoisonAmount = int.MinValue;
        Assert.True(await admin.RequestReplayAsync(consumer.Name, poisoned));
        await Eventually.WaitUntilAsync(async () => (await admin.StatusAsync(consumer.Name)).Parked.Count == 0);
        running.Cancel();
        await run;

        Assert.Equal([1L, 2L, 3L, 4L], await VersionsAsync(consumer.Name, poisoned));
    }

    [Fact]
    public async Task One_node_leads_a_consumer_and_another_takes_over_when_it_dies()
    {
        var name = $"c-{Guid.NewGuid():N}";
        var nodeA = new ConsumerEngine(store, new RecordingConsumer(name), fast);
        var nodeB = new ConsumerEngine(store, new RecordingConsumer(name), fast);
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var runA = nodeA.RunAsync(stopA.Token);
        await Eventually.WaitUntilAsync(() => Task.FromResult(nodeA.IsLeader));
        var runB = nodeB.RunAsync(stopB.Token);

        var first = Guid.NewGuid();
        await store.AppendAsync(first, "account", ExpectedVersion.NoStream, Deposits(first, 1, 2, 3), Meta());
        await Eventually.WaitUntilAsync(async () => await CountAsync(name, [first]) == 3);
        Assert.True(nodeA.IsLeader);
        Assert.False(nodeB.IsLeader);

        stopA.Cancel();
        await runA;
        var second = Guid.NewGuid();
        await store.AppendAsync(second, "account", ExpectedVersion.NoStream, Deposits(second, 4, 5), Meta());
        await Eventually.WaitUntilAsync(async () => nodeB.IsLeader && await CountAsync(name, [second]) == 2);
        stopB.Cancel();
        await runB;

        Assert.Equal(5, await DistinctCountAsync(name, [first, second]));
        Assert.Equal(5, await CountAsync(name, [first, second]));
    }

    [Fact]
    public async Task A_reader_can_tell_when_a_consumer_has_passed_a_position()
    {
        var consumer = new RecordingConsumer($"c-{Guid.NewGuid():N}");
        var engine = new ConsumerEngine(store, consumer, fast);
        var admin = new ConsumerAdmin(fixture.Database.DataSource);
        var id = Guid.NewGuid();
        var appended = await store.AppendAsync(id, "account", ExpectedVersion.NoStream, Deposits(id, 1), Meta());

        Assert.False(await admin.HasReachedAsync(consumer.Name, appended.Positions[0]));
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        await Eventually.WaitUntilAsync(async () =>
        {
            await engine.RunBatchAsync(connection, default);
            return await admin.HasReachedAsync(consumer.Name, appended.Positions[0]);
        });
    }

    async Task<List<Guid>> WriteConcurrentlyAsync(int writers, int appendsEach)
    {
        var streams = Enumerable.Range(0, writers).Select(_ => Guid.NewGuid()).ToList();
        await Task.WhenAll(streams.Select(id => Task.Run(async () =>
        {
            for (var i = 0; i < appendsEach; i++)
                await store.AppendAsync(id, "account", ExpectedVersion.Exactly(i), Deposits(id, i), Meta());
        })));
        return streams;
    }

    async Task<long> CountAsync(string consumer, IReadOnlyList<Guid> streams) =>
        await ScalarAsync("select count(*) from consumed where consumer = $1 and stream_id = any($2)", consumer, streams.ToArray());

    async Task<long> DistinctCountAsync(string consumer, IReadOnlyList<Guid> streams) =>
        await ScalarAsync("select count(distinct event_id) from consumed where consumer = $1 and stream_id = any($2)", consumer, streams.ToArray());

    async Task<long> ScalarAsync(string sql, params object[] values)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    async Task<List<Guid>> OrderAsync(string consumer, Guid[] streams)
    {
        await using var command = fixture.Database.DataSource.CreateCommand("select stream_id from consumed where consumer = $1 and stream_id = any($2) order by ctid");
        command.Parameters.Add(new NpgsqlParameter { Value = consumer });
        command.Parameters.Add(new NpgsqlParameter { Value = streams });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }

    async Task<List<long>> VersionsAsync(string consumer, Guid stream)
    {
        await using var command = fixture.Database.DataSource.CreateCommand("select version from consumed where consumer = $1 and stream_id = $2 order by ctid");
        command.Parameters.Add(new NpgsqlParameter { Value = consumer });
        command.Parameters.Add(new NpgsqlParameter { Value = stream });
        var versions = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) versions.Add(reader.GetInt64(0));
        return versions;
    }
}
