using System.ComponentModel.DataAnnotations;
using Ecosystem.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Ecosystem.Api.Audit;

/// <summary>An event's RFC 9162 audit path (base64 hashes, bottom up) to the root of a tree of <see cref="TreeSize"/> leaves.</summary>
public sealed record InclusionProof(long Sequence, long LeafIndex, long TreeSize, string EventHash, string LeafHash, IReadOnlyList<string> AuditPath);

/// <summary>An RFC 9162 consistency proof (base64 hashes) that the tree of <see cref="From"/> leaves is a prefix of the one of <see cref="To"/>.</summary>
public sealed record ConsistencyProof(long From, long To, IReadOnlyList<string> Proof);

/// <summary>Tamper evidence for auditors: signed checkpoints of the Merkle tree, proofs against them, verify, export.</summary>
public static class TamperEvidenceEndpoints
{
    public static RouteGroupBuilder MapTamperEvidence(this RouteGroupBuilder group)
    {
        group.MapGet("/public-key", PublicKey).Produces<string>(200, "application/x-pem-file").WithName("getAuditPublicKey")
            .WithProblemCodes(404, "audit.no-signing-key")
            .WithSummary("The ECDSA P-256 public key (PEM) that verifies checkpoint signatures.");
        group.MapGet("/checkpoints/latest", Latest).WithName("getLatestCheckpoint").WithProblemCodes(404, "audit.no-checkpoint")
            .WithSummary("The newest signed checkpoint: tree size, root hash (base64), time, and the DER signature (base64) over the 'signed' text.");
        group.MapGet("/checkpoints/{treeSize:long}", AtSize).WithName("getCheckpoint").WithProblemCodes(404, "audit.no-checkpoint")
            .WithSummary("The signed checkpoint of exactly that tree size.");
        group.MapPost("/checkpoints", Extend).WithName("signCheckpoint").WithProblemCodes(404, "audit.no-checkpoint", "audit.no-signing-key")
            .WithSummary("Grows the tree up to the daemon's high-water mark now, signs a checkpoint if it grew, and returns the newest one.");
        group.MapGet("/proofs/inclusion", Inclusion).WithName("getInclusionProof")
            .WithProblemCodes(404, "audit.no-checkpoint", "audit.not-in-tree", "audit.beyond-tree")
            .WithSummary("The audit path of the event at a sequence in the tree of treeSize leaves (default: the newest checkpoint's size).");
        group.MapGet("/proofs/consistency", Consistency).WithName("getConsistencyProof")
            .WithProblemCodes(404, "audit.no-checkpoint", "audit.beyond-tree")
            .WithSummary("The consistency proof between the trees of from and to leaves (default to: the newest checkpoint's size).");
        group.MapPost("/verify", Verify).WithName("verifyLog")
            .WithSummary("Recomputes every event's hash, every stream's chain, the tree and every checkpoint's root; names the first event at fault.");
        group.MapGet("/export", Export).Produces<string>(200, AuditExport.ContentType).WithName("exportLog")
            .WithProblemCodes(404, "audit.no-checkpoint")
            .WithSummary("NDJSON: the events between two sequences covered by the newest checkpoint, each with its chain link; last line the checkpoint and the proof tying them to it.");
        return group;
    }

    static Results<ContentHttpResult, ProblemHttpResult> PublicKey(AuditSigner signer) => signer.PublicKeyPem is { } pem
        ? TypedResults.Text(pem + "\n", "application/x-pem-file")
        : NoKey();

    static async Task<Results<Ok<Checkpoint>, ProblemHttpResult>> Latest(MerkleLog tree, CancellationToken ct) =>
        await tree.CheckpointAsync(null, ct) is { } checkpoint ? TypedResults.Ok(checkpoint) : NoCheckpoint("No checkpoint has been signed yet.");

    static async Task<Results<Ok<Checkpoint>, ProblemHttpResult>> AtSize([Range(1, long.MaxValue)] long treeSize, MerkleLog tree, CancellationToken ct) =>
        await tree.CheckpointAsync(treeSize, ct) is { } checkpoint ? TypedResults.Ok(checkpoint) : NoCheckpoint($"No checkpoint was signed at tree size {treeSize}.");

