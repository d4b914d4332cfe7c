using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Marten.Events.Projections;

namespace Ecosystem.Bench;

/// <summary>
/// The programme roster as Marten's own projections would keep it, for the rebuild benchmark's second baseline: the same
/// information as ProgrammeRosterProjection's tables, as documents — one per cohort (its state, milestones and roster,
/// a multi-stream projection over programme and startup streams, grouped by cohort), one per programme (a single-stream
/// projection) and one per startup name. Async projections, rebuilt by Marten's daemon (<c>RebuildProjectionAsync</c>).
/// </summary>
public static class MartenRoster
{
    public static readonly string[] ProjectionNames = ["bench-roster-cohorts", "bench-roster-programmes", "bench-roster-startups"];

    public static void Register(StoreOptions options)
    {
        options.Projections.Add(new CohortProjection(), ProjectionLifecycle.Async);
        options.Projections.Add(new ProgrammeProjection(), ProjectionLifecycle.Async);
        options.Projections.Add(new StartupProjection(), ProjectionLifecycle.Async);
    }

    public sealed class Cohort
    {
        public Guid Id { get; set; }
        public Guid ProgrammeId { get; set; }
        public string Edition { get; set; } = "";
        public string Status { get; set; } = "";
        public int Capacity { get; set; }
        public int Allocated { get; set; }
        public DateOnly StartsOn { get; set; }
        public DateOnly EndsOn { get; set; }
        public DateOnly? CallOpensOn { get; set; }
        public DateOnly? CallClosesOn { get; set; }
        public DateOnly? DemoDayOn { get; set; }
        public string? DemoDayVenue { get; set; }
        public DateTimeOffset PlannedAt { get; set; }
        public Dictionary<Guid, Milestone> Milestones { get; set; } = [];
        public Dictionary<Guid, Applicant> Roster { get; set; } = [];
    }

    public sealed record Milestone(string Title, DateOnly DueOn, bool Mandatory);

    public sealed class Applicant
    {
        public string Status { get; set; } = "applied";
        public bool HoldsSeat { get; set; }
        public DateTimeOffset AppliedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
    }

