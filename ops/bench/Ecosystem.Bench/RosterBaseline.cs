using System.Text.Json;
using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using Npgsql;

namespace Ecosystem.Bench;

/// <summary>
/// The baseline of the rebuild benchmark: the API's programme roster read model (ProgrammeRosterProjection) filled
/// without the event store — one plain <c>SELECT … FROM mt_events ORDER BY seq_id</c> of the log streamed on one
/// connection, each body deserialised with the API's JSON rules, and the projection's own statements (the same SQL text, the
/// same parameters, in the same order) sent on a second connection as one batch per <see cref="BatchSize"/> events,
/// each batch its own implicit transaction. What it leaves out: Marten's batched reads bounded by the high-water mark, the metadata and
/// <c>RecordedEvent</c> of every event, progress rows, the generation's swap.
/// The run checks that it produces exactly the projection's tables.
/// </summary>
public static class RosterBaseline
{
    /// <summary>Events per write batch: the rebuild's own batch size (ProjectionManager.RebuildBatchSize).</summary>
    public const int BatchSize = 2_000;

    /// <summary>
    /// Fills the tables named by <paramref name="table"/>; returns the statements sent. <paramref name="progress"/> hears the
    /// events applied after every committed batch.
    /// </summary>
    public static async Task<long> RunAsync(NpgsqlDataSource dataSource, Func<string, string> table, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        await using var source = await dataSource.OpenConnectionAsync(ct);
        await using var sink = await dataSource.OpenConnectionAsync(ct);
        await using var read = new NpgsqlCommand(
            "select version, type, data::text, timestamp from mt_events order by seq_id", source);
        await using var reader = await read.ExecuteReaderAsync(ct);

        var batch = new NpgsqlBatch(sink);
        long statements = 0;
        var events = 0;
        void Add(string sql, params object?[] values)
        {
            var command = new NpgsqlBatchCommand(Resolve(sql, table));
            foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            batch.BatchCommands.Add(command);
        }
        async Task FlushAsync()
        {
            if (batch.BatchCommands.Count > 0)
            {
                statements += batch.BatchCommands.Count;
                await batch.ExecuteNonQueryAsync(ct);
            }
            await batch.DisposeAsync();
            batch = new NpgsqlBatch(sink);
            progress?.Report(events);
        }

        while (await reader.ReadAsync(ct))
        {
            var version = reader.GetInt64(0);
            var data = BenchEvents.Deserialize(reader.GetString(1), reader.GetString(2));
            var recordedAt = reader.GetFieldValue<DateTimeOffset>(3);
            Statements(data, version, recordedAt, Add);
            if (++events % BatchSize == 0) await FlushAsync();
        }
        await FlushAsync();
        await batch.DisposeAsync();
        return statements;
    }

    static string Resolve(string sql, Func<string, string> table)
    {
        foreach (var name in Tables) sql = sql.Replace("{" + name + "}", table(name));
        return sql;
    }

    static readonly string[] Tables = ["programmes", "cohorts", "cohort_milestones", "roster", "roster_startups"];