    static async Task<Results<Ok<Checkpoint>, ProblemHttpResult>> Extend(MerkleLog tree, AuditSigner signer, CancellationToken ct)
    {
        if (!signer.Available) return NoKey();
        await tree.ExtendAsync(ct, wait: true);
        return await Latest(tree, ct);
    }

    static async Task<Results<Ok<InclusionProof>, ProblemHttpResult>> Inclusion([Range(1, long.MaxValue)] long sequence, [Range(1, long.MaxValue)] long? treeSize,
        MerkleLog tree, CancellationToken ct)
    {
        var size = treeSize ?? (await tree.CheckpointAsync(null, ct))?.TreeSize;
        if (size is not { } n) return NoCheckpoint("No checkpoint has been signed yet; pass treeSize.");
        if (await BeyondTreeAsync(tree, n, ct) is { } beyond) return beyond;
        if (await tree.LeafAsync(sequence, ct) is not { } leaf)
            return Problem(404, "Not in the tree", $"Event {sequence} is not a leaf of the tree (yet): no such event, or above the high-water mark.", "audit.not-in-tree");
        if (leaf.Index >= n)
            return Problem(404, "Not in the tree", $"Event {sequence} is leaf {leaf.Index}, beyond a tree of {n} leaves.", "audit.not-in-tree");
        var path = await tree.ProveAsync(node => Merkle.InclusionPath(leaf.Index, n, node), ct);
        return TypedResults.Ok(new InclusionProof(sequence, leaf.Index, n, Convert.ToBase64String(leaf.EventHash),
            Convert.ToBase64String(Merkle.LeafHash(leaf.EventHash)), path.Select(Convert.ToBase64String).ToList()));
    }

    static async Task<Results<Ok<ConsistencyProof>, ProblemHttpResult>> Consistency([Range(1, long.MaxValue)] long from, [Range(1, long.MaxValue)] long? to,
        MerkleLog tree, CancellationToken ct)
    {
        var size = to ?? (await tree.CheckpointAsync(null, ct))?.TreeSize;
        if (size is not { } n) return NoCheckpoint("No checkpoint has been signed yet; pass to.");
        if (from > n) throw new InvalidInputException("from", $"from ({from}) must not exceed to ({n}).");
        if (await BeyondTreeAsync(tree, n, ct) is { } beyond) return beyond;
        var proof = await tree.ProveAsync(node => Merkle.ConsistencyProof(from, n, node), ct);
        return TypedResults.Ok(new ConsistencyProof(from, n, proof.Select(Convert.ToBase64String).ToList()));
    }

    static async Task<Ok<VerifyReport>> Verify(Verifier verifier, CancellationToken ct) => TypedResults.Ok(await verifier.RunAsync(null, ct));

    static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Export([Range(0, long.MaxValue)] long? from, [Range(0, long.MaxValue)] long? to,
        MerkleLog tree, NpgsqlDataSource dataSource, Privacy.PersonalData personalData, CancellationToken ct)
    {
        if (from > to) throw new InvalidInputException("from", $"from ({from}) must not exceed to ({to}).");
        if (await tree.CheckpointAsync(null, ct) is not { } checkpoint) return NoCheckpoint("No checkpoint has been signed yet; nothing can be exported with a proof.");
        var (first, end) = await AuditExport.RangeAsync(dataSource, from ?? 0, to ?? checkpoint.LastSequence, checkpoint, ct);
        return TypedResults.Stream(output => AuditExport.WriteAsync(output, dataSource, personalData, tree, checkpoint, first, end, ct), AuditExport.ContentType);
    }

    static async Task<ProblemHttpResult?> BeyondTreeAsync(MerkleLog tree, long n, CancellationToken ct)
    {
        var size = await tree.SizeAsync(ct);
        return n <= size ? null : Problem(404, "Beyond the tree", $"The tree has {size} leaves; no tree of {n} leaves exists yet.", "audit.beyond-tree");
    }

    static ProblemHttpResult NoKey() => Problem(404, "No signing key", "This service has no checkpoint signing key configured (Ecosystem:Audit:SigningKey).", "audit.no-signing-key");

    static ProblemHttpResult NoCheckpoint(string detail) => Problem(404, "No checkpoint", detail, "audit.no-checkpoint");

    static ProblemHttpResult Problem(int status, string title, string detail, string code) =>
        TypedResults.Problem(ProblemExceptionHandler.Problem(status, title, detail, code));
}
