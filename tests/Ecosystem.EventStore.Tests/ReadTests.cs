using static Ecosystem.EventStore.Tests.StoreFixture;

namespace Ecosystem.EventStore.Tests;

public sealed class ReadTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    readonly PostgresEventStore store = fixture.Store;

    [Fact]
    public async Task A_stream_reads_from_a_version_up_to_a_version_or_both()
    {
        var id = Guid.NewGuid();
        await store.AppendAsync(id, "account", ExpectedVersion.NoStream, Deposits(id, 1, 2, 3, 4, 5), Meta());

        Assert.Equal([3L, 4L, 5L], (await store.ReadStreamAsync(id, new StreamRead(FromVersion: 3))).Select(e => e.StreamVersion));
        Assert.Equal([1L, 2L], (await store.ReadStreamAsync(id, new StreamRead(ToVersion: 2))).Select(e => e.StreamVersion));
        Assert.Equal([2L, 3L], (await store.ReadStreamAsync(id, new StreamRead(2, 3))).Select(e => e.StreamVersion));
        Assert.Empty(await store.ReadStreamAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task A_stream_reads_as_it_stood_at_a_past_moment()
    {
        var id = Guid.NewGuid();
        await store.AppendAsync(id, "account", ExpectedVersion.NoStream, Deposits(id, 1), Meta());
        await store.AppendAsync(id, "account", ExpectedVersion.Exactly(1), Deposits(id, 2), Meta());
        var secondRecordedAt = (await store.ReadStreamAsync(id))[1].RecordedAt;
        await Task.Delay(20);
        await store.AppendAsync(id, "account", ExpectedVersion.Exactly(2), Deposits(id, 3), Meta());

        var asOf = await store.ReadStreamAsync(id, new StreamRead(AsOf: secondRecordedAt));

        Assert.Equal([1, 2], asOf.Select(e => ((Deposited)e.Data).Amount));
        Assert.Empty(await store.ReadStreamAsync(id, new StreamRead(AsOf: secondRecordedAt.AddDays(-1))));
    }

    [Fact]
    public async Task The_global_log_reads_in_batches_from_a_checkpoint()
    {
        var id = Guid.NewGuid();
        await store.AppendAsync(id, "account", ExpectedVersion.NoStream, Deposits(id, 1, 2, 3, 4, 5, 6, 7), Meta());

        var seen = new List<int>();
        var checkpoint = LogPosition.Start;
        // Transactions of other test databases on the same server can hold the horizon back for a moment: poll, bounded.
        for (var deadline = DateTime.UtcNow.AddSeconds(30); seen.Count < 7 && DateTime.UtcNow < deadline;)
        {
            var batch = await store.ReadAllAsync(checkpoint, 3);
            if (batch.Count == 0)
            {
                await Task.Delay(20);
                continue;
            }
            Assert.True(batch.Count <= 3);
            seen.AddRange(batch.Where(e => e.StreamId == id).Select(e => ((Deposited)e.Data).Amount));
            checkpoint = batch[^1].Position;
        }
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], seen);
    }

    [Fact]
    public async Task Loading_an_aggregate_from_a_stream_of_another_type_finds_nothing()
    {
        var id = Guid.NewGuid();
        await store.AppendAsync(id, "ledger", ExpectedVersion.NoStream, Deposits(id, 1), Meta());

        var asAccount = await new AggregateStore(store).LoadAsync(Accounts.Decider, id);

        Assert.False(asAccount.Exists);
        Assert.Single(await store.ReadStreamAsync(id, new StreamRead(StreamType: "ledger")));
    }
}
