using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Ecosystem.Api.Auth;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Api.ReadModels;
using Ecosystem.Domain;
using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using Microsoft.AspNetCore.Http.HttpResults;
using static Ecosystem.Domain.Programmes.ProgrammeCommand;

namespace Ecosystem.Api.Programmes;

public static class ProgrammeEndpoints
{
    public static RouteGroupBuilder MapProgrammes(this IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/api/programmes").WithTags("Programmes").RequireAuthorization(Policies.Reader).WithStandardProblems();
        reads.MapGet("/", List).WithSummary("List programmes (paged); ?asOf= lists them as they were at that moment.");
        reads.MapGet("/{id:guid}", Get).WithSummary("One programme with its cohorts and roster; ?version= or ?asOf= show it as it was.");

        var group = app.MapGroup("/api/programmes").WithTags("Programmes").RequireAuthorization(Policies.Manager).WithStandardProblems().WithRuleCodes("programme", "cohort", "call", "demo-day", "eligibility");
        group.MapPost("/", Launch).WithCommandProblems().WithSummary("Launch a programme.");
        group.MapPost("/{id:guid}/partners", AddPartner).WithCommandProblems().WithSummary("Add a partner organisation to the programme, with its role.");
        group.MapPost("/{id:guid}/cohorts", PlanCohort).WithCommandProblems().WithSummary("Plan a cohort (for the EU Business Hub: a mission).");
        group.MapPost("/{id:guid}/cohorts/{cohortId:guid}/capacity", ChangeCapacity).WithCommandProblems().WithSummary("Change a cohort's capacity; never below the seats already allocated.");
        group.MapPost("/{id:guid}/cohorts/{cohortId:guid}/call", OpenCall).WithCommandProblems().WithSummary("Open the cohort's call for applications.");
        group.MapPost("/{id:guid}/cohorts/{cohortId:guid}/call/close", CloseCall).WithCommandProblems().WithSummary("Close the cohort's call; seats can then be allocated.");
        group.MapPost("/{id:guid}/cohorts/{cohortId:guid}/start", StartCohort).WithCommandProblems().WithSummary("Start the cohort.");
        group.MapPost("/{id:guid}/cohorts/{cohortId:guid}/milestones", SetMilestone).WithCommandProblems().WithSummary("Set a milestone of the cohort (201 with its id).");
        group.MapPost("/{id:guid}/cohorts/{cohortId:guid}/demo-day", HoldDemoDay).WithCommandProblems().WithSummary("Hold the cohort's demo day: its date and venue.");
        group.MapPost("/{id:guid}/cohorts/{cohortId:guid}/complete", CompleteCohort).WithCommandProblems().WithSummary("Complete a running cohort.");
        group.MapPost("/{id:guid}/cohorts/{cohortId:guid}/cancel", CancelCohort).WithCommandProblems().WithSummary("Cancel a cohort before it runs, with a reason.");
        group.MapPost("/{id:guid}/close", Close).WithCommandProblems().WithSummary("Close the programme; it then refuses every command.");

        RequestExamples.Register<LaunchProgrammeRequest>("""
            {"name":"Takeoff Accelerator","kind":"accelerator","sectors":["aerospace","advanced-hardware"],"targetCountries":["IT"],
             "venue":"OGR Torino","organisation":"OGR Torino","eligibility":null}
            """);
        RequestExamples.Register<PlanCohortRequest>("""{"edition":"2022","capacity":10,"startsOn":"2022-09-19","endsOn":"2022-12-16"}""");
        RequestExamples.Register<OpenCallRequest>("""{"opensOn":"2022-04-01","closesOn":"2022-05-25"}""");
        return group;
    }

    /// <summary>
    /// Programmes from the roster read model, filtered by organisation, sector, kind (accelerator|internationalisation) or status (active|closed);
    /// as of a moment by replaying the read model up to it.
    /// </summary>
    static async Task<Ok<ProgrammeSummary[]>> List(ProgrammeReads reads, Freshness freshness, AsOfReplay replay, string? organisation, string? sector,
        string? kind, string? status, [Range(0, int.MaxValue)] int? offset, [Range(1, Paging.MaxLimit)] int? limit, AsOf? asOf, CancellationToken ct)
    {
        Task<IReadOnlyList<ProgrammeSummary>> Read(ReadSession? session) =>
            reads.ListAsync(organisation, sector, kind, status, offset ?? 0, limit ?? Paging.DefaultLimit, session, ct);
        await freshness.WaitAsync(ProgrammeRosterProjection.ProjectionName);
        if (asOf is { } moment) return TypedResults.Ok((await replay.ReadAsync(moment.Value, [ProgrammeRosterProjection.ProjectionName], Read, ct)).ToArray());
        return TypedResults.Ok((await Read(null)).ToArray());
    }

    /// <summary>
    /// From the read model; as of a version or a moment by folding the stream (auditing); and by folding
    /// too when the read model has not seen a programme that does exist yet.
    /// </summary>
    static async Task<Ok<ProgrammeView>> Get(Guid id, [Range(1, long.MaxValue)] long? version, AsOf? asOf, CommandRunner runner, AggregateStoreReader reader,
        ProgrammeReads reads, Freshness freshness, HttpContext http)
    {
        if (version is null && asOf is null)
        {
            await freshness.WaitAsync(ProgrammeRosterProjection.ProjectionName);
            if (await reads.GetAsync(id, http.RequestAborted) is { } view)
            {
                runner.SetHeaders(view.Version, null);
                return TypedResults.Ok(view);
            }
        }
        var programme = await runner.LoadAsOfAsync(DomainRegistration.Programmes, id, "Programme", version, asOf);
        runner.SetHeaders(programme.Version, null);
        var applicants = await reader.ApplicantsAsync(id, asOf?.Value, http.RequestAborted);
        return TypedResults.Ok(((Programme.Launched)programme.State).ToView(programme.Version, applicants));
    }

