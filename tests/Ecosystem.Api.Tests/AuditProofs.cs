using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ecosystem.Tests.Shared;
using static Ecosystem.Api.Tests.ApiFixture;

namespace Ecosystem.Api.Tests;

/// <summary>
/// What an auditor's own tooling does, written from RFC 9162 (§2.1.3.2, §2.1.4.2) and the documented signed text, without
/// the server's Merkle code: so the tests check the server's proofs, not the server against itself.
/// </summary>
static class AuditProofs
{
    public static byte[] Leaf(byte[] eventHash) => SHA256.HashData([0, .. eventHash]);
    static byte[] Node(byte[] left, byte[] right) => SHA256.HashData([1, .. left, .. right]);

    public static bool VerifyInclusion(long index, long size, byte[] leaf, IReadOnlyList<byte[]> path, byte[] root)
    {
        if (index >= size) return false;
        var (fn, sn, r) = (index, size - 1, leaf);
        foreach (var p in path)
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = Node(p, r);
                while ((fn & 1) == 0 && fn != 0) (fn, sn) = (fn >> 1, sn >> 1);
            }
            else r = Node(r, p);
            (fn, sn) = (fn >> 1, sn >> 1);
        }
        return sn == 0 && r.SequenceEqual(root);
    }

    public static bool VerifyConsistency(long m, long n, IReadOnlyList<byte[]> proof, byte[] oldRoot, byte[] newRoot)
    {
        if (m == n) return proof.Count == 0 && oldRoot.SequenceEqual(newRoot);
        if (m == 0 || m > n || proof.Count == 0) return false;
        var path = (m & (m - 1)) == 0 ? [oldRoot, .. proof] : proof.ToList();
        var (fn, sn) = (m - 1, n - 1);
        while ((fn & 1) == 1) (fn, sn) = (fn >> 1, sn >> 1);
        var (fr, sr) = (path[0], path[0]);
        foreach (var c in path.Skip(1))
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                (fr, sr) = (Node(c, fr), Node(c, sr));
                while ((fn & 1) == 0 && fn != 0) (fn, sn) = (fn >> 1, sn >> 1);
            }
            else sr = Node(sr, c);
            (fn, sn) = (fn >> 1, sn >> 1);
        }
        return sn == 0 && fr.SequenceEqual(oldRoot) && sr.SequenceEqual(newRoot);
    }

    /// <summary>Checks the signature over the documented text rebuilt from the checkpoint's fields (not over its 'signed' field).</summary>
    public static bool Signed(JsonNode checkpoint, string publicKeyPem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(publicKeyPem);
        var text = $"ecosystem checkpoint v1\n{checkpoint["treeSize"]}\n{checkpoint["rootHash"]}\n{checkpoint["time"]}\n";
        return key.VerifyData(Encoding.UTF8.GetBytes(text), Convert.FromBase64String(checkpoint["signature"]!.GetValue<string>()),
            HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    public static byte[] Bytes(JsonNode? node) => Convert.FromBase64String(node!.GetValue<string>());
    public static List<byte[]> Hashes(JsonNode? node) => node!.AsArray().Select(Bytes).ToList();

    /// <summary>Asks for a checkpoint until one covers <paramref name="sequence"/> (the tree grows only up to the daemon's high-water mark).</summary>
    public static async Task<JsonNode> CheckpointCoveringAsync(HttpClient client, long sequence)
    {
        JsonNode checkpoint = null!;
        await Eventually.WaitUntilAsync(async () =>
        {
            var response = await client.PostAsync("/api/audit/checkpoints", null);
            // 404 audit.no-checkpoint: the daemon's high-water mark has not passed the first event yet.
            if (response.StatusCode == HttpStatusCode.NotFound) return false;
            checkpoint = await Json(response, HttpStatusCode.OK);
            return checkpoint["lastSequence"]!.GetValue<long>() >= sequence;
        }, because: () => $"the newest checkpoint covers up to {checkpoint?["lastSequence"]}, not {sequence}");
        return checkpoint;
    }

    /// <summary>The sequence of a stream's event at a version.</summary>
    public static async Task<long> SequenceOfAsync(TestDatabase database, Guid stream, long version)
    {
        await using var command = database.DataSource.CreateCommand("select seq_id from mt_events where stream_id = $1 and version = $2");
        command.Parameters.Add(new() { Value = stream });
        command.Parameters.Add(new() { Value = version });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<long> NewestSequenceAsync(TestDatabase database)
    {
        await using var command = database.DataSource.CreateCommand("select max(seq_id) from mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(TestDatabase database, string sql, params object[] values)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>Runs ops/audit-verify (Python 3 and openssl, as an auditor would); returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> AuditVerifyAsync(params string[] args)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Ecosystem.sln"))) root = root.Parent!;
        var info = new System.Diagnostics.ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(root.FullName, "ops", "audit-verify"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout + await stderr);
    }
}
