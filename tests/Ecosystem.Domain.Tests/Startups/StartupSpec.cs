using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using Ecosystem.Domain.Tests.Support;

namespace Ecosystem.Domain.Tests.Startups;

public abstract class StartupSpec() : DeciderSpec<Startup, StartupEvent, StartupCommand>(
    StartupDecider.Initial, StartupDecider.Evolve, StartupDecider.Decide)
{
    protected static readonly Guid StartupId = new("0195b000-0000-7000-8000-000000000001");
    protected static readonly Guid ProgrammeId = new("0195b000-0000-7000-8000-0000000000b1");
    protected static readonly Guid CohortId = new("0195b000-0000-7000-8000-0000000000c1");
    protected static readonly Guid OtherCohortId = new("0195b000-0000-7000-8000-0000000000c2");
    protected static readonly Guid MilestoneA = new("0195b000-0000-7000-8000-0000000000e1");
    protected static readonly Guid MilestoneB = new("0195b000-0000-7000-8000-0000000000e2");
    protected static readonly Guid InvestmentId = new("0195b000-0000-7000-8000-0000000000f1");
    protected static readonly DateTimeOffset Now = new(2022, 4, 15, 10, 0, 0, TimeSpan.FromHours(2));
    protected const string Actor = "manager@ogr.example";
    protected static readonly DateOnly FoundedOn = new(2018, 1, 10);
    protected static readonly DateOnly OpensOn = new(2022, 3, 1);
    protected static readonly DateOnly ClosesOn = new(2022, 5, 25);
    protected static readonly Founder Giulia = new(new Guid("0195b000-0000-7000-8000-0000000000d1"), "Giulia Rossi", "giulia@example.com", "CEO");

    protected static StartupEvent StartupRegistered(
        StartupKind kind = StartupKind.Startup, DateOnly? foundedOn = null, string hqCountry = "IT", ValueList<string>? sectors = null) =>
        new StartupEvent.StartupRegistered(StartupId, "Orbital Drones", kind, foundedOn ?? FoundedOn, hqCountry, sectors ?? ["aerospace"], [Giulia], Now);

    protected static StartupEvent ApplicationSubmitted(Guid? cohortId = null) =>
        new StartupEvent.ApplicationSubmitted(StartupId, ProgrammeId, cohortId ?? CohortId, Now);

    protected static StartupEvent ApplicationShortlisted() => new StartupEvent.ApplicationShortlisted(StartupId, ProgrammeId, CohortId, Now);

    protected static StartupEvent ApplicationWaitlisted() => new StartupEvent.ApplicationWaitlisted(StartupId, ProgrammeId, CohortId, Now);

    protected static StartupEvent ApplicationRejected() => new StartupEvent.ApplicationRejected(StartupId, ProgrammeId, CohortId, "out of scope", Now);

    protected static StartupEvent Admitted() => new StartupEvent.Admitted(StartupId, ProgrammeId, CohortId, Now);

    protected static StartupEvent Onboarded(string agreementRef = "TO-2022-017") =>
        new StartupEvent.Onboarded(StartupId, ProgrammeId, CohortId, agreementRef, Now);

    protected static StartupEvent MilestoneAchieved(Guid milestoneId) => new StartupEvent.MilestoneAchieved(StartupId, ProgrammeId, CohortId, milestoneId, Now);

    protected static StartupEvent MilestoneMissed(Guid milestoneId) => new StartupEvent.MilestoneMissed(StartupId, ProgrammeId, CohortId, milestoneId, Now);

    protected static StartupEvent Graduated() => new StartupEvent.Graduated(StartupId, ProgrammeId, CohortId, Now);

    protected static StartupEvent Withdrew() => new StartupEvent.Withdrew(StartupId, ProgrammeId, CohortId, "relocating abroad", Now);

    protected static StartupEvent Removed() => new StartupEvent.Removed(StartupId, ProgrammeId, CohortId, "breach of agreement", Now);

    protected static StartupEvent InvestmentRecorded(decimal amount = 100_000m, decimal stakePct = 5m) =>
        new StartupEvent.InvestmentRecorded(StartupId, InvestmentId, "Plug and Play Ventures", amount, "EUR", Instrument.Equity, stakePct, Now);

    /// <summary>The history of a registered startup whose application to the cohort has reached <paramref name="status"/>.</summary>
    protected static StartupEvent[] ParticipationIn(ParticipationStatus status) => status switch
    {
        ParticipationStatus.Applied => [StartupRegistered(), ApplicationSubmitted()],
        ParticipationStatus.Shortlisted => [.. ParticipationIn(ParticipationStatus.Applied), ApplicationShortlisted()],
        ParticipationStatus.Waitlisted => [.. ParticipationIn(ParticipationStatus.Applied), ApplicationWaitlisted()],
        ParticipationStatus.Rejected => [.. ParticipationIn(ParticipationStatus.Applied), ApplicationRejected()],
        ParticipationStatus.Admitted => [.. ParticipationIn(ParticipationStatus.Shortlisted), Admitted()],
        ParticipationStatus.Onboarded => [.. ParticipationIn(ParticipationStatus.Admitted), Onboarded()],
        ParticipationStatus.Graduated => [.. ParticipationIn(ParticipationStatus.Onboarded), Graduated()],
        ParticipationStatus.Withdrew => [.. ParticipationIn(ParticipationStatus.Applied), Withdrew()],
        ParticipationStatus.Removed => [.. ParticipationIn(ParticipationStatus.Onboarded), Removed()],
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    protected static CohortOffer Offer(
        bool callOpen = true, ValueList<string>? sectors = null, Eligibility? eligibility = null, Guid? cohortId = null) =>
        new(ProgrammeId, cohortId ?? CohortId, ProgrammeKind.Accelerator, sectors ?? ["aerospace", "advanced-hardware"], callOpen,
            new CallWindow(OpensOn, ClosesOn), eligibility);

    protected static StartupCommand RegisterStartup(
        StartupKind kind = StartupKind.Startup,
        DateOnly? foundedOn = null,
        string hqCountry = "IT",
        ValueList<string>? sectors = null,
        ValueList<Founder>? founders = null,
        string name = "Orbital Drones") =>
        new StartupCommand.RegisterStartup(StartupId, name, kind, foundedOn ?? FoundedOn, hqCountry, sectors ?? ["aerospace"], founders ?? [Giulia], Now, Actor);

    protected static StartupCommand Apply(CohortOffer? offer = null, DateTimeOffset? at = null) =>
        new StartupCommand.Apply(StartupId, offer ?? Offer(), at ?? Now, Actor);

    protected static StartupCommand Shortlist(Guid? cohortId = null) => new StartupCommand.Shortlist(StartupId, cohortId ?? CohortId, Now, Actor);

    protected static StartupCommand Waitlist() => new StartupCommand.Waitlist(StartupId, CohortId, Now, Actor);

    protected static StartupCommand Reject() => new StartupCommand.Reject(StartupId, CohortId, "out of scope", Now, Actor);

    protected static StartupCommand Admit() => new StartupCommand.Admit(StartupId, CohortId, Now, Actor);

    protected static StartupCommand Onboard(string agreementRef = "TO-2022-017") => new StartupCommand.Onboard(StartupId, CohortId, agreementRef, Now, Actor);

    protected static StartupCommand AchieveMilestone(Guid milestoneId) => new StartupCommand.AchieveMilestone(StartupId, CohortId, milestoneId, Now, Actor);

    protected static StartupCommand MissMilestone(Guid milestoneId) => new StartupCommand.MissMilestone(StartupId, CohortId, milestoneId, Now, Actor);

    protected static StartupCommand Graduate(params Guid[] mandatoryMilestoneIds) =>
        new StartupCommand.Graduate(StartupId, CohortId, new ValueList<Guid>(mandatoryMilestoneIds), Now, Actor);

    protected static StartupCommand Withdraw() => new StartupCommand.Withdraw(StartupId, CohortId, "relocating abroad", Now, Actor);

    protected static StartupCommand Remove() => new StartupCommand.Remove(StartupId, CohortId, "breach of agreement", Now, Actor);

    protected static StartupCommand RecordInvestment(
        decimal amount = 100_000m, decimal stakePct = 5m, string investor = "Plug and Play Ventures", Guid? investmentId = null) =>
        new StartupCommand.RecordInvestment(StartupId, investmentId ?? InvestmentId, investor, amount, "EUR", Instrument.Equity, stakePct, Now, Actor);

    protected Startup.Registered RegisteredStateAfter(params StartupEvent[] history) => Assert.IsType<Startup.Registered>(StateAfter(history));
}
