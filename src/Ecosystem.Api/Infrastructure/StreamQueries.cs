using Ecosystem.Domain;
using Npgsql;

namespace Ecosystem.Api.Infrastructure;

/// <summary>
/// Finds streams to fold, for the reads that still fold aggregates live and for reactors; these queries only
/// pick which streams, using the store's indexes.
/// </summary>
public sealed class StreamQueries(NpgsqlDataSource dataSource)
{
    /// <summary>Streams holding an event of <paramref name="eventType"/> whose JSON property <paramref name="property"/> equals <paramref name="value"/>.</summary>
    public async Task<IReadOnlyList<Guid>> StreamsWithEventAsync(Type eventType, string property, Guid value, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "select distinct stream_id from mt_events where type = $1 and data ->> $2 = $3");
        command.Parameters.Add(new() { Value = DomainEventCatalog.NameOf(eventType) });
        command.Parameters.Add(new() { Value = property });
        command.Parameters.Add(new() { Value = value.ToString() });
        return await ReadIdsAsync(command, ct);
    }

    /// <summary>As <see cref="StreamsWithEventAsync"/>, ordered by when each stream first recorded such an event.</summary>
    public async Task<IReadOnlyList<Guid>> StreamsWithEventInOrderAsync(Type eventType, string property, Guid value, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select stream_id from mt_events where type = $1 and data ->> $2 = $3
             group by stream_id order by min(seq_id)
            """);
        command.Parameters.Add(new() { Value = DomainEventCatalog.NameOf(eventType) });
        command.Parameters.Add(new() { Value = property });
        command.Parameters.Add(new() { Value = value.ToString() });
        return await ReadIdsAsync(command, ct);
    }

    static async Task<IReadOnlyList<Guid>> ReadIdsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return ids;
    }
}
