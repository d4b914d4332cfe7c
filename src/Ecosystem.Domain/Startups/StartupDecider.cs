using Ecosystem.Domain.Programmes;
using static Ecosystem.Domain.Startups.StartupCommand;
using static Ecosystem.Domain.Startups.StartupEvent;

namespace Ecosystem.Domain.Startups;

public static partial class StartupDecider
{
    public static IReadOnlyList<StartupEvent> Decide(StartupCommand command, Startup state) => (command, state) switch
    {
        (RegisterStartup c, Startup.NotRegistered) => Register(c),
        (_, Startup.NotRegistered) => throw Rule.Broken(RuleCodes.StartupNotRegistered, "The startup has not been registered"),
        (_, Startup.Registered s) when IsRepeat(command, s) => [],
        (RegisterStartup, Startup.Registered) =>
            throw Rule.Broken(RuleCodes.StartupAlreadyRegistered, "The startup was already registered with other details"),
        (Apply c, Startup.Registered s) => ApplyTo(s, c),
        (Shortlist c, Startup.Registered s) => Move(s, c.CohortId, ParticipationStatus.Shortlisted,
            p => new ApplicationShortlisted(s.StartupId, p.ProgrammeId, p.CohortId, c.Now)),
        (Waitlist c, Startup.Registered s) => Move(s, c.CohortId, ParticipationStatus.Waitlisted,
            p => new ApplicationWaitlisted(s.StartupId, p.ProgrammeId, p.CohortId, c.Now)),
        (Reject c, Startup.Registered s) => Move(s, c.CohortId, ParticipationStatus.Rejected,
            p => new ApplicationRejected(s.StartupId, p.ProgrammeId, p.CohortId, c.Reason, c.Now)),
        (Admit c, Startup.Registered s) => Move(s, c.CohortId, ParticipationStatus.Admitted,
            p => new Admitted(s.StartupId, p.ProgrammeId, p.CohortId, c.Now)),
        (Onboard c, Startup.Registered s) => OnboardInto(s, c),
        (AchieveMilestone c, Startup.Registered s) => Achieve(s, c),
        (MissMilestone c, Startup.Registered s) => Miss(s, c),
        (Graduate c, Startup.Registered s) => GraduateFrom(s, c),
        (Withdraw c, Startup.Registered s) => Move(s, c.CohortId, ParticipationStatus.Withdrew,
            p => new Withdrew(s.StartupId, p.ProgrammeId, p.CohortId, c.Reason, c.Now)),
        (Remove c, Startup.Registered s) => Move(s, c.CohortId, ParticipationStatus.Removed,
            p => new Removed(s.StartupId, p.ProgrammeId, p.CohortId, c.Reason, c.Now)),
        (RecordInvestment c, Startup.Registered s) => Record(s, c),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown startup command"),
    };

    /// <summary>Repeating a command whose effect the startup already shows records nothing.</summary>
    private static bool IsRepeat(StartupCommand command, Startup.Registered s) => command switch
    {
        RegisterStartup c => (s.StartupId, s.Name, s.Kind, s.FoundedOn, s.HqCountry, s.Sectors, s.Founders)
            == (c.StartupId, c.Name, c.Kind, c.FoundedOn, c.HqCountry, c.Sectors, c.Founders),
        Apply c => s.FindParticipation(c.Offer.CohortId) is { Status: ParticipationStatus.Applied } p && p.ProgrammeId == c.Offer.ProgrammeId,
        Shortlist c => s.StatusIn(c.CohortId) == ParticipationStatus.Shortlisted,
        Waitlist c => s.StatusIn(c.CohortId) == ParticipationStatus.Waitlisted,
        Reject c => s.StatusIn(c.CohortId) == ParticipationStatus.Rejected,
        Admit c => s.StatusIn(c.CohortId) == ParticipationStatus.Admitted,
        Onboard c => s.FindParticipation(c.CohortId) is { Status: ParticipationStatus.Onboarded } p && p.AgreementRef == c.AgreementRef,
        AchieveMilestone c => s.FindParticipation(c.CohortId)?.AchievedMilestoneIds.Contains(c.MilestoneId) == true,
        MissMilestone c => s.FindParticipation(c.CohortId)?.MissedMilestoneIds.Contains(c.MilestoneId) == true,
        Graduate c => s.StatusIn(c.CohortId) == ParticipationStatus.Graduated,
        Withdraw c => s.StatusIn(c.CohortId) == ParticipationStatus.Withdrew,
        Remove c => s.StatusIn(c.CohortId) == ParticipationStatus.Removed,
        RecordInvestment c => s.FindInvestment(c.InvestmentId)
            == new Investment(c.InvestmentId, c.Investor, c.Amount, c.Currency, c.Instrument, c.StakePct),
        _ => false,
    };

