using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Ecosystem.Api.Auth;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Api.Programmes;
using Ecosystem.Api.ReadModels;
using Ecosystem.Domain.Missions;
using Ecosystem.Domain.Programmes;
using Microsoft.AspNetCore.Http.HttpResults;
using static Ecosystem.Domain.Missions.MissionCommand;

namespace Ecosystem.Api.Missions;

public static class MissionEndpoints
{
    const string What = "Mission";

    public static RouteGroupBuilder MapMissions(this IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/api/missions").WithTags("Missions").RequireAuthorization(Policies.Reader).WithStandardProblems();
        reads.MapGet("/", List).WithSummary(
            "The mission calendar (paged, by start date): ?country=, ?sector=, ?month= (yyyy-MM, missions overlapping it), ?direction=, ?status= and ?organiser= filter it.");
        reads.MapGet("/{id:guid}", Get).WithSummary("One mission with its delegation, visits and follow-ups; ?version= or ?asOf= show it as it was.");

        var group = app.MapGroup("/api/missions").WithTags("Missions").RequireAuthorization(Policies.Manager).WithStandardProblems().WithRuleCodes("mission", "delegate", "visit", "follow-up");
        group.MapPost("/", Plan).WithCommandProblems().WithSummary("Plan a delegation, inbound or outbound; managers plan for their own organisations.");
        group.MapPost("/{id:guid}/confirm", Confirm).WithCommandProblems().WithSummary("Confirm a planned mission.");
        group.MapPost("/{id:guid}/start", Start).WithCommandProblems().WithSummary("The confirmed mission gets under way; its delegation is then fixed.");
        group.MapPost("/{id:guid}/complete", Complete).WithCommandProblems().WithSummary("Complete the mission; it then takes only follow-ups.");
        group.MapPost("/{id:guid}/cancel", Cancel).WithCommandProblems().WithSummary("Cancel the mission before it gets under way, with a reason.");
        group.MapPost("/{id:guid}/delegates", Join).WithName("joinDelegation").WithCommandProblems().WithSummary("A delegate joins while the mission is planned or confirmed.");
        group.MapPost("/{id:guid}/delegates/{personId:guid}/leave", Leave).WithName("leaveDelegation").WithCommandProblems().WithSummary("A delegate leaves while the mission is planned or confirmed.");
        group.MapPost("/{id:guid}/visits", Schedule).WithName("scheduleVisit").WithCommandProblems().WithSummary("Schedule a visit within the mission's dates, optionally under an agreement.");
        group.MapPost("/{id:guid}/visits/{visitId:guid}/held", Hold).WithCommandProblems().WithSummary("Record that a visit was held, while the mission is under way.");
        group.MapPost("/{id:guid}/visits/{visitId:guid}/cancel", CancelVisit).WithCommandProblems().WithSummary("Cancel a visit that was not held.");
        group.MapPost("/{id:guid}/follow-ups", OpenFollowUp).WithCommandProblems().WithSummary("Open a follow-up (what, owner, due date) during or after the mission.");
        group.MapPost("/{id:guid}/follow-ups/{followUpId:guid}/close", CloseFollowUp).WithCommandProblems().WithSummary("Close a follow-up with its outcome.");

        RequestExamples.Register<PlanMissionRequest>("""
            {"direction":"inbound","title":"Nagoya delegation to Torino","organiser":"City of Torino","countries":["JP"],"cities":["Nagoya"],
             "purpose":"Twinning relations, innovation and the automotive industry","sectors":["automotive","aerospace"],"startsOn":"2022-11-09","endsOn":"2022-11-11"}
            """);
        RequestExamples.Register<JoinDelegationRequest>("""{"organisation":"City of Nagoya","name":"Delegate A (synthetic)","role":"head of delegation"}""");
        RequestExamples.Register<ScheduleVisitRequest>("""{"organisation":"OGR Torino","place":"Torino","on":"2022-11-10"}""");
        RequestExamples.Register<OpenFollowUpRequest>("""{"what":"Exchange on open innovation","owner":"City of Torino","dueOn":"2023-03-31"}""");
        RequestExamples.Register<CloseFollowUpRequest>("""{"outcome":"Call held with both innovation offices"}""");
        RequestExamples.Register<CancelMissionRequest>("""{"reason":"Travel restrictions"}""");
        return group;
    }

