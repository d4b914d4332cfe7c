using Ecosystem.Domain.Startups;

namespace Ecosystem.Domain.Tests.Startups;

public sealed class ParticipationTests : StartupSpec
{
    [Fact]
    public void Shortlisting_an_applicant_records_it() =>
        Given(ParticipationIn(ParticipationStatus.Applied)).When(Shortlist()).Then(ApplicationShortlisted());

    [Fact]
    public void Shortlisting_a_shortlisted_startup_records_nothing() =>
        Given(ParticipationIn(ParticipationStatus.Shortlisted)).When(Shortlist()).ThenNothing();

    [Fact]
    public void Shortlisting_a_waitlisted_startup_is_refused() =>
        Given(ParticipationIn(ParticipationStatus.Waitlisted)).When(Shortlist()).ThenRefused("participation.invalid-transition");

    [Fact]
    public void Shortlisting_for_a_cohort_never_applied_to_is_refused() =>
        Given(ParticipationIn(ParticipationStatus.Applied)).When(Shortlist(OtherCohortId)).ThenRefused("participation.not-found");

    [Theory]
    [InlineData(ParticipationStatus.Applied)]
    [InlineData(ParticipationStatus.Shortlisted)]
    public void Waitlisting_before_admission_records_it(ParticipationStatus status) =>
        Given(ParticipationIn(status)).When(Waitlist()).Then(ApplicationWaitlisted());

    [Fact]
    public void Waitlisting_a_waitlisted_startup_records_nothing() =>
        Given(ParticipationIn(ParticipationStatus.Waitlisted)).When(Waitlist()).ThenNothing();

    [Fact]
    public void Waitlisting_an_admitted_startup_is_refused() =>
        Given(ParticipationIn(ParticipationStatus.Admitted)).When(Waitlist()).ThenRefused("participation.invalid-transition");

    [Theory]
    [InlineData(ParticipationStatus.Applied)]
    [InlineData(ParticipationStatus.Shortlisted)]
    [InlineData(ParticipationStatus.Waitlisted)]
    public void Rejecting_before_admission_records_it(ParticipationStatus status) =>
        Given(ParticipationIn(status)).When(Reject()).Then(ApplicationRejected());

    [Theory]
    [InlineData(ParticipationStatus.Admitted)]
    [InlineData(ParticipationStatus.Onboarded)]
    public void Rejecting_after_admission_is_refused(ParticipationStatus status) =>
        Given(ParticipationIn(status)).When(Reject()).ThenRefused("participation.invalid-transition");

    [Fact]
    public void Rejecting_a_rejected_application_records_nothing() =>
        Given(ParticipationIn(ParticipationStatus.Rejected)).When(Reject()).ThenNothing();

    [Theory]
    [InlineData(ParticipationStatus.Shortlisted)]
    [InlineData(ParticipationStatus.Waitlisted)]
    public void Admitting_a_shortlisted_or_waitlisted_startup_records_it(ParticipationStatus status) =>
        Given(ParticipationIn(status)).When(Admit()).Then(Admitted());

    [Fact]
    public void Admitting_an_applicant_not_yet_shortlisted_is_refused() =>
        Given(ParticipationIn(ParticipationStatus.Applied)).When(Admit()).ThenRefused("participation.invalid-transition");

    [Fact]
    public void Admitting_an_admitted_startup_records_nothing() =>
        Given(ParticipationIn(ParticipationStatus.Admitted)).When(Admit()).ThenNothing();

    [Fact]
    public void Onboarding_an_admitted_startup_records_its_agreement() =>
        Given(ParticipationIn(ParticipationStatus.Admitted)).When(Onboard()).Then(Onboarded());

    [Fact]
    public void Onboarding_without_an_agreement_reference_is_refused() =>
        Given(ParticipationIn(ParticipationStatus.Admitted)).When(Onboard("")).ThenRefused("input.required");

    [Fact]
    public void Onboarding_before_admission_is_refused() =>
        Given(ParticipationIn(ParticipationStatus.Shortlisted)).When(Onboard()).ThenRefused("participation.invalid-transition");

