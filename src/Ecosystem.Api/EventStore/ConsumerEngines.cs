namespace Ecosystem.Api.EventStore;

/// <summary>One engine per consumer (every projection and reactor), as the daemon's subscriptions and the admin endpoints find them.</summary>
public sealed class ConsumerEngines(EventLog log, IEnumerable<IProjection> projections, IEnumerable<IEventConsumer> reactors, ConsumerOptions options, ILoggerFactory loggers)
{
    readonly IReadOnlyDictionary<string, ConsumerEngine> engines = projections.Select(p => (IEventConsumer)new ProjectionConsumer(p)).Concat(reactors)
        .ToDictionary(c => c.Name, c => new ConsumerEngine(log, c, options, loggers.CreateLogger($"Ecosystem.Consumers.{c.Name}")));

    /// <summary>Every consumer's name.</summary>
    public IReadOnlyCollection<string> Names => engines.Keys.ToList();

    /// <summary>The engine of a consumer, or null when there is none of that name.</summary>
    public ConsumerEngine? Find(string name) => engines.GetValueOrDefault(name);

    /// <summary>The engine of a consumer.</summary>
    public ConsumerEngine For(string name) => Find(name) ?? throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown consumer.");
}
