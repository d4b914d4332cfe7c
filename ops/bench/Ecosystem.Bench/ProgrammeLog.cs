using System.Text.Json;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain;
using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using Ecosystem.Api.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace Ecosystem.Bench;

/// <summary>
/// A generated log of the API's own programme and startup events, shaped like the domain's life cycle: a programme is
/// launched, gets partners, plans two cohorts with milestones and opens their calls; startups register and apply;
/// some are shortlisted, admitted and given a seat, others waitlisted or rejected; the admitted ones onboard, reach or
/// miss milestones, graduate (one withdraws and gives its seat back) and record investments. One such programme with
/// its 40 applicants is 270 events; eight of them run interleaved, so the log mixes streams as a live one does.
/// Deterministic apart from the event ids.
/// </summary>
public static class ProgrammeLog
{
    public sealed record Generated(Guid StreamId, string StreamType, long Version, object Data);

    const int Interleaved = 8;
    const int CohortsPerProgramme = 2;
    const int ApplicantsPerCohort = 20;
    const int Seats = 10;
    static readonly DateTimeOffset Epoch = new(2025, 1, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Exactly <paramref name="count"/> events in log order (the last programmes are cut short).</summary>
    public static IEnumerable<Generated> Events(int count)
    {
        var units = new List<IEnumerator<Generated>>();
        var next = 0;
        var produced = 0;
        while (produced < count)
        {
            while (units.Count < Interleaved) units.Add(Programme(next++).GetEnumerator());
            for (var i = 0; i < units.Count && produced < count; i++)
            {
                if (!units[i].MoveNext())
                {
                    units[i].Dispose();
                    units[i] = Programme(next++).GetEnumerator();
                    units[i].MoveNext();
                }
                produced++;
                yield return units[i].Current;
            }
        }
        foreach (var unit in units) unit.Dispose();
    }

    /// <summary>One programme's life, with its applicants' streams.</summary>
    static IEnumerable<Generated> Programme(int n)
    {
        var programme = Guid.CreateVersion7();
        var versions = new Dictionary<Guid, long>();
        var clock = Epoch.AddHours(n);
        DateTimeOffset Now() => clock = clock.AddMinutes(7);
        Generated P(ProgrammeEvent e) => new(programme, DomainRegistration.Programmes.StreamType, versions[programme] = versions.GetValueOrDefault(programme) + 1, e);
        Generated S(Guid startup, StartupEvent e) => new(startup, DomainRegistration.Startups.StreamType, versions[startup] = versions.GetValueOrDefault(startup) + 1, e);

        yield return P(new ProgrammeEvent.ProgrammeLaunched(programme, $"Programme {n}", n % 3 == 0 ? ProgrammeKind.Internationalisation : ProgrammeKind.Accelerator,
            ["aerospace", "mobility"], ["IT", "FR"], "OGR Torino", $"Operator {n % 50}", n % 2 == 0 ? Eligibility.EuBusinessHub : null, Now()));
        foreach (var (organisation, role) in new[] { ("Politecnico di Torino", "academic"), ($"Bank {n % 7}", "sponsor"), ($"Fund {n % 11}", "investor") })
            yield return P(new ProgrammeEvent.PartnerAdded(programme, organisation, role, Now()));

        var start = DateOnly.FromDateTime(Epoch.UtcDateTime).AddDays(n % 300);
        for (var c = 0; c < CohortsPerProgramme; c++)
        {
            var cohort = Guid.CreateVersion7();
            var starts = start.AddMonths(6 * c + 2);
            yield return P(new ProgrammeEvent.CohortPlanned(programme, cohort, $"{starts.Year}-{c + 1}", Seats, starts, starts.AddMonths(4), Now()));
            var milestones = new[] { "Problem interviews", "Prototype", "First paying customer" }.Select((title, m) => (Id: Guid.CreateVersion7(), Title: title, Due: starts.AddMonths(m + 1))).ToArray();
            foreach (var (id, title, due) in milestones)
                yield return P(new ProgrammeEvent.MilestoneSet(programme, cohort, id, title, due, title != "Prototype", Now()));
            yield return P(new ProgrammeEvent.CallOpened(programme, cohort, starts.AddMonths(-2), starts.AddDays(-14), Now()));

            var startups = Enumerable.Range(0, ApplicantsPerCohort).Select(_ => Guid.CreateVersion7()).ToArray();
            for (var i = 0; i < startups.Length; i++)
            {
                var s = startups[i];
                yield return S(s, new StartupEvent.StartupRegistered(s, $"Startup {n}-{c}-{i}", i % 4 == 0 ? StartupKind.Sme : StartupKind.Startup,
                    starts.AddYears(-(i % 6) - 1), i % 5 == 0 ? "FR" : "IT", ["mobility"],
                    [new Founder(Guid.CreateVersion7(), $"Founder {n}-{c}-{i}", $"founder{n}.{c}.{i}@example.org", "ceo"),
                     new Founder(Guid.CreateVersion7(), $"Cofounder {n}-{c}-{i}", $"cofounder{n}.{c}.{i}@example.org", "cto")], Now()));
                yield return S(s, new StartupEvent.ApplicationSubmitted(s, programme, cohort, Now()));
            }
            for (var i = 0; i < startups.Length; i++)
            {
                var s = startups[i];
                if (i < Seats)
                {
                    yield return S(s, new StartupEvent.ApplicationShortlisted(s, programme, cohort, Now()));
                    yield return S(s, new StartupEvent.Admitted(s, programme, cohort, Now()));
                    yield return P(new ProgrammeEvent.SeatAllocated(programme, cohort, s, Now()));
                }
                else if (i < Seats + (ApplicantsPerCohort - Seats) / 2) yield return S(s, new StartupEvent.ApplicationWaitlisted(s, programme, cohort, Now()));
                else yield return S(s, new StartupEvent.ApplicationRejected(s, programme, cohort, "Outside the call's sectors", Now()));
            }
            yield return P(new ProgrammeEvent.CallClosed(programme, cohort, Now()));
            yield return P(new ProgrammeEvent.CohortStarted(programme, cohort, Now()));
            for (var i = 0; i < Seats; i++)
            {
                var s = startups[i];
                yield return S(s, new StartupEvent.Onboarded(s, programme, cohort, $"AGR-{n}-{c}-{i}", Now()));
                yield return S(s, new StartupEvent.MilestoneAchieved(s, programme, cohort, milestones[0].Id, Now()));
                yield return i % 3 == 0
                    ? S(s, new StartupEvent.MilestoneMissed(s, programme, cohort, milestones[1].Id, Now()))
                    : S(s, new StartupEvent.MilestoneAchieved(s, programme, cohort, milestones[1].Id, Now()));
            }
            var leaver = startups[Seats - 1];
            yield return S(leaver, new StartupEvent.Withdrew(leaver, programme, cohort, "Relocating", Now()));
            yield return P(new ProgrammeEvent.SeatReleased(programme, cohort, leaver, "Withdrew", Now()));
            yield return P(new ProgrammeEvent.DemoDayHeld(programme, cohort, starts.AddMonths(4).AddDays(-3), "OGR Torino", Now()));
            for (var i = 0; i < Seats - 1; i++)
            {
                var s = startups[i];
                yield return S(s, new StartupEvent.Graduated(s, programme, cohort, Now()));
                if (i < 3)
                    yield return S(s, new StartupEvent.InvestmentRecorded(s, Guid.CreateVersion7(), $"Fund {n % 11}", 250_000m + i * 50_000m, "EUR",
                        Instrument.Equity, 7.5m, Now()));
            }
            yield return P(new ProgrammeEvent.CohortCompleted(programme, cohort, Now()));
        }
    }

    /// <summary>
    /// Writes <paramref name="count"/> generated events into Marten's mt_events (binary COPY, one transaction per
    /// <paramref name="perTransaction"/> events, sequence numbers 1…count, the columns Marten writes with the API's metadata)
    /// and their streams into mt_streams, moves Marten's sequence and the daemon's high-water mark past them (every event
    /// has committed), then VACUUM ANALYZE, so that every variant reads a settled table. Returns the number of streams.
    /// </summary>
    public static async Task<int> WriteAsync(NpgsqlDataSource dataSource, int count, int perTransaction = 10_000)
    {
        var metadata = new EventMetadata("admin (configured)", Guid.CreateVersion7(), null,
            new Dictionary<string, string> { ["request"] = "POST /api/programmes" });
        var headers = BenchEvents.Headers(metadata);
        var streams = new HashSet<Guid>();
        using var events = Events(count).GetEnumerator();
        var more = events.MoveNext();
        long sequence = 0;
        while (more)
        {
            var chunk = new List<Generated>(perTransaction);
            for (; chunk.Count < perTransaction && more; more = events.MoveNext()) chunk.Add(events.Current);
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            // Streams first (mt_events references mt_streams); their versions are set once the whole log is written.
            await using (var import = await connection.BeginBinaryImportAsync("copy mt_streams (id, type, version) from stdin (format binary)"))
            {
                foreach (var e in chunk.Where(e => streams.Add(e.StreamId)))
                {
                    await import.StartRowAsync();
                    await import.WriteAsync(e.StreamId, NpgsqlDbType.Uuid);
                    await import.WriteAsync(MartenStreamType(e.StreamType), NpgsqlDbType.Varchar);
                    await import.WriteAsync(0L, NpgsqlDbType.Bigint);
                }
                await import.CompleteAsync();
            }
            await using (var import = await connection.BeginBinaryImportAsync(
                "copy mt_events (seq_id, id, stream_id, version, data, type, mt_dotnet_type, correlation_id, headers, user_name) from stdin (format binary)"))
            {
                foreach (var e in chunk)
                {
                    var type = e.Data.GetType();
                    await import.StartRowAsync();
                    await import.WriteAsync(++sequence, NpgsqlDbType.Bigint);
                    await import.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    await import.WriteAsync(e.StreamId, NpgsqlDbType.Uuid);
                    await import.WriteAsync(e.Version, NpgsqlDbType.Bigint);
                    await import.WriteAsync(BenchEvents.Serialize(e.Data), NpgsqlDbType.Jsonb);
                    await import.WriteAsync(BenchEvents.NameOf(type), NpgsqlDbType.Varchar);
                    await import.WriteAsync(BenchEvents.DotnetTypeOf(type), NpgsqlDbType.Varchar);
                    await import.WriteAsync(metadata.CorrelationId.ToString(), NpgsqlDbType.Varchar);
                    await import.WriteAsync(headers, NpgsqlDbType.Jsonb);
                    await import.WriteAsync(metadata.Actor, NpgsqlDbType.Varchar);
                }
                await import.CompleteAsync();
            }
            await transaction.CommitAsync();
        }

        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await using (var versions = new NpgsqlCommand("""
                update mt_streams s set version = e.version
                  from (select stream_id, max(version) as version from mt_events group by stream_id) e
                 where s.id = e.stream_id
                """, connection) { CommandTimeout = 600 })
                await versions.ExecuteNonQueryAsync();
            foreach (var sql in new[]
                     {
                         "select setval('mt_events_sequence', $1)",
                         "insert into mt_event_progression (name, last_seq_id) values ('HighWaterMark', $1) on conflict (name) do update set last_seq_id = excluded.last_seq_id",
                     })
            {
                await using var marks = new NpgsqlCommand(sql, connection);
                marks.Parameters.Add(new() { Value = sequence });
                await marks.ExecuteNonQueryAsync();
            }
            foreach (var sql in new[] { "vacuum (analyze) mt_events", "vacuum (analyze) mt_streams" })
            {
                await using var vacuum = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
                await vacuum.ExecuteNonQueryAsync();
            }
        }
        return streams.Count;
    }

    /// <summary>The aggregate type name Marten records on a stream it starts (as <c>EventLog</c> starts them).</summary>
    static string MartenStreamType(string streamType) => DomainRegistration.StreamTypes.MartenTypeOf(streamType).Name;
}
