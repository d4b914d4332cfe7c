using Ecosystem.Domain.Startups;

namespace Ecosystem.Domain.Tests.Startups;

public sealed class MilestoneAndGraduationTests : StartupSpec
{
    [Fact]
    public void Achieving_a_milestone_records_it() =>
        Given(ParticipationIn(ParticipationStatus.Onboarded)).When(AchieveMilestone(MilestoneA)).Then(MilestoneAchieved(MilestoneA));

    [Fact]
    public void Achieving_an_achieved_milestone_records_nothing() =>
        Given([.. ParticipationIn(ParticipationStatus.Onboarded), MilestoneAchieved(MilestoneA)]).When(AchieveMilestone(MilestoneA)).ThenNothing();

    [Fact]
    public void Achieving_a_milestone_before_onboarding_is_refused() =>
        Given(ParticipationIn(ParticipationStatus.Admitted)).When(AchieveMilestone(MilestoneA)).ThenRefused("participation.not-onboarded");

    [Fact]
    public void Missing_a_milestone_records_it() =>
        Given(ParticipationIn(ParticipationStatus.Onboarded)).When(MissMilestone(MilestoneA)).Then(MilestoneMissed(MilestoneA));

    [Fact]
    public void Missing_a_missed_milestone_records_nothing() =>
        Given([.. ParticipationIn(ParticipationStatus.Onboarded), MilestoneMissed(MilestoneA)]).When(MissMilestone(MilestoneA)).ThenNothing();

    [Fact]
    public void Missing_an_achieved_milestone_is_refused() =>
        Given([.. ParticipationIn(ParticipationStatus.Onboarded), MilestoneAchieved(MilestoneA)])
            .When(MissMilestone(MilestoneA))
            .ThenRefused("milestone.already-achieved");

    [Fact]
    public void Missing_a_milestone_before_onboarding_is_refused() =>
        Given(ParticipationIn(ParticipationStatus.Shortlisted)).When(MissMilestone(MilestoneA)).ThenRefused("participation.not-onboarded");

    [Fact]
    public void A_missed_milestone_can_still_be_achieved_late()
    {
        StartupEvent[] history = [.. ParticipationIn(ParticipationStatus.Onboarded), MilestoneMissed(MilestoneA)];
        Given(history).When(AchieveMilestone(MilestoneA)).Then(MilestoneAchieved(MilestoneA));

        var participation = RegisteredStateAfter([.. history, MilestoneAchieved(MilestoneA)]).RequireParticipation(CohortId);
        Assert.Equal([MilestoneA], participation.AchievedMilestoneIds);
        Assert.Empty(participation.MissedMilestoneIds);
    }

    [Fact]
    public void Graduating_with_every_mandatory_milestone_achieved_records_it() =>
        Given([.. ParticipationIn(ParticipationStatus.Onboarded), MilestoneAchieved(MilestoneA), MilestoneAchieved(MilestoneB)])
            .When(Graduate(MilestoneA, MilestoneB))
            .Then(Graduated());

    [Fact]
    public void Graduating_with_a_mandatory_milestone_not_achieved_is_refused() =>
        Given([.. ParticipationIn(ParticipationStatus.Onboarded), MilestoneAchieved(MilestoneA), MilestoneMissed(MilestoneB)])
            .When(Graduate(MilestoneA, MilestoneB))
            .ThenRefused("milestones.incomplete");

    [Fact]
    public void Graduating_from_a_cohort_without_mandatory_milestones_is_accepted() =>
        Given(ParticipationIn(ParticipationStatus.Onboarded)).When(Graduate()).Then(Graduated());

    [Fact]
    public void Graduating_before_onboarding_is_refused() =>
        Given(ParticipationIn(ParticipationStatus.Admitted)).When(Graduate()).ThenRefused("participation.invalid-transition");

    [Fact]
    public void Graduating_twice_records_nothing() =>
        Given(ParticipationIn(ParticipationStatus.Graduated)).When(Graduate(MilestoneA)).ThenNothing();

    [Fact]
    public void A_startup_goes_from_application_to_graduation()
    {
        StartupEvent[] history = [StartupRegistered(), ApplicationSubmitted()];
        StartupCommand[] steps = [Shortlist(), Admit(), Onboard(), AchieveMilestone(MilestoneA), Graduate(MilestoneA)];
        foreach (var step in steps)
            history = [.. history, .. StartupDecider.Decide(step, StateAfter(history))];

        var participation = RegisteredStateAfter(history).RequireParticipation(CohortId);
        Assert.Equal(ParticipationStatus.Graduated, participation.Status);
        Assert.Equal(7, history.Length);
    }
}
