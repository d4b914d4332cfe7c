using Ecosystem.Api.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace Ecosystem.Api.Audit;

/// <summary>
/// The RFC 6962 tree over the hash chain, in log order, grown only up to the async daemon's high-water mark (a sequence
/// below it can no longer commit late, so a leaf's position never changes); its complete subtrees are stored, so a
/// proof reads O(log² n) rows. Each growth ends with a signed checkpoint when a signing key is configured.
/// </summary>
public sealed class MerkleLog(NpgsqlDataSource dataSource, EventLog log, AuditSigner signer, TimeProvider clock)
{
    const int Batch = 50_000;

    /// <summary>
    /// Adds the chained events up to the high-water mark as leaves and signs a checkpoint of the new size. One node at a
    /// time (an advisory lock): the job skips its turn when another holds it (returns false); on demand, it waits.
    /// </summary>
    public async Task<bool> ExtendAsync(CancellationToken ct, bool wait = false)
    {
        var hwm = await log.HighWaterMarkAsync(ct);
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            if (wait) await ScalarAsync<object>(connection, "select pg_advisory_xact_lock(hashtextextended('ecosystem.merkle', 0))::text", ct);
            else if (!await ScalarAsync<bool>(connection, "select pg_try_advisory_xact_lock(hashtextextended('ecosystem.merkle', 0))", ct)) return false;
            var size = await ScalarAsync<long>(connection, "select coalesce(max(idx) + 1, 0) from ecosystem.merkle_leaves", ct);
            var lastSequence = await ScalarAsync<long>(connection, "select coalesce(max(seq_id), 0) from ecosystem.merkle_leaves", ct);
            var stored = await FetchAsync(connection, Merkle.Frontier.Nodes(size).ToList(), ct);
            var frontier = new Merkle.Frontier(size, (level, index) => stored[(level, index)]);

            var leaves = new List<(long Index, long Sequence, byte[] Hash)>();
            var nodes = new List<(int Level, long Index, byte[] Hash)>();
            await using (var command = new NpgsqlCommand(
                "select seq_id, hash from ecosystem.event_hashes where seq_id > $1 and seq_id <= $2 order by seq_id limit $3", connection))
            {
                command.Parameters.Add(new() { Value = lastSequence });
                command.Parameters.Add(new() { Value = hwm });
                command.Parameters.Add(new() { Value = Batch });
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var leaf = Merkle.LeafHash(reader.GetFieldValue<byte[]>(1));
                    leaves.Add((frontier.Size, reader.GetInt64(0), leaf));
                    frontier.Add(leaf, (level, index, hash) => nodes.Add((level, index, hash)));
                }
            }
            if (leaves.Count > 0)
            {
                await using (var copy = await connection.BeginBinaryImportAsync("copy ecosystem.merkle_leaves (idx, seq_id, hash) from stdin (format binary)", ct))
                {
                    foreach (var (index, sequence, hash) in leaves)
                    {
                        await copy.StartRowAsync(ct);
                        await copy.WriteAsync(index, NpgsqlDbType.Bigint, ct);
                        await copy.WriteAsync(sequence, NpgsqlDbType.Bigint, ct);
                        await copy.WriteAsync(hash, NpgsqlDbType.Bytea, ct);
                    }
                    await copy.CompleteAsync(ct);
                }
                await using (var copy = await connection.BeginBinaryImportAsync("copy ecosystem.merkle_nodes (level, idx, hash) from stdin (format binary)", ct))
                {
                    foreach (var (level, index, hash) in nodes)
                    {
                        await copy.StartRowAsync(ct);
                        await copy.WriteAsync((short)level, NpgsqlDbType.Smallint, ct);
                        await copy.WriteAsync(index, NpgsqlDbType.Bigint, ct);
                        await copy.WriteAsync(hash, NpgsqlDbType.Bytea, ct);
                    }
                    await copy.CompleteAsync(ct);
                }
                lastSequence = leaves[^1].Sequence;
            }
            if (signer.Available && frontier.Size > 0)
                await SignAsync(connection, frontier.Size, frontier.Root(), lastSequence, ct);
            await transaction.CommitAsync(ct);
            if (leaves.Count < Batch) return true;
        }
    }

    async Task SignAsync(NpgsqlConnection connection, long size, byte[] root, long lastSequence, CancellationToken ct)
    {
        var at = DateTime.SpecifyKind(new DateTime(clock.GetUtcNow().UtcTicks / 10 * 10), DateTimeKind.Utc);
        var signed = AuditSigner.SignedText(size, Convert.ToBase64String(root), AuditSigner.Format(at));
        await using var command = new NpgsqlCommand("""
            insert into ecosystem.audit_checkpoints (tree_size, root_hash, at, last_sequence, key_id, signature)
            values ($1, $2, $3, $4, $5, $6) on conflict (tree_size) do nothing
            """, connection);
        foreach (var value in new object[] { size, root, at, lastSequence, signer.KeyId!, signer.Sign(signed) })
            command.Parameters.Add(new() { Value = value });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The newest checkpoint, or the one of exactly <paramref name="treeSize"/> leaves; null when there is none.</summary>
    public async Task<Checkpoint?> CheckpointAsync(long? treeSize, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select tree_size, root_hash, at, last_sequence, key_id, signature from ecosystem.audit_checkpoints
             {(treeSize is null ? "" : "where tree_size = $1")} order by tree_size desc limit 1
            """);
        if (treeSize is { } size) command.Parameters.Add(new() { Value = size });
        return (await ReadCheckpointsAsync(command, ct)).FirstOrDefault();
    }

    /// <summary>Every checkpoint, smallest first.</summary>
    public async Task<List<Checkpoint>> CheckpointsAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "select tree_size, root_hash, at, last_sequence, key_id, signature from ecosystem.audit_checkpoints order by tree_size");
        return await ReadCheckpointsAsync(command, ct);
    }

    static async Task<List<Checkpoint>> ReadCheckpointsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var checkpoints = new List<Checkpoint>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var root = Convert.ToBase64String(reader.GetFieldValue<byte[]>(1));
            var time = AuditSigner.Format(reader.GetFieldValue<DateTime>(2));
            checkpoints.Add(new Checkpoint(reader.GetInt64(0), root, time, reader.GetInt64(3), reader.GetString(4),
                Convert.ToBase64String(reader.GetFieldValue<byte[]>(5)), AuditSigner.SignedText(reader.GetInt64(0), root, time)));
        }
        return checkpoints;
    }

    /// <summary>How many leaves the tree has.</summary>
    public async Task<long> SizeAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select coalesce(max(idx) + 1, 0) from ecosystem.merkle_leaves");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The leaf index and event hash of the event at <paramref name="sequence"/>, when it is in the tree.</summary>
    public async Task<(long Index, byte[] EventHash)?> LeafAsync(long sequence, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select l.idx, h.hash from ecosystem.merkle_leaves l join ecosystem.event_hashes h using (seq_id) where l.seq_id = $1
            """);
        command.Parameters.Add(new() { Value = sequence });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)) : null;
    }

    /// <summary>Runs a proof computation over the stored nodes, fetched in one round trip.</summary>
    public async Task<T> ProveAsync<T>(Func<Func<int, long, byte[]>, T> compute, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await Merkle.WithNodesAsync(compute, async wanted => await FetchAsync(connection, wanted, ct));
    }

    static async Task<IReadOnlyDictionary<(int, long), byte[]>> FetchAsync(NpgsqlConnection connection, IReadOnlyCollection<(int Level, long Index)> wanted,
        CancellationToken ct)
    {
        var found = new Dictionary<(int, long), byte[]>();
        if (wanted.Count == 0) return found;
        await using var command = new NpgsqlCommand("""
            select 0, idx, hash from ecosystem.merkle_leaves where idx = any($1)
            union all
            select n.level, n.idx, n.hash from unnest($2::smallint[], $3::bigint[]) k (level, idx)
              cross join lateral (select level, idx, hash from ecosystem.merkle_nodes n where n.level = k.level and n.idx = k.idx) n
            """, connection);
        command.Parameters.Add(new() { Value = wanted.Where(w => w.Level == 0).Select(w => w.Index).ToArray() });
        command.Parameters.Add(new() { Value = wanted.Where(w => w.Level > 0).Select(w => (short)w.Level).ToArray() });
        command.Parameters.Add(new() { Value = wanted.Where(w => w.Level > 0).Select(w => w.Index).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found[(reader.GetInt32(0), reader.GetInt64(1))] = reader.GetFieldValue<byte[]>(2);
        return found;
    }

    static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}

/// <summary>Grows the tree and signs a checkpoint every few seconds when the log grew (one node at a time).</summary>
public sealed class CheckpointJob(MerkleLog tree, Infrastructure.EcosystemOptions options, ILogger<CheckpointJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Audit.CheckpointIntervalSeconds)));
        do
        {
            try
            {
                await tree.ExtendAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not extend the Merkle tree; retrying at the next tick");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