    /// <summary>The calendar from the read model, by start date.</summary>
    static async Task<Results<Ok<MissionView[]>, ValidationProblem>> List(MissionReads reads, Freshness freshness, string? country, string? sector,
        [RegularExpression("^[0-9]{4}-(0[1-9]|1[0-2])$")] string? month, string? direction, string? status, string? organiser,
        [Range(0, int.MaxValue)] int? offset, [Range(1, Paging.MaxLimit)] int? limit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var wantedDirection = RequestItems.ParseQuery<MissionDirection>(direction, "direction", errors);
        var wantedStatus = RequestItems.ParseQuery<MissionStatus>(status, "status", errors);
        DateOnly? monthStart = null;
        if (!string.IsNullOrWhiteSpace(month))
        {
            if (DateOnly.TryParseExact(month.Trim() + "-01", "yyyy-MM-dd", out var first)) monthStart = first;
            else errors["month"] = ["month must be a year and month, e.g. 2022-11."];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        await freshness.WaitAsync(MissionReads.Projections);
        var filter = new MissionFilter(Clean(country)?.ToUpperInvariant(), Clean(sector), monthStart, wantedDirection, wantedStatus, Clean(organiser));
        return TypedResults.Ok((await reads.ListAsync(filter, offset ?? 0, limit ?? Paging.DefaultLimit, ct)).ToArray());
    }

    /// <summary>From the read model; as of a version or a moment (or before the read model has seen it) by folding the stream.</summary>
    static async Task<Ok<MissionView>> Get(Guid id, [Range(1, long.MaxValue)] long? version, AsOf? asOf, CommandRunner runner, MissionReads reads, Freshness freshness,
        HttpContext http)
    {
        if (version is null && asOf is null)
        {
            await freshness.WaitAsync(MissionReads.Projections);
            if (await reads.GetAsync(id, http.RequestAborted) is { } view)
            {
                runner.SetHeaders(view.Version, null);
                return TypedResults.Ok(view);
            }
        }
        var mission = await runner.LoadAsOfAsync(DomainRegistration.Missions, id, What, version, asOf);
        runner.SetHeaders(mission.Version, null);
        return TypedResults.Ok(((Mission.Planned)mission.State).ToView(mission.Version));
    }

    static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    static async Task<Created<CommandAccepted>> Plan(PlanMissionRequest body, CommandRunner runner, ClaimsPrincipal user)
    {
        var organiser = body.Organiser.Trim();
        if (!user.ActsFor(organiser)) throw new ForbiddenException($"This key may not act for '{organiser}'.");
        await RequireLinksAsync(runner, body.ProgrammeId, body.CohortId, body.HubOfficeId);
        var id = Guid.CreateVersion7();
        var result = await runner.CreateAsync(DomainRegistration.Missions, id, new PlanMission(id, body.Direction!.Value, body.Title.Trim(), organiser,
            RequestItems.Clean(body.Countries, upper: true), RequestItems.Clean(body.Cities), body.Purpose.Trim(), RequestItems.Clean(body.Sectors),
            body.StartsOn!.Value, body.EndsOn!.Value, body.ProgrammeId, body.CohortId, body.HubOfficeId, runner.Now, runner.Actor));
        return TypedResults.Created($"/api/missions/{id}", ProgrammeEndpoints.Accepted(id, result));
    }

    /// <summary>An id in the body names something that exists, of the right kind: otherwise a 404 naming it.</summary>
    static async Task RequireLinksAsync(CommandRunner runner, Guid? programmeId, Guid? cohortId, Guid? hubOfficeId)
    {
        if (programmeId is { } pid)
        {
            var programme = (Programme.Launched)(await runner.LoadExistingAsync(DomainRegistration.Programmes, pid, "Programme (programmeId)")).State;
            if (cohortId is { } cid && programme.FindCohort(cid) is null) throw new NotFoundException($"Cohort (cohortId) {cid} of programme {pid}");
        }
        if (hubOfficeId is { } hid) await runner.LoadExistingAsync(DomainRegistration.HubOffices, hid, "Hub office (hubOfficeId)");
    }

    static Task<Ok<CommandAccepted>> Confirm(Guid id, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new ConfirmMission(id, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> Start(Guid id, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new StartMission(id, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> Complete(Guid id, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new CompleteMission(id, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> Cancel(Guid id, CancelMissionRequest body, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new CancelMission(id, body.Reason.Trim(), runner.Now, runner.Actor));

    static async Task<Created<CreatedPart>> Join(Guid id, JoinDelegationRequest body, CommandRunner runner, ClaimsPrincipal user)
    {
        var personId = Guid.CreateVersion7();
        var email = string.IsNullOrWhiteSpace(body.Email) ? null : body.Email.Trim();
        var result = await RunCore(runner, user, id, new JoinDelegation(id,
            new MissionDelegate(personId, body.Organisation.Trim(), body.Name.Trim(), email, body.Role.Trim()), runner.Now, runner.Actor));
        // A repeat keeps the delegate's first id.
        var mission = (Mission.Planned)result.Aggregate.State;
        var joined = mission.FindDelegate(personId) ?? mission.Delegates.First(d =>
            string.Equals(d.Name, body.Name.Trim(), StringComparison.OrdinalIgnoreCase) && string.Equals(d.Organisation, body.Organisation.Trim(), StringComparison.OrdinalIgnoreCase));
        return TypedResults.Created($"/api/missions/{id}", new CreatedPart(joined.PersonId, result.Aggregate.Version, result.Append?.Positions[^1]));
    }

    static Task<Ok<CommandAccepted>> Leave(Guid id, Guid personId, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new LeaveDelegation(id, personId, runner.Now, runner.Actor));

    static async Task<Created<CreatedPart>> Schedule(Guid id, ScheduleVisitRequest body, CommandRunner runner, ClaimsPrincipal user)
    {
        if (body.AgreementId is { } agreementId) await runner.LoadExistingAsync(DomainRegistration.Agreements, agreementId, "Agreement (agreementId)");
        var visitId = Guid.CreateVersion7();
        var result = await RunCore(runner, user, id, new ScheduleVisit(id, visitId, body.Organisation.Trim(), body.Place.Trim(), body.On!.Value, body.AgreementId,
            runner.Now, runner.Actor));
        return TypedResults.Created($"/api/missions/{id}", new CreatedPart(visitId, result.Aggregate.Version, result.Append?.Positions[^1]));
    }

    static Task<Ok<CommandAccepted>> Hold(Guid id, Guid visitId, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new HoldVisit(id, visitId, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> CancelVisit(Guid id, Guid visitId, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new CancelVisit(id, visitId, runner.Now, runner.Actor));

    static async Task<Created<CreatedPart>> OpenFollowUp(Guid id, OpenFollowUpRequest body, CommandRunner runner, ClaimsPrincipal user)
    {
        var followUpId = Guid.CreateVersion7();
        var result = await RunCore(runner, user, id, new OpenFollowUp(id, followUpId, body.What.Trim(), body.Owner.Trim(), body.DueOn!.Value, runner.Now, runner.Actor));
        return TypedResults.Created($"/api/missions/{id}", new CreatedPart(followUpId, result.Aggregate.Version, result.Append?.Positions[^1]));
    }

    static Task<Ok<CommandAccepted>> CloseFollowUp(Guid id, Guid followUpId, CloseFollowUpRequest body, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new CloseFollowUp(id, followUpId, body.Outcome.Trim(), runner.Now, runner.Actor));

    static async Task<Ok<CommandAccepted>> Run(CommandRunner runner, ClaimsPrincipal user, Guid id, MissionCommand command) =>
        TypedResults.Ok(ProgrammeEndpoints.Accepted(id, await RunCore(runner, user, id, command)));

    static Task<EventStore.CommandResult<MissionEvent, Mission>> RunCore(CommandRunner runner, ClaimsPrincipal user, Guid id, MissionCommand command) =>
        runner.RunAsync(DomainRegistration.Missions, id, command, What, state =>
        {
            var mission = (Mission.Planned)state;
            if (!user.ActsFor(mission.Organiser)) throw new ForbiddenException($"This key may not act for '{mission.Organiser}', which organises this mission.");
        });
}