    private static IReadOnlyList<StartupEvent> Register(RegisterStartup c)
    {
        Rule.RequireText(c.Name, "A startup's name");
        Rule.Require(c.HqCountry is [>= 'A' and <= 'Z', >= 'A' and <= 'Z'], RuleCodes.StartupHqCountryInvalid,
            "The headquarters country is an ISO 3166-1 alpha-2 code in capitals, such as IT");
        Rule.Require(c.Sectors.Count > 0 && c.Sectors.All(s => !string.IsNullOrWhiteSpace(s)), RuleCodes.InputRequired,
            "A startup works in at least one sector");
        Rule.Require(c.Founders.All(f => !string.IsNullOrWhiteSpace(f.Name)), RuleCodes.InputRequired, "Every founder has a name");
        Rule.Require(c.FoundedOn <= c.Date(), RuleCodes.StartupFoundedInFuture, "A startup cannot be founded after today");
        return [new StartupRegistered(c.StartupId, c.Name, c.Kind, c.FoundedOn, c.HqCountry, c.Sectors, c.Founders, c.Now)];
    }

    private static IReadOnlyList<StartupEvent> ApplyTo(Startup.Registered s, Apply c)
    {
        var offer = c.Offer;
        var today = c.Date();
        Rule.Require(s.FindParticipation(offer.CohortId) is null, RuleCodes.ParticipationDuplicate, $"{s.Name} already applied to this cohort");
        Rule.Require(offer.AcceptsApplicationsOn(today), RuleCodes.CallNotOpen, $"The cohort's call is not open on {today:yyyy-MM-dd}");
        Rule.Require(s.Sectors.Any(sector => offer.Sectors.Any(wanted => Rule.SameText(sector, wanted))), RuleCodes.SectorMismatch,
            $"{s.Name} works in {string.Join(", ", s.Sectors)}; the programme is for {string.Join(", ", offer.Sectors)}");
        if (offer.Eligibility is { } eligibility)
            RequireEligible(s, eligibility, today);
        return [new ApplicationSubmitted(s.StartupId, offer.ProgrammeId, offer.CohortId, c.Now)];
    }

    private static void RequireEligible(Startup.Registered s, Eligibility eligibility, DateOnly today)
    {
        Rule.Require(!eligibility.HqInEu || EuCountries.Contains(s.HqCountry), RuleCodes.EligibilityHqOutsideEu,
            $"The programme asks for a headquarters in the EU; {s.Name}'s is in {s.HqCountry}");
        var minimum = eligibility.MinYearsFor(s.Kind);
        Rule.Require(YearsBetween(s.FoundedOn, today) >= minimum, RuleCodes.EligibilityTooYoung,
            $"The programme asks for at least {minimum} years of operation of a {s.Kind.ToString().ToLowerInvariant()}");
    }

    private static int YearsBetween(DateOnly from, DateOnly to)
    {
        var years = to.Year - from.Year;
        return from.AddYears(years) > to ? years - 1 : years;
    }

    private static IReadOnlyList<StartupEvent> Move(
        Startup.Registered s, Guid cohortId, ParticipationStatus to, Func<Participation, StartupEvent> happened)
    {
        var participation = s.RequireParticipation(cohortId);
        RequireCanMove(participation, to);
        return [happened(participation)];
    }