    public sealed class Programme
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Organisation { get; set; } = "";
        public List<string> Sectors { get; set; } = [];
        public List<string> TargetCountries { get; set; } = [];
        public string Venue { get; set; } = "";
        public string Status { get; set; } = "active";
        public List<Partner> Partners { get; set; } = [];
        public DateTimeOffset LaunchedAt { get; set; }
        public long Version { get; set; }
    }

    public sealed record Partner(string Organisation, string Role);

    public sealed class Startup
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
    }

    static Guid? CohortOf(object e) => e switch
    {
        ProgrammeEvent.CohortPlanned p => p.CohortId,
        ProgrammeEvent.CohortCapacityChanged p => p.CohortId,
        ProgrammeEvent.CallOpened p => p.CohortId,
        ProgrammeEvent.CallClosed p => p.CohortId,
        ProgrammeEvent.SeatAllocated p => p.CohortId,
        ProgrammeEvent.SeatReleased p => p.CohortId,
        ProgrammeEvent.CohortStarted p => p.CohortId,
        ProgrammeEvent.MilestoneSet p => p.CohortId,
        ProgrammeEvent.DemoDayHeld p => p.CohortId,
        ProgrammeEvent.CohortCompleted p => p.CohortId,
        ProgrammeEvent.CohortCancelled p => p.CohortId,
        StartupEvent.ApplicationSubmitted s => s.CohortId,
        StartupEvent se when ParticipationStatusRules.ChangeOf(se) is (var cohort, _) => cohort,
        _ => null,
    };

    static string Text<TEnum>(TEnum value) where TEnum : struct, Enum => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    sealed class CohortProjection : MultiStreamProjection<Cohort, Guid>
    {
        public CohortProjection()
        {
            Name = ProjectionNames[0];
            Identities<ProgrammeEvent>(e => CohortOf(e) is { } c ? [c] : []);
            Identities<StartupEvent>(e => CohortOf(e) is { } c ? [c] : []);
        }

        public override Cohort? Evolve(Cohort? snapshot, Guid id, IEvent e)
        {
            var cohort = snapshot ?? new Cohort { Id = id };
            switch (e.Data)
            {
                case ProgrammeEvent.CohortPlanned p:
                    (cohort.ProgrammeId, cohort.Edition, cohort.Status, cohort.Capacity, cohort.StartsOn, cohort.EndsOn, cohort.PlannedAt) =
                        (p.ProgrammeId, p.Edition, "planned", p.Capacity, p.StartsOn, p.EndsOn, p.PlannedAt);
                    break;
                case ProgrammeEvent.CohortCapacityChanged p: cohort.Capacity = p.Capacity; break;
                case ProgrammeEvent.CallOpened p: (cohort.Status, cohort.CallOpensOn, cohort.CallClosesOn) = ("call-open", p.OpensOn, p.ClosesOn); break;
                case ProgrammeEvent.CallClosed: cohort.Status = "call-closed"; break;
                case ProgrammeEvent.SeatAllocated p:
                    cohort.Allocated++;
                    if (cohort.Roster.TryGetValue(p.StartupId, out var seated)) seated.HoldsSeat = true;
                    break;
                case ProgrammeEvent.SeatReleased p:
                    cohort.Allocated--;
                    if (cohort.Roster.TryGetValue(p.StartupId, out var released)) released.HoldsSeat = false;
                    break;
                case ProgrammeEvent.CohortStarted: cohort.Status = "running"; break;
                case ProgrammeEvent.MilestoneSet p: cohort.Milestones[p.MilestoneId] = new Milestone(p.Title, p.DueOn, p.Mandatory); break;
                case ProgrammeEvent.DemoDayHeld p: (cohort.DemoDayOn, cohort.DemoDayVenue) = (p.On, p.Venue); break;
                case ProgrammeEvent.CohortCompleted: cohort.Status = "completed"; break;
                case ProgrammeEvent.CohortCancelled: cohort.Status = "cancelled"; break;
                case StartupEvent.ApplicationSubmitted s:
                    cohort.Roster.TryAdd(s.StartupId, new Applicant { AppliedAt = s.SubmittedAt, UpdatedAt = s.SubmittedAt });
                    break;
                case StartupEvent se when ParticipationStatusRules.ChangeOf(se) is (_, var status):
                    if (cohort.Roster.TryGetValue(se.StartupId, out var applicant)) (applicant.Status, applicant.UpdatedAt) = (Text(status), e.Timestamp);
                    break;
            }
            return cohort;
        }
    }

    sealed class ProgrammeProjection : SingleStreamProjection<Programme, Guid>
    {
        public ProgrammeProjection()
        {
            Name = ProjectionNames[1];
            foreach (var type in typeof(ProgrammeEvent).GetNestedTypes().Where(t => t.IsSubclassOf(typeof(ProgrammeEvent)))) IncludeType(type);
        }

        public override Programme? Evolve(Programme? snapshot, Guid id, IEvent e)
        {
            var programme = snapshot ?? new Programme { Id = id };
            switch (e.Data)
            {
                case ProgrammeEvent.ProgrammeLaunched p:
                    (programme.Name, programme.Kind, programme.Organisation, programme.Venue, programme.LaunchedAt) = (p.Name, Text(p.Kind), p.Operator, p.Venue, p.LaunchedAt);
                    programme.Sectors = [.. p.Sectors];
                    programme.TargetCountries = [.. p.TargetCountries];
                    break;
                case ProgrammeEvent.PartnerAdded p: programme.Partners.Add(new Partner(p.Organisation, p.Role)); break;
                case ProgrammeEvent.ProgrammeClosed: programme.Status = "closed"; break;
            }
            programme.Version = e.Version;
            return programme;
        }
    }

    sealed class StartupProjection : SingleStreamProjection<Startup, Guid>
    {
        public StartupProjection()
        {
            Name = ProjectionNames[2];
            IncludeType<StartupEvent.StartupRegistered>();
        }

        public override Startup? Evolve(Startup? snapshot, Guid id, IEvent e) =>
            e.Data is StartupEvent.StartupRegistered s ? new Startup { Id = id, Name = s.Name } : snapshot;
    }
}
