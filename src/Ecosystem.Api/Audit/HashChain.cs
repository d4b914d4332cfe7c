using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Ecosystem.Api.Audit;

/// <summary>An event as stored in mt_events, in the form the hash chain covers: <c>data</c> and <c>headers</c> as PostgreSQL renders the jsonb.</summary>
public sealed record StoredEvent(long Sequence, Guid Id, Guid StreamId, long Version, string Type, DateTime Time, string Data,
    string? CorrelationId, string? CausationId, string? UserName, string? Headers);

/// <summary>
/// The per-stream hash chain, recomputed here independently of the trigger that writes it (migration 2 of
/// EcosystemMigrations): hash = SHA-256(previous hash in the stream (32 zero bytes for version 1) || canonical bytes).
/// The canonical bytes are big-endian sequence, the event id and stream id (RFC 4122 byte order), big-endian version,
/// then type, time (microseconds since 1970, big-endian int64), data, correlation, causation, user name and headers, each
/// text as a 4-byte big-endian length and its UTF-8 bytes (length −1 for null).
/// </summary>
public static class HashChain
{
    public static readonly byte[] Genesis = new byte[32];

    public static byte[] Hash(ReadOnlySpan<byte> previous, StoredEvent e)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> buffer = stackalloc byte[16];
        sha.AppendData(previous);
        BinaryPrimitives.WriteInt64BigEndian(buffer, e.Sequence);
        sha.AppendData(buffer[..8]);
        e.Id.TryWriteBytes(buffer, bigEndian: true, out _);
        sha.AppendData(buffer);
        e.StreamId.TryWriteBytes(buffer, bigEndian: true, out _);
        sha.AppendData(buffer);
        BinaryPrimitives.WriteInt64BigEndian(buffer, e.Version);
        sha.AppendData(buffer[..8]);
        Text(sha, e.Type);
        BinaryPrimitives.WriteInt64BigEndian(buffer, Microseconds(e.Time));
        sha.AppendData(buffer[..8]);
        Text(sha, e.Data);
        Text(sha, e.CorrelationId);
        Text(sha, e.CausationId);
        Text(sha, e.UserName);
        Text(sha, e.Headers);
        return sha.GetHashAndReset();
    }

    public static long Microseconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    static void Text(IncrementalHash sha, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            sha.AppendData(length);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        sha.AppendData(length);
        sha.AppendData(bytes);
    }
}
