using System.Collections.Immutable;
using static Ecosystem.Domain.Startups.StartupEvent;

namespace Ecosystem.Domain.Startups;

public enum StartupKind { Startup, Sme }

public enum Instrument { Equity, Safe, Note, Grant }

/// <summary>A founder; name and e-mail are personal data, kept apart and keyed by <see cref="PersonId"/> for per-person encryption.</summary>
public sealed record Founder(Guid PersonId, [property: PersonalData] string Name, [property: PersonalData] string Email, string Role);

public sealed record Investment(Guid InvestmentId, string Investor, decimal Amount, string Currency, Instrument Instrument, decimal StakePct);

public abstract record Startup
{
    public sealed record NotRegistered : Startup;

    public sealed record Registered(
        Guid StartupId,
        string Name,
        StartupKind Kind,
        DateOnly FoundedOn,
        string HqCountry,
        ValueList<string> Sectors,
        ValueList<Founder> Founders,
        ImmutableList<Participation> Participations,
        ImmutableList<Investment> Investments) : Startup
    {
        public Participation? FindParticipation(Guid cohortId) => Participations.Find(p => p.CohortId == cohortId);

        public Participation RequireParticipation(Guid cohortId) => FindParticipation(cohortId)
            ?? throw Rule.Broken(RuleCodes.ParticipationNotFound, $"{Name} has not applied to cohort {cohortId}");

        public ParticipationStatus? StatusIn(Guid cohortId) => FindParticipation(cohortId)?.Status;

        public Investment? FindInvestment(Guid investmentId) => Investments.Find(i => i.InvestmentId == investmentId);

        public bool WasOnboarded() => Participations.Any(p => p.WasOnboarded());

        internal Registered WithParticipation(Guid cohortId, Func<Participation, Participation> change) =>
            FindParticipation(cohortId) is { } participation
                ? this with { Participations = Participations.Replace(participation, change(participation)) }
                : this;
    }

    private Startup() { }
}

public static partial class StartupDecider
{
    public static Startup Initial { get; } = new Startup.NotRegistered();

    public static Startup Evolve(Startup state, StartupEvent @event) => (state, @event) switch
    {
        (Startup.NotRegistered, StartupRegistered e) => new Startup.Registered(
            e.StartupId, e.Name, e.Kind, e.FoundedOn, e.HqCountry, e.Sectors, e.Founders, [], []),
        (Startup.Registered s, ApplicationSubmitted e) => s with
        {
            Participations = s.Participations.Add(new Participation(e.ProgrammeId, e.CohortId, ParticipationStatus.Applied, null, [], [], null)),
        },
        (Startup.Registered s, ApplicationShortlisted e) => s.WithParticipation(e.CohortId, p => p with { Status = ParticipationStatus.Shortlisted }),
        (Startup.Registered s, ApplicationWaitlisted e) => s.WithParticipation(e.CohortId, p => p with { Status = ParticipationStatus.Waitlisted }),
        (Startup.Registered s, ApplicationRejected e) => s.WithParticipation(e.CohortId, p => p with { Status = ParticipationStatus.Rejected, ExitReason = e.Reason }),
        (Startup.Registered s, Admitted e) => s.WithParticipation(e.CohortId, p => p with { Status = ParticipationStatus.Admitted }),
        (Startup.Registered s, Onboarded e) => s.WithParticipation(e.CohortId, p => p with { Status = ParticipationStatus.Onboarded, AgreementRef = e.AgreementRef }),
        (Startup.Registered s, MilestoneAchieved e) => s.WithParticipation(e.CohortId, p => p with
        {
            AchievedMilestoneIds = p.AchievedMilestoneIds.Add(e.MilestoneId),
            MissedMilestoneIds = p.MissedMilestoneIds.Remove(e.MilestoneId),
        }),
        (Startup.Registered s, MilestoneMissed e) => s.WithParticipation(e.CohortId, p => p with { MissedMilestoneIds = p.MissedMilestoneIds.Add(e.MilestoneId) }),
        (Startup.Registered s, Graduated e) => s.WithParticipation(e.CohortId, p => p with { Status = ParticipationStatus.Graduated }),
        (Startup.Registered s, Withdrew e) => s.WithParticipation(e.CohortId, p => p with { Status = ParticipationStatus.Withdrew, ExitReason = e.Reason }),
        (Startup.Registered s, Removed e) => s.WithParticipation(e.CohortId, p => p with { Status = ParticipationStatus.Removed, ExitReason = e.Reason }),
        (Startup.Registered s, InvestmentRecorded e) => s with
        {
            Investments = s.Investments.Add(new Investment(e.InvestmentId, e.Investor, e.Amount, e.Currency, e.Instrument, e.StakePct)),
        },
        _ => state,
    };
}
