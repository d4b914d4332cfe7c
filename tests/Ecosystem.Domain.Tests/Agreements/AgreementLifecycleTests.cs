using Ecosystem.Domain.Agreements;

namespace Ecosystem.Domain.Tests.Agreements;

public sealed class AgreementLifecycleTests : AgreementSpec
{
    static readonly DateOnly Later = EndsOn.AddYears(2);

    [Fact]
    public void Renewing_a_signed_agreement_moves_its_end_date() => Given(InForce).When(Renew(Later)).Then(Renewed(Later));

    [Fact]
    public void Renewing_a_draft_is_refused() => Given(Drafted()).When(Renew(Later)).ThenRefused("agreement.not-signed");

    [Fact]
    public void Renewing_to_an_earlier_end_is_refused() => Given(InForce).When(Renew(EndsOn)).ThenRefused("agreement.renewal-end-invalid");

    [Fact]
    public void Renewing_a_running_agreement_as_a_new_term_is_refused() =>
        Given(InForce).When(Renew(Later, newTermStartsOn: EndsOn.AddDays(1))).ThenRefused("agreement.still-running");

    [Fact]
    public void Renewing_again_to_the_same_end_records_nothing() => Given([.. InForce, Renewed(Later)]).When(Renew(Later)).ThenNothing();

    [Fact]
    public void Renewing_an_open_ended_agreement_sets_an_end_date() =>
        Given(Drafted(openEnded: true), Signed()).When(Renew(Later)).Then(Renewed(Later));

    [Fact]
    public void Renewal_shows_in_the_state()
    {
        var state = DraftedStateAfter([.. InForce, Renewed(Later)]);
        Assert.Equal((AgreementStatus.Renewed, (DateOnly?)Later), (state.Status, state.EndsOn));
    }

    [Fact]
    public void An_agreement_expires_after_its_end_date() =>
        Given(InForce).When(Expire(After(EndsOn.AddDays(1)))).Then(Expired());

    [Fact]
    public void An_agreement_does_not_expire_on_its_last_day() => Given(InForce).When(Expire(After(EndsOn))).ThenRefused("agreement.not-yet-due");

    [Fact]
    public void An_open_ended_agreement_does_not_expire() =>
        Given(Drafted(openEnded: true), Signed()).When(Expire(After(EndsOn.AddDays(1)))).ThenRefused("agreement.open-ended");

    [Fact]
    public void Expiring_a_draft_is_refused() => Given(Drafted()).When(Expire(After(EndsOn.AddDays(1)))).ThenRefused("agreement.not-signed");

    [Fact]
    public void Expiring_an_expired_agreement_records_nothing() => Given(HasExpired).When(Expire(After(EndsOn.AddDays(9)))).ThenNothing();

    [Fact]
    public void An_expired_agreement_is_renewed_as_a_new_term()
    {
        var start = EndsOn.AddMonths(3);
        Given(HasExpired).When(Renew(Later, newTermStartsOn: start)).Then(Renewed(Later, start));
        var state = DraftedStateAfter([.. HasExpired, Renewed(Later, start)]);
        Assert.Equal((AgreementStatus.Renewed, start, (DateOnly?)Later, (DateOnly?)null), (state.Status, state.StartsOn, state.EndsOn, state.EndedOn));
    }

    [Fact]
    public void An_expired_agreement_is_not_simply_extended() => Given(HasExpired).When(Renew(Later)).ThenRefused("agreement.new-term-required");

    [Fact]
    public void A_new_term_cannot_start_before_the_expiry() =>
        Given(HasExpired).When(Renew(Later, newTermStartsOn: EndsOn)).ThenRefused("agreement.new-term-required");

    [Fact]
    public void A_new_term_cannot_end_before_it_starts() =>
        Given(HasExpired).When(Renew(EndsOn.AddDays(5), newTermStartsOn: EndsOn.AddDays(10))).ThenRefused("agreement.renewal-end-invalid");

    [Fact]
    public void Terminating_a_signed_agreement_records_the_reason() => Given(InForce).When(Terminate()).Then(Terminated());

    [Fact]
    public void Terminating_without_a_reason_is_refused() => Given(InForce).When(Terminate(" ")).ThenRefused("input.required");

    [Fact]
    public void Terminating_a_draft_is_refused() => Given(Drafted()).When(Terminate()).ThenRefused("agreement.not-signed");

    [Fact]
    public void Terminating_before_the_signing_is_refused() =>
        Given(InForce).When(Terminate(on: SignedOn.AddDays(-1))).ThenRefused("agreement.before-signing");

    [Fact]
    public void Terminating_an_expired_agreement_is_refused() => Given(HasExpired).When(Terminate()).ThenRefused("agreement.expired");

    [Fact]
    public void Terminating_again_records_nothing() => Given([.. InForce, Terminated()]).When(Terminate("other")).ThenNothing();

    [Fact]
    public void A_terminated_agreement_cannot_be_renewed() => Given([.. InForce, Terminated()]).When(Renew(Later)).ThenRefused("agreement.terminated");

    [Fact]
    public void A_terminated_agreement_cannot_be_amended() => Given([.. InForce, Terminated()]).When(Amend()).ThenRefused("agreement.terminated");

    [Fact]
    public void Termination_shows_in_the_state()
    {
        var state = DraftedStateAfter([.. InForce, Terminated()]);
        Assert.Equal((AgreementStatus.Terminated, "Funding ended", (DateOnly?)new DateOnly(2024, 6, 30)), (state.Status, state.TerminationReason, state.EndedOn));
    }
}
