using Ecosystem.Domain.UrbanTesting;

namespace Ecosystem.Domain.Tests.UrbanTesting;

public sealed class AuthorisationTests : UrbanTestingSpec
{
    [Fact]
    public void Requesting_an_authorisation_once_feasible_records_it() =>
        Given(UseCaseIn(UseCaseStatus.Feasible)).When(RequestAuthorisation()).Then(AuthorisationRequested());

    [Fact]
    public void Requesting_an_authorisation_before_the_feasibility_assessment_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.Submitted)).When(RequestAuthorisation()).ThenRefused("feasibility.not-assessed");

    [Fact]
    public void Requesting_an_authorisation_for_an_unfeasible_test_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.NotFeasible)).When(RequestAuthorisation()).ThenRefused("use-case.terminal");

    [Fact]
    public void Requesting_the_same_authorisation_again_records_nothing() =>
        Given(UseCaseIn(UseCaseStatus.Authorising)).When(RequestAuthorisation()).ThenNothing();

    [Fact]
    public void Requesting_a_second_authority_records_it() =>
        Given(UseCaseIn(UseCaseStatus.Authorised)).When(RequestAuthorisation(City)).Then(AuthorisationRequested(City));

    [Fact]
    public void Requesting_an_authorisation_without_an_authority_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.Feasible)).When(RequestAuthorisation(" ")).ThenRefused("input.required");

    [Fact]
    public void Requesting_an_authorisation_once_the_test_runs_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.InTest)).When(RequestAuthorisation(City)).ThenRefused("use-case.invalid-transition");

    [Fact]
    public void Granting_a_requested_authorisation_records_its_validity_and_area() =>
        Given(UseCaseIn(UseCaseStatus.Authorising)).When(GrantAuthorisation()).Then(AuthorisationGranted());

    [Fact]
    public void Granting_an_authorisation_nobody_requested_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.Authorising)).When(GrantAuthorisation(City)).ThenRefused("authorisation.not-requested");

    [Fact]
    public void Granting_an_authorisation_that_expires_before_it_is_valid_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.Authorising))
            .When(GrantAuthorisation(validFrom: ValidFrom, validTo: ValidFrom.AddDays(-1)))
            .ThenRefused("authorisation.validity-invalid");

    [Fact]
    public void Granting_an_authorisation_without_an_area_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.Authorising)).When(GrantAuthorisation(area: "")).ThenRefused("input.required");

    [Fact]
    public void Granting_the_same_authorisation_again_records_nothing() =>
        Given(UseCaseIn(UseCaseStatus.Authorised)).When(GrantAuthorisation()).ThenNothing();

    [Fact]
    public void Granting_a_granted_authorisation_on_other_terms_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.Authorised)).When(GrantAuthorisation(validTo: ValidTo.AddMonths(3))).ThenRefused("authorisation.already-decided");

    [Fact]
    public void Denying_a_requested_authorisation_records_it_and_ends_the_use_case()
    {
        Given(UseCaseIn(UseCaseStatus.Authorising)).When(DenyAuthorisation()).Then(AuthorisationDenied());
        Assert.Equal(UseCaseStatus.Denied, ProposedStateAfter([.. UseCaseIn(UseCaseStatus.Authorising), AuthorisationDenied()]).Status);
    }

    [Fact]
    public void Denying_an_authorisation_nobody_requested_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.Authorising)).When(DenyAuthorisation(City)).ThenRefused("authorisation.not-requested");

    [Fact]
    public void Denying_a_granted_authorisation_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.Authorised)).When(DenyAuthorisation()).ThenRefused("authorisation.already-decided");

    [Fact]
    public void Denying_a_denied_authorisation_records_nothing() =>
        Given(UseCaseIn(UseCaseStatus.Denied)).When(DenyAuthorisation()).ThenNothing();

    [Fact]
    public void The_use_case_stays_authorising_while_any_request_is_pending() =>
        Assert.Equal(
            UseCaseStatus.Authorising,
            ProposedStateAfter([.. UseCaseIn(UseCaseStatus.Feasible), AuthorisationRequested(), AuthorisationRequested(City), AuthorisationGranted()]).Status);

    [Fact]
    public void Assigning_a_test_site_once_authorised_records_it() =>
        Given(UseCaseIn(UseCaseStatus.Authorised)).When(AssignTestSite()).Then(TestSiteAssigned());

    [Theory]
    [InlineData(UseCaseStatus.Feasible)]
    [InlineData(UseCaseStatus.Authorising)]
    public void Assigning_a_test_site_before_every_authorisation_is_granted_is_refused(UseCaseStatus status) =>
        Given(UseCaseIn(status)).When(AssignTestSite()).ThenRefused("authorisation.missing");

    [Fact]
    public void Assigning_the_same_site_again_records_nothing() =>
        Given(UseCaseIn(UseCaseStatus.SiteAssigned)).When(AssignTestSite()).ThenNothing();

    [Fact]
    public void Moving_the_test_to_another_site_before_it_starts_records_it() =>
        Given(UseCaseIn(UseCaseStatus.SiteAssigned))
            .When(AssignTestSite("Dora north lawn", "Parco Dora/North"))
            .Then(TestSiteAssigned("Dora north lawn", "Parco Dora/North"));

    [Fact]
    public void Moving_a_running_test_to_another_site_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.InTest)).When(AssignTestSite("Dora north lawn", "Parco Dora/North")).ThenRefused("use-case.invalid-transition");

    [Fact]
    public void Assigning_a_site_without_an_area_is_refused() =>
        Given(UseCaseIn(UseCaseStatus.Authorised)).When(AssignTestSite(area: "")).ThenRefused("input.required");

    [Fact]
    public void A_later_authorisation_returns_an_assigned_site_to_authorising_then_back() =>
        Assert.Equal(
            [UseCaseStatus.Authorising, UseCaseStatus.SiteAssigned],
            new[]
            {
                ProposedStateAfter([.. UseCaseIn(UseCaseStatus.SiteAssigned), AuthorisationRequested(City)]).Status,
                ProposedStateAfter([.. UseCaseIn(UseCaseStatus.SiteAssigned), AuthorisationRequested(City), AuthorisationGranted(City)]).Status,
            });
}