    private static void RequireCanMove(Participation participation, ParticipationStatus to)
    {
        RequireNotTerminal(participation);
        Rule.Require(participation.Status.CanMoveTo(to), RuleCodes.ParticipationInvalidTransition,
            $"A participation cannot move from {participation.Status} to {to}");
    }

    private static void RequireNotTerminal(Participation participation) =>
        Rule.Require(!participation.Status.IsTerminal(), RuleCodes.ParticipationTerminal,
            $"The participation ended ({participation.Status}) and accepts nothing more");

    private static IReadOnlyList<StartupEvent> OnboardInto(Startup.Registered s, Onboard c)
    {
        Rule.RequireText(c.AgreementRef, "An onboarding's agreement reference");
        return Move(s, c.CohortId, ParticipationStatus.Onboarded,
            p => new Onboarded(s.StartupId, p.ProgrammeId, p.CohortId, c.AgreementRef, c.Now));
    }

    private static Participation RequireOnboarded(Startup.Registered s, Guid cohortId)
    {
        var participation = s.RequireParticipation(cohortId);
        RequireNotTerminal(participation);
        Rule.Require(participation.Status == ParticipationStatus.Onboarded, RuleCodes.ParticipationNotOnboarded,
            "Milestones are tracked once the startup is onboarded");
        return participation;
    }

    private static IReadOnlyList<StartupEvent> Achieve(Startup.Registered s, AchieveMilestone c)
    {
        var participation = RequireOnboarded(s, c.CohortId);
        return [new MilestoneAchieved(s.StartupId, participation.ProgrammeId, participation.CohortId, c.MilestoneId, c.Now)];
    }

    private static IReadOnlyList<StartupEvent> Miss(Startup.Registered s, MissMilestone c)
    {
        var participation = RequireOnboarded(s, c.CohortId);
        Rule.Require(!participation.AchievedMilestoneIds.Contains(c.MilestoneId), RuleCodes.MilestoneAlreadyAchieved,
            "An achieved milestone cannot be missed");
        return [new MilestoneMissed(s.StartupId, participation.ProgrammeId, participation.CohortId, c.MilestoneId, c.Now)];
    }

    private static IReadOnlyList<StartupEvent> GraduateFrom(Startup.Registered s, Graduate c)
    {
        var participation = s.RequireParticipation(c.CohortId);
        RequireCanMove(participation, ParticipationStatus.Graduated);
        var missing = c.MandatoryMilestoneIds.Except(participation.AchievedMilestoneIds).ToList();
        Rule.Require(missing.Count == 0, RuleCodes.MilestonesIncomplete,
            $"{missing.Count} mandatory milestone(s) not achieved: {string.Join(", ", missing)}");
        return [new Graduated(s.StartupId, participation.ProgrammeId, participation.CohortId, c.Now)];
    }

    private static IReadOnlyList<StartupEvent> Record(Startup.Registered s, RecordInvestment c)
    {
        Rule.Require(s.FindInvestment(c.InvestmentId) is null, RuleCodes.InvestmentConflict,
            $"Investment {c.InvestmentId} was already recorded with other details");
        Rule.Require(s.WasOnboarded(), RuleCodes.InvestmentBeforeOnboarding, "Investments are recorded once the startup was onboarded");
        Rule.RequireText(c.Investor, "An investment's investor");
        Rule.RequireText(c.Currency, "An investment's currency");
        Rule.Require(c.Amount > 0, RuleCodes.InvestmentAmountInvalid, "An investment's amount is positive");
        Rule.Require(c.StakePct is >= 0 and <= 100, RuleCodes.InvestmentStakeOutOfRange, "A stake is between 0 and 100 per cent");
        return [new InvestmentRecorded(s.StartupId, c.InvestmentId, c.Investor, c.Amount, c.Currency, c.Instrument, c.StakePct, c.Now)];
    }
}
