using System.Text.Json;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Api.Programmes;
using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using Npgsql;
using static Ecosystem.Api.ReadModels.Sql;

namespace Ecosystem.Api.ReadModels;

/// <summary>Programme reads served from the programme-roster read model.</summary>
public sealed class ProgrammeReads(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<ProgrammeSummary>> ListAsync(string? organisation, string? sector, string? kind, string? status, int offset, int limit,
        ReadSession? session, CancellationToken ct)
    {
        const string sql = """
            select p.programme_id, p.name, p.kind, p.sectors, p.organisation, p.status,
                   (select count(*) from rm.cohorts c where c.programme_id = p.programme_id)::int, p.version
              from rm.programmes p
             where ($1::text is null or lower(p.organisation) = lower($1))
               and ($2::text is null or p.sectors @> array[$2])
               and ($3::text is null or p.kind = $3)
               and ($4::text is null or p.status = $4)
             order by p.launched_at, p.programme_id
             offset $5 limit $6
            """;
        await using var command = session?.Command(sql) ?? dataSource.CreateCommand(sql);
        foreach (var value in new object?[] { organisation, sector, kind, status })
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var list = new List<ProgrammeSummary>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add(new ProgrammeSummary(reader.GetGuid(0), reader.GetString(1), Enum<ProgrammeKind>(reader.GetString(2)), reader.GetFieldValue<string[]>(3),
                reader.GetString(4), Enum<ProgrammeStatus>(reader.GetString(5)), reader.GetInt32(6), reader.GetInt64(7)));
        return list;
    }

    public async Task<ProgrammeView?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        ProgrammeView? programme = null;
        await using (var command = new NpgsqlCommand("""
            select name, kind, sectors, target_countries, venue, organisation, eligibility::text, status, partners::text, version
              from rm.programmes where programme_id = $1
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return null;
            programme = new ProgrammeView(id, reader.GetString(0), Enum<ProgrammeKind>(reader.GetString(1)), reader.GetFieldValue<string[]>(2),
                reader.GetFieldValue<string[]>(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : JsonSerializer.Deserialize<Eligibility>(reader.GetString(6), Json.Create()),
                Enum<ProgrammeStatus>(reader.GetString(7)), JsonSerializer.Deserialize<Partner[]>(reader.GetString(8), Json.Create())!, [], reader.GetInt64(9));
        }

        var milestones = new List<(Guid Cohort, Milestone Milestone)>();
        await using (var command = new NpgsqlCommand("""
            select m.cohort_id, m.milestone_id, m.title, m.due_on, m.mandatory
              from rm.cohort_milestones m join rm.cohorts c using (cohort_id) where c.programme_id = $1 order by m.due_on, m.title
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                milestones.Add((reader.GetGuid(0), new Milestone(reader.GetGuid(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3), reader.GetBoolean(4))));
        }

        var roster = new List<(Guid Cohort, RosterEntry Entry)>();
        await using (var command = new NpgsqlCommand("""
            select r.cohort_id, r.startup_id, coalesce(s.name, ''), r.status, r.holds_seat
              from rm.roster r left join rm.roster_startups s using (startup_id) where r.programme_id = $1 order by lower(s.name)
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                roster.Add((reader.GetGuid(0), new RosterEntry(reader.GetGuid(1), reader.GetString(2), Enum<ParticipationStatus>(reader.GetString(3)), reader.GetBoolean(4))));
        }

        var cohorts = new List<CohortView>();
        await using (var command = new NpgsqlCommand("""
            select cohort_id, edition, status, capacity, allocated, starts_on, ends_on, call_opens_on, call_closes_on, demo_day_on, demo_day_venue
              from rm.cohorts where programme_id = $1 order by starts_on, planned_at
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var cohortId = reader.GetGuid(0);
                var capacity = reader.GetInt32(3);
                var allocated = reader.GetInt32(4);
                var entries = roster.Where(r => r.Cohort == cohortId).Select(r => r.Entry).ToList();
                cohorts.Add(new CohortView(cohortId, reader.GetString(1), Enum<CohortStatus>(reader.GetString(2)), capacity, allocated,
                    capacity == 0 ? 0 : Math.Round(100m * allocated / capacity, 1),
                    reader.GetFieldValue<DateOnly>(5), reader.GetFieldValue<DateOnly>(6),
                    reader.IsDBNull(7) ? null : new CallWindow(reader.GetFieldValue<DateOnly>(7), reader.GetFieldValue<DateOnly>(8)),
                    reader.IsDBNull(9) ? null : new DemoDay(reader.GetFieldValue<DateOnly>(9), reader.GetString(10)),
                    milestones.Where(m => m.Cohort == cohortId).Select(m => m.Milestone).ToList(),
                    RosterCounts.Of(entries), entries));
            }
        }
        return programme with { Cohorts = cohorts };
    }
}
