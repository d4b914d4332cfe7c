using Ecosystem.Domain.UrbanTesting;

namespace Ecosystem.Domain.Tests.UrbanTesting;

public sealed class OutcomeTests : UrbanTestingSpec
{
    [Fact]
    public void Submitting_results_after_completion_records_them() =>
        Given(UseCaseIn(UseCaseStatus.Completed)).When(SubmitResultsReport()).Then(ResultsReportSubmitted());

    [Theory]
    [InlineData(UseCaseStatus.SiteAssigned)]
    [InlineData(UseCaseStatus.InTest)]
    [InlineData(UseCaseStatus.Suspended)]
    public void Submitting_results_before_completion_is_refused(UseCaseStatus status) =>
        Given(UseCaseIn(status)).When(SubmitResultsReport()).ThenRefused("test.not-completed");

    [Fact]
    public void Submitting_results_with_a_readiness_level_beyond_nine_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.Completed)).When(SubmitResultsReport(trlAfter: 10)).ThenRefused("trl.out-of-range");

    [Fact]
    public void Submitting_results_without_a_summary_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.Completed)).When(SubmitResultsReport(summary: " ")).ThenRefused("input.required");

    [Fact]
    public void Submitting_the_same_results_again_records_nothing() =>
        Given(UseCaseIn(UseCaseStatus.Reported)).When(SubmitResultsReport()).ThenNothing();

    [Fact]
    public void Revising_the_results_before_acceptance_records_the_revision() =>
        Given(UseCaseIn(UseCaseStatus.Reported)).When(SubmitResultsReport(trlAfter: 8)).Then(ResultsReportSubmitted(trlAfter: 8));

    [Fact]
    public void Revising_accepted_results_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.Accepted)).When(SubmitResultsReport(trlAfter: 8)).ThenRefused("use-case.invalid-transition");

    [Fact]
    public void Accepting_a_submitted_report_records_it() =>
        Given(UseCaseIn(UseCaseStatus.Reported)).When(AcceptReport()).Then(ReportAccepted());

    [Theory]
    [InlineData(UseCaseStatus.InTest)]
    [InlineData(UseCaseStatus.Completed)]
    public void Accepting_a_report_before_one_is_submitted_is_refused(UseCaseStatus status) =>
        Given(UseCaseIn(status)).When(AcceptReport()).ThenRefused("report.not-submitted");

    [Fact]
    public void Accepting_an_accepted_report_records_nothing() =>
        Given(UseCaseIn(UseCaseStatus.Accepted)).When(AcceptReport()).ThenNothing();

    [Fact]
    public void Awarding_a_contribution_after_acceptance_records_it() =>
        Given(UseCaseIn(UseCaseStatus.Accepted)).When(AwardContribution()).Then(ContributionAwarded());

    [Theory]
    [InlineData(UseCaseStatus.Completed)]
    [InlineData(UseCaseStatus.Reported)]
    public void Awarding_a_contribution_before_acceptance_is_refused(UseCaseStatus status) =>
        Given(UseCaseIn(status)).When(AwardContribution()).ThenRefused("contribution.before-acceptance");

    [Fact]
    public void Awarding_a_contribution_of_nothing_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.Accepted)).When(AwardContribution(0m)).ThenRefused("contribution.amount-invalid");

    [Fact]
    public void Awarding_the_same_contribution_again_records_nothing() =>
        Given([.. UseCaseIn(UseCaseStatus.Accepted), ContributionAwarded()]).When(AwardContribution()).ThenNothing();

    [Fact]
    public void Awarding_a_second_contribution_is_refused() =>
        Given([.. UseCaseIn(UseCaseStatus.Accepted), ContributionAwarded()]).When(AwardContribution(30_000m)).ThenRefused("contribution.already-awarded");

    [Fact]
    public void Proposing_a_scale_up_after_acceptance_records_it() =>
        Given(UseCaseIn(UseCaseStatus.Accepted)).When(ProposeScaleUp()).Then(ScaleUpProposed());

    [Fact]
    public void Proposing_a_scale_up_before_acceptance_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.Reported)).When(ProposeScaleUp()).ThenRefused("scale-up.before-acceptance");

    [Fact]
    public void Proposing_the_same_scale_up_again_records_nothing() =>
        Given(UseCaseIn(UseCaseStatus.ScaledUp)).When(ProposeScaleUp()).ThenNothing();

    [Fact]
    public void A_drone_test_goes_from_proposal_to_scale_up()
    {
        UrbanTestingEvent[] history = [];
        UrbanTestingCommand[] steps =
        [
            SubmitProposal(), AssessFeasibility(), RequestAuthorisation(), GrantAuthorisation(), AssignTestSite(), StartTest(), RecordKpi(),
            SuspendTest(), ResumeTest(), CompleteTest(), SubmitResultsReport(), AcceptReport(), AwardContribution(), ProposeScaleUp(),
        ];
        var statuses = new List<UseCaseStatus>();
        foreach (var step in steps)
        {
            history = [.. history, .. UrbanTestingDecider.Decide(step, StateAfter(history))];
            statuses.Add(ProposedStateAfter(history).Status);
        }

        Assert.Equal(
            [
                UseCaseStatus.Submitted, UseCaseStatus.Feasible, UseCaseStatus.Authorising, UseCaseStatus.Authorised, UseCaseStatus.SiteAssigned,
                UseCaseStatus.InTest, UseCaseStatus.InTest, UseCaseStatus.Suspended, UseCaseStatus.InTest, UseCaseStatus.Completed,
                UseCaseStatus.Reported, UseCaseStatus.Accepted, UseCaseStatus.Accepted, UseCaseStatus.ScaledUp,
            ],
            statuses);
        var useCase = ProposedStateAfter(history);
        Assert.Equal(new TestSite(Site, SiteArea), useCase.Site);
        Assert.Equal(20_000m, useCase.Contribution);
        Assert.Equal(new ResultsReport(7, "Safe BVLOS flights over the park", true), useCase.Report);
        Assert.Equal((StartOn, EndOn), (useCase.StartedOn, useCase.CompletedOn));
    }

    [Fact]
    public void The_state_knows_since_when_it_is_in_its_status()
    {
        var later = Now.AddDays(3);
        var useCase = ProposedStateAfter(
            ProposalSubmitted(), new UrbanTestingEvent.FeasibilityAssessed(UseCaseId, true, [], later));

        Assert.Equal(later, useCase.StatusSince);
    }
}
