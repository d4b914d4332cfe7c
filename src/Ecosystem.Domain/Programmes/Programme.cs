using System.Collections.Immutable;
using static Ecosystem.Domain.Programmes.ProgrammeEvent;

namespace Ecosystem.Domain.Programmes;

public enum ProgrammeKind { Accelerator, Internationalisation }

public enum ProgrammeStatus { Active, Closed }

public sealed record Partner(string Organisation, string Role);

public abstract record Programme
{
    public sealed record NotLaunched : Programme;

    public sealed record Launched(
        Guid ProgrammeId,
        string Name,
        ProgrammeKind Kind,
        ValueList<string> Sectors,
        ValueList<string> TargetCountries,
        string Venue,
        string Operator,
        Eligibility? Eligibility,
        ProgrammeStatus Status,
        ImmutableList<Partner> Partners,
        ImmutableList<Cohort> Cohorts) : Programme
    {
        public Cohort? FindCohort(Guid cohortId) => Cohorts.Find(cohort => cohort.CohortId == cohortId);

        public Cohort RequireCohort(Guid cohortId) =>
            FindCohort(cohortId) ?? throw Rule.Broken(RuleCodes.CohortNotFound, $"Programme {Name} has no cohort {cohortId}");

        public ValueList<Guid> MandatoryMilestonesOf(Guid cohortId) => RequireCohort(cohortId).MandatoryMilestoneIds();

        internal Launched WithCohort(Guid cohortId, Func<Cohort, Cohort> change) =>
            FindCohort(cohortId) is { } cohort ? this with { Cohorts = Cohorts.Replace(cohort, change(cohort)) } : this;
    }

    /// <summary>What a startup needs to know about a cohort to apply to it; see the Startup's Apply command.</summary>
    public CohortOffer OfferFor(Guid cohortId) => this switch
    {
        Launched { Status: ProgrammeStatus.Closed } => throw Rule.Broken(RuleCodes.ProgrammeClosed, "The programme is closed"),
        Launched programme => CohortOffer.Of(programme, programme.RequireCohort(cohortId)),
        _ => throw Rule.Broken(RuleCodes.ProgrammeNotLaunched, "The programme has not been launched"),
    };

    private Programme() { }
}

public static partial class ProgrammeDecider
{
    public static Programme Initial { get; } = new Programme.NotLaunched();

    public static Programme Evolve(Programme state, ProgrammeEvent @event) => (state, @event) switch
    {
        (Programme.NotLaunched, ProgrammeLaunched e) => new Programme.Launched(
            e.ProgrammeId, e.Name, e.Kind, e.Sectors, e.TargetCountries, e.Venue, e.Operator, e.Eligibility,
            ProgrammeStatus.Active, [], []),
        (Programme.Launched p, PartnerAdded e) => p with { Partners = p.Partners.Add(new Partner(e.Organisation, e.Role)) },
        (Programme.Launched p, CohortPlanned e) => p with
        {
            Cohorts = p.Cohorts.Add(new Cohort(e.CohortId, e.Edition, e.Capacity, e.StartsOn, e.EndsOn, CohortStatus.Planned, null, [], [], null)),
        },
        (Programme.Launched p, CohortCapacityChanged e) => p.WithCohort(e.CohortId, c => c with { Capacity = e.Capacity }),
        (Programme.Launched p, CallOpened e) => p.WithCohort(e.CohortId, c => c with
        {
            Status = CohortStatus.CallOpen,
            Call = new CallWindow(e.OpensOn, e.ClosesOn),
        }),
        (Programme.Launched p, CallClosed e) => p.WithCohort(e.CohortId, c => c with { Status = CohortStatus.CallClosed }),
        (Programme.Launched p, SeatAllocated e) => p.WithCohort(e.CohortId, c => c with { AllocatedStartupIds = c.AllocatedStartupIds.Add(e.StartupId) }),
        (Programme.Launched p, SeatReleased e) => p.WithCohort(e.CohortId, c => c with { AllocatedStartupIds = c.AllocatedStartupIds.Remove(e.StartupId) }),
        (Programme.Launched p, CohortStarted e) => p.WithCohort(e.CohortId, c => c with { Status = CohortStatus.Running }),
        (Programme.Launched p, MilestoneSet e) => p.WithCohort(e.CohortId, c => c.WithMilestone(new Milestone(e.MilestoneId, e.Title, e.DueOn, e.Mandatory))),
        (Programme.Launched p, DemoDayHeld e) => p.WithCohort(e.CohortId, c => c with { DemoDay = new DemoDay(e.On, e.Venue) }),
        (Programme.Launched p, CohortCompleted e) => p.WithCohort(e.CohortId, c => c with { Status = CohortStatus.Completed }),
        (Programme.Launched p, CohortCancelled e) => p.WithCohort(e.CohortId, c => c with { Status = CohortStatus.Cancelled }),
        (Programme.Launched p, ProgrammeClosed) => p with { Status = ProgrammeStatus.Closed },
        _ => state,
    };
}
