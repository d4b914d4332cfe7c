using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Ecosystem.Api.Auth;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain;
using Ecosystem.Api.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Ecosystem.Api.Audit;

/// <summary>An event as an auditor reads it: where it sits, what it says, and who caused it through which request.</summary>
public sealed record AuditEntry(long Sequence, Guid StreamId, string StreamType, long Version, string Type, DateTimeOffset Time, string? Actor,
    string? CorrelationId, string? CausationId, string? Request, JsonElement Data);

public sealed record AuditPage<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>History for auditors (admin and auditor keys): a stream's events, one request's effects, and the commands refused.</summary>
public static class AuditEndpoints
{
    const int MaxCorrelation = 1000;

    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Auditor).WithStandardProblems();
        group.MapGet("/streams/{id:guid}", Stream).WithName("getStreamHistory")
            .WithDescription("`after` is a version, `limit` 1–200 (default 50); `next` links the following page. Any stream's id is accepted; 404 when no event has it.")
            .WithSummary("Every event of a stream in version order, with sequence, time, actor, correlation, causation and the request that caused it; paged.");
        group.MapGet("/correlations/{id:guid}", Correlation).WithName("getCorrelationEffects")
            .WithDescription("The correlation id is the `X-Correlation-Id` a request carried or was given: an admission and its seat, a waitlist promotion and its cause. 404 when no event has it.")
            .WithSummary($"Every event written under one correlation id (one request's effects across streams), in log order; at most {MaxCorrelation}.");
        group.MapGet("/rejections", Refused).WithName("listRejections")
            .WithDescription("Filtered by `code`, `actor` and `resourceId`; paged by `id` (`after`, `limit`). Kept in their own table, so attempts are visible beside the effects in the log.")
            .WithSummary("Commands a domain rule refused: who, when, which rule code, on which route and resource; paged by id.");
        group.MapTamperEvidence();
        return group;
    }

    static async Task<Ok<AuditPage<AuditEntry>>> Stream(Guid id, [Range(0, long.MaxValue)] long? after, [Range(1, Paging.MaxLimit)] int? limit,
        NpgsqlDataSource dataSource, PersonalData personalData, CancellationToken ct)
    {
        var take = limit ?? Paging.DefaultLimit;
        var entries = await ReadAsync(dataSource, personalData, "stream_id = $1 and version > $2 order by version limit $3", [id, after ?? 0, take], ct);
        if (entries.Count == 0 && (after ?? 0) == 0) throw new NotFoundException($"Stream {id}");
        return TypedResults.Ok(new AuditPage<AuditEntry>(entries,
            entries.Count == take ? $"/api/audit/streams/{id}?after={entries[^1].Version}&limit={take}" : null));
    }

    static async Task<Ok<AuditPage<AuditEntry>>> Correlation(Guid id, NpgsqlDataSource dataSource, PersonalData personalData, CancellationToken ct)
    {
        var entries = await ReadAsync(dataSource, personalData, "correlation_id = $1 order by seq_id limit $2", [id.ToString(), MaxCorrelation], ct);
        if (entries.Count == 0) throw new NotFoundException($"Correlation {id}");
        return TypedResults.Ok(new AuditPage<AuditEntry>(entries, null));
    }

    static async Task<Ok<AuditPage<Rejection>>> Refused([Range(0, long.MaxValue)] long? after, [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(100)] string? code, [MaxLength(200)] string? actor, Guid? resourceId, Rejections rejections, CancellationToken ct)
    {
        var take = limit ?? Paging.DefaultLimit;
        var items = await rejections.ListAsync(after ?? 0, take, code, actor, resourceId, ct);
        return TypedResults.Ok(new AuditPage<Rejection>(items, items.Count == take ? $"/api/audit/rejections?after={items[^1].Id}&limit={take}" : null));
    }

    static async Task<List<AuditEntry>> ReadAsync(NpgsqlDataSource dataSource, PersonalData personalData, string where, object[] values, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select seq_id, stream_id, version, type, timestamp, user_name, correlation_id, causation_id, headers ->> 'request', data::text
              from mt_events where {where}
            """);
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var type = reader.GetString(3);
            using var data = JsonDocument.Parse(personalData.Reveal(reader.GetString(9)));
            entries.Add(new AuditEntry(reader.GetInt64(0), reader.GetGuid(1), DomainEventCatalog.StreamTypeOf(type) ?? "unknown",
                reader.GetInt64(2), type, reader.GetFieldValue<DateTimeOffset>(4), Text(reader, 5), Text(reader, 6), Text(reader, 7), Text(reader, 8),
                data.RootElement.Clone()));
        }
        return entries;
    }

    static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
