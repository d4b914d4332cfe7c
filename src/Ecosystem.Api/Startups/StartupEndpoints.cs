using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Ecosystem.Api.Auth;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Api.Programmes;
using Ecosystem.Api.ReadModels;
using Ecosystem.Domain;
using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using Ecosystem.Api.EventStore;
using Microsoft.AspNetCore.Http.HttpResults;
using static Ecosystem.Domain.Startups.StartupCommand;

namespace Ecosystem.Api.Startups;

public static class StartupEndpoints
{
    public static RouteGroupBuilder MapStartups(this IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/api/startups").WithTags("Startups").RequireAuthorization(Policies.Reader).WithStandardProblems();
        reads.MapGet("/", List).WithSummary("List startups (paged); ?asOf= lists them as they were at that moment.");
        reads.MapGet("/{id:guid}", Get).WithSummary("A startup's profile and timeline; ?version= or ?asOf= show it as it was.");

        var group = app.MapGroup("/api/startups").WithTags("Startups").RequireAuthorization(Policies.Manager).WithStandardProblems().WithRuleCodes("startup", "participation", "milestone", "milestones", "investment", "sector", "eligibility", "programme", "cohort", "call");
        group.MapPost("/", Register).WithCommandProblems().WithSummary("Register a startup or SME.");
        group.MapPost("/{id:guid}/applications", Apply).WithName("applyToCohort").WithCommandProblems().WithSummary("Apply to a programme's cohort during its call.");
        group.MapPost("/{id:guid}/applications/{cohortId:guid}/shortlist", Shortlist).WithCommandProblems().WithSummary("Shortlist the application.");
        group.MapPost("/{id:guid}/applications/{cohortId:guid}/waitlist", Waitlist).WithCommandProblems().WithSummary("Put the application on the cohort's waitlist.");
        group.MapPost("/{id:guid}/applications/{cohortId:guid}/reject", Reject).WithCommandProblems().WithSummary("Reject the application, with a reason.");
        group.MapPost("/{id:guid}/applications/{cohortId:guid}/admit", Admit).WithCommandProblems()
            .WithSummary("Admit into the cohort; takes a seat in the same transaction (409 cohort.full when none is left).");
        group.MapPost("/{id:guid}/applications/{cohortId:guid}/onboard", Onboard).WithCommandProblems().WithSummary("Onboard an admitted startup into the cohort.");
        group.MapPost("/{id:guid}/applications/{cohortId:guid}/milestones/{milestoneId:guid}/achieved", AchieveMilestone).WithCommandProblems().WithSummary("Record that the startup achieved a cohort milestone.");
        group.MapPost("/{id:guid}/applications/{cohortId:guid}/milestones/{milestoneId:guid}/missed", MissMilestone).WithCommandProblems().WithSummary("Record that the startup missed a cohort milestone.");
        group.MapPost("/{id:guid}/applications/{cohortId:guid}/graduate", Graduate).WithCommandProblems().WithSummary("Graduate the startup from the cohort.");
        group.MapPost("/{id:guid}/applications/{cohortId:guid}/withdraw", Withdraw).WithCommandProblems()
            .WithSummary("Withdraw; a held seat is released in the same transaction.");
        group.MapPost("/{id:guid}/applications/{cohortId:guid}/remove", Remove).WithCommandProblems()
            .WithSummary("Remove after onboarding; a held seat is released in the same transaction.");
        group.MapPost("/{id:guid}/investments", RecordInvestment).WithCommandProblems().WithSummary("Record an investment in the startup.");

        RequestExamples.Register<RegisterStartupRequest>("""
            {"name":"Orbital Pixels (synthetic)","kind":"startup","foundedOn":"2020-03-01","hqCountry":"IT","sectors":["aerospace"],
             "founders":[{"name":"Giulia Rossi","email":"giulia@example.com","role":"CEO"}]}
            """);
        RequestExamples.Register<ApplyRequest>("""{"programmeId":"0199a0e4-0000-7000-8000-000000000001","cohortId":"0199a0e4-0000-7000-8000-000000000002"}""");
        return group;
    }

