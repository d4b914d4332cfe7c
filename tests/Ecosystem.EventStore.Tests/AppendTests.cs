using Npgsql;
using static Ecosystem.EventStore.Tests.StoreFixture;

namespace Ecosystem.EventStore.Tests;

public sealed class AppendTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    readonly PostgresEventStore store = fixture.Store;

    [Fact]
    public async Task Appending_a_batch_numbers_the_stream_from_one_and_reads_back_in_order()
    {
        var id = Guid.NewGuid();
        var result = await store.AppendAsync(id, "account", ExpectedVersion.NoStream, Deposits(id, 10, 20, 30), Meta("alice"));

        Assert.Equal(3, result.StreamVersion);
        Assert.False(result.Duplicate);
        var events = await store.ReadStreamAsync(id);
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.StreamVersion));
        Assert.Equal([10, 20, 30], events.Select(e => ((Deposited)e.Data).Amount));
        Assert.Equal(result.Positions, events.Select(e => e.GlobalPosition));
        Assert.All(events, e => Assert.Equal("account.deposited", e.EventType));
        Assert.All(events, e => Assert.Equal("alice", e.Metadata.Actor));
        Assert.All(events, e => Assert.Equal("account", e.StreamType));
    }

    [Fact]
    public async Task Metadata_keeps_actor_correlation_causation_and_headers()
    {
        var id = Guid.NewGuid();
        var metadata = new EventMetadata("bob", Guid.NewGuid(), Guid.NewGuid(), new Dictionary<string, string> { ["route"] = "POST /x" });
        await store.AppendAsync(id, "account", ExpectedVersion.Any, Deposits(id, 1), metadata);

        var stored = (await store.ReadStreamAsync(id)).Single().Metadata;
        Assert.Equal(metadata.Actor, stored.Actor);
        Assert.Equal(metadata.CorrelationId, stored.CorrelationId);
        Assert.Equal(metadata.CausationId, stored.CausationId);
        Assert.Equal("POST /x", stored.Headers!["route"]);
    }

    [Fact]
    public async Task Appending_with_a_stale_expected_version_is_refused_with_both_versions()
    {
        var id = Guid.NewGuid();
        await store.AppendAsync(id, "account", ExpectedVersion.NoStream, Deposits(id, 1, 2), Meta());

        var refused = await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            store.AppendAsync(id, "account", ExpectedVersion.Exactly(1), Deposits(id, 3), Meta()));

        Assert.Equal(id, refused.StreamId);
        Assert.Equal(1, refused.Expected.Value);
        Assert.Equal(2, refused.Actual);
        Assert.Equal(2, (await store.ReadStreamAsync(id)).Count);
    }

    [Fact]
    public async Task Expecting_no_stream_on_an_existing_stream_is_refused()
    {
        var id = Guid.NewGuid();
        await store.AppendAsync(id, "account", ExpectedVersion.NoStream, Deposits(id, 1), Meta());

        var refused = await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            store.AppendAsync(id, "account", ExpectedVersion.NoStream, Deposits(id, 2), Meta()));
        Assert.Equal(1, refused.Actual);
    }

    [Fact]
    public async Task Expecting_a_version_of_a_missing_stream_is_refused_and_creates_nothing()
    {
        var id = Guid.NewGuid();
        var refused = await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            store.AppendAsync(id, "account", ExpectedVersion.Exactly(3), Deposits(id, 1), Meta()));

        Assert.Equal(0, refused.Actual);
        Assert.Null(await store.GetStreamAsync(id));
    }

    [Fact]
    public async Task Appending_to_a_stream_of_another_type_is_refused()
    {
        var id = Guid.NewGuid();
        await store.AppendAsync(id, "account", ExpectedVersion.Any, Deposits(id, 1), Meta());

        var refused = await Assert.ThrowsAsync<StreamTypeMismatchException>(() =>
            store.AppendAsync(id, "ledger", ExpectedVersion.Any, Deposits(id, 2), Meta()));
        Assert.Equal("account", refused.ActualType);
    }

    [Fact]
    public async Task Re_sending_an_append_returns_the_original_result_and_stores_nothing_new()
    {
        var id = Guid.NewGuid();
        var events = Deposits(id, 5, 6);
        var first = await store.AppendAsync(id, "account", ExpectedVersion.NoStream, events, Meta());

        var again = await store.AppendAsync(id, "account", ExpectedVersion.NoStream, events, Meta());

        Assert.True(again.Duplicate);
        Assert.Equal(first.StreamVersion, again.StreamVersion);
        Assert.Equal(first.Positions, again.Positions);
        Assert.Equal(first.TransactionId, again.TransactionId);
        Assert.Equal(2, (await store.ReadStreamAsync(id)).Count);
    }

    [Fact]
    public async Task Re_sending_only_part_of_an_earlier_append_is_a_conflict()
    {
        var id = Guid.NewGuid();
        var events = Deposits(id, 5, 6);
        await store.AppendAsync(id, "account", ExpectedVersion.NoStream, events, Meta());

        await Assert.ThrowsAsync<EventIdConflictException>(() =>
            store.AppendAsync(id, "account", ExpectedVersion.Any, [events[0], .. Deposits(id, 7)], Meta()));
        Assert.Equal(2, (await store.ReadStreamAsync(id)).Count);
    }

    [Fact]
    public async Task A_multi_stream_append_stores_all_streams_or_none()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        await store.AppendAsync(b, "account", ExpectedVersion.NoStream, Deposits(b, 1), Meta());

        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => store.AppendAsync(
        [
            new StreamAppend(a, "account", ExpectedVersion.NoStream, Deposits(a, 10), Meta()),
            new StreamAppend(b, "account", ExpectedVersion.NoStream, Deposits(b, 20), Meta()),
        ]));
        Assert.Null(await store.GetStreamAsync(a));
        Assert.Single(await store.ReadStreamAsync(b));

        var results = await store.AppendAsync(
        [
            new StreamAppend(a, "account", ExpectedVersion.NoStream, Deposits(a, 10), Meta()),
            new StreamAppend(b, "account", ExpectedVersion.Exactly(1), Deposits(b, 20), Meta()),
        ]);
        Assert.Equal([1L, 2L], results.Select(r => r.StreamVersion));
        Assert.Equal(results[0].TransactionId, results[1].TransactionId);
    }

    [Fact]
    public async Task Sixteen_concurrent_appenders_leave_versions_one_to_n_and_every_loser_is_told()
    {
        var id = Guid.NewGuid();
        const int writers = 16, eachAppends = 5;
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var done = 0; done < eachAppends;)
            {
                var version = (await store.GetStreamAsync(id))?.Version ?? 0;
                try
                {
                    await store.AppendAsync(id, "account", ExpectedVersion.Exactly(version), Deposits(id, w), Meta());
                    done++;
                }
                catch (WrongExpectedVersionException e)
                {
                    Assert.True(e.Actual > version, $"the winner moved the stream past {version}");
                    Interlocked.Increment(ref conflicts);
                }
            }
        })));

        var versions = (await store.ReadStreamAsync(id)).Select(e => e.StreamVersion).ToList();
        Assert.Equal(Enumerable.Range(1, writers * eachAppends).Select(v => (long)v), versions);
        Assert.True(conflicts > 0, "16 writers racing on one stream must produce conflicts");
        Assert.Equal(writers * eachAppends, (await store.GetStreamAsync(id))!.Version);
    }

    [Fact]
    public async Task Sixteen_writers_creating_the_same_stream_leave_one_winner()
    {
        var id = Guid.NewGuid();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            try
            {
                await store.AppendAsync(id, "account", ExpectedVersion.NoStream, Deposits(id, w), Meta());
                return true;
            }
            catch (WrongExpectedVersionException e)
            {
                Assert.Equal(1, e.Actual);
                return false;
            }
        })));

        Assert.Single(outcomes, won => won);
        Assert.Single(await store.ReadStreamAsync(id));
    }

    [Fact]
    public async Task An_event_of_an_unregistered_type_is_reported_by_name_when_read()
    {
        var id = Guid.NewGuid();
        await store.AppendAsync(id, "account", ExpectedVersion.NoStream, Deposits(id, 1), Meta());
        await using (var command = fixture.Database.DataSource.CreateCommand("update es.events set event_type = 'account.mystery' where stream_id = $1"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await command.ExecuteNonQueryAsync();
        }

        var unknown = await Assert.ThrowsAsync<UnknownEventTypeException>(() => store.ReadStreamAsync(id));
        Assert.Equal("account.mystery", unknown.Name);
    }

    [Fact]
    public async Task Appending_an_unregistered_clr_type_is_refused_before_anything_is_stored()
    {
        var id = Guid.NewGuid();
        await Assert.ThrowsAsync<UnknownEventTypeException>(() =>
            store.AppendAsync(id, "account", ExpectedVersion.Any, [new EventToAppend(Guid.NewGuid(), new { Surprise = true })], Meta()));
        Assert.Null(await store.GetStreamAsync(id));
    }
}