    static string Text<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>The statements ProgrammeRosterProjection queues for one event, written out again here.</summary>
    static void Statements(object data, long streamVersion, DateTimeOffset recordedAt, Action<string, object?[]> add)
    {
        switch (data)
        {
            case ProgrammeEvent.ProgrammeLaunched p:
                add("""
                    insert into {programmes} (programme_id, name, kind, organisation, sectors, target_countries, venue, eligibility, status, launched_at, version)
                    values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, 'active', $9, $10) on conflict do nothing
                    """, [p.ProgrammeId, p.Name, Text(p.Kind), p.Operator, p.Sectors.ToArray(), p.TargetCountries.ToArray(), p.Venue,
                    p.Eligibility is { } el ? $$"""{"hqInEu":{{(el.HqInEu ? "true" : "false")}},"minYearsSme":{{el.MinYearsSme}},"minYearsStartup":{{el.MinYearsStartup}}}""" : null,
                    p.LaunchedAt, streamVersion]);
                break;
            case ProgrammeEvent.PartnerAdded p:
                add("update {programmes} set partners = partners || jsonb_build_array(jsonb_build_object('organisation', $2::text, 'role', $3::text)) where programme_id = $1",
                    [p.ProgrammeId, p.Organisation, p.Role]);
                break;
            case ProgrammeEvent.CohortPlanned p:
                add("""
                    insert into {cohorts} (cohort_id, programme_id, edition, status, capacity, starts_on, ends_on, planned_at)
                    values ($1, $2, $3, 'planned', $4, $5, $6, $7) on conflict do nothing
                    """, [p.CohortId, p.ProgrammeId, p.Edition, p.Capacity, p.StartsOn, p.EndsOn, p.PlannedAt]);
                break;
            case ProgrammeEvent.CohortCapacityChanged p:
                add("update {cohorts} set capacity = $2 where cohort_id = $1", [p.CohortId, p.Capacity]);
                break;
            case ProgrammeEvent.CallOpened p:
                add("update {cohorts} set status = 'call-open', call_opens_on = $2, call_closes_on = $3 where cohort_id = $1", [p.CohortId, p.OpensOn, p.ClosesOn]);
                break;
            case ProgrammeEvent.CallClosed p:
                add("update {cohorts} set status = 'call-closed' where cohort_id = $1", [p.CohortId]);
                break;
            case ProgrammeEvent.SeatAllocated p:
                add("update {cohorts} set allocated = allocated + 1 where cohort_id = $1", [p.CohortId]);
                add("update {roster} set holds_seat = true where cohort_id = $1 and startup_id = $2", [p.CohortId, p.StartupId]);
                break;
            case ProgrammeEvent.SeatReleased p:
                add("update {cohorts} set allocated = allocated - 1 where cohort_id = $1", [p.CohortId]);
                add("update {roster} set holds_seat = false where cohort_id = $1 and startup_id = $2", [p.CohortId, p.StartupId]);
                break;
            case ProgrammeEvent.CohortStarted p:
                add("update {cohorts} set status = 'running' where cohort_id = $1", [p.CohortId]);
                break;
            case ProgrammeEvent.MilestoneSet p:
                add("""
                    insert into {cohort_milestones} values ($1, $2, $3, $4, $5)
                    on conflict (milestone_id) do update set title = excluded.title, due_on = excluded.due_on, mandatory = excluded.mandatory
                    """, [p.MilestoneId, p.CohortId, p.Title, p.DueOn, p.Mandatory]);
                break;
            case ProgrammeEvent.DemoDayHeld p:
                add("update {cohorts} set demo_day_on = $2, demo_day_venue = $3 where cohort_id = $1", [p.CohortId, p.On, p.Venue]);
                break;
            case ProgrammeEvent.CohortCompleted p:
                add("update {cohorts} set status = 'completed' where cohort_id = $1", [p.CohortId]);
                break;
            case ProgrammeEvent.CohortCancelled p:
                add("update {cohorts} set status = 'cancelled' where cohort_id = $1", [p.CohortId]);
                break;
            case ProgrammeEvent.ProgrammeClosed p:
                add("update {programmes} set status = 'closed' where programme_id = $1", [p.ProgrammeId]);
                break;
            case StartupEvent.StartupRegistered s:
                add("insert into {roster_startups} values ($1, $2) on conflict do nothing", [s.StartupId, s.Name]);
                break;
            case StartupEvent.ApplicationSubmitted s:
                add("""
                    insert into {roster} (cohort_id, startup_id, programme_id, status, applied_at, updated_at) values ($1, $2, $3, 'applied', $4, $4)
                    on conflict do nothing
                    """, [s.CohortId, s.StartupId, s.ProgrammeId, s.SubmittedAt]);
                break;
            case StartupEvent se when ParticipationStatusRules.ChangeOf(se) is (var cohort, var status):
                add("update {roster} set status = $3, updated_at = $4 where cohort_id = $1 and startup_id = $2",
                    [cohort, se.StartupId, Text(status), recordedAt]);
                break;
        }
        if (data is ProgrammeEvent pe)
            add("update {programmes} set version = $2 where programme_id = $1", [pe.ProgrammeId, streamVersion]);
    }
}
