using static Ecosystem.Domain.People.PersonCommand;
using static Ecosystem.Domain.People.PersonEvent;

namespace Ecosystem.Domain.People;

/// <summary>
/// A natural person whose personal data other streams carry (founders, delegates, signatories). The stream exists
/// only to record that the person's data was erased: the key their data is encrypted with dies in the same
/// transaction, so every copy in the log becomes unreadable without rewriting a stored event.
/// </summary>
public abstract record Person
{
    public sealed record Known : Person;

    public sealed record Erased(Guid PersonId, DateTimeOffset ErasedAt, string Reason) : Person;

    public static Person Initial { get; } = new Known();

    public static Person Evolve(Person state, PersonEvent @event) => @event switch
    {
        PersonalDataErased e => new Erased(e.PersonId, e.ErasedAt, e.Reason),
        _ => state,
    };

    private Person() { }
}

public abstract record PersonEvent
{
    public abstract Guid PersonId { get; init; }

    public sealed record PersonalDataErased(Guid PersonId, string Reason, DateTimeOffset ErasedAt) : PersonEvent;
}

public abstract record PersonCommand : IDomainCommand
{
    public abstract Guid PersonId { get; init; }

    public abstract DateTimeOffset Now { get; init; }

    public abstract string Actor { get; init; }

    public sealed record ErasePersonalData(Guid PersonId, string Reason, DateTimeOffset Now, string Actor) : PersonCommand;
}

public static class PersonDecider
{
    /// <summary>Erasing is final and erasing again records nothing: a repeated request is answered, not refused.</summary>
    public static IReadOnlyList<PersonEvent> Decide(PersonCommand command, Person state) => (command, state) switch
    {
        (ErasePersonalData, Person.Erased) => [],
        (ErasePersonalData c, Person.Known) => Erase(c),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown person command"),
    };

    private static IReadOnlyList<PersonEvent> Erase(ErasePersonalData c)
    {
        Rule.RequireText(c.Reason, "An erasure's reason");
        return [new PersonalDataErased(c.PersonId, c.Reason.Trim(), c.Now)];
    }
}
