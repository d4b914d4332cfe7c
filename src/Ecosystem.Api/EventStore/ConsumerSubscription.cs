using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace Ecosystem.Api.EventStore;

/// <summary>
/// Feeds one consumer from Marten's async daemon, which reads the log in sequence order up to its high-water mark
/// (waiting for late commits rather than skipping them) on one node at a time. The engine is resolved on first use,
/// after the document store exists.
/// </summary>
public sealed class ConsumerSubscription : SubscriptionBase
{
    readonly Lazy<ConsumerEngine> engine;

    public ConsumerSubscription(string consumer, Func<ConsumerEngine> engineFactory, int batchSize)
    {
        Name = MartenName(consumer);
        Options.BatchSize = batchSize;
        engine = new Lazy<ConsumerEngine>(engineFactory);
    }

    /// <summary>The daemon's name for a consumer ("projection:programme-roster" → "projection_programme_roster").</summary>
    public static string MartenName(string consumer) => consumer.Replace(':', '_').Replace('-', '_');

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        try
        {
            await engine.Value.HandleAsync(page.Events.Select(EventLog.ToRecorded).ToList(), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The daemon pauses this subscription and restarts it after its health-check interval.
            await engine.Value.RecordErrorAsync(e);
            throw;
        }
        return NullChangeListener.Instance;
    }
}
