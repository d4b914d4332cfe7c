using Ecosystem.Domain;
using Ecosystem.Domain.Startups;

namespace Ecosystem.Domain.Tests.Startups;

public sealed class ParticipationChangeTests
{
    static readonly Guid Startup = Guid.NewGuid(), Programme = Guid.NewGuid(), Cohort = Guid.NewGuid();
    static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_admission_moves_its_cohorts_participation_to_admitted() =>
        Assert.Equal((Cohort, ParticipationStatus.Admitted), ParticipationStatusRules.ChangeOf(new StartupEvent.Admitted(Startup, Programme, Cohort, At)));

    [Fact]
    public void A_withdrawal_moves_its_cohorts_participation_to_withdrew() =>
        Assert.Equal((Cohort, ParticipationStatus.Withdrew), ParticipationStatusRules.ChangeOf(new StartupEvent.Withdrew(Startup, Programme, Cohort, "moved", At)));

    [Fact]
    public void Registration_and_milestones_move_no_participation()
    {
        Assert.Null(ParticipationStatusRules.ChangeOf(new StartupEvent.StartupRegistered(Startup, "X", StartupKind.Startup, new DateOnly(2020, 1, 1), "IT",
            ValueList.Of("aerospace"), ValueList<Founder>.Empty, At)));
        Assert.Null(ParticipationStatusRules.ChangeOf(new StartupEvent.MilestoneAchieved(Startup, Programme, Cohort, Guid.NewGuid(), At)));
    }
}
