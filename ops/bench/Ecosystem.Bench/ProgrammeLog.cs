using System.Text.Json;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain;
using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using Ecosystem.EventStore;
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
    /// Writes <paramref name="count"/> generated events into es.events (binary COPY, one transaction per
    /// <paramref name="perTransaction"/> events, as many commits as a log written in batches of that size) and their
    /// streams into es.streams, then VACUUM ANALYZE, so that every variant reads a settled table (hint bits set,
    /// statistics current). Returns the number of streams.
    /// </summary>
    public static async Task<int> WriteAsync(NpgsqlDataSource dataSource, EventTypeRegistry registry, int count, int perTransaction = 10_000)
    {
        var metadata = JsonSerializer.Serialize(new EventMetadata("admin (configured)", Guid.CreateVersion7(), null,
            new Dictionary<string, string> { ["request"] = "POST /api/programmes" }), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var streams = new Dictionary<Guid, (string Type, long Version)>();
        using var events = Events(count).GetEnumerator();
        var more = events.MoveNext();
        while (more)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var import = await connection.BeginBinaryImportAsync(
                "copy es.events (event_id, stream_id, stream_type, stream_version, event_type, data, metadata) from stdin (format binary)");
            for (var i = 0; i < perTransaction && more; i++, more = events.MoveNext())
            {
                var e = events.Current;
                await import.StartRowAsync();
                await import.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await import.WriteAsync(e.StreamId, NpgsqlDbType.Uuid);
                await import.WriteAsync(e.StreamType, NpgsqlDbType.Text);
                await import.WriteAsync(e.Version, NpgsqlDbType.Bigint);
                await import.WriteAsync(registry.NameOf(e.Data.GetType()), NpgsqlDbType.Text);
                await import.WriteAsync(registry.Serialize(e.Data), NpgsqlDbType.Jsonb);
                await import.WriteAsync(metadata, NpgsqlDbType.Jsonb);
                streams[e.StreamId] = (e.StreamType, e.Version);
            }
            await import.CompleteAsync();
        }

        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await using (var import = await connection.BeginBinaryImportAsync("copy es.streams (stream_id, stream_type, version) from stdin (format binary)"))
            {
                foreach (var (id, (type, version)) in streams)
                {
                    await import.StartRowAsync();
                    await import.WriteAsync(id, NpgsqlDbType.Uuid);
                    await import.WriteAsync(type, NpgsqlDbType.Text);
                    await import.WriteAsync(version, NpgsqlDbType.Bigint);
                }
                await import.CompleteAsync();
            }
            foreach (var sql in new[] { "vacuum (analyze) es.events", "vacuum (analyze) es.streams" })
            {
                await using var vacuum = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
                await vacuum.ExecuteNonQueryAsync();
            }
        }
        return streams.Count;
    }
}
