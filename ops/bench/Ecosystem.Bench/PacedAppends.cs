using Stopwatch = System.Diagnostics.Stopwatch;
using Ecosystem.Api.EventStore;
using Ecosystem.Domain.Programmes;

namespace Ecosystem.Bench;

/// <summary>A writer's own programmes of 40 events: it launches one, adds partners to it, then launches the next.</summary>
public sealed class ProgrammeWriter(string name)
{
    Guid programme;
    long version;

    /// <summary>Appends <paramref name="events"/> events (fewer when the programme is full) in one transaction; returns the last one's position.</summary>
    public async Task<long> AppendAsync(EventLog log, int events = 1)
    {
        var now = DateTimeOffset.UtcNow;
        var batch = new List<object>();
        if (version == 0 || version >= 40)
        {
            (programme, version) = (Guid.CreateVersion7(), 0);
            batch.Add(new ProgrammeEvent.ProgrammeLaunched(programme, name, ProgrammeKind.Accelerator, ["aerospace"], ["IT"], "OGR", "OGR Torino", null, now));
        }
        while (batch.Count < events && version + batch.Count < 40) batch.Add(new ProgrammeEvent.PartnerAdded(programme, $"X{version + batch.Count}", "Y", now));
        if (batch.Count == 0) batch.Add(new ProgrammeEvent.PartnerAdded(programme, $"X{version}", "Y", now));
        var metadata = new EventMetadata("admin (configured)", Guid.CreateVersion7(), null,
            new Dictionary<string, string> { ["request"] = $"POST /api/programmes/{programme}/partners" });
        var result = await log.AppendAsync([new StreamAppend(programme, BenchEvents.ProgrammeStream,
            version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version), batch)], metadata);
        version = result[0].StreamVersion;
        return result[0].LastPosition;
    }
}

public static class PacedAppends
{
    /// <summary>
    /// Each writer appends at <paramref name="perSecond"/> for <paramref name="window"/>, its slots staggered against the
    /// others'; <paramref name="appended"/> gets each append's position and the timestamps before and after it.
    /// </summary>
    public static async Task RunAsync(EventLog log, ProgrammeWriter[] writers, int perSecond, TimeSpan window, Action<long, long, long> appended)
    {
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(writers.Select((writer, w) => Task.Run(async () =>
        {
            for (var k = 0L; ; k++)
            {
                var due = interval * k + interval * w / writers.Length;
                if (due >= window) break;
                var wait = due - Stopwatch.GetElapsedTime(start);
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                var before = Stopwatch.GetTimestamp();
                var position = await writer.AppendAsync(log);
                appended(position, before, Stopwatch.GetTimestamp());
            }
        })));
    }
}
