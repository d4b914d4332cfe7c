using Ecosystem.Domain.UrbanTesting;

namespace Ecosystem.Api.UrbanTesting;

/// <summary>One row of the urban-testing pipeline.</summary>
public sealed record UseCaseSummary(
    Guid Id,
    string Title,
    ProposerView Proposer,
    TestingDomain Domain,
    string? Site,
    UseCaseStatus Status,
    int DaysInStatus,
    IReadOnlyList<AuthorisationView> Authorisations,
    long Version);

public sealed record UseCaseView(
    Guid Id,
    string Title,
    ProposerView Proposer,
    TestingDomain Domain,
    int Trl,
    int DurationDays,
    UseCaseStatus Status,
    DateTimeOffset StatusSince,
    int DaysInStatus,
    Feasibility? Feasibility,
    IReadOnlyList<AuthorisationView> Authorisations,
    TestSite? Site,
    DateOnly? StartedOn,
    DateOnly? CompletedOn,
    IReadOnlyList<Kpi> Kpis,
    ResultsReport? Report,
    decimal? Contribution,
    ScaleUpPath? ScaleUp,
    string? WithdrawalReason,
    long Version);

/// <summary>Who proposed the test: a registered startup (with its name), an organisation, or both.</summary>
public sealed record ProposerView(Guid? StartupId, string? StartupName, string? Organisation);

/// <summary>
/// An authorisation as of the day the view describes: <c>ValidToday</c> when granted and within its validity,
/// <c>Expired</c> once past <c>ValidTo</c>, and <c>DaysToExpiry</c> for a granted one that has not expired.
/// </summary>
public sealed record AuthorisationView(
    string Authority,
    AuthorisationStatus Status,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    string? Area,
    string? DenialReason,
    bool ValidToday,
    bool Expired,
    int? DaysToExpiry);

public static class UrbanTestingViewMapping
{
    /// <summary>The view as of <paramref name="now"/>: the request's asOf, or the current time.</summary>
    public static UseCaseView ToView(this UrbanTestingUseCase.Proposed u, long version, string? startupName, DateTimeOffset now) => new(
        u.UseCaseId, u.Title, new ProposerView(u.ProposerStartupId, startupName, u.ProposerOrganisation), u.Domain, u.Trl, u.DurationDays,
        u.Status, u.StatusSince, DaysSince(u.StatusSince, now), u.Feasibility, Authorisations(u.Authorisations, now), u.Site, u.StartedOn, u.CompletedOn,
        u.Kpis, u.Report, u.Contribution, u.ScaleUp, u.WithdrawalReason, version);

    public static UseCaseSummary ToSummary(this UrbanTestingUseCase.Proposed u, long version, string? startupName, DateTimeOffset now) => new(
        u.UseCaseId, u.Title, new ProposerView(u.ProposerStartupId, startupName, u.ProposerOrganisation), u.Domain, u.Site?.Name,
        u.Status, DaysSince(u.StatusSince, now), Authorisations(u.Authorisations, now), version);

    /// <summary>Whole days in the current status as of <paramref name="now"/>.</summary>
    public static int DaysSince(DateTimeOffset since, DateTimeOffset now) => Math.Max(0, (now - since).Days);

    /// <summary>The authorisations with their validity and expiry as of <paramref name="now"/>.</summary>
    public static List<AuthorisationView> Authorisations(IEnumerable<Authorisation> authorisations, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return authorisations.Select(a =>
        {
            var granted = a.Status == AuthorisationStatus.Granted;
            var expired = granted && today > a.ValidTo;
            return new AuthorisationView(a.Authority, a.Status, a.ValidFrom, a.ValidTo, a.Area, a.DenialReason,
                ValidToday: granted && today >= a.ValidFrom && !expired,
                Expired: expired,
                DaysToExpiry: granted && !expired ? a.ValidTo!.Value.DayNumber - today.DayNumber : null);
        }).ToList();
    }
}