    /// <summary>
    /// The startup directory, filtered by sector, country, kind (startup|sme), name (contains), programmeId and participation status;
    /// as of a moment by replaying the read model up to it.
    /// </summary>
    static async Task<Ok<StartupSummary[]>> List(StartupReads reads, Freshness freshness, AsOfReplay replay, string? sector, string? country, string? kind,
        string? name, Guid? programmeId, string? status, [Range(0, int.MaxValue)] int? offset, [Range(1, Paging.MaxLimit)] int? limit, AsOf? asOf,
        CancellationToken ct)
    {
        Task<IReadOnlyList<StartupSummary>> Read(ReadSession? session) =>
            reads.ListAsync(new StartupFilter(sector, country, kind, name, programmeId, status), offset ?? 0, limit ?? Paging.DefaultLimit, session, ct);
        await freshness.WaitAsync(StartupReads.Projections);
        if (asOf is { } moment) return TypedResults.Ok((await replay.ReadAsync(moment.Value, [StartupDirectoryProjection.ProjectionName], Read, ct)).ToArray());
        return TypedResults.Ok((await Read(null)).ToArray());
    }

    /// <summary>From the read model; as of a version or a moment (or before the read model has seen it) by folding the stream.</summary>
    static async Task<Ok<StartupProfile>> Get(Guid id, [Range(1, long.MaxValue)] long? version, AsOf? asOf, CommandRunner runner, TimeProvider clock, HttpContext http,
        StartupReads reads, Freshness freshness)
    {
        if (version is null && asOf is null)
        {
            await freshness.WaitAsync(StartupReads.Projections);
            if (await reads.GetAsync(id, http.RequestAborted) is { } profile)
            {
                runner.SetHeaders(profile.Version, null);
                return TypedResults.Ok(profile);
            }
        }
        var aggregate = await runner.LoadAsOfAsync(DomainRegistration.Startups, id, "Startup", version, asOf);
        runner.SetHeaders(aggregate.Version, null);
        var startup = (Startup.Registered)aggregate.State;
        var today = DateOnly.FromDateTime((asOf?.Value ?? clock.GetUtcNow()).UtcDateTime);

        var participations = new List<ParticipationView>();
        foreach (var p in startup.Participations)
        {
            var programme = (await runner.Aggregates.LoadAsync(DomainRegistration.Programmes, p.ProgrammeId, asOf: asOf?.Value, ct: http.RequestAborted)).State as Programme.Launched;
            var cohort = programme?.FindCohort(p.CohortId);
            var milestones = (cohort?.Milestones ?? []).Select(m => new MilestoneView(m.MilestoneId, m.Title, m.DueOn, m.Mandatory,
                p.AchievedMilestoneIds.Contains(m.MilestoneId), p.MissedMilestoneIds.Contains(m.MilestoneId),
                Overdue: !p.AchievedMilestoneIds.Contains(m.MilestoneId) && m.DueOn < today && !p.Status.IsTerminal())).ToList();
            participations.Add(new ParticipationView(p.ProgrammeId, programme?.Name, p.CohortId, cohort?.Edition, p.Status, p.AgreementRef, p.ExitReason, milestones));
        }

        var history = await runner.Aggregates.Events.ReadStreamAsync(id, new StreamRead(ToVersion: aggregate.Version, StreamType: DomainRegistration.Startups.StreamType), http.RequestAborted);
        var timeline = history.Select(e => new TimelineEntry(e.StreamVersion, e.EventType, e.RecordedAt, e.Metadata.Actor, e.Sequence)).ToList();
        return TypedResults.Ok(new StartupProfile(id, startup.Name, startup.Kind, startup.FoundedOn, startup.HqCountry, startup.Sectors, startup.Founders,
            participations, startup.Investments, timeline, aggregate.Version));
    }

    static async Task<Results<Created<CommandAccepted>, ValidationProblem>> Register(RegisterStartupRequest body, CommandRunner runner)
    {
        if (FounderErrors(body.Founders ?? []) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
        var id = Guid.CreateVersion7();
        var founders = new ValueList<Founder>((body.Founders ?? []).Select(f => new Founder(Guid.CreateVersion7(), f.Name.Trim(), f.Email.Trim(), f.Role?.Trim() ?? "")));
        var result = await runner.CreateAsync(DomainRegistration.Startups, id, new RegisterStartup(id, body.Name.Trim(), body.Kind!.Value, body.FoundedOn!.Value,
            body.HqCountry.Trim().ToUpperInvariant(), new ValueList<string>(body.Sectors.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim())),
            founders, runner.Now, runner.Actor));
        return TypedResults.Created($"/api/startups/{id}", ProgrammeEndpoints.Accepted(id, result));
    }

