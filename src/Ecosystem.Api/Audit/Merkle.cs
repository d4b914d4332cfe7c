using System.Numerics;
using System.Security.Cryptography;

namespace Ecosystem.Api.Audit;

/// <summary>
/// RFC 6962 / RFC 9162 Merkle tree hashing over a lookup of complete subtrees: node (level, index) covers leaves
/// [index·2^level, (index+1)·2^level). Every other subtree the RFC's split produces is composed from complete ones, so a
/// proof needs O(log² n) stored hashes at worst and never rehashes leaves.
/// </summary>
public static class Merkle
{
    public static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        Span<byte> input = stackalloc byte[data.Length + 1];
        input[0] = 0;
        data.CopyTo(input[1..]);
        return SHA256.HashData(input);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[65];
        input[0] = 1;
        left.CopyTo(input[1..]);
        right.CopyTo(input[33..]);
        return SHA256.HashData(input);
    }

    /// <summary>The largest power of two smaller than <paramref name="n"/> (n ≥ 2): the RFC's split point.</summary>
    public static long Split(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    /// <summary>MTH of leaves [lo, hi), a range the RFC's recursion produces (lo a multiple of the largest power of two ≥ hi − lo).</summary>
    public static byte[] Range(long lo, long hi, Func<int, long, byte[]> node)
    {
        var size = hi - lo;
        if (BitOperations.IsPow2(size))
        {
            var level = BitOperations.Log2((ulong)size);
            return node(level, lo >> level);
        }
        var k = Split(size);
        return NodeHash(Range(lo, lo + k, node), Range(lo + k, hi, node));
    }

    /// <summary>RFC 9162 §2.1.3.1 PATH(m, D[n]): the audit path of leaf <paramref name="m"/> in the tree of size <paramref name="n"/>, bottom up.</summary>
    public static List<byte[]> InclusionPath(long m, long n, Func<int, long, byte[]> node)
    {
        var path = new List<byte[]>();
        Path(m, 0, n);
        return path;

        void Path(long leaf, long lo, long hi)
        {
            if (hi - lo <= 1) return;
            var k = Split(hi - lo);
            if (leaf < lo + k)
            {
                Path(leaf, lo, lo + k);
                path.Add(Range(lo + k, hi, node));
            }
            else
            {
                Path(leaf, lo + k, hi);
                path.Add(Range(lo, lo + k, node));
            }
        }
    }

    /// <summary>RFC 9162 §2.1.4.1 PROOF(m, D[n]): the consistency proof from size <paramref name="m"/> to size <paramref name="n"/> (0 &lt; m ≤ n).</summary>
    public static List<byte[]> ConsistencyProof(long m, long n, Func<int, long, byte[]> node)
    {
        var proof = new List<byte[]>();
        if (m < n) Sub(m, 0, n, true);
        return proof;

        void Sub(long size, long lo, long hi, bool complete)
        {
            if (size == hi - lo)
            {
                if (!complete) proof.Add(Range(lo, hi, node));
                return;
            }
            var k = Split(hi - lo);
            if (size <= k)
            {
                Sub(size, lo, lo + k, complete);
                proof.Add(Range(lo + k, hi, node));
            }
            else
            {
                Sub(size - k, lo + k, hi, false);
                proof.Add(Range(lo, lo + k, node));
            }
        }
    }

    /// <summary>
    /// The hashes an offline verifier needs, with the leaves [first, end) it recomputes itself, to rebuild the root of the tree of
    /// size <paramref name="n"/>: the subtrees of the RFC's recursion that lie wholly outside the range, left to right.
    /// </summary>
    public static List<byte[]> RangeProof(long first, long end, long n, Func<int, long, byte[]> node)
    {
        var proof = new List<byte[]>();
        Cover(0, n);
        return proof;

        void Cover(long lo, long hi)
        {
            if (hi <= first || lo >= end) proof.Add(Range(lo, hi, node));
            else if (lo < first || hi > end)
            {
                var k = Split(hi - lo);
                Cover(lo, lo + k);
                Cover(lo + k, hi);
            }
        }
    }

    /// <summary>
    /// Runs a proof computation twice: first to learn which stored nodes it reads, then, with all of them fetched in one
    /// round trip, for real.
    /// </summary>
    public static async Task<T> WithNodesAsync<T>(Func<Func<int, long, byte[]>, T> compute,
        Func<IReadOnlyCollection<(int Level, long Index)>, Task<IReadOnlyDictionary<(int, long), byte[]>>> fetch)
    {
        var wanted = new HashSet<(int, long)>();
        compute((level, index) =>
        {
            wanted.Add((level, index));
            return Genesis32;
        });
        var nodes = await fetch(wanted);
        return compute((level, index) => nodes.TryGetValue((level, index), out var hash)
            ? hash
            : throw new InvalidOperationException($"Merkle node ({level}, {index}) is missing."));
    }

    static readonly byte[] Genesis32 = new byte[32];

    /// <summary>The tree's right edge as it grows leaf by leaf: one complete subtree per set bit of the size, largest first.</summary>
    public sealed class Frontier
    {
        readonly List<(int Level, byte[] Hash)> stack = [];

        public long Size { get; private set; }

        public Frontier() { }

        /// <summary>A frontier restored from the stored complete subtrees of a tree of <paramref name="size"/> leaves.</summary>
        public Frontier(long size, Func<int, long, byte[]> node)
        {
            Size = size;
            long offset = 0;
            for (var level = 62; level >= 0; level--)
            {
                if ((size & (1L << level)) == 0) continue;
                stack.Add((level, node(level, offset >> level)));
                offset += 1L << level;
            }
        }

        /// <summary>The complete subtrees a size's frontier consists of.</summary>
        public static IEnumerable<(int Level, long Index)> Nodes(long size)
        {
            long offset = 0;
            for (var level = 62; level >= 0; level--)
            {
                if ((size & (1L << level)) == 0) continue;
                yield return (level, offset >> level);
                offset += 1L << level;
            }
        }

        /// <summary>Adds a leaf hash; <paramref name="completed"/> hears every complete subtree above the leaves that it closes.</summary>
        public void Add(byte[] leafHash, Action<int, long, byte[]>? completed = null)
        {
            var index = Size;
            stack.Add((0, leafHash));
            Size++;
            while (stack.Count >= 2 && stack[^1].Level == stack[^2].Level)
            {
                var (level, right) = stack[^1];
                var left = stack[^2].Hash;
                stack.RemoveRange(stack.Count - 2, 2);
                var merged = NodeHash(left, right);
                stack.Add((level + 1, merged));
                completed?.Invoke(level + 1, index >> (level + 1), merged);
            }
        }

        /// <summary>MTH of every leaf so far (the RFC's split folds the right edge from the right); SHA-256 of nothing when empty.</summary>
        public byte[] Root()
        {
            if (stack.Count == 0) return SHA256.HashData([]);
            var hash = stack[^1].Hash;
            for (var i = stack.Count - 2; i >= 0; i--) hash = NodeHash(stack[i].Hash, hash);
            return hash;
        }
    }
}
