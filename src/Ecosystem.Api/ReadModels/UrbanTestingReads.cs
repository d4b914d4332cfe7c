using System.Data.Common;
using System.Text.Json;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Api.UrbanTesting;
using Ecosystem.Domain;
using Ecosystem.Domain.UrbanTesting;
using Npgsql;
using NpgsqlTypes;
using static Ecosystem.Api.ReadModels.Sql;

namespace Ecosystem.Api.ReadModels;

/// <summary>
/// Urban-testing reads served from the urban-testing-pipeline read model (the proposer's name from the startup directory).
/// Days in status and the authorisations' validity are worked out at read time, as of now.
/// </summary>
public sealed class UrbanTestingReads(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public static readonly string[] Projections = [UrbanTestingPipelineProjection.ProjectionName, StartupDirectoryProjection.ProjectionName];
    static readonly JsonSerializerOptions JsonOptions = Json.Create();

    const string AuthorisationColumns = "use_case_id, authority, status, valid_from, valid_to, area, denial_reason";

    /// <summary>The pipeline in submission order, optionally kept to one status and one testing domain.</summary>
    public async Task<IReadOnlyList<UseCaseSummary>> ListAsync(UseCaseStatus? status, TestingDomain? domain, int offset, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var rows = new List<(Guid Id, string Title, ProposerView Proposer, TestingDomain Domain, string? Site, UseCaseStatus Status, DateTimeOffset Since, long Version)>();
        await using (var command = new NpgsqlCommand("""
            select u.use_case_id, u.title, u.proposer_startup_id, s.name, u.proposer_organisation, u.domain, u.site, u.status, u.status_since, u.version
              from rm.use_cases u left join rm.startups s on s.startup_id = u.proposer_startup_id
             where ($1::text is null or u.status = $1)
               and ($2::text is null or u.domain = $2)
             order by u.submitted_at, u.use_case_id
             offset $3 limit $4
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = status is { } s ? Text(s) : (object)DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = domain is { } d ? Text(d) : (object)DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = offset });
            command.Parameters.Add(new NpgsqlParameter { Value = limit });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                rows.Add((reader.GetGuid(0), reader.GetString(1),
                    new ProposerView(reader.ValueOrNull<Guid>(2), reader.StringOrNull(3), reader.StringOrNull(4)),
                    Enum<TestingDomain>(reader.GetString(5)), reader.StringOrNull(6), Enum<UseCaseStatus>(reader.GetString(7)),
                    reader.GetFieldValue<DateTimeOffset>(8), reader.GetInt64(9)));
        }
        if (rows.Count == 0) return [];

        var authorisations = new List<(Guid UseCase, Authorisation Authorisation)>();
        await using (var command = new NpgsqlCommand(
            $"select {AuthorisationColumns} from rm.use_case_authorisations where use_case_id = any($1) order by use_case_id, ordinal", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Id).ToArray() });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) authorisations.Add(ReadAuthorisation(reader));
        }

        var now = clock.GetUtcNow();
        return rows.Select(r => new UseCaseSummary(r.Id, r.Title, r.Proposer, r.Domain, r.Site, r.Status, UrbanTestingViewMapping.DaysSince(r.Since, now),
            UrbanTestingViewMapping.Authorisations(authorisations.Where(a => a.UseCase == r.Id).Select(a => a.Authorisation), now), r.Version)).ToList();
    }

    /// <summary>One use case, or null when the read model has not seen it (or is still being rebuilt for this version).</summary>
    public async Task<UseCaseView?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var now = clock.GetUtcNow();
        UseCaseView view;
        await using (var command = new NpgsqlCommand("""
            select u.title, u.proposer_startup_id, s.name, u.proposer_organisation, u.domain, u.trl, u.duration_days, u.status, u.status_since,
                   u.feasible, u.feasibility_conditions, u.site, u.site_area, u.started_on, u.completed_on, u.kpis::text,
                   u.trl_after, u.report_summary, u.report_accepted, u.contribution, u.scale_up, u.withdrawal_reason, u.version
              from rm.use_cases u left join rm.startups s on s.startup_id = u.proposer_startup_id
             where u.use_case_id = $1
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            NpgsqlDataReader reader;
            try
            {
                reader = await command.ExecuteReaderAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedColumn)
            {
                // Right after an upgrade to a new projection version the view still shows the previous version's
                // tables (without the new columns) until the rebuild swaps in; the caller folds the stream meanwhile.
                return null;
            }
            await using var _ = reader;
            if (!await reader.ReadAsync(ct)) return null;
            var since = reader.GetFieldValue<DateTimeOffset>(8);
            view = new UseCaseView(id, reader.GetString(0),
                new ProposerView(reader.ValueOrNull<Guid>(1), reader.StringOrNull(2), reader.StringOrNull(3)),
                Enum<TestingDomain>(reader.GetString(4)), reader.GetInt32(5), reader.GetInt32(6), Enum<UseCaseStatus>(reader.GetString(7)),
                since, UrbanTestingViewMapping.DaysSince(since, now),
                reader.IsDBNull(9) ? null : new Feasibility(reader.GetBoolean(9), new ValueList<string>(reader.GetFieldValue<string[]>(10))),
                [],
                reader.IsDBNull(11) ? null : new TestSite(reader.GetString(11), reader.GetString(12)),
                reader.ValueOrNull<DateOnly>(13), reader.ValueOrNull<DateOnly>(14),
                JsonSerializer.Deserialize<Kpi[]>(reader.GetString(15), JsonOptions)!,
                reader.IsDBNull(16) ? null : new ResultsReport(reader.GetInt32(16), reader.GetString(17), reader.GetBoolean(18)),
                reader.ValueOrNull<decimal>(19), reader.StringOrNull(20) is { } path ? Enum<ScaleUpPath>(path) : null,
                reader.StringOrNull(21), reader.GetInt64(22));
        }

        var authorisations = new List<Authorisation>();
        await using (var command = new NpgsqlCommand(
            $"select {AuthorisationColumns} from rm.use_case_authorisations where use_case_id = $1 order by ordinal", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) authorisations.Add(ReadAuthorisation(reader).Authorisation);
        }
        return view with { Authorisations = UrbanTestingViewMapping.Authorisations(authorisations, now) };
    }

    static (Guid UseCase, Authorisation Authorisation) ReadAuthorisation(DbDataReader reader) => (reader.GetGuid(0), new Authorisation(
        reader.GetString(1), Enum<AuthorisationStatus>(reader.GetString(2)), reader.ValueOrNull<DateOnly>(3), reader.ValueOrNull<DateOnly>(4),
        reader.StringOrNull(5), reader.StringOrNull(6)));
}