    static Dictionary<string, string[]> FounderErrors(FounderRequest[] founders)
    {
        var errors = new Dictionary<string, string[]>();
        var email = new EmailAddressAttribute();
        for (var i = 0; i < founders.Length; i++)
        {
            if (founders[i] is null) { errors[$"founders[{i}]"] = ["A founder must be an object."]; continue; }
            // The validation generator does not reach into arrays of records, so a founder's declared limits are checked here.
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(founders[i], new ValidationContext(founders[i]), results, validateAllProperties: true);
            foreach (var result in results)
                foreach (var member in result.MemberNames)
                    errors[$"founders[{i}].{JsonNamingPolicy.CamelCase.ConvertName(member)}"] = [result.ErrorMessage ?? "Invalid."];
            if (string.IsNullOrWhiteSpace(founders[i].Name)) errors[$"founders[{i}].name"] = ["A founder needs a name."];
            if (string.IsNullOrWhiteSpace(founders[i].Email) || !email.IsValid(founders[i].Email.Trim()))
                errors[$"founders[{i}].email"] = ["A founder needs a valid e-mail address."];
        }
        return errors;
    }

    static async Task<Ok<CommandAccepted>> Apply(Guid id, ApplyRequest body, CommandRunner runner, ClaimsPrincipal user)
    {
        var programme = await ProgrammeEndpoints.RequireManagedAsync(runner, user, body.ProgrammeId!.Value);
        var offer = programme.OfferFor(body.CohortId!.Value);
        return TypedResults.Ok(ProgrammeEndpoints.Accepted(id,
            await runner.RunAsync(DomainRegistration.Startups, id, new Apply(id, offer, runner.Now, runner.Actor), "Startup")));
    }

