namespace Ecosystem.Bench;

/// <summary>
/// Sizes and durations of one run. <see cref="Full"/> produces docs/BENCHMARKS.md in about 15 minutes on a 2-core
/// machine (fast and durable clusters); <see cref="Quick"/> runs every benchmark at tiny sizes so that ops/test can prove they still run.
/// </summary>
public sealed record BenchSettings
{
    /// <summary>True for the smoke run: figures are printed, never written to docs, never judged.</summary>
    public required bool Quick { get; init; }

    /// <summary>Each measured window before the first repetition, per variant, thrown away.</summary>
    public required TimeSpan Warmup { get; init; }

    /// <summary>How long one measured window of an append benchmark lasts.</summary>
    public required TimeSpan AppendWindow { get; init; }

    /// <summary>How long one measured window of a load benchmark lasts.</summary>
    public required TimeSpan LoadWindow { get; init; }

    /// <summary>Repetitions of every comparison; variants alternate order each repetition and the median is reported.</summary>
    public required int Repetitions { get; init; }

    /// <summary>Concurrent writers of the append comparisons.</summary>
    public required int[] Writers { get; init; }

    /// <summary>Events per transaction of the big-batch comparison (1,000 in full mode).</summary>
    public required int BigBatch { get; init; }

    /// <summary>Stream lengths of the aggregate load comparison.</summary>
    public required int[] LoadSizes { get; init; }

    /// <summary>Concurrent HTTP clients.</summary>
    public required int[] HttpClients { get; init; }

    /// <summary>Upper bound of one HTTP measurement's duration.</summary>
    public required TimeSpan HttpWindow { get; init; }

    /// <summary>Upper bound of one HTTP measurement's request count.</summary>
    public required int HttpMaxRequests { get; init; }

    /// <summary>Requests sent (and thrown away) before each HTTP measurement.</summary>
    public required int HttpWarmupRequests { get; init; }

    /// <summary>How many events a benchmark programme receives at most, so streams stay the size of real ones.</summary>
    public int EventsPerProgramme { get; init; } = 40;

    /// <summary>Events in the generated log that the projection rebuild benchmark replays on the fast cluster (the issue: 1,000,000).</summary>
    public required int RebuildEvents { get; init; }

    /// <summary>The same on the durable cluster (0: not run there).</summary>
    public required int DurableRebuildEvents { get; init; }

    /// <summary>How long one consumer-lag window lasts (appends at a fixed rate, every commit timed).</summary>
    public required TimeSpan LagWindow { get; init; }

    /// <summary>Windows of each consumer-lag variant, interleaved.</summary>
    public required int LagRepetitions { get; init; }

    /// <summary>Events in the log that verify walks and proofs are drawn from (the issue: 1,000,000).</summary>
    public required int AuditEvents { get; init; }

    /// <summary>Inclusion and consistency proofs timed, each.</summary>
    public required int AuditProofs { get; init; }

    /// <summary>How long the live-stream benchmark appends, per client count.</summary>
    public required TimeSpan SseWindow { get; init; }

    /// <summary>Events in the log the feed-paging benchmark reads.</summary>
    public required int FeedEvents { get; init; }

    public static BenchSettings Full { get; } = new()
    {
        SseWindow = TimeSpan.FromSeconds(5),
        FeedEvents = 20_000,
        Quick = false,
        Warmup = TimeSpan.FromMilliseconds(500),
        AppendWindow = TimeSpan.FromSeconds(1),
        LoadWindow = TimeSpan.FromMilliseconds(500),
        Repetitions = 5,
        Writers = [1, 8],
        BigBatch = 1_000,
        LoadSizes = [10, 1_000, 10_000],
        HttpClients = [1, 8, 32],
        HttpWindow = TimeSpan.FromSeconds(3),
        HttpMaxRequests = 6_000,
        HttpWarmupRequests = 200,
        RebuildEvents = 300_000,
        DurableRebuildEvents = 100_000,
        LagWindow = TimeSpan.FromSeconds(4),
        LagRepetitions = 2,
        AuditEvents = 1_000_000,
        AuditProofs = 2_000,
    };

    public static BenchSettings QuickRun { get; } = new()
    {
        SseWindow = TimeSpan.FromMilliseconds(300),
        FeedEvents = 400,
        Quick = true,
        Warmup = TimeSpan.FromMilliseconds(20),
        AppendWindow = TimeSpan.FromMilliseconds(100),
        LoadWindow = TimeSpan.FromMilliseconds(50),
        Repetitions = 1,
        Writers = [1, 8],
        BigBatch = 100,
        LoadSizes = [10, 100],
        HttpClients = [1, 8],
        HttpWindow = TimeSpan.FromMilliseconds(300),
        HttpMaxRequests = 40,
        HttpWarmupRequests = 5,
        RebuildEvents = 3_000,
        DurableRebuildEvents = 3_000,
        LagWindow = TimeSpan.FromMilliseconds(500),
        LagRepetitions = 1,
        AuditEvents = 3_000,
        AuditProofs = 50,
    };
}
