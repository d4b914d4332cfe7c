using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Ecosystem.Api.EventStore;

/// <summary>An aggregate's state as Marten folds it with the domain's Evolve; stored as a document when the fold is inline.</summary>
public sealed class AggregateDocument<TState>
{
    public Guid Id { get; set; }

    public TState State { get; set; } = default!;

    /// <summary>The version of the last event of this aggregate folded in.</summary>
    public long Version { get; set; }
}

/// <summary>
/// Marten's fold of one kind of stream through the domain's pure <c>Evolve</c>. Events of another kind leave the
/// document absent, so a stream of another kind reads as no aggregate of this one.
/// </summary>
public sealed class DeciderProjection<TCommand, TEvent, TState> : SingleStreamProjection<AggregateDocument<TState>, Guid>
    where TEvent : notnull where TState : notnull
{
    readonly Decider<TCommand, TEvent, TState> decider;

    public DeciderProjection(Decider<TCommand, TEvent, TState> decider, IEnumerable<Type> eventTypes)
    {
        this.decider = decider;
        Name = $"{decider.StreamType}-state";
        foreach (var type in eventTypes) IncludeType(type);
    }

    public override AggregateDocument<TState>? Evolve(AggregateDocument<TState>? snapshot, Guid id, IEvent e) =>
        e.Data is TEvent domainEvent
            ? new AggregateDocument<TState> { Id = id, State = decider.Evolve(snapshot is null ? decider.Initial : snapshot.State, domainEvent), Version = e.Version }
            : snapshot;
}
