using System.Text.Json;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Api.Startups;
using Ecosystem.Domain.Startups;
using Npgsql;
using NpgsqlTypes;
using static Ecosystem.Api.ReadModels.Sql;

namespace Ecosystem.Api.ReadModels;

/// <summary>Startup reads served from the startup-directory read model (programme names from the roster read model).</summary>
public sealed class StartupReads(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public static readonly string[] Projections = [StartupDirectoryProjection.ProjectionName, ProgrammeRosterProjection.ProjectionName];

    public async Task<IReadOnlyList<StartupSummary>> ListAsync(StartupFilter filter, int offset, int limit, ReadSession? session, CancellationToken ct)
    {
        const string sql = """
            select s.startup_id, s.name, s.kind, s.hq_country, s.sectors,
                   (select count(*) from rm.participations p where p.startup_id = s.startup_id)::int, s.version
              from rm.startups s
             where ($1::text is null or s.sectors @> array[$1])
               and ($2::text is null or s.hq_country = upper($2))
               and ($3::text is null or s.kind = $3)
               and ($4::text is null or s.name ilike '%' || $4 || '%')
               and ($5::uuid is null and $6::text is null
                    or exists (select 1 from rm.participations p where p.startup_id = s.startup_id
                                and ($5::uuid is null or p.programme_id = $5) and ($6::text is null or p.status = $6)))
             order by lower(s.name), s.startup_id
             offset $7 limit $8
            """;
        await using var command = session?.Command(sql) ?? dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Sector ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Country ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Kind ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Name ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.ProgrammeId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var list = new List<StartupSummary>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add(new StartupSummary(reader.GetGuid(0), reader.GetString(1), Enum<StartupKind>(reader.GetString(2)), reader.GetString(3),
                reader.GetFieldValue<string[]>(4), reader.GetInt32(5), reader.GetInt64(6)));
        return list;
    }

    public async Task<StartupProfile?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        StartupProfile profile;
        await using (var command = new NpgsqlCommand(
            "select name, kind, founded_on, hq_country, sectors, founders::text, version from rm.startups where startup_id = $1", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return null;
            profile = new StartupProfile(id, reader.GetString(0), Enum<StartupKind>(reader.GetString(1)), reader.GetFieldValue<DateOnly>(2),
                reader.GetString(3), reader.GetFieldValue<string[]>(4), JsonSerializer.Deserialize<Founder[]>(reader.GetString(5), Json.Create())!,
                [], [], [], reader.GetInt64(6));
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var milestones = new List<(Guid Cohort, MilestoneView View)>();
        await using (var command = new NpgsqlCommand("""
            select m.cohort_id, m.milestone_id, m.title, m.due_on, m.mandatory,
                   coalesce(g.achieved, false), coalesce(g.missed, false), p.status
              from rm.participations p
              join rm.cohort_milestones m on m.cohort_id = p.cohort_id
              left join rm.milestone_progress g on g.startup_id = p.startup_id and g.milestone_id = m.milestone_id
             where p.startup_id = $1 order by m.due_on, m.title
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var achieved = reader.GetBoolean(5);
                var dueOn = reader.GetFieldValue<DateOnly>(3);
                var terminal = Enum<ParticipationStatus>(reader.GetString(7)).IsTerminal();
                milestones.Add((reader.GetGuid(0), new MilestoneView(reader.GetGuid(1), reader.GetString(2), dueOn, reader.GetBoolean(4),
                    achieved, reader.GetBoolean(6), Overdue: !achieved && dueOn < today && !terminal)));
            }
        }

        var participations = new List<ParticipationView>();
        await using (var command = new NpgsqlCommand("""
            select p.programme_id, g.name, p.cohort_id, c.edition, p.status, p.agreement_ref, p.exit_reason
              from rm.participations p
              left join rm.programmes g on g.programme_id = p.programme_id
              left join rm.cohorts c on c.cohort_id = p.cohort_id
             where p.startup_id = $1 order by p.updated_at
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var cohort = reader.GetGuid(2);
                participations.Add(new ParticipationView(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), cohort,
                    reader.IsDBNull(3) ? null : reader.GetString(3), Enum<ParticipationStatus>(reader.GetString(4)),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                    milestones.Where(m => m.Cohort == cohort).Select(m => m.View).ToList()));
            }
        }

        var investments = new List<Investment>();
        await using (var command = new NpgsqlCommand(
            "select investment_id, investor, amount, currency, instrument, stake_pct from rm.investments where startup_id = $1 order by recorded_at", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                investments.Add(new Investment(reader.GetGuid(0), reader.GetString(1), reader.GetDecimal(2), reader.GetString(3),
                    Enum<Instrument>(reader.GetString(4)), reader.GetDecimal(5)));
        }

        var timeline = new List<TimelineEntry>();
        await using (var command = new NpgsqlCommand(
            "select version, event_type, recorded_at, actor, position from rm.startup_timeline where startup_id = $1 order by version", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                timeline.Add(new TimelineEntry(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3), reader.GetInt64(4)));
        }
        return profile with { Participations = participations, Investments = investments, Timeline = timeline };
    }
}

/// <summary>Filters of the startup directory; all optional.</summary>
public sealed record StartupFilter(string? Sector, string? Country, string? Kind, string? Name, Guid? ProgrammeId, string? Status);
