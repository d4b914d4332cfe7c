namespace Ecosystem.Api.Webhooks;

/// <summary>Operator settings for webhook delivery (section <c>Ecosystem:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>Allow targets on private, loopback, link-local and metadata addresses (off: those are refused, SSRF).</summary>
    public bool AllowPrivateTargets { get; set; }
    /// <summary>Attempts per delivery, the first included, before it is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 10;
    /// <summary>Delay before the first retry; it doubles per attempt (with jitter) up to <see cref="MaxRetryDelayMs"/>.</summary>
    public int FirstRetryDelayMs { get; set; } = 5_000;
    public int MaxRetryDelayMs { get; set; } = 3_600_000;
    /// <summary>A receiver's whole answer must arrive within this.</summary>
    public int TimeoutMs { get; set; } = 10_000;
    /// <summary>Retries due sooner than this are waited for by the running worker; later ones become scheduled messages.</summary>
    public int HoldRetriesUpToMs { get; set; } = 1_000;
    /// <summary>How long an idle worker waits for more events before it lets its subscription go (saves a queued wake-up per event).</summary>
    public int IdleLingerMs { get; set; } = 250;
    /// <summary>How often each node looks for due deliveries nobody is working on (a lost wake-up, another node's crash).</summary>
    public int SweepIntervalMs { get; set; } = 5_000;
    /// <summary>Streams of one subscription delivered at once (each stream stays in order).</summary>
    public int Parallelism { get; set; } = 8;
    /// <summary>The CloudEvents <c>source</c> of every delivery.</summary>
    public string Source { get; set; } = "urn:ecosystem:events";
}
