using Npgsql;

namespace Ecosystem.Api.Audit;

/// <summary>What verify found first: the event (or leaf) at fault and how.</summary>
/// <param name="Kind">altered, deleted, unchained, not-in-tree, checkpoint-mismatch or checkpoint-signature.</param>
public sealed record TamperFinding(string Kind, long Sequence, Guid? StreamId, long? Version, string Detail);

/// <summary>The outcome of walking every chain and the tree.</summary>
public sealed record VerifyReport(bool Intact, long Events, long Streams, long Leaves, int Checkpoints, long Problems, TamperFinding? First);

/// <summary>
/// Recomputes, independently of the trigger and the checkpoint job, every event's hash from its stored bytes, every
/// stream's chain, every leaf, and the root at every signed checkpoint, in one pass in log order (two ordered reads merged:
/// events with their hash rows, and the tree's leaves; hash rows left by deleted events are read beforehand).
/// </summary>
public sealed class Verifier(NpgsqlDataSource dataSource, MerkleLog tree, AuditSigner signer)
{
    public async Task<VerifyReport> RunAsync(IProgress<(long Done, long Total)>? progress, CancellationToken ct)
    {
        var checkpoints = await tree.CheckpointsAsync(ct);
        long total;
        await using (var count = dataSource.CreateCommand("select coalesce(max(seq_id), 0) from mt_events"))
            total = (long)(await count.ExecuteScalarAsync(ct))!;

        var findings = new Findings();
        // Without the key (a node configured without it) the roots are still recomputed; only the signatures go unchecked.
        foreach (var checkpoint in checkpoints.Where(c => signer.Available && !signer.Verifies(c)))
            findings.Add(new("checkpoint-signature", checkpoint.LastSequence, null, null,
                $"The checkpoint of tree size {checkpoint.TreeSize} does not verify with the service's public key."));

        // Hash rows whose event is gone: normally none, so they are read first and merged in by sequence.
        var orphans = new Queue<(long Sequence, Guid StreamId, long Version)>();
        await using (var command = dataSource.CreateCommand("""
            select h.seq_id, h.stream_id, h.version from ecosystem.event_hashes h
             where not exists (select from mt_events e where e.seq_id = h.seq_id) order by h.seq_id
            """))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) orphans.Enqueue((reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2)));

        // A left join ordered by the events' key streams in index order; a full join would need a sort of the whole log.
        await using var eventsConnection = await dataSource.OpenConnectionAsync(ct);
        await using var leavesConnection = await dataSource.OpenConnectionAsync(ct);
        await using var eventsCommand = new NpgsqlCommand("""
            select e.seq_id, e.id, e.stream_id, e.version, e.type, e.timestamp, e.data::text, e.correlation_id, e.causation_id,
                   e.user_name, e.headers::text, h.hash
              from mt_events e left join ecosystem.event_hashes h on h.seq_id = e.seq_id
             order by e.seq_id
            """, eventsConnection);
        await using var leavesCommand = new NpgsqlCommand("select idx, seq_id, hash from ecosystem.merkle_leaves order by idx", leavesConnection);
        await using var events = await eventsCommand.ExecuteReaderAsync(ct);
        await using var leaves = await leavesCommand.ExecuteReaderAsync(ct);

        var streams = new Dictionary<Guid, (long Version, byte[] Hash)>();
        var frontier = new Merkle.Frontier();
        var nextCheckpoint = 0;
        long eventCount = 0;
        var hasEvent = await events.ReadAsync(ct);
        var hasLeaf = await leaves.ReadAsync(ct);
        while (hasEvent || hasLeaf || orphans.Count > 0)
        {
            var eventSequence = hasEvent ? events.GetInt64(0) : long.MaxValue;
            var leafSequence = hasLeaf ? leaves.GetInt64(1) : long.MaxValue;
            var orphanSequence = orphans.Count > 0 ? orphans.Peek().Sequence : long.MaxValue;
            var sequence = Math.Min(eventSequence, Math.Min(leafSequence, orphanSequence));
            byte[]? recomputed = null;
            if (orphanSequence == sequence)
            {
                var (_, stream, version) = orphans.Dequeue();
                findings.Add(new("deleted", sequence, stream, version, "The event was removed from the log; its hash is still recorded."));
            }
            if (eventSequence == sequence)
            {
                recomputed = Check(events, sequence, streams, findings, hasLeaf: leafSequence == sequence, inTreeRange: hasLeaf);
                if (++eventCount % 10_000 == 0) progress?.Report((sequence, total));
                hasEvent = await events.ReadAsync(ct);
            }
            if (leafSequence == sequence)
            {
                var index = leaves.GetInt64(0);
                var stored = leaves.GetFieldValue<byte[]>(2);
                if (index != frontier.Size)
                    findings.Add(new("deleted", sequence, null, null, $"Leaf {frontier.Size} of the tree is missing (the next stored leaf is {index})."));
                else if (recomputed is null)
                    findings.Add(new("deleted", sequence, null, null, $"Leaf {index} names event {sequence}, which is not in the log."));
                var leaf = recomputed is null ? stored : Merkle.LeafHash(recomputed);
                if (recomputed is not null && !leaf.AsSpan().SequenceEqual(stored))
                    findings.Add(new("altered", sequence, null, null, $"Leaf {index} of the tree does not match event {sequence}'s recomputed hash."));
                frontier.Add(leaf);
                while (nextCheckpoint < checkpoints.Count && checkpoints[nextCheckpoint].TreeSize == frontier.Size)
                {
                    var checkpoint = checkpoints[nextCheckpoint++];
                    if (Convert.ToBase64String(frontier.Root()) != checkpoint.RootHash)
                        findings.Add(new("checkpoint-mismatch", sequence, null, null,
                            $"The events up to sequence {sequence} no longer hash to the root signed at tree size {checkpoint.TreeSize}."));
                }
                hasLeaf = await leaves.ReadAsync(ct);
            }
        }
        foreach (var checkpoint in checkpoints.Skip(nextCheckpoint))
            findings.Add(new("deleted", checkpoint.LastSequence, null, null,
                $"The tree has {frontier.Size} leaves but a checkpoint was signed at tree size {checkpoint.TreeSize}."));
        progress?.Report((total, total));
        return new VerifyReport(findings.Count == 0, eventCount, streams.Count, frontier.Size, checkpoints.Count, findings.Count, findings.First);
    }

    /// <summary>Checks one event with its hash row; returns its recomputed hash (null when it is unchained).</summary>
    static byte[]? Check(NpgsqlDataReader row, long sequence, Dictionary<Guid, (long Version, byte[] Hash)> streams, Findings findings, bool hasLeaf, bool inTreeRange)
    {
        var stored = new StoredEvent(sequence, row.GetGuid(1), row.GetGuid(2), row.GetInt64(3), row.GetString(4), row.GetFieldValue<DateTime>(5),
            row.GetString(6), Text(row, 7), Text(row, 8), Text(row, 9), Text(row, 10));
        var previous = streams.TryGetValue(stored.StreamId, out var last) ? last : (Version: 0L, Hash: HashChain.Genesis);
        if (stored.Version != previous.Version + 1)
            findings.Add(new("deleted", sequence, stored.StreamId, previous.Version + 1,
                $"Version {previous.Version + 1} of the stream is missing before version {stored.Version}."));
        if (row.IsDBNull(11))
        {
            findings.Add(new("unchained", sequence, stored.StreamId, stored.Version, "The event has no hash: it was written with the chain off or behind the trigger's back."));
            streams[stored.StreamId] = (stored.Version, HashChain.Genesis);
            return null;
        }
        var hash = row.GetFieldValue<byte[]>(11);
        // Each link is checked against the stored previous hash, so one altered event is reported once, not with its whole stream.
        var recomputed = HashChain.Hash(previous.Hash, stored);
        if (!recomputed.AsSpan().SequenceEqual(hash))
            findings.Add(new("altered", sequence, stored.StreamId, stored.Version, "The event's stored bytes no longer match its recorded hash."));
        else if (!hasLeaf && inTreeRange)
            findings.Add(new("not-in-tree", sequence, stored.StreamId, stored.Version, "The event is below the tree's newest leaf but is not one of its leaves."));
        streams[stored.StreamId] = (stored.Version, hash);
        return recomputed;
    }

    static string? Text(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    sealed class Findings
    {
        public TamperFinding? First { get; private set; }
        public long Count { get; private set; }

        public void Add(TamperFinding finding)
        {
            Count++;
            if (First is null || finding.Sequence < First.Sequence) First = finding;
        }
    }
}
