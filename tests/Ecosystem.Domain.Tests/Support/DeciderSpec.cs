namespace Ecosystem.Domain.Tests.Support;

/// <summary>Given a history, when a command is decided, then these events, nothing, or a refusal.</summary>
public abstract class DeciderSpec<TState, TEvent, TCommand>(
    TState initial,
    Func<TState, TEvent, TState> evolve,
    Func<TCommand, TState, IReadOnlyList<TEvent>> decide)
{
    protected Scenario<TState, TEvent, TCommand> Given(params TEvent[] history) => new(history.Aggregate(initial, evolve), decide);

    protected TState StateAfter(params TEvent[] history) => history.Aggregate(initial, evolve);
}

public sealed class Scenario<TState, TEvent, TCommand>(TState state, Func<TCommand, TState, IReadOnlyList<TEvent>> decide)
{
    public Outcome<TEvent> When(TCommand command) => new(() => decide(command, state));
}

public sealed class Outcome<TEvent>(Func<IReadOnlyList<TEvent>> decision)
{
    public void Then(params TEvent[] expected) => Assert.Equal(expected, decision());

    public void ThenNothing() => Assert.Empty(decision());

    public void ThenRefused(string code)
    {
        var refusal = Assert.Throws<DomainRuleViolated>(() => decision());
        Assert.Equal(code, refusal.Code);
        Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
    }
}
