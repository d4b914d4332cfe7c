using System.Collections.Concurrent;
using System.Net;
using Npgsql;

namespace Ecosystem.Drill;

/// <summary>An acknowledged write that the service or the log no longer holds, and how it shows.</summary>
public sealed record LostWrite(Acknowledged Write, IReadOnlyList<string> Reasons);

/// <summary>
/// Every acknowledged write must still be there once the service has recovered: its resource readable (200) at the
/// acknowledged version or later, and its last event in mt_events at that stream version and log position.
/// </summary>
public static class AcknowledgedChecks
{
    public static async Task<IReadOnlyList<LostWrite>> FindLostAsync(Service service, NpgsqlDataSource database, IReadOnlyList<Acknowledged> writes,
        CancellationToken ct)
    {
        var read = new ConcurrentDictionary<string, (int Status, long? Version)>();
        await Parallel.ForEachAsync(writes.Select(w => w.Resource).Distinct(), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (resource, token) => read[resource] = await ReadAsync(service, resource, token));
        var notInLog = await NotInLogAsync(database, writes, ct);

        var lost = new List<LostWrite>();
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            var reasons = new List<string>();
            var (status, version) = read[write.Resource];
            if (status != (int)HttpStatusCode.OK) reasons.Add($"GET {write.Resource} answered {(status == 0 ? "nothing" : status)}");
            else if (version is null || version < write.Version) reasons.Add($"GET {write.Resource} shows version {version}, acknowledged {write.Version}");
            if (notInLog.Contains(i)) reasons.Add($"no event of stream {write.Id} at version {write.Version} / position {write.Position} in mt_events");
            if (reasons.Count > 0) lost.Add(new LostWrite(write, reasons));
        }
        return lost;
    }

    /// <summary>The status and ETag version of a resource; a few tries when the service does not answer or answers 5xx.</summary>
    static async Task<(int Status, long? Version)> ReadAsync(Service service, string resource, CancellationToken ct)
    {
        (int, long?) last = (0, null);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var response = await service.TryGetAsync(resource, ct);
            if (response is not null)
            {
                long? version = response.Headers.ETag is { } etag && long.TryParse(etag.Tag.Trim('"'), out var v) ? v : null;
                last = ((int)response.StatusCode, version);
                if ((int)response.StatusCode < 500) return last;
            }
            await Task.Delay(200, ct);
        }
        return last;
    }

    /// <summary>Indexes of the writes whose last event is not stored at the acknowledged stream version (and log position).</summary>
    static async Task<HashSet<int>> NotInLogAsync(NpgsqlDataSource database, IReadOnlyList<Acknowledged> writes, CancellationToken ct)
    {
        await using var command = database.CreateCommand("""
            select (w.i - 1)::int
              from unnest($1::uuid[], $2::bigint[], $3::bigint[]) with ordinality as w(stream_id, version, position, i)
             where not exists (select 1 from mt_events e
                                where e.stream_id = w.stream_id and e.version = w.version
                                  and (w.position is null or e.seq_id = w.position))
            """);
        command.Parameters.Add(new() { Value = writes.Select(w => w.Id).ToArray() });
        command.Parameters.Add(new() { Value = writes.Select(w => w.Version).ToArray() });
        command.Parameters.Add(new() { Value = writes.Select(w => w.Position).ToArray() });
        var missing = new HashSet<int>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) missing.Add(reader.GetInt32(0));
        return missing;
    }
}