    [Fact]
    public void Onboarding_again_under_the_same_agreement_records_nothing() =>
        Given(ParticipationIn(ParticipationStatus.Onboarded)).When(Onboard()).ThenNothing();

    [Fact]
    public void Onboarding_again_under_another_agreement_is_refused() =>
        Given(ParticipationIn(ParticipationStatus.Onboarded)).When(Onboard("TO-2022-099")).ThenRefused("participation.invalid-transition");

    [Theory]
    [InlineData(ParticipationStatus.Applied)]
    [InlineData(ParticipationStatus.Shortlisted)]
    [InlineData(ParticipationStatus.Waitlisted)]
    [InlineData(ParticipationStatus.Admitted)]
    [InlineData(ParticipationStatus.Onboarded)]
    public void Withdrawing_from_any_step_that_has_not_ended_records_it(ParticipationStatus status) =>
        Given(ParticipationIn(status)).When(Withdraw()).Then(Withdrew());

    [Fact]
    public void Withdrawing_twice_records_nothing() =>
        Given(ParticipationIn(ParticipationStatus.Withdrew)).When(Withdraw()).ThenNothing();

    [Fact]
    public void Removing_an_onboarded_startup_records_it() =>
        Given(ParticipationIn(ParticipationStatus.Onboarded)).When(Remove()).Then(Removed());

    [Fact]
    public void Removing_a_startup_before_onboarding_is_refused() =>
        Given(ParticipationIn(ParticipationStatus.Admitted)).When(Remove()).ThenRefused("participation.invalid-transition");

    [Fact]
    public void Removing_a_removed_startup_records_nothing() =>
        Given(ParticipationIn(ParticipationStatus.Removed)).When(Remove()).ThenNothing();

    [Theory]
    [InlineData(ParticipationStatus.Graduated)]
    [InlineData(ParticipationStatus.Rejected)]
    [InlineData(ParticipationStatus.Withdrew)]
    [InlineData(ParticipationStatus.Removed)]
    public void A_participation_that_ended_accepts_no_other_step(ParticipationStatus status)
    {
        var steps = new Dictionary<ParticipationStatus, StartupCommand>
        {
            [ParticipationStatus.Shortlisted] = Shortlist(),
            [ParticipationStatus.Waitlisted] = Waitlist(),
            [ParticipationStatus.Rejected] = Reject(),
            [ParticipationStatus.Admitted] = Admit(),
            [ParticipationStatus.Onboarded] = Onboard("TO-2022-099"),
            [ParticipationStatus.Graduated] = Graduate(),
            [ParticipationStatus.Withdrew] = Withdraw(),
            [ParticipationStatus.Removed] = Remove(),
        };
        StartupCommand[] others = [.. steps.Where(step => step.Key != status).Select(step => step.Value), AchieveMilestone(MilestoneA), MissMilestone(MilestoneA)];

        Assert.All(others, command => Given(ParticipationIn(status)).When(command).ThenRefused("participation.terminal"));
    }

    [Fact]
    public void The_state_shows_each_cohorts_programme_and_status()
    {
        var startup = RegisteredStateAfter([.. ParticipationIn(ParticipationStatus.Onboarded), ApplicationSubmitted(OtherCohortId)]);

        Assert.Equal(ParticipationStatus.Onboarded, startup.StatusIn(CohortId));
        Assert.Equal(ParticipationStatus.Applied, startup.StatusIn(OtherCohortId));
        Assert.All(startup.Participations, participation => Assert.Equal(ProgrammeId, participation.ProgrammeId));
        Assert.Equal("TO-2022-017", startup.FindParticipation(CohortId)?.AgreementRef);
    }

    [Fact]
    public void The_state_keeps_the_reason_a_participation_ended() =>
        Assert.Equal("relocating abroad", RegisteredStateAfter(ParticipationIn(ParticipationStatus.Withdrew)).FindParticipation(CohortId)?.ExitReason);
}
