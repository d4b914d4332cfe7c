using System.Text.Json;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain.People;
using Ecosystem.Domain.Startups;
using Ecosystem.Api.EventStore;
using static Ecosystem.Api.ReadModels.Sql;

namespace Ecosystem.Api.ReadModels;

/// <summary>Startups with their participations, milestone progress, investments and timeline.</summary>
public sealed class StartupDirectoryProjection : IProjection
{
    public const string ProjectionName = "startup-directory";
    static readonly JsonSerializerOptions JsonOptions = Json.Create();
    public string Name => ProjectionName;
    public int Version => 1;
    public IReadOnlyList<string> Tables { get; } = ["startups", "participations", "milestone_progress", "investments", "startup_timeline"];

    public string CreateTables(ProjectionTables t) => $"""
        create table {t["startups"]} (
            startup_id uuid primary key, name text not null, kind text not null, founded_on date not null, hq_country text not null,
            sectors text[] not null, founders jsonb not null, registered_at timestamptz not null, version bigint not null);
        create index on {t["startups"]} using gin (sectors);
        create index on {t["startups"]} (hq_country);
        create index on {t["startups"]} (lower(name));
        create table {t["participations"]} (
            startup_id uuid not null, cohort_id uuid not null, programme_id uuid not null, status text not null,
            agreement_ref text, exit_reason text, updated_at timestamptz not null, primary key (startup_id, cohort_id));
        create index on {t["participations"]} (programme_id, status);
        create table {t["milestone_progress"]} (
            startup_id uuid not null, cohort_id uuid not null, milestone_id uuid not null, achieved boolean not null, missed boolean not null,
            primary key (startup_id, milestone_id));
        create table {t["investments"]} (
            investment_id uuid primary key, startup_id uuid not null, investor text not null, amount numeric not null, currency text not null,
            instrument text not null, stake_pct numeric not null, recorded_at timestamptz not null);
        create index on {t["investments"]} (startup_id);
        create table {t["startup_timeline"]} (
            startup_id uuid not null, version bigint not null, event_type text not null, recorded_at timestamptz not null,
            actor text not null, position bigint not null, primary key (startup_id, version));
        """;

    public Task ApplyAsync(ProjectionContext c, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            if (e.Data is PersonEvent.PersonalDataErased erased) ErasePerson(c, "startups", "founders", erased.PersonId);
            if (e.Data is not StartupEvent se) continue;
            switch (se)
            {
                case StartupEvent.StartupRegistered s:
                    c.Enqueue("""
                        insert into {startups} values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, 1) on conflict do nothing
                        """, s.StartupId, s.Name, Text(s.Kind), s.FoundedOn, s.HqCountry, s.Sectors.ToArray(),
                        JsonSerializer.Serialize(s.Founders, JsonOptions), s.RegisteredAt);
                    break;
                case StartupEvent.ApplicationSubmitted s:
                    c.Enqueue("""
                        insert into {participations} (startup_id, cohort_id, programme_id, status, updated_at) values ($1, $2, $3, 'applied', $4)
                        on conflict do nothing
                        """, s.StartupId, s.CohortId, s.ProgrammeId, s.SubmittedAt);
                    break;
                case StartupEvent.Onboarded s:
                    c.Enqueue("update {participations} set status = 'onboarded', agreement_ref = $3, updated_at = $4 where startup_id = $1 and cohort_id = $2",
                        s.StartupId, s.CohortId, s.AgreementRef, s.OnboardedAt);
                    break;
                case StartupEvent.ApplicationRejected s:
                    Exit(c, s.StartupId, s.CohortId, "rejected", s.Reason, s.RejectedAt);
                    break;
                case StartupEvent.Withdrew s:
                    Exit(c, s.StartupId, s.CohortId, "withdrew", s.Reason, s.WithdrewAt);
                    break;
                case StartupEvent.Removed s:
                    Exit(c, s.StartupId, s.CohortId, "removed", s.Reason, s.RemovedAt);
                    break;
                case StartupEvent.ApplicationShortlisted s:
                    Move(c, s.StartupId, s.CohortId, "shortlisted", s.ShortlistedAt);
                    break;
                case StartupEvent.ApplicationWaitlisted s:
                    Move(c, s.StartupId, s.CohortId, "waitlisted", s.WaitlistedAt);
                    break;
                case StartupEvent.Admitted s:
                    Move(c, s.StartupId, s.CohortId, "admitted", s.AdmittedAt);
                    break;
                case StartupEvent.Graduated s:
                    Move(c, s.StartupId, s.CohortId, "graduated", s.GraduatedAt);
                    break;
                case StartupEvent.MilestoneAchieved s:
                    c.Enqueue("""
                        insert into {milestone_progress} values ($1, $2, $3, true, false)
                        on conflict (startup_id, milestone_id) do update set achieved = true, missed = false
                        """, s.StartupId, s.CohortId, s.MilestoneId);
                    break;
                case StartupEvent.MilestoneMissed s:
                    c.Enqueue("""
                        insert into {milestone_progress} values ($1, $2, $3, false, true)
                        on conflict (startup_id, milestone_id) do update set missed = true
                        """, s.StartupId, s.CohortId, s.MilestoneId);
                    break;
                case StartupEvent.InvestmentRecorded s:
                    c.Enqueue("insert into {investments} values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing",
                        s.InvestmentId, s.StartupId, s.Investor, s.Amount, s.Currency, Text(s.Instrument), s.StakePct, s.RecordedAt);
                    break;
            }
            c.Enqueue("update {startups} set version = $2 where startup_id = $1", se.StartupId, e.StreamVersion);
            c.Enqueue("insert into {startup_timeline} values ($1, $2, $3, $4, $5, $6) on conflict do nothing",
                se.StartupId, e.StreamVersion, e.EventType, e.RecordedAt, e.Metadata.Actor, e.Sequence);
        }
        return Task.CompletedTask;
    }

    static void Move(ProjectionContext c, Guid startup, Guid cohort, string status, DateTimeOffset at) =>
        c.Enqueue("update {participations} set status = $3, updated_at = $4 where startup_id = $1 and cohort_id = $2", startup, cohort, status, at);

    static void Exit(ProjectionContext c, Guid startup, Guid cohort, string status, string reason, DateTimeOffset at) =>
        c.Enqueue("update {participations} set status = $3, exit_reason = $4, updated_at = $5 where startup_id = $1 and cohort_id = $2",
            startup, cohort, status, reason, at);
}
