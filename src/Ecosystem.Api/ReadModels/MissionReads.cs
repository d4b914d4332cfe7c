using System.Text.Json;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Api.Missions;
using Ecosystem.Domain.Missions;
using Npgsql;
using NpgsqlTypes;
using static Ecosystem.Api.ReadModels.Sql;

namespace Ecosystem.Api.ReadModels;

/// <summary>What the calendar is kept to; null means any. <see cref="Month"/> is the first day of a month the mission overlaps.</summary>
public sealed record MissionFilter(string? Country, string? Sector, DateOnly? Month, MissionDirection? Direction, MissionStatus? Status, string? Organiser);

/// <summary>Mission reads served from the mission-calendar read model.</summary>
public sealed class MissionReads(NpgsqlDataSource dataSource)
{
    public static readonly string[] Projections = [MissionCalendarProjection.ProjectionName];
    static readonly JsonSerializerOptions JsonOptions = Json.Create();

    /// <summary>The calendar by start date, filtered by counterpart country, sector (either case), month, direction, status and organiser (either case).</summary>
    public async Task<IReadOnlyList<MissionView>> ListAsync(MissionFilter filter, int offset, int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select view::text
              from rm.missions
             where ($1::text is null or $1 = any(countries))
               and ($2::text is null or exists (select 1 from unnest(sectors) s where lower(s) = lower($2)))
               and ($3::date is null or (starts_on < ($3::date + interval '1 month') and ends_on >= $3::date))
               and ($4::text is null or direction = $4)
               and ($5::text is null or status = $5)
               and ($6::text is null or lower(organiser) = lower($6))
             order by starts_on, lower(title), mission_id
             offset $7 limit $8
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Country ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Sector ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Month ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = filter.Direction is { } d ? Text(d) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = filter.Status is { } s ? Text(s) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Organiser ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var list = new List<MissionView>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(JsonSerializer.Deserialize<MissionView>(reader.GetString(0), JsonOptions)!);
        return list;
    }

    /// <summary>One mission, or null when the read model has not seen it.</summary>
    public async Task<MissionView?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select view::text from rm.missions where mission_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? JsonSerializer.Deserialize<MissionView>(reader.GetString(0), JsonOptions) : null;
    }
}
