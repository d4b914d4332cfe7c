using System.Collections.Concurrent;
using System.Security.Cryptography;
using Npgsql;

namespace Ecosystem.Api.Privacy;

/// <summary>
/// One AES-256 key per person, in <c>ecosystem.person_keys</c> (never exported). A key is created the first time a
/// person's data is written and set to null when the person is erased; the null row stays so the person is never
/// given a new key. Keys are cached per node; an erasure evicts them everywhere through a notification.
/// </summary>
public sealed class PersonKeys(NpgsqlDataSource dataSource)
{
    public const string ErasedChannel = "ecosystem_person_erased";

    readonly ConcurrentDictionary<Guid, byte[]?> cache = new();

    /// <summary>Makes sure every person has a key (or is known to be erased) and caches the answer.</summary>
    public async Task EnsureAsync(IReadOnlyCollection<Guid> people, CancellationToken ct)
    {
        var missing = people.Where(p => !cache.ContainsKey(p)).Distinct().ToArray();
        if (missing.Length == 0) return;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        foreach (var (person, key) in await EnsureAsync(connection, missing, ct)) cache[person] = key;
    }

    /// <summary>The person's key, created when the person has none; null once the person has been erased.</summary>
    public byte[]? KeyFor(Guid person, bool create)
    {
        if (cache.TryGetValue(person, out var cached)) return cached;
        using var connection = dataSource.OpenConnection();
        var found = create
            ? EnsureAsync(connection, [person], CancellationToken.None).GetAwaiter().GetResult()
            : Select(connection, person);
        if (!found.TryGetValue(person, out var key)) return null;
        cache[person] = key;
        return key;
    }

    public void Evict(Guid person) => cache.TryRemove(person, out _);

    public void EvictAll() => cache.Clear();

    static async Task<Dictionary<Guid, byte[]?>> EnsureAsync(NpgsqlConnection connection, Guid[] people, CancellationToken ct)
    {
        // Another node may be inserting the same person: the insert then waits for it and does nothing, and a second
        // look (a new snapshot) sees its key. Everyone encrypts with the key that is stored.
        for (var attempt = 1; ; attempt++)
        {
            await using var command = new NpgsqlCommand("""
                with created as (
                    insert into ecosystem.person_keys (person_id, key) select * from unnest($1::uuid[], $2::bytea[])
                    on conflict (person_id) do nothing returning person_id, key)
                select person_id, key from created
                union all
                select person_id, key from ecosystem.person_keys where person_id = any($1) and person_id not in (select person_id from created)
                """, connection);
            command.Parameters.Add(new() { Value = people });
            command.Parameters.Add(new() { Value = people.Select(_ => RandomNumberGenerator.GetBytes(32)).ToArray() });
            var found = new Dictionary<Guid, byte[]?>();
            await using (var reader = await command.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) found[reader.GetGuid(0)] = reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1);
            if (found.Count == people.Length || attempt == 3) return found;
        }
    }

    static Dictionary<Guid, byte[]?> Select(NpgsqlConnection connection, Guid person)
    {
        using var command = new NpgsqlCommand("select key from ecosystem.person_keys where person_id = $1", connection);
        command.Parameters.Add(new() { Value = person });
        using var reader = command.ExecuteReader();
        return reader.Read() ? new() { [person] = reader.IsDBNull(0) ? null : reader.GetFieldValue<byte[]>(0) } : [];
    }
}
