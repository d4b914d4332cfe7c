using Npgsql;
using NpgsqlTypes;
using static Ecosystem.EventStore.Tests.StoreFixture;

namespace Ecosystem.EventStore.Tests;

public sealed class GlobalLogTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    readonly PostgresEventStore store = fixture.Store;

    [Fact]
    public async Task An_event_that_commits_after_a_later_one_is_delivered_once_and_none_is_skipped()
    {
        var reader = new LogReader(store);
        await reader.CatchUpAsync();
        var early = Guid.NewGuid();
        var late = Guid.NewGuid();

        await using var connectionA = await fixture.Database.DataSource.OpenConnectionAsync();
        await using var transactionA = await connectionA.BeginTransactionAsync();
        var positionA = await AppendRawAsync(connectionA, transactionA, early);

        var resultB = await store.AppendAsync(late, "account", ExpectedVersion.NoStream, Deposits(late, 2), Meta());
        Assert.True(resultB.Positions[0] > positionA, "B took its position after A");

        var whileAOpen = await reader.ReadOnceAsync();
        Assert.DoesNotContain(whileAOpen, e => e.StreamId == early || e.StreamId == late);

        await transactionA.CommitAsync();
        var afterCommit = await reader.ReadUntilAsync(seen => seen.Any(e => e.StreamId == early) && seen.Any(e => e.StreamId == late));

        Assert.Equal([early, late], afterCommit.Where(e => e.StreamId == early || e.StreamId == late).Select(e => e.StreamId));
        Assert.Equal(reader.Seen.Count, reader.Seen.Select(e => e.EventId).Distinct().Count());
    }

    [Fact]
    public async Task A_reader_polling_during_concurrent_writes_sees_every_event_exactly_once()
    {
        var reader = new LogReader(store);
        await reader.CatchUpAsync();
        var before = reader.Seen.Count;
        const int writers = 8, appendsEach = 40;
        using var stop = new CancellationTokenSource();

        var polling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested) await reader.ReadOnceAsync();
        });
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            var id = Guid.NewGuid();
            for (var i = 0; i < appendsEach; i++)
                await store.AppendAsync(id, "account", ExpectedVersion.Exactly(i), Deposits(id, i), Meta());
        })));
        stop.Cancel();
        await polling;
        await reader.ReadUntilAsync(_ => reader.Seen.Count - before >= writers * appendsEach);

        var ids = reader.Seen.Skip(before).Select(e => e.EventId).ToList();
        Assert.Equal(writers * appendsEach, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var stream in reader.Seen.Skip(before).GroupBy(e => e.StreamId))
            Assert.Equal(Enumerable.Range(1, appendsEach).Select(v => (long)v), stream.Select(e => e.StreamVersion));
    }

    static async Task<long> AppendRawAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid streamId)
    {
        await using var command = new NpgsqlCommand("select positions[1] from es.append($1, 'account', 0, $2, $3, $4, $5)", connection, transaction);
        command.Parameters.Add(new() { Value = streamId });
        command.Parameters.Add(new() { Value = new[] { Guid.NewGuid() } });
        command.Parameters.Add(new() { Value = new[] { "account.deposited" } });
        command.Parameters.Add(new() { Value = new[] { $$"""{"accountId":"{{streamId}}","amount":1}""" }, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = new[] { """{"actor":"raw","correlationId":"00000000-0000-0000-0000-000000000000"}""" }, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Reads the global log from a checkpoint, as a consumer does.</summary>
    sealed class LogReader(PostgresEventStore store)
    {
        LogPosition checkpoint = LogPosition.Start;
        public List<RecordedEvent> Seen { get; } = [];

        public async Task<IReadOnlyList<RecordedEvent>> ReadOnceAsync()
        {
            var read = new List<RecordedEvent>();
            while (true)
            {
                var batch = await store.ReadAllAsync(checkpoint, 50);
                if (batch.Count == 0) break;
                Assert.All(batch, e => Assert.True(e.Position > checkpoint));
                checkpoint = batch[^1].Position;
                read.AddRange(batch);
            }
            Seen.AddRange(read);
            return read;
        }

        public Task CatchUpAsync() => ReadOnceAsync();

        // Transactions in other databases of the same server can hold the horizon back briefly: wait, bounded.
        public async Task<IReadOnlyList<RecordedEvent>> ReadUntilAsync(Func<IReadOnlyList<RecordedEvent>, bool> done)
        {
            var read = new List<RecordedEvent>();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!done(read) && DateTime.UtcNow < deadline)
            {
                read.AddRange(await ReadOnceAsync());
                if (!done(read)) await Task.Delay(20);
            }
            Assert.True(done(read), "the reader did not catch up within 30 s");
            return read;
        }
    }
}