    static async Task<Created<CommandAccepted>> Launch(LaunchProgrammeRequest body, CommandRunner runner, ClaimsPrincipal user)
    {
        if (!user.ActsFor(body.Organisation.Trim())) throw new ForbiddenException($"This key may not act for '{body.Organisation}'.");
        var id = Guid.CreateVersion7();
        var eligibility = body.Eligibility is { } e ? new Eligibility(e.HqInEu, e.MinYearsSme, e.MinYearsStartup) : null;
        var result = await runner.CreateAsync(DomainRegistration.Programmes, id, new LaunchProgramme(id, body.Name.Trim(), body.Kind!.Value,
            Clean(body.Sectors), Clean(body.TargetCountries ?? []), body.Venue.Trim(), body.Organisation.Trim(), eligibility, runner.Now, runner.Actor));
        return TypedResults.Created($"/api/programmes/{id}", Accepted(id, result));
    }

    static Task<Ok<CommandAccepted>> AddPartner(Guid id, AddPartnerRequest body, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new AddPartner(id, body.Organisation.Trim(), body.Role.Trim(), runner.Now, runner.Actor));

    static async Task<Created<CreatedPart>> PlanCohort(Guid id, PlanCohortRequest body, CommandRunner runner, ClaimsPrincipal user)
    {
        var cohortId = Guid.CreateVersion7();
        var result = await RunCore(runner, user, id, new PlanCohort(id, cohortId, body.Edition.Trim(), body.Capacity!.Value, body.StartsOn!.Value, body.EndsOn!.Value, runner.Now, runner.Actor));
        return TypedResults.Created($"/api/programmes/{id}", new CreatedPart(cohortId, result.Version, result.Position));
    }

    static Task<Ok<CommandAccepted>> ChangeCapacity(Guid id, Guid cohortId, ChangeCapacityRequest body, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new ChangeCohortCapacity(id, cohortId, body.Capacity!.Value, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> OpenCall(Guid id, Guid cohortId, OpenCallRequest body, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new OpenCall(id, cohortId, body.OpensOn!.Value, body.ClosesOn!.Value, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> CloseCall(Guid id, Guid cohortId, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new CloseCall(id, cohortId, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> StartCohort(Guid id, Guid cohortId, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new StartCohort(id, cohortId, runner.Now, runner.Actor));

    static async Task<Created<CreatedPart>> SetMilestone(Guid id, Guid cohortId, SetMilestoneRequest body, CommandRunner runner, ClaimsPrincipal user)
    {
        var milestoneId = Guid.CreateVersion7();
        var result = await RunCore(runner, user, id, new SetMilestone(id, cohortId, milestoneId, body.Title.Trim(), body.DueOn!.Value, body.Mandatory, runner.Now, runner.Actor));
        return TypedResults.Created($"/api/programmes/{id}", new CreatedPart(milestoneId, result.Version, result.Position));
    }

    static Task<Ok<CommandAccepted>> HoldDemoDay(Guid id, Guid cohortId, HoldDemoDayRequest body, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new HoldDemoDay(id, cohortId, body.On!.Value, body.Venue.Trim(), runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> CompleteCohort(Guid id, Guid cohortId, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new CompleteCohort(id, cohortId, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> CancelCohort(Guid id, Guid cohortId, ReasonRequest body, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new CancelCohort(id, cohortId, body.Reason.Trim(), runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> Close(Guid id, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new CloseProgramme(id, runner.Now, runner.Actor));

    static async Task<Ok<CommandAccepted>> Run(CommandRunner runner, ClaimsPrincipal user, Guid id, ProgrammeCommand command) =>
        TypedResults.Ok(await RunCore(runner, user, id, command));

    static async Task<CommandAccepted> RunCore(CommandRunner runner, ClaimsPrincipal user, Guid id, ProgrammeCommand command)
    {
        return Accepted(id, await runner.RunAsync(DomainRegistration.Programmes, id, command, "Programme", state => RequireOperator(user, (Programme.Launched)state)));
    }

    public static void RequireOperator(ClaimsPrincipal user, Programme.Launched programme)
    {
        if (!user.ActsFor(programme.Operator)) throw new ForbiddenException($"This key may not act for '{programme.Operator}', which runs this programme.");
    }

    /// <summary>403 unless the caller manages the programme's operating organisation; 404 when there is no such programme.</summary>
    public static async Task<Programme.Launched> RequireManagedAsync(CommandRunner runner, ClaimsPrincipal user, Guid programmeId)
    {
        var programme = (Programme.Launched)(await runner.LoadExistingAsync(DomainRegistration.Programmes, programmeId, "Programme")).State;
        RequireOperator(user, programme);
        return programme;
    }

    public static CommandAccepted Accepted<TEvent, TState>(Guid id, EventStore.CommandResult<TEvent, TState> result) where TState : notnull =>
        new(id, result.Aggregate.Version, result.Events.Count, result.Append?.Positions[^1]);

    static ValueList<string> Clean(IEnumerable<string> values) =>
        new(values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase));
}
