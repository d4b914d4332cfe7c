using Ecosystem.Domain.UrbanTesting;

namespace Ecosystem.Domain.Tests.UrbanTesting;

public sealed class ProposalTests : UrbanTestingSpec
{
    [Fact]
    public void Submitting_a_proposal_records_it() =>
        Given().When(SubmitProposal()).Then(ProposalSubmitted());

    [Fact]
    public void An_organisation_may_propose_without_being_a_registered_startup() =>
        Given().When(SubmitProposal(byStartup: false, organisation: "GTT")).Then(ProposalSubmitted(byStartup: false, organisation: "GTT"));

    [Fact]
    public void A_registered_startup_may_propose_without_naming_an_organisation() =>
        Given().When(SubmitProposal(organisation: null)).Then(ProposalSubmitted(organisation: null));

    [Fact]
    public void A_proposal_without_a_proposer_is_refused() =>
        Given().When(SubmitProposal(byStartup: false, organisation: " ")).ThenRefused("proposal.proposer-missing");

    [Fact]
    public void A_proposal_without_a_title_is_refused() =>
        Given().When(SubmitProposal(title: "")).ThenRefused("input.required");

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void A_proposal_with_a_readiness_level_outside_one_to_nine_is_refused(int trl) =>
        Given().When(SubmitProposal(trl: trl)).ThenRefused("trl.out-of-range");

    [Fact]
    public void A_proposal_for_a_test_of_no_days_is_refused() =>
        Given().When(SubmitProposal(durationDays: 0)).ThenRefused("proposal.duration-invalid");

    [Fact]
    public void Submitting_the_same_proposal_again_records_nothing() =>
        Given(ProposalSubmitted()).When(SubmitProposal()).ThenNothing();

    [Fact]
    public void Submitting_a_submitted_proposal_with_other_details_is_refused() =>
        Given(ProposalSubmitted()).When(SubmitProposal(trl: 7)).ThenRefused("use-case.already-submitted");

    [Fact]
    public void Any_step_before_a_proposal_is_refused() =>
        Given().When(AssessFeasibility()).ThenRefused("use-case.not-submitted");

    [Fact]
    public void Assessing_a_proposal_as_feasible_records_it() =>
        Given(ProposalSubmitted()).When(AssessFeasibility()).Then(FeasibilityAssessed());

    [Fact]
    public void Assessing_a_proposal_as_not_feasible_records_it() =>
        Given(ProposalSubmitted()).When(AssessFeasibility(feasible: false, conditions: [])).Then(FeasibilityAssessed(feasible: false, conditions: []));

    [Fact]
    public void Assessing_feasibility_the_same_way_again_records_nothing() =>
        Given(UseCaseIn(UseCaseStatus.Feasible)).When(AssessFeasibility()).ThenNothing();

    [Fact]
    public void Assessing_feasibility_again_otherwise_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.Feasible)).When(AssessFeasibility(conditions: ["night flights"])).ThenRefused("feasibility.already-assessed");

    [Theory]
    [InlineData(UseCaseStatus.Submitted)]
    [InlineData(UseCaseStatus.Feasible)]
    [InlineData(UseCaseStatus.Authorising)]
    [InlineData(UseCaseStatus.Authorised)]
    [InlineData(UseCaseStatus.SiteAssigned)]
    [InlineData(UseCaseStatus.InTest)]
    [InlineData(UseCaseStatus.Suspended)]
    [InlineData(UseCaseStatus.Completed)]
    [InlineData(UseCaseStatus.Reported)]
    [InlineData(UseCaseStatus.Accepted)]
    public void Withdrawing_a_proposal_that_has_not_ended_records_it(UseCaseStatus status) =>
        Given(UseCaseIn(status)).When(WithdrawProposal()).Then(ProposalWithdrawn());

    [Fact]
    public void Withdrawing_a_withdrawn_proposal_records_nothing() =>
        Given(UseCaseIn(UseCaseStatus.Withdrawn)).When(WithdrawProposal()).ThenNothing();

    [Theory]
    [InlineData(UseCaseStatus.NotFeasible)]
    [InlineData(UseCaseStatus.Denied)]
    [InlineData(UseCaseStatus.ScaledUp)]
    public void A_use_case_that_ended_cannot_be_withdrawn(UseCaseStatus status) =>
        Given(UseCaseIn(status)).When(WithdrawProposal()).ThenRefused("use-case.terminal");

    [Theory]
    [InlineData(UseCaseStatus.NotFeasible)]
    [InlineData(UseCaseStatus.Denied)]
    [InlineData(UseCaseStatus.ScaledUp)]
    [InlineData(UseCaseStatus.Withdrawn)]
    public void A_use_case_that_ended_accepts_no_step(UseCaseStatus status)
    {
        UrbanTestingCommand[] steps =
        [
            RequestAuthorisation(City), AssignTestSite("Smart Road", "Torino/Smart Road"), StartTest(StartOn.AddDays(1)), RecordKpi(7m),
            SuspendTest(), CompleteTest(EndOn.AddDays(-1)), SubmitResultsReport(8), AwardContribution(5_000m),
            ProposeScaleUp(ScaleUpPath.Network),
        ];
        Assert.All(steps, step => Given(UseCaseIn(status)).When(step).ThenRefused("use-case.terminal"));
    }
}
