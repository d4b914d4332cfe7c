using Ecosystem.Domain.Programmes;

namespace Ecosystem.Domain.Tests.Programmes;

public sealed class CohortOfferTests : ProgrammeSpec
{
    [Fact]
    public void An_offer_carries_what_an_applicant_is_judged_on()
    {
        var offer = StateAfter([.. CohortIn(CohortStatus.CallOpen)]).OfferFor(CohortId);

        Assert.Equal(
            new CohortOffer(ProgrammeId, CohortId, ProgrammeKind.Accelerator, ["aerospace", "advanced-hardware"], true,
                new CallWindow(OpensOn, ClosesOn), null),
            offer);
    }

    [Fact]
    public void An_offer_carries_the_programmes_eligibility_rule()
    {
        var offer = StateAfter(ProgrammeLaunched(ProgrammeKind.Internationalisation, Eligibility.EuBusinessHub), CohortPlanned(), CallOpened())
            .OfferFor(CohortId);

        Assert.Equal(Eligibility.EuBusinessHub, offer.Eligibility);
    }

    [Theory]
    [InlineData(CohortStatus.Planned)]
    [InlineData(CohortStatus.CallClosed)]
    [InlineData(CohortStatus.Running)]
    public void An_offer_says_the_call_is_not_open_outside_its_open_call(CohortStatus status) =>
        Assert.False(StateAfter(CohortIn(status)).OfferFor(CohortId).CallOpen);

    [Fact]
    public void An_offer_for_an_unknown_cohort_is_refused() =>
        Assert.Equal("cohort.not-found", Assert.Throws<DomainRuleViolated>(() => StateAfter(CohortIn(CohortStatus.CallOpen)).OfferFor(OtherCohortId)).Code);

    [Fact]
    public void An_offer_from_a_programme_not_launched_is_refused() =>
        Assert.Equal("programme.not-launched", Assert.Throws<DomainRuleViolated>(() => StateAfter().OfferFor(CohortId)).Code);

    [Fact]
    public void An_offer_from_a_closed_programme_is_refused() =>
        Assert.Equal("programme.closed",
            Assert.Throws<DomainRuleViolated>(() => StateAfter([.. CohortIn(CohortStatus.CallOpen), ProgrammeClosed()]).OfferFor(CohortId)).Code);

    [Theory]
    [InlineData("2022-02-28", false)]
    [InlineData("2022-03-01", true)]
    [InlineData("2022-05-25", true)]
    [InlineData("2022-05-26", false)]
    public void An_open_call_accepts_applications_from_its_first_to_its_last_day(string date, bool accepted)
    {
        var offer = StateAfter(CohortIn(CohortStatus.CallOpen)).OfferFor(CohortId);
        Assert.Equal(accepted, offer.AcceptsApplicationsOn(DateOnly.Parse(date)));
    }

    [Fact]
    public void The_mandatory_milestones_of_a_cohort_exclude_optional_ones() =>
        Assert.Equal(
            [MilestoneId],
            LaunchedStateAfter([.. CohortIn(CohortStatus.Running), MilestoneSet(), MilestoneSet(OtherMilestoneId, mandatory: false)])
                .MandatoryMilestonesOf(CohortId));
}
