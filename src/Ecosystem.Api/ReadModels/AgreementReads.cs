using System.Text.Json;
using Ecosystem.Api.Agreements;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain.Agreements;
using Npgsql;
using NpgsqlTypes;
using static Ecosystem.Api.ReadModels.Sql;

namespace Ecosystem.Api.ReadModels;

/// <summary>
/// What the registry is kept to; null means any. <see cref="EndsBetween"/> keeps agreements in force (signed or renewed)
/// whose end date falls in that window, both days included: "what expires in the next 90 days".
/// </summary>
public sealed record AgreementFilter(string? Party, string? Country, AgreementKind? Kind, AgreementStatus? Status, (DateOnly From, DateOnly To)? EndsBetween);

/// <summary>Agreement reads served from the agreement-registry read model.</summary>
public sealed class AgreementReads(NpgsqlDataSource dataSource)
{
    public static readonly string[] Projections = [AgreementRegistryProjection.ProjectionName];
    static readonly JsonSerializerOptions JsonOptions = Json.Create();

    /// <summary>The registry by title (by end date when an expiry window is asked), filtered by party (either case), country, kind, status and expiry window.</summary>
    public async Task<IReadOnlyList<AgreementView>> ListAsync(AgreementFilter filter, int offset, int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select view::text
              from rm.agreements
             where ($1::text is null or exists (select 1 from unnest(parties) p where lower(p) = lower($1)))
               and ($2::text is null or $2 = any(countries))
               and ($3::text is null or kind = $3)
               and ($4::text is null or status = $4)
               and ($5::date is null or (status in ('signed', 'renewed') and ends_on between $5 and $6))
             order by case when $5::date is null then null else ends_on end, lower(title), agreement_id
             offset $7 limit $8
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Party ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Country ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = filter.Kind is { } k ? Text(k) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = filter.Status is { } s ? Text(s) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = filter.EndsBetween is { } w ? w.From : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = filter.EndsBetween is { } w2 ? w2.To : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var list = new List<AgreementView>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(JsonSerializer.Deserialize<AgreementView>(reader.GetString(0), JsonOptions)!);
        return list;
    }

    /// <summary>One agreement, or null when the read model has not seen it.</summary>
    public async Task<AgreementView?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select view::text from rm.agreements where agreement_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? JsonSerializer.Deserialize<AgreementView>(reader.GetString(0), JsonOptions) : null;
    }
}
