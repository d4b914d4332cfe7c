namespace Ecosystem.Domain;

/// <summary>Every command carries when it happens and who asks, so deciders never read a clock.</summary>
public interface IDomainCommand
{
    DateTimeOffset Now { get; }

    string Actor { get; }
}

internal static class DomainCommandExtensions
{
    /// <summary>The calendar date of <see cref="IDomainCommand.Now"/> in the offset the caller gave it.</summary>
    public static DateOnly Date(this IDomainCommand command) => DateOnly.FromDateTime(command.Now.DateTime);
}
