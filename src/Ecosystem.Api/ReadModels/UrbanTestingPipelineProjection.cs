using System.Text.Json;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain.UrbanTesting;
using Ecosystem.Api.EventStore;
using static Ecosystem.Api.ReadModels.Sql;

namespace Ecosystem.Api.ReadModels;

/// <summary>
/// The urban-testing pipeline: one row per use case with its status and authorisations. The status rules
/// (e.g. "authorised" only once every requested authorisation is granted) live in the domain, so each
/// touched use case is folded by the domain's own Evolve up to the batch's last event and written whole. Authorisations keep
/// the order they were requested in (ordinal).
/// </summary>
public sealed class UrbanTestingPipelineProjection(AggregateStore aggregates) : IProjection
{
    public const string ProjectionName = "urban-testing-pipeline";
    static readonly JsonSerializerOptions JsonOptions = Json.Create();
    public string Name => ProjectionName;
    public int Version => 2;
    public IReadOnlyList<string> Tables { get; } = ["use_cases", "use_case_authorisations"];

    public string CreateTables(ProjectionTables t) => $"""
        create table {t["use_cases"]} (
            use_case_id uuid primary key, title text not null, proposer_startup_id uuid, proposer_organisation text,
            domain text not null, trl int not null, duration_days int not null, status text not null, status_since timestamptz not null,
            feasible boolean, feasibility_conditions text[], site text, site_area text, started_on date, completed_on date,
            trl_after int, report_summary text, report_accepted boolean, contribution numeric, scale_up text, withdrawal_reason text,
            kpis jsonb not null, submitted_at timestamptz not null, version bigint not null);
        create index on {t["use_cases"]} (status);
        create index on {t["use_cases"]} (domain);
        create index on {t["use_cases"]} (submitted_at, use_case_id);
        create table {t["use_case_authorisations"]} (
            use_case_id uuid not null, authority text not null, ordinal int not null, status text not null, valid_from date, valid_to date,
            area text, denial_reason text, primary key (use_case_id, authority));
        create index on {t["use_case_authorisations"]} (valid_to);
        """;

    public async Task ApplyAsync(ProjectionContext c, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        var touched = events.Where(e => e.Data is UrbanTestingEvent).GroupBy(e => e.StreamId).Select(g => (Id: g.Key, Version: g.Max(e => e.StreamVersion),
            Submitted: g.Select(e => e.Data).OfType<UrbanTestingEvent.ProposalSubmitted>().FirstOrDefault()));
        foreach (var (id, version, submitted) in touched)
        {
            var aggregate = await aggregates.LoadAsync(DomainRegistration.UrbanTesting, id, upToVersion: version, ct: ct);
            if (aggregate.State is not UrbanTestingUseCase.Proposed u) continue;
            // submitted_at orders the pipeline; it is written once, by the batch that holds the proposal.
            c.Enqueue("""
                insert into {use_cases} (use_case_id, title, proposer_startup_id, proposer_organisation, domain, trl, duration_days, status, status_since,
                    feasible, feasibility_conditions, site, site_area, started_on, completed_on, trl_after, report_summary, report_accepted,
                    contribution, scale_up, withdrawal_reason, kpis, submitted_at, version)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22::jsonb, $23, $24)
                on conflict (use_case_id) do update set title = excluded.title, status = excluded.status, status_since = excluded.status_since,
                    feasible = excluded.feasible, feasibility_conditions = excluded.feasibility_conditions,
                    site = excluded.site, site_area = excluded.site_area, started_on = excluded.started_on, completed_on = excluded.completed_on,
                    trl_after = excluded.trl_after, report_summary = excluded.report_summary, report_accepted = excluded.report_accepted,
                    contribution = excluded.contribution, scale_up = excluded.scale_up, withdrawal_reason = excluded.withdrawal_reason,
                    kpis = excluded.kpis, version = excluded.version
                """, u.UseCaseId, u.Title, u.ProposerStartupId, u.ProposerOrganisation, Text(u.Domain), u.Trl, u.DurationDays, Text(u.Status), u.StatusSince,
                u.Feasibility?.Feasible, u.Feasibility?.Conditions.ToArray(), u.Site?.Name, u.Site?.Area, u.StartedOn, u.CompletedOn,
                u.Report?.TrlAfter, u.Report?.Summary, u.Report?.Accepted, u.Contribution, u.ScaleUp is { } path ? Text(path) : null, u.WithdrawalReason,
                JsonSerializer.Serialize(u.Kpis, JsonOptions), submitted?.SubmittedAt ?? u.StatusSince, aggregate.Version);
            c.Enqueue("delete from {use_case_authorisations} where use_case_id = $1", u.UseCaseId);
            foreach (var (a, ordinal) in u.Authorisations.Select((a, i) => (a, i)))
                c.Enqueue("insert into {use_case_authorisations} values ($1, $2, $3, $4, $5, $6, $7, $8)",
                    u.UseCaseId, a.Authority, ordinal, Text(a.Status), a.ValidFrom, a.ValidTo, a.Area, a.DenialReason);
        }
    }
}
