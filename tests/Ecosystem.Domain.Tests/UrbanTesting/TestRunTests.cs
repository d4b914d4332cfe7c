using Ecosystem.Domain.UrbanTesting;

namespace Ecosystem.Domain.Tests.UrbanTesting;

public sealed class TestRunTests : UrbanTestingSpec
{
    [Fact]
    public void Starting_an_authorised_test_on_its_site_records_it() =>
        Given(UseCaseIn(UseCaseStatus.SiteAssigned)).When(StartTest()).Then(TestStarted());

    [Fact]
    public void Starting_a_test_while_an_authorisation_is_pending_is_refused() =>
        Given([.. UseCaseIn(UseCaseStatus.SiteAssigned), AuthorisationRequested(City)]).When(StartTest()).ThenRefused("authorisation.missing");

    [Fact]
    public void Starting_a_test_without_any_authorisation_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.Feasible)).When(StartTest()).ThenRefused("authorisation.missing");

    [Fact]
    public void Starting_a_test_without_a_site_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.Authorised)).When(StartTest()).ThenRefused("site.not-assigned");

    [Fact]
    public void Starting_a_test_before_its_authorisation_is_valid_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.SiteAssigned)).When(StartTest(ValidFrom.AddDays(-1))).ThenRefused("authorisation.not-yet-valid");

    [Fact]
    public void Starting_a_test_after_its_authorisation_expired_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.SiteAssigned)).When(StartTest(ValidTo.AddDays(1))).ThenRefused("authorisation.expired");

    [Theory]
    [InlineData("2024-04-01")]
    [InlineData("2024-09-30")]
    public void Starting_a_test_on_the_first_or_last_valid_day_is_accepted(string on) =>
        Given(UseCaseIn(UseCaseStatus.SiteAssigned)).When(StartTest(DateOnly.Parse(on))).Then(TestStarted(DateOnly.Parse(on)));

    [Fact]
    public void Starting_a_test_on_a_site_outside_the_authorised_area_is_refused() =>
        Given([.. UseCaseIn(UseCaseStatus.Authorised), TestSiteAssigned("Smart Road", "Torino/Corso Giulio Cesare")])
            .When(StartTest())
            .ThenRefused("site.outside-authorised-area");

    [Fact]
    public void Every_authorisation_must_cover_the_site() =>
        Given([
            .. UseCaseIn(UseCaseStatus.SiteAssigned), AuthorisationRequested(City), AuthorisationGranted(City, area: "Parco Dora/South"),
        ])
            .When(StartTest())
            .ThenRefused("site.outside-authorised-area");

    [Fact]
    public void A_test_under_two_covering_authorisations_starts() =>
        Given([.. UseCaseIn(UseCaseStatus.SiteAssigned), AuthorisationRequested(City), AuthorisationGranted(City, area: "parco dora")])
            .When(StartTest())
            .Then(TestStarted());

    [Fact]
    public void Starting_a_test_before_feasibility_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.Submitted)).When(StartTest()).ThenRefused("use-case.invalid-transition");

    [Fact]
    public void Starting_a_started_test_on_the_same_day_records_nothing() =>
        Given(UseCaseIn(UseCaseStatus.InTest)).When(StartTest()).ThenNothing();

    [Fact]
    public void Starting_a_started_test_on_another_day_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.InTest)).When(StartTest(StartOn.AddDays(1))).ThenRefused("use-case.invalid-transition");

    [Fact]
    public void Recording_a_kpi_during_the_test_records_it() =>
        Given(UseCaseIn(UseCaseStatus.InTest)).When(RecordKpi()).Then(KpiRecorded());

    [Fact]
    public void Recording_a_kpi_after_completion_is_accepted() =>
        Given(UseCaseIn(UseCaseStatus.Completed)).When(RecordKpi()).Then(KpiRecorded());

    [Fact]
    public void Recording_a_kpi_before_the_test_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.SiteAssigned)).When(RecordKpi()).ThenRefused("kpi.outside-test");

    [Fact]
    public void Recording_a_kpi_value_it_already_has_records_nothing() =>
        Given([.. UseCaseIn(UseCaseStatus.InTest), KpiRecorded(42m)]).When(RecordKpi(42m)).ThenNothing();

    [Fact]
    public void Recording_a_new_value_of_a_kpi_records_it() =>
        Given([.. UseCaseIn(UseCaseStatus.InTest), KpiRecorded(42m)]).When(RecordKpi(57m)).Then(KpiRecorded(57m));

    [Fact]
    public void Recording_a_kpi_without_a_name_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.InTest)).When(RecordKpi(name: "")).ThenRefused("input.required");

    [Fact]
    public void Suspending_a_running_test_records_it() =>
        Given(UseCaseIn(UseCaseStatus.InTest)).When(SuspendTest()).Then(TestSuspended());

    [Fact]
    public void Suspending_a_suspended_test_records_nothing() =>
        Given(UseCaseIn(UseCaseStatus.Suspended)).When(SuspendTest()).ThenNothing();

    [Fact]
    public void Suspending_a_test_that_has_not_started_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.SiteAssigned)).When(SuspendTest()).ThenRefused("use-case.invalid-transition");

    [Fact]
    public void Resuming_a_suspended_test_records_it() =>
        Given(UseCaseIn(UseCaseStatus.Suspended)).When(ResumeTest()).Then(TestResumed());

    [Fact]
    public void Resuming_a_running_test_records_nothing() =>
        Given(UseCaseIn(UseCaseStatus.InTest)).When(ResumeTest()).ThenNothing();

    [Fact]
    public void Resuming_a_completed_test_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.Completed)).When(ResumeTest()).ThenRefused("use-case.invalid-transition");

    [Fact]
    public void A_resumed_test_is_in_test_again() =>
        Assert.Equal(UseCaseStatus.InTest, ProposedStateAfter([.. UseCaseIn(UseCaseStatus.Suspended), TestResumed()]).Status);

    [Fact]
    public void Completing_a_running_test_records_it() =>
        Given(UseCaseIn(UseCaseStatus.InTest)).When(CompleteTest()).Then(TestCompleted());

    [Fact]
    public void Completing_a_test_on_the_day_its_authorisation_expires_is_accepted() =>
        Given(UseCaseIn(UseCaseStatus.InTest)).When(CompleteTest(ValidTo)).Then(TestCompleted(ValidTo));

    [Fact]
    public void Completing_a_test_after_its_authorisation_expired_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.InTest)).When(CompleteTest(ValidTo.AddDays(1))).ThenRefused("test.ends-after-authorisation");

    [Fact]
    public void Completing_a_test_before_it_started_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.InTest)).When(CompleteTest(StartOn.AddDays(-1))).ThenRefused("test.dates-invalid");

    [Fact]
    public void Completing_a_suspended_test_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.Suspended)).When(CompleteTest()).ThenRefused("use-case.invalid-transition");

    [Fact]
    public void Completing_a_completed_test_on_the_same_day_records_nothing() =>
        Given(UseCaseIn(UseCaseStatus.Completed)).When(CompleteTest()).ThenNothing();
}
