using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using Ecosystem.Api.EventStore;
using static Ecosystem.Api.ReadModels.Sql;

namespace Ecosystem.Api.ReadModels;

/// <summary>Programmes, their cohorts and each cohort's roster (who applied, their status, who holds a seat).</summary>
public sealed class ProgrammeRosterProjection : IProjection
{
    public const string ProjectionName = "programme-roster";
    public string Name => ProjectionName;
    public int Version => 1;
    public IReadOnlyList<string> Tables { get; } = ["programmes", "cohorts", "cohort_milestones", "roster", "roster_startups"];

    public string CreateTables(ProjectionTables t) => $"""
        create table {t["programmes"]} (
            programme_id uuid primary key, name text not null, kind text not null, organisation text not null,
            sectors text[] not null, target_countries text[] not null, venue text not null, eligibility jsonb,
            status text not null, partners jsonb not null default '[]', launched_at timestamptz not null, version bigint not null);
        create index on {t["programmes"]} (organisation);
        create index on {t["programmes"]} using gin (sectors);
        create table {t["cohorts"]} (
            cohort_id uuid primary key, programme_id uuid not null, edition text not null, status text not null,
            capacity int not null, allocated int not null default 0, starts_on date not null, ends_on date not null,
            call_opens_on date, call_closes_on date, demo_day_on date, demo_day_venue text, planned_at timestamptz not null);
        create index on {t["cohorts"]} (programme_id, starts_on);
        create table {t["cohort_milestones"]} (
            milestone_id uuid primary key, cohort_id uuid not null, title text not null, due_on date not null, mandatory boolean not null);
        create index on {t["cohort_milestones"]} (cohort_id);
        create table {t["roster"]} (
            cohort_id uuid not null, startup_id uuid not null, programme_id uuid not null, status text not null,
            holds_seat boolean not null default false, applied_at timestamptz not null, updated_at timestamptz not null,
            primary key (cohort_id, startup_id));
        create index on {t["roster"]} (programme_id, status);
        create index on {t["roster"]} (startup_id);
        create table {t["roster_startups"]} (startup_id uuid primary key, name text not null);
        """;

    public Task ApplyAsync(ProjectionContext c, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case ProgrammeEvent.ProgrammeLaunched p:
                    c.Enqueue("""
                        insert into {programmes} (programme_id, name, kind, organisation, sectors, target_countries, venue, eligibility, status, launched_at, version)
                        values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, 'active', $9, $10) on conflict do nothing
                        """, p.ProgrammeId, p.Name, Text(p.Kind), p.Operator, p.Sectors.ToArray(), p.TargetCountries.ToArray(), p.Venue,
                        p.Eligibility is { } el ? $$"""{"hqInEu":{{(el.HqInEu ? "true" : "false")}},"minYearsSme":{{el.MinYearsSme}},"minYearsStartup":{{el.MinYearsStartup}}}""" : null,
                        p.LaunchedAt, e.StreamVersion);
                    break;
                case ProgrammeEvent.PartnerAdded p:
                    c.Enqueue("update {programmes} set partners = partners || jsonb_build_array(jsonb_build_object('organisation', $2::text, 'role', $3::text)) where programme_id = $1",
                        p.ProgrammeId, p.Organisation, p.Role);
                    break;
                case ProgrammeEvent.CohortPlanned p:
                    c.Enqueue("""
                        insert into {cohorts} (cohort_id, programme_id, edition, status, capacity, starts_on, ends_on, planned_at)
                        values ($1, $2, $3, 'planned', $4, $5, $6, $7) on conflict do nothing
                        """, p.CohortId, p.ProgrammeId, p.Edition, p.Capacity, p.StartsOn, p.EndsOn, p.PlannedAt);
                    break;
                case ProgrammeEvent.CohortCapacityChanged p:
                    c.Enqueue("update {cohorts} set capacity = $2 where cohort_id = $1", p.CohortId, p.Capacity);
                    break;
                case ProgrammeEvent.CallOpened p:
                    c.Enqueue("update {cohorts} set status = 'call-open', call_opens_on = $2, call_closes_on = $3 where cohort_id = $1", p.CohortId, p.OpensOn, p.ClosesOn);
                    break;
                case ProgrammeEvent.CallClosed p:
                    c.Enqueue("update {cohorts} set status = 'call-closed' where cohort_id = $1", p.CohortId);
                    break;
                case ProgrammeEvent.SeatAllocated p:
                    c.Enqueue("update {cohorts} set allocated = allocated + 1 where cohort_id = $1", p.CohortId);
                    c.Enqueue("update {roster} set holds_seat = true where cohort_id = $1 and startup_id = $2", p.CohortId, p.StartupId);
                    break;
                case ProgrammeEvent.SeatReleased p:
                    c.Enqueue("update {cohorts} set allocated = allocated - 1 where cohort_id = $1", p.CohortId);
                    c.Enqueue("update {roster} set holds_seat = false where cohort_id = $1 and startup_id = $2", p.CohortId, p.StartupId);
                    break;
                case ProgrammeEvent.CohortStarted p:
                    c.Enqueue("update {cohorts} set status = 'running' where cohort_id = $1", p.CohortId);
                    break;
                case ProgrammeEvent.MilestoneSet p:
                    c.Enqueue("""
                        insert into {cohort_milestones} values ($1, $2, $3, $4, $5)
                        on conflict (milestone_id) do update set title = excluded.title, due_on = excluded.due_on, mandatory = excluded.mandatory
                        """, p.MilestoneId, p.CohortId, p.Title, p.DueOn, p.Mandatory);
                    break;
                case ProgrammeEvent.DemoDayHeld p:
                    c.Enqueue("update {cohorts} set demo_day_on = $2, demo_day_venue = $3 where cohort_id = $1", p.CohortId, p.On, p.Venue);
                    break;
                case ProgrammeEvent.CohortCompleted p:
                    c.Enqueue("update {cohorts} set status = 'completed' where cohort_id = $1", p.CohortId);
                    break;
                case ProgrammeEvent.CohortCancelled p:
                    c.Enqueue("update {cohorts} set status = 'cancelled' where cohort_id = $1", p.CohortId);
                    break;
                case ProgrammeEvent.ProgrammeClosed p:
                    c.Enqueue("update {programmes} set status = 'closed' where programme_id = $1", p.ProgrammeId);
                    break;
                case StartupEvent.StartupRegistered s:
                    c.Enqueue("insert into {roster_startups} values ($1, $2) on conflict do nothing", s.StartupId, s.Name);
                    break;
                case StartupEvent.ApplicationSubmitted s:
                    c.Enqueue("""
                        insert into {roster} (cohort_id, startup_id, programme_id, status, applied_at, updated_at) values ($1, $2, $3, 'applied', $4, $4)
                        on conflict do nothing
                        """, s.CohortId, s.StartupId, s.ProgrammeId, s.SubmittedAt);
                    break;
                case StartupEvent se when ParticipationStatusRules.ChangeOf(se) is (var cohort, var status):
                    c.Enqueue("update {roster} set status = $3, updated_at = $4 where cohort_id = $1 and startup_id = $2",
                        cohort, se.StartupId, Text(status), e.RecordedAt);
                    break;
            }
            if (e.Data is ProgrammeEvent pe)
                c.Enqueue("update {programmes} set version = $2 where programme_id = $1", pe.ProgrammeId, e.StreamVersion);
        }
        return Task.CompletedTask;
    }
}
