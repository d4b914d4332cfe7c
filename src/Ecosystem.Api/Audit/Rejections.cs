using Ecosystem.Api.Auth;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain;
using Npgsql;

namespace Ecosystem.Api.Audit;

/// <summary>A command a domain rule refused: who tried what, on which resource, when, and which rule said no.</summary>
public sealed record Rejection(long Id, DateTimeOffset At, string Actor, Guid? CorrelationId, string Method, string Route, string Path,
    Guid? ResourceId, string Code, string Detail);

/// <summary>
/// Keeps refused commands beside the log, which holds only what happened: an auditor sees the attempts too. Recorded
/// after the refusal (the command changed nothing); a failure to record is logged, never turned into the client's error.
/// </summary>
public sealed class Rejections(NpgsqlDataSource dataSource, ILogger<Rejections> logger)
{
    public async Task RecordAsync(HttpContext http, DomainRuleViolated refused, CancellationToken ct)
    {
        try
        {
            await using var command = dataSource.CreateCommand("""
                insert into api.rejections (actor, correlation_id, method, route, path, resource_id, code, detail)
                values ($1, $2, $3, $4, $5, $6, $7, $8)
                """);
            command.Parameters.Add(new() { Value = http.User.Actor() });
            command.Parameters.Add(new() { Value = http.Items[CommandRunner.CorrelationHeader] is Guid correlation ? correlation : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
            command.Parameters.Add(new() { Value = http.Request.Method });
            command.Parameters.Add(new() { Value = http.Items[Telemetry.RouteItem] as string ?? "" });
            command.Parameters.Add(new() { Value = http.Request.Path.Value ?? "" });
            command.Parameters.Add(new() { Value = http.Items[Telemetry.ResourceItem] is Guid id ? id : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
            command.Parameters.Add(new() { Value = refused.Code });
            command.Parameters.Add(new() { Value = refused.Message });
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            logger.LogWarning(e, "A refused command ({Code}) could not be recorded for auditors", refused.Code);
        }
    }

    public async Task<IReadOnlyList<Rejection>> ListAsync(long after, int limit, string? code, string? actor, Guid? resourceId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select id, at, actor, correlation_id, method, route, path, resource_id, code, detail from api.rejections
             where id > $1 and ($2::text is null or code = $2) and ($3::text is null or actor = $3) and ($4::uuid is null or resource_id = $4)
             order by id limit $5
            """);
        command.Parameters.Add(new() { Value = after });
        command.Parameters.Add(new() { Value = (object?)code ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)actor ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)resourceId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = limit });
        var rejections = new List<Rejection>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rejections.Add(new Rejection(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetGuid(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetGuid(7), reader.GetString(8), reader.GetString(9)));
        return rejections;
    }
}
