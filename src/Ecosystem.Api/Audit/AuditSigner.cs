using System.Security.Cryptography;
using System.Text;

namespace Ecosystem.Api.Audit;

/// <summary>Tamper-evidence settings (section Ecosystem:Audit).</summary>
public sealed class AuditOptions
{
    /// <summary>Path of the PEM file holding the ECDSA P-256 private key that signs checkpoints; none: no checkpoints.</summary>
    public string? SigningKey { get; set; }
    /// <summary>Write the hash chain on this node's appends. Off only to measure what it costs: verify then reports the unchained events.</summary>
    public bool HashChain { get; set; } = true;
    /// <summary>How often the checkpoint job extends the tree and, when the log grew, signs a checkpoint.</summary>
    public int CheckpointIntervalSeconds { get; set; } = 10;
}

/// <summary>A signed statement of the tree: its size, its root and when; <see cref="Signed"/> is the exact text signed.</summary>
public sealed record Checkpoint(long TreeSize, string RootHash, string Time, long LastSequence, string KeyId, string Signature, string Signed);

/// <summary>The checkpoint signing key (ECDSA P-256, SHA-256, DER signatures that <c>openssl dgst -verify</c> accepts).</summary>
public sealed class AuditSigner
{
    const string P256 = "1.2.840.10045.3.1.7";
    readonly ECDsa? key;

    public AuditSigner(Infrastructure.EcosystemOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Audit.SigningKey)) return;
        var pem = File.ReadAllText(options.Audit.SigningKey);
        key = ECDsa.Create();
        key.ImportFromPem(pem);
        if (key.ExportParameters(false).Curve.Oid.Value != P256)
            throw new InvalidOperationException($"Ecosystem:Audit:SigningKey ({options.Audit.SigningKey}) is not an ECDSA P-256 key.");
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    public bool Available => key is not null;
    public string? PublicKeyPem { get; }
    /// <summary>The first 16 hex digits of SHA-256 over the public key's DER (SubjectPublicKeyInfo).</summary>
    public string? KeyId { get; }

    /// <summary>The text a checkpoint's signature covers.</summary>
    public static string SignedText(long treeSize, string rootHash, string time) => $"ecosystem checkpoint v1\n{treeSize}\n{rootHash}\n{time}\n";

    /// <summary>Checkpoint times: UTC, microseconds, as stored.</summary>
    public static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public byte[] Sign(string text) =>
        (key ?? throw new InvalidOperationException("No signing key.")).SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public bool Verifies(Checkpoint checkpoint) =>
        key is not null && AuditSigner.SignedText(checkpoint.TreeSize, checkpoint.RootHash, checkpoint.Time) == checkpoint.Signed
        && key.VerifyData(Encoding.UTF8.GetBytes(checkpoint.Signed), Convert.FromBase64String(checkpoint.Signature), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
}
