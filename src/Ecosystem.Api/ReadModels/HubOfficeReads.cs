using System.Data.Common;
using System.Text.Json;
using Ecosystem.Api.HubOffices;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain.HubOffices;
using Npgsql;
using NpgsqlTypes;
using static Ecosystem.Api.ReadModels.Sql;

namespace Ecosystem.Api.ReadModels;

/// <summary>Hub office reads served from the hub-office-directory read model.</summary>
public sealed class HubOfficeReads(NpgsqlDataSource dataSource)
{
    public static readonly string[] Projections = [HubOfficeDirectoryProjection.ProjectionName];
    static readonly JsonSerializerOptions JsonOptions = Json.Create();

    const string Columns = "hub_office_id, university, country, status, current_location::text, past_locations::text, partners::text, services, version";

    /// <summary>The directory by university, optionally kept to one country (ISO code) and one university (either case).</summary>
    public async Task<IReadOnlyList<HubOfficeView>> ListAsync(string? country, string? university, int offset, int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select {Columns}
              from rm.hub_offices
             where ($1::text is null or country = upper($1))
               and ($2::text is null or lower(university) = lower($2))
             order by lower(university), country, hub_office_id
             offset $3 limit $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)country ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)university ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var list = new List<HubOfficeView>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(Read(reader));
        return list;
    }

    /// <summary>One hub office, or null when the read model has not seen it.</summary>
    public async Task<HubOfficeView?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from rm.hub_offices where hub_office_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    static HubOfficeView Read(DbDataReader reader) => new(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), Enum<HubStatus>(reader.GetString(3)),
        reader.StringOrNull(4) is { } current ? JsonSerializer.Deserialize<Location>(current, JsonOptions) : null,
        JsonSerializer.Deserialize<Location[]>(reader.GetString(5), JsonOptions)!,
        JsonSerializer.Deserialize<PartnerUniversity[]>(reader.GetString(6), JsonOptions)!,
        reader.GetFieldValue<string[]>(7), reader.GetInt64(8));
}
