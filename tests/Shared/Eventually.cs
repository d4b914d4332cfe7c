namespace Ecosystem.Tests.Shared;

/// <summary>Waits, bounded, for something the system does asynchronously (consumers, reactors, a restarted process).</summary>
public static class Eventually
{
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, int seconds = 30, Func<string>? because = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition not met within {seconds} s. {because?.Invoke()}");
            await Task.Delay(25);
        }
    }

    /// <summary>Every read-model view (schema rm) as canonical JSON with rows in a fixed order, so two snapshots compare exactly.</summary>
    public static async Task<Dictionary<string, string>> SnapshotReadModelsAsync(Npgsql.NpgsqlDataSource dataSource)
    {
        var views = new List<string>();
        await using (var command = dataSource.CreateCommand("select table_name from information_schema.views where table_schema = 'rm' order by 1"))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) views.Add(reader.GetString(0));
        var snapshot = new Dictionary<string, string>();
        foreach (var view in views)
        {
            await using var command = dataSource.CreateCommand($"select coalesce(jsonb_agg(to_jsonb(v) order by to_jsonb(v)::text), '[]')::text from rm.{view} v");
            snapshot[view] = (string)(await command.ExecuteScalarAsync())!;
        }
        return snapshot;
    }
}
