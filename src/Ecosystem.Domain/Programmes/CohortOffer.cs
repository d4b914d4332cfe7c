using Ecosystem.Domain.Startups;

namespace Ecosystem.Domain.Programmes;

/// <summary>Who may apply beyond the sector match: the EU Business Hub asks for an EU headquarters and years of operation.</summary>
public sealed record Eligibility(bool HqInEu, int MinYearsSme, int MinYearsStartup)
{
    public static Eligibility EuBusinessHub { get; } = new(HqInEu: true, MinYearsSme: 5, MinYearsStartup: 3);

    public int MinYearsFor(StartupKind kind) => kind == StartupKind.Sme ? MinYearsSme : MinYearsStartup;
}

/// <summary>
/// The programme's facts a startup's application is decided on, taken from <see cref="Programme.OfferFor"/>
/// so the Startup decider needs no access to the programme's stream.
/// </summary>
public sealed record CohortOffer(
    Guid ProgrammeId,
    Guid CohortId,
    ProgrammeKind Kind,
    ValueList<string> Sectors,
    bool CallOpen,
    CallWindow? Call,
    Eligibility? Eligibility)
{
    public bool AcceptsApplicationsOn(DateOnly date) => CallOpen && Call is { } call && call.Includes(date);

    internal static CohortOffer Of(Programme.Launched programme, Cohort cohort) => new(
        programme.ProgrammeId,
        cohort.CohortId,
        programme.Kind,
        programme.Sectors,
        cohort.Status == CohortStatus.CallOpen,
        cohort.Call,
        programme.Eligibility);
}