    static Task<Ok<CommandAccepted>> Shortlist(Guid id, Guid cohortId, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, cohortId, _ => new Shortlist(id, cohortId, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> Waitlist(Guid id, Guid cohortId, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, cohortId, _ => new Waitlist(id, cohortId, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> Reject(Guid id, Guid cohortId, ReasonRequest body, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, cohortId, _ => new Reject(id, cohortId, body.Reason.Trim(), runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> Onboard(Guid id, Guid cohortId, OnboardRequest body, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, cohortId, _ => new Onboard(id, cohortId, body.AgreementRef.Trim(), runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> AchieveMilestone(Guid id, Guid cohortId, Guid milestoneId, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, cohortId, programme => new AchieveMilestone(id, cohortId, KnownMilestone(programme, cohortId, milestoneId), runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> MissMilestone(Guid id, Guid cohortId, Guid milestoneId, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, cohortId, programme => new MissMilestone(id, cohortId, KnownMilestone(programme, cohortId, milestoneId), runner.Now, runner.Actor));

    /// <summary>The startup's record keeps only milestone ids, so the cohort's programme says which exist: an unknown one is a 404.</summary>
    static Guid KnownMilestone(Programme.Launched programme, Guid cohortId, Guid milestoneId) =>
        programme.RequireCohort(cohortId).FindMilestone(milestoneId)?.MilestoneId ?? throw new NotFoundException($"Milestone {milestoneId} of cohort {cohortId}");

    static Task<Ok<CommandAccepted>> Graduate(Guid id, Guid cohortId, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, cohortId, programme => new Graduate(id, cohortId, programme.MandatoryMilestonesOf(cohortId), runner.Now, runner.Actor));

    static async Task<Ok<CommandAccepted>> RecordInvestment(Guid id, RecordInvestmentRequest body, CommandRunner runner)
    {
        var result = await runner.RunAsync(DomainRegistration.Startups, id, new RecordInvestment(id, Guid.CreateVersion7(), body.Investor.Trim(),
            body.Amount!.Value, body.Currency.Trim().ToUpperInvariant(), body.Instrument!.Value, body.StakePct!.Value, runner.Now, runner.Actor), "Startup");
        return TypedResults.Ok(ProgrammeEndpoints.Accepted(id, result));
    }

    static Task<Ok<CommandAccepted>> Admit(Guid id, Guid cohortId, CommandRunner runner, ClaimsPrincipal user) =>
        RunWithSeat(runner, user, id, cohortId, (startup, programme) =>
        (
            StartupDecider.Decide(new Admit(id, cohortId, runner.Now, runner.Actor), startup),
            ProgrammeDecider.Decide(new ProgrammeCommand.AllocateSeat(programme.ProgrammeId, cohortId, id, runner.Now, runner.Actor), programme)
        ));

    static Task<Ok<CommandAccepted>> Withdraw(Guid id, Guid cohortId, ReasonRequest body, CommandRunner runner, ClaimsPrincipal user) =>
        RunWithSeat(runner, user, id, cohortId, (startup, programme) =>
            (StartupDecider.Decide(new Withdraw(id, cohortId, body.Reason.Trim(), runner.Now, runner.Actor), startup),
             ReleaseSeatIfHeld(programme, cohortId, id, $"withdrew: {body.Reason.Trim()}", runner)));

    static Task<Ok<CommandAccepted>> Remove(Guid id, Guid cohortId, ReasonRequest body, CommandRunner runner, ClaimsPrincipal user) =>
        RunWithSeat(runner, user, id, cohortId, (startup, programme) =>
            (StartupDecider.Decide(new Remove(id, cohortId, body.Reason.Trim(), runner.Now, runner.Actor), startup),
             ReleaseSeatIfHeld(programme, cohortId, id, $"removed: {body.Reason.Trim()}", runner)));

    static IReadOnlyList<ProgrammeEvent> ReleaseSeatIfHeld(Programme.Launched programme, Guid cohortId, Guid startupId, string reason, CommandRunner runner) =>
        programme.FindCohort(cohortId) is { } cohort && cohort.HoldsSeatFor(startupId) && !cohort.IsFinished()
            ? ProgrammeDecider.Decide(new ProgrammeCommand.ReleaseSeat(programme.ProgrammeId, cohortId, startupId, reason, runner.Now, runner.Actor), programme)
            : [];

    /// <summary>A participation command decided with the programme's state at hand (for scoping and cross-aggregate facts).</summary>
    static async Task<Ok<CommandAccepted>> Run(CommandRunner runner, ClaimsPrincipal user, Guid id, Guid cohortId, Func<Programme.Launched, StartupCommand> command)
    {
        var programme = await ManagedProgrammeOfAsync(runner, user, id, cohortId);
        return TypedResults.Ok(ProgrammeEndpoints.Accepted(id, await runner.RunAsync(DomainRegistration.Startups, id, command(programme), "Startup")));
    }

    /// <summary>Decides on the startup and its programme together and stores both streams' events in one transaction.</summary>
    static async Task<Ok<CommandAccepted>> RunWithSeat(CommandRunner runner, ClaimsPrincipal user, Guid id, Guid cohortId,
        Func<Startup, Programme.Launched, (IReadOnlyList<StartupEvent> Startup, IReadOnlyList<ProgrammeEvent> Programme)> decide)
    {
        var (version, stored) = await runner.RunAtomicAsync(async () =>
        {
            var startup = await runner.LoadExistingAsync(DomainRegistration.Startups, id, "Startup");
            var programmeId = ((Startup.Registered)startup.State).RequireParticipation(cohortId).ProgrammeId;
            var programme = await runner.LoadExistingAsync(DomainRegistration.Programmes, programmeId, "Programme");
            var launched = (Programme.Launched)programme.State;
            ProgrammeEndpoints.RequireOperator(user, launched);

            var (startupEvents, programmeEvents) = decide(startup.State, launched);
            return
            [
                new PlannedAppend(id, DomainRegistration.Startups.StreamType, startup.Version, startupEvents.Cast<object>().ToList()),
                new PlannedAppend(programmeId, DomainRegistration.Programmes.StreamType, programme.Version, programmeEvents.Cast<object>().ToList()),
            ];
        });
        var mine = stored.FirstOrDefault(r => r.StreamId == id);
        return TypedResults.Ok(new CommandAccepted(id, version, mine?.Positions.Count ?? 0, stored.Count > 0 ? stored.Max(r => r.Positions[^1]) : null));
    }

    static async Task<Programme.Launched> ManagedProgrammeOfAsync(CommandRunner runner, ClaimsPrincipal user, Guid startupId, Guid cohortId)
    {
        var startup = (Startup.Registered)(await runner.LoadExistingAsync(DomainRegistration.Startups, startupId, "Startup")).State;
        return await ProgrammeEndpoints.RequireManagedAsync(runner, user, startup.RequireParticipation(cohortId).ProgrammeId);
    }
}
