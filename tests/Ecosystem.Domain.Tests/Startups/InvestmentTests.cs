using Ecosystem.Domain.Startups;

namespace Ecosystem.Domain.Tests.Startups;

public sealed class InvestmentTests : StartupSpec
{
    [Fact]
    public void Recording_an_investment_after_onboarding_records_it() =>
        Given(ParticipationIn(ParticipationStatus.Onboarded)).When(RecordInvestment()).Then(InvestmentRecorded());

    [Fact]
    public void Recording_an_investment_after_graduation_is_accepted() =>
        Given(ParticipationIn(ParticipationStatus.Graduated)).When(RecordInvestment()).Then(InvestmentRecorded());

    [Theory]
    [InlineData(ParticipationStatus.Applied)]
    [InlineData(ParticipationStatus.Admitted)]
    [InlineData(ParticipationStatus.Rejected)]
    public void Recording_an_investment_before_onboarding_is_refused(ParticipationStatus status) =>
        Given(ParticipationIn(status)).When(RecordInvestment()).ThenRefused("investment.before-onboarding");

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void A_stake_from_zero_to_a_hundred_per_cent_is_accepted(int stakePct) =>
        Given(ParticipationIn(ParticipationStatus.Onboarded)).When(RecordInvestment(stakePct: stakePct)).Then(InvestmentRecorded(stakePct: stakePct));

    [Theory]
    [InlineData(-0.01)]
    [InlineData(100.01)]
    public void A_stake_outside_zero_to_a_hundred_per_cent_is_refused(double stakePct) =>
        Given(ParticipationIn(ParticipationStatus.Onboarded))
            .When(RecordInvestment(stakePct: (decimal)stakePct))
            .ThenRefused("investment.stake-out-of-range");

    [Fact]
    public void An_investment_of_nothing_is_refused() =>
        Given(ParticipationIn(ParticipationStatus.Onboarded)).When(RecordInvestment(amount: 0)).ThenRefused("investment.amount-invalid");

    [Fact]
    public void An_investment_without_an_investor_is_refused() =>
        Given(ParticipationIn(ParticipationStatus.Onboarded)).When(RecordInvestment(investor: "")).ThenRefused("input.required");

    [Fact]
    public void Recording_the_same_investment_twice_records_nothing() =>
        Given([.. ParticipationIn(ParticipationStatus.Onboarded), InvestmentRecorded()]).When(RecordInvestment()).ThenNothing();

    [Fact]
    public void Recording_another_investment_under_a_known_id_is_refused() =>
        Given([.. ParticipationIn(ParticipationStatus.Onboarded), InvestmentRecorded()])
            .When(RecordInvestment(amount: 250_000m))
            .ThenRefused("investment.conflict");

    [Fact]
    public void The_state_lists_recorded_investments() =>
        Assert.Equal(
            [new Investment(InvestmentId, "Plug and Play Ventures", 100_000m, "EUR", Instrument.Equity, 5m)],
            RegisteredStateAfter([.. ParticipationIn(ParticipationStatus.Onboarded), InvestmentRecorded()]).Investments);
}
