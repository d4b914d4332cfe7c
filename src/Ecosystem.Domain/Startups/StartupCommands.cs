using Ecosystem.Domain.Programmes;

namespace Ecosystem.Domain.Startups;

public abstract record StartupCommand : IDomainCommand
{
    public abstract Guid StartupId { get; init; }

    public abstract DateTimeOffset Now { get; init; }

    public abstract string Actor { get; init; }

    public sealed record RegisterStartup(
        Guid StartupId,
        string Name,
        StartupKind Kind,
        DateOnly FoundedOn,
        string HqCountry,
        ValueList<string> Sectors,
        ValueList<Founder> Founders,
        DateTimeOffset Now,
        string Actor) : StartupCommand;

    /// <summary>Apply to the cohort described by <paramref name="Offer"/>, taken from the programme's state.</summary>
    public sealed record Apply(Guid StartupId, CohortOffer Offer, DateTimeOffset Now, string Actor) : StartupCommand;

    public sealed record Shortlist(Guid StartupId, Guid CohortId, DateTimeOffset Now, string Actor) : StartupCommand;

    public sealed record Waitlist(Guid StartupId, Guid CohortId, DateTimeOffset Now, string Actor) : StartupCommand;

    public sealed record Reject(Guid StartupId, Guid CohortId, string Reason, DateTimeOffset Now, string Actor) : StartupCommand;

    /// <summary>Admit into a cohort; the caller pairs it with the programme's AllocateSeat in one transaction.</summary>
    public sealed record Admit(Guid StartupId, Guid CohortId, DateTimeOffset Now, string Actor) : StartupCommand;

    public sealed record Onboard(Guid StartupId, Guid CohortId, string AgreementRef, DateTimeOffset Now, string Actor) : StartupCommand;

    public sealed record AchieveMilestone(Guid StartupId, Guid CohortId, Guid MilestoneId, DateTimeOffset Now, string Actor) : StartupCommand;

    public sealed record MissMilestone(Guid StartupId, Guid CohortId, Guid MilestoneId, DateTimeOffset Now, string Actor) : StartupCommand;

    /// <summary>Graduate from a cohort; <paramref name="MandatoryMilestoneIds"/> come from the programme's state.</summary>
    public sealed record Graduate(Guid StartupId, Guid CohortId, ValueList<Guid> MandatoryMilestoneIds, DateTimeOffset Now, string Actor) : StartupCommand;

    public sealed record Withdraw(Guid StartupId, Guid CohortId, string Reason, DateTimeOffset Now, string Actor) : StartupCommand;

    public sealed record Remove(Guid StartupId, Guid CohortId, string Reason, DateTimeOffset Now, string Actor) : StartupCommand;

    public sealed record RecordInvestment(
        Guid StartupId,
        Guid InvestmentId,
        string Investor,
        decimal Amount,
        string Currency,
        Instrument Instrument,
        decimal StakePct,
        DateTimeOffset Now,
        string Actor) : StartupCommand;

    private StartupCommand() { }
}
