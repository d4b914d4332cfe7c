using Npgsql;

namespace Ecosystem.Api.ReadModels;

public sealed record Count(string Key, long Value);

public sealed record ProgrammeFigures(Guid ProgrammeId, string Name, long Applications, long Admitted, long Graduated, long Seats, long SeatsTaken);

public sealed record DashboardTotals(long Programmes, long Cohorts, long Startups, long Applications, long UseCases, long HubOffices, long Missions, long Agreements);

/// <summary>Ecosystem counts: by sector, country, kind, programme, status and month of application; missions by counterpart country and
/// status; agreements by kind and status.</summary>
public sealed record Dashboard(
    DashboardTotals Totals,
    IReadOnlyList<Count> StartupsBySector,
    IReadOnlyList<Count> StartupsByCountry,
    IReadOnlyList<Count> StartupsByKind,
    IReadOnlyList<ProgrammeFigures> Programmes,
    IReadOnlyList<Count> ParticipationsByStatus,
    IReadOnlyList<Count> ApplicationsByMonth,
    IReadOnlyList<Count> UseCasesByStatus,
    IReadOnlyList<Count> UseCasesByDomain,
    IReadOnlyList<Count> HubOfficesByCountry,
    IReadOnlyList<Count> MissionsByCountry,
    IReadOnlyList<Count> MissionsByStatus,
    IReadOnlyList<Count> AgreementsByKind,
    IReadOnlyList<Count> AgreementsByStatus);

/// <summary>The dashboard is aggregated from the other read models (small, indexed tables) in one consistent snapshot.</summary>
public sealed class DashboardReads(NpgsqlDataSource dataSource)
{
    public static readonly string[] Projections =
    [
        ProgrammeRosterProjection.ProjectionName, StartupDirectoryProjection.ProjectionName,
        UrbanTestingPipelineProjection.ProjectionName, HubOfficeDirectoryProjection.ProjectionName,
        MissionCalendarProjection.ProjectionName, AgreementRegistryProjection.ProjectionName,
    ];

    public async Task<Dashboard> GetAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        return await GetAsync(new ReadSession(connection, transaction, "rm"), ct);
    }

    public async Task<Dashboard> GetAsync(ReadSession session, CancellationToken ct)
    {
        async Task<IReadOnlyList<Count>> Counts(string sql)
        {
            await using var command = session.Command(sql);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var list = new List<Count>();
            while (await reader.ReadAsync(ct)) list.Add(new Count(reader.GetString(0), reader.GetInt64(1)));
            return list;
        }

        DashboardTotals totals;
        await using (var command = session.Command("""
            select (select count(*) from rm.programmes), (select count(*) from rm.cohorts), (select count(*) from rm.startups),
                   (select count(*) from rm.roster), (select count(*) from rm.use_cases), (select count(*) from rm.hub_offices),
                   (select count(*) from rm.missions), (select count(*) from rm.agreements)
            """))
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            totals = new DashboardTotals(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
                reader.GetInt64(6), reader.GetInt64(7));
        }

        var programmes = new List<ProgrammeFigures>();
        await using (var command = session.Command("""
            select p.programme_id, p.name,
                   (select count(*) from rm.roster r where r.programme_id = p.programme_id),
                   (select count(*) from rm.roster r where r.programme_id = p.programme_id and r.status in ('admitted', 'onboarded', 'graduated')),
                   (select count(*) from rm.roster r where r.programme_id = p.programme_id and r.status = 'graduated'),
                   (select coalesce(sum(capacity), 0) from rm.cohorts c where c.programme_id = p.programme_id),
                   (select coalesce(sum(allocated), 0) from rm.cohorts c where c.programme_id = p.programme_id)
              from rm.programmes p order by p.launched_at
            """))
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                programmes.Add(new ProgrammeFigures(reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                    reader.GetInt64(5), reader.GetInt64(6)));
        }

        return new Dashboard(totals,
            await Counts("select sector, count(*) from rm.startups, unnest(sectors) as sector group by sector order by count(*) desc, sector"),
            await Counts("select hq_country, count(*) from rm.startups group by hq_country order by count(*) desc, hq_country"),
            await Counts("select kind, count(*) from rm.startups group by kind order by kind"),
            programmes,
            await Counts("select status, count(*) from rm.roster group by status order by status"),
            await Counts("select to_char(applied_at at time zone 'UTC', 'YYYY-MM'), count(*) from rm.roster group by 1 order by 1"),
            await Counts("select status, count(*) from rm.use_cases group by status order by status"),
            await Counts("select domain, count(*) from rm.use_cases group by domain order by domain"),
            await Counts("select country, count(*) from rm.hub_offices group by country order by country"),
            await Counts("select country, count(*) from rm.missions, unnest(countries) as country group by country order by count(*) desc, country"),
            await Counts("select status, count(*) from rm.missions group by status order by status"),
            await Counts("select kind, count(*) from rm.agreements group by kind order by kind"),
            await Counts("select status, count(*) from rm.agreements group by status order by status"));
    }
}
