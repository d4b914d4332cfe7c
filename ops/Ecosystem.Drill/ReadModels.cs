using Npgsql;

namespace Ecosystem.Drill;

/// <summary>One read-model view: its rows as canonical JSON in a fixed order, and how many there are.</summary>
public sealed record ViewSnapshot(long Rows, string Json);

/// <summary>Read models compared as tests/Shared/Eventually.SnapshotReadModelsAsync compares them: every view in schema rm, row for row.</summary>
public static class ReadModels
{
    public static async Task<Dictionary<string, ViewSnapshot>> SnapshotAsync(NpgsqlDataSource database, CancellationToken ct)
    {
        var views = new List<string>();
        await using (var command = database.CreateCommand("select table_name from information_schema.views where table_schema = 'rm' order by 1"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) views.Add(reader.GetString(0));
        var snapshot = new Dictionary<string, ViewSnapshot>();
        foreach (var view in views)
        {
            await using var command = database.CreateCommand(
                $"select count(*), coalesce(jsonb_agg(to_jsonb(v) order by to_jsonb(v)::text), '[]')::text from rm.{view} v");
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            snapshot[view] = new ViewSnapshot(reader.GetInt64(0), reader.GetString(1));
        }
        return snapshot;
    }

    /// <summary>The views that differ ("rm.programmes: 120 rows recovered, 121 rebuilt"); empty when both are equal.</summary>
    public static IReadOnlyList<string> Differences(Dictionary<string, ViewSnapshot> recovered, Dictionary<string, ViewSnapshot> rebuilt) =>
        recovered.Keys.Union(rebuilt.Keys).Order()
            .Select(view => (view, a: recovered.GetValueOrDefault(view), b: rebuilt.GetValueOrDefault(view)))
            .Where(x => x.a is null || x.b is null || x.a.Json != x.b.Json)
            .Select(x => x.a is null ? $"rm.{x.view}: only after the rebuild"
                : x.b is null ? $"rm.{x.view}: gone after the rebuild"
                : $"rm.{x.view}: {x.a.Rows} rows recovered, {x.b.Rows} rebuilt, contents differ")
            .ToList();
}
