using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using static Ecosystem.EventStore.Tests.StoreFixture;

namespace Ecosystem.EventStore.Tests;

public sealed class MetricsTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task Appends_and_conflicts_are_counted_by_the_meter()
    {
        var seen = new ConcurrentDictionary<string, long>();
        var streamType = $"metered-{Guid.NewGuid():N}";
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == EventStoreMetrics.MeterName) l.EnableMeasurementEvents(instrument); },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "ecosystem.append.conflicts" || tags.ToArray().Any(t => Equals(t.Value, streamType)))
                seen.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
        });
        listener.Start();
        var id = Guid.NewGuid();
        var events = Deposits(id, 1, 2, 3);

        await fixture.Store.AppendAsync(id, streamType, ExpectedVersion.NoStream, events, Meta());
        await fixture.Store.AppendAsync(id, streamType, ExpectedVersion.NoStream, events, Meta());
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => fixture.Store.AppendAsync(id, streamType, ExpectedVersion.NoStream, Deposits(id, 4), Meta()));

        Assert.Equal(3, seen["ecosystem.events.appended"]);
        Assert.True(seen["ecosystem.append.conflicts"] >= 1);
    }
}
