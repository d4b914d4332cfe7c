using System.Buffers;
using System.Text.Json;
using Npgsql;

namespace Ecosystem.Api.Audit;

/// <summary>
/// An NDJSON export of the events between two sequences that the newest checkpoint covers: one event per line with its
/// chain link (prevHash, hash) and leaf index, <c>data</c> and <c>headers</c> as the exact text the hash covers (personal data
/// sealed), <c>view</c> the event's body as readers see it (personal data opened, or "[erased]"); the last
/// line holds the signed checkpoint and the hashes that, with the exported leaves, rebuild its root (Merkle.RangeProof).
/// </summary>
public static class AuditExport
{
    public const string ContentType = "application/x-ndjson";

    /// <summary>The leaf range [first, end) of the events with sequences in [from, to] under the checkpoint.</summary>
    public static async Task<(long First, long End)> RangeAsync(NpgsqlDataSource dataSource, long from, long to, Checkpoint checkpoint, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "select min(idx), max(idx) from ecosystem.merkle_leaves where seq_id between $1 and $2 and idx < $3");
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = to });
        command.Parameters.Add(new() { Value = checkpoint.TreeSize });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return reader.IsDBNull(0) ? (0, 0) : (reader.GetInt64(0), reader.GetInt64(1) + 1);
    }

    static readonly string[] Nullable = ["correlationId", "causationId", "userName", "headers"];
    static readonly JsonSerializerOptions Options = Infrastructure.Json.Create();
    // Quotes and '+' as themselves, so that data reads as the JSON it is; still valid JSON either way.
    static readonly JsonWriterOptions Writer = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(Stream output, NpgsqlDataSource dataSource, Privacy.PersonalData personalData, MerkleLog tree, Checkpoint checkpoint,
        long first, long end, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>();
        await using (var command = dataSource.CreateCommand("""
            select l.idx, e.seq_id, e.id, e.stream_id, e.version, e.type, e.timestamp, e.data::text, e.correlation_id, e.causation_id, e.user_name,
                   e.headers::text, h.prev_hash, h.hash
              from ecosystem.merkle_leaves l join mt_events e using (seq_id) join ecosystem.event_hashes h using (seq_id)
             where l.idx >= $1 and l.idx < $2 order by l.idx
            """))
        {
            command.Parameters.Add(new() { Value = first });
            command.Parameters.Add(new() { Value = end });
            await using var reader = await command.ExecuteReaderAsync(ct);
            var lines = 0;
            while (await reader.ReadAsync(ct))
            {
                buffer.ResetWrittenCount();
                using (var json = new Utf8JsonWriter(buffer, Writer))
                {
                    json.WriteStartObject();
                    json.WriteNumber("leafIndex", reader.GetInt64(0));
                    json.WriteNumber("sequence", reader.GetInt64(1));
                    json.WriteString("id", reader.GetGuid(2));
                    json.WriteString("streamId", reader.GetGuid(3));
                    json.WriteNumber("version", reader.GetInt64(4));
                    json.WriteString("type", reader.GetString(5));
                    json.WriteString("time", AuditSigner.Format(reader.GetFieldValue<DateTime>(6)));
                    json.WriteString("data", reader.GetString(7));
                    json.WritePropertyName("view");
                    json.WriteRawValue(personalData.Reveal(reader.GetString(7)), skipInputValidation: true);
                    for (var i = 0; i < Nullable.Length; i++)
                        if (reader.IsDBNull(8 + i)) json.WriteNull(Nullable[i]);
                        else json.WriteString(Nullable[i], reader.GetString(8 + i));
                    json.WriteBase64String("prevHash", reader.GetFieldValue<byte[]>(12));
                    json.WriteBase64String("hash", reader.GetFieldValue<byte[]>(13));
                    json.WriteEndObject();
                }
                buffer.Write("\n"u8);
                await output.WriteAsync(buffer.WrittenMemory, ct);
                if (++lines % 1000 == 0) await output.FlushAsync(ct);
            }
        }
        var proof = await tree.ProveAsync(node => Merkle.RangeProof(first, end, checkpoint.TreeSize, node), ct);
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer, Writer))
            JsonSerializer.Serialize(json, new
            {
                checkpoint,
                proof = new { firstLeaf = first, leafCount = end - first, hashes = proof.Select(Convert.ToBase64String) },
            }, Options);
        buffer.Write("\n"u8);
        await output.WriteAsync(buffer.WrittenMemory, ct);
        await output.FlushAsync(ct);
    }
}
