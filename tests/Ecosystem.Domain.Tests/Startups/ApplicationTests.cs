using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;

namespace Ecosystem.Domain.Tests.Startups;

public sealed class ApplicationTests : StartupSpec
{
    private static DateTimeOffset On(int year, int month, int day) => new(year, month, day, 12, 0, 0, TimeSpan.FromHours(2));

    [Fact]
    public void Applying_to_an_open_call_records_the_application() =>
        Given(StartupRegistered()).When(Apply()).Then(ApplicationSubmitted());

    [Fact]
    public void Applying_on_the_day_the_call_closes_is_accepted() =>
        Given(StartupRegistered())
            .When(Apply(at: On(2022, 5, 25)))
            .Then(new StartupEvent.ApplicationSubmitted(StartupId, ProgrammeId, CohortId, On(2022, 5, 25)));

    [Fact]
    public void Applying_before_the_call_opens_is_refused() =>
        Given(StartupRegistered()).When(Apply(at: On(2022, 2, 28))).ThenRefused("call.not-open");

    [Fact]
    public void Applying_after_the_call_closes_is_refused() =>
        Given(StartupRegistered()).When(Apply(at: On(2022, 5, 26))).ThenRefused("call.not-open");

    [Fact]
    public void Applying_to_a_call_closed_early_is_refused() =>
        Given(StartupRegistered()).When(Apply(Offer(callOpen: false))).ThenRefused("call.not-open");

    [Fact]
    public void Applying_from_a_sector_the_programme_does_not_serve_is_refused() =>
        Given(StartupRegistered(sectors: ["gaming"])).When(Apply()).ThenRefused("sector.mismatch");

    [Fact]
    public void One_matching_sector_is_enough_and_case_does_not_matter() =>
        Given(StartupRegistered(sectors: ["gaming", "Aerospace"])).When(Apply()).Then(ApplicationSubmitted());

    [Fact]
    public void Applying_twice_to_the_same_cohort_records_nothing() =>
        Given(ParticipationIn(ParticipationStatus.Applied)).When(Apply()).ThenNothing();

    [Theory]
    [InlineData(ParticipationStatus.Shortlisted)]
    [InlineData(ParticipationStatus.Rejected)]
    [InlineData(ParticipationStatus.Withdrew)]
    public void Applying_again_to_a_cohort_after_a_decision_is_refused(ParticipationStatus status) =>
        Given(ParticipationIn(status)).When(Apply()).ThenRefused("participation.duplicate");

    [Fact]
    public void Applying_to_another_cohort_is_accepted() =>
        Given(ParticipationIn(ParticipationStatus.Rejected))
            .When(Apply(Offer(cohortId: OtherCohortId)))
            .Then(ApplicationSubmitted(OtherCohortId));

    [Fact]
    public void An_EU_SME_operating_for_five_years_is_eligible_for_the_EU_Business_Hub() =>
        Given(StartupRegistered(StartupKind.Sme, foundedOn: new DateOnly(2017, 4, 15)))
            .When(Apply(Offer(eligibility: Eligibility.EuBusinessHub)))
            .Then(ApplicationSubmitted());

    [Fact]
    public void An_SME_one_day_short_of_five_years_is_refused_by_the_EU_Business_Hub() =>
        Given(StartupRegistered(StartupKind.Sme, foundedOn: new DateOnly(2017, 4, 16)))
            .When(Apply(Offer(eligibility: Eligibility.EuBusinessHub)))
            .ThenRefused("eligibility.too-young");

    [Fact]
    public void A_startup_operating_for_three_years_is_eligible_for_the_EU_Business_Hub() =>
        Given(StartupRegistered(StartupKind.Startup, foundedOn: new DateOnly(2019, 4, 15)))
            .When(Apply(Offer(eligibility: Eligibility.EuBusinessHub)))
            .Then(ApplicationSubmitted());

    [Fact]
    public void A_startup_operating_for_two_years_is_refused_by_the_EU_Business_Hub() =>
        Given(StartupRegistered(StartupKind.Startup, foundedOn: new DateOnly(2020, 1, 1)))
            .When(Apply(Offer(eligibility: Eligibility.EuBusinessHub)))
            .ThenRefused("eligibility.too-young");

    [Theory]
    [InlineData("JP")]
    [InlineData("GB")]
    [InlineData("CH")]
    public void A_company_headquartered_outside_the_EU_is_refused_by_the_EU_Business_Hub(string hqCountry) =>
        Given(StartupRegistered(StartupKind.Sme, foundedOn: new DateOnly(2010, 6, 1), hqCountry: hqCountry))
            .When(Apply(Offer(eligibility: Eligibility.EuBusinessHub)))
            .ThenRefused("eligibility.hq-outside-eu");

    [Fact]
    public void A_company_headquartered_in_another_member_state_is_eligible() =>
        Given(StartupRegistered(StartupKind.Sme, foundedOn: new DateOnly(2010, 6, 1), hqCountry: "DE"))
            .When(Apply(Offer(eligibility: Eligibility.EuBusinessHub)))
            .Then(ApplicationSubmitted());

    [Fact]
    public void Without_an_eligibility_rule_a_young_company_from_anywhere_may_apply() =>
        Given(StartupRegistered(foundedOn: new DateOnly(2022, 1, 1), hqCountry: "JP")).When(Apply()).Then(ApplicationSubmitted());

    [Fact]
    public void An_offer_taken_from_the_programme_lets_the_startup_apply()
    {
        ProgrammeEvent[] history =
        [
            new ProgrammeEvent.ProgrammeLaunched(ProgrammeId, "Takeoff Accelerator", ProgrammeKind.Accelerator, ["aerospace"], ["IT"],
                "OGR Torino", "Plug and Play", null, Now),
            new ProgrammeEvent.CohortPlanned(ProgrammeId, CohortId, "2022", 10, new DateOnly(2022, 7, 4), new DateOnly(2022, 12, 16), Now),
            new ProgrammeEvent.CallOpened(ProgrammeId, CohortId, OpensOn, ClosesOn, Now),
        ];
        var programme = history.Aggregate(ProgrammeDecider.Initial, ProgrammeDecider.Evolve);

        Given(StartupRegistered()).When(Apply(programme.OfferFor(CohortId))).Then(ApplicationSubmitted());
    }
}
