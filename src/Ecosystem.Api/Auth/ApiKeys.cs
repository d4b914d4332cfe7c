using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Ecosystem.Api.Auth;

public sealed record ApiKey(Guid Id, string Name, string Role, IReadOnlyList<string> Organisations, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// API keys live only as SHA-256 hashes: a key is 32 random bytes, so a fast hash is as safe as a slow one
/// and keeps every request's lookup cheap. The secret is shown once, at creation.
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource)
{
    public static string NewSecret() => "eco_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, string role, IReadOnlyList<string> organisations, string createdBy, CancellationToken ct)
    {
        var secret = NewSecret();
        var id = Guid.CreateVersion7();
        await using var command = dataSource.CreateCommand("""
            insert into api.api_keys (id, name, role, organisations, key_hash, created_by) values ($1, $2, $3, $4, $5, $6)
            returning created_at
            """);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = role });
        command.Parameters.Add(new() { Value = organisations.ToArray() });
        command.Parameters.Add(new() { Value = Hash(secret) });
        command.Parameters.Add(new() { Value = createdBy });
        var createdAt = (DateTime)(await command.ExecuteScalarAsync(ct))!;
        return (new ApiKey(id, name, role, organisations, new DateTimeOffset(createdAt, TimeSpan.Zero), null), secret);
    }

    public async Task<ApiKey?> FindActiveAsync(string secret, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "select id, name, role, organisations, created_at, revoked_at from api.api_keys where key_hash = $1 and revoked_at is null");
        command.Parameters.Add(new() { Value = Hash(secret) });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "select id, name, role, organisations, created_at, revoked_at from api.api_keys order by created_at");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(ct)) keys.Add(Read(reader));
        return keys;
    }

    /// <summary>Revokes a key; false when no such key exists. Revoking twice is harmless.</summary>
    public async Task<bool> RevokeAsync(Guid id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("update api.api_keys set revoked_at = coalesce(revoked_at, now()) where id = $1");
        command.Parameters.Add(new() { Value = id });
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    static ApiKey Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3),
        reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5));
}
