using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Ecosystem.Api.Auth;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Api.Programmes;
using Ecosystem.Api.ReadModels;
using Ecosystem.Domain;
using Ecosystem.Domain.UrbanTesting;
using Microsoft.AspNetCore.Http.HttpResults;
using static Ecosystem.Domain.UrbanTesting.UrbanTestingCommand;

namespace Ecosystem.Api.UrbanTesting;

public static class UrbanTestingEndpoints
{
    const string What = "Urban-testing use case";

    static readonly Dictionary<string, UseCaseStatus> Statuses = KebabNames<UseCaseStatus>();
    static readonly Dictionary<string, TestingDomain> Domains = KebabNames<TestingDomain>();

    public static RouteGroupBuilder MapUrbanTesting(this IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/api/urban-testing/use-cases").WithTags("Urban testing").RequireAuthorization(Policies.Reader).WithStandardProblems();
        reads.MapGet("/", List)
            .WithSummary("The urban-testing pipeline (paged); ?status= keeps the use cases in one status, e.g. in-test, ?domain= in one testing domain.");
        reads.MapGet("/{id:guid}", Get).WithSummary("One use case with its authorisations, site, KPIs and outcome; ?version= or ?asOf= show it as it was.");

        var group = app.MapGroup("/api/urban-testing/use-cases").WithTags("Urban testing").RequireAuthorization(Policies.Manager).WithStandardProblems().WithRuleCodes("use-case", "proposal", "feasibility", "authorisation", "site", "test", "kpi", "report", "contribution", "scale-up", "trl");
        group.MapPost("/", Submit).WithCommandProblems().WithSummary("Submit a proposal to test a pre-commercial solution in the city.");
        group.MapPost("/{id:guid}/feasibility", AssessFeasibility).WithCommandProblems().WithSummary("Record whether the test is feasible, with its conditions.");
        group.MapPost("/{id:guid}/authorisations", RequestAuthorisation).WithCommandProblems().WithSummary("Request an authorisation from an authority (ENAC, MIT…).");
        group.MapPost("/{id:guid}/authorisations/grant", GrantAuthorisation).WithCommandProblems().WithSummary("Record an authority's grant: its validity and area.");
        group.MapPost("/{id:guid}/authorisations/deny", DenyAuthorisation).WithCommandProblems().WithSummary("Record an authority's denial; the use case ends.");
        group.MapPost("/{id:guid}/site", AssignSite).WithCommandProblems().WithSummary("Assign the test site; it must lie in every authorised area.");
        group.MapPost("/{id:guid}/start", StartTest).WithCommandProblems()
            .WithSummary("Start the test: every authorisation granted and valid that day, and the site inside their areas.");
        group.MapPost("/{id:guid}/kpis", RecordKpi).WithCommandProblems().WithSummary("Record a KPI measurement of the running test.");
        group.MapPost("/{id:guid}/suspend", SuspendTest).WithCommandProblems().WithSummary("Suspend the running test, with a reason.");
        group.MapPost("/{id:guid}/resume", ResumeTest).WithCommandProblems().WithSummary("Resume a suspended test.");
        group.MapPost("/{id:guid}/complete", CompleteTest).WithCommandProblems().WithSummary("Complete the test, by the day every authorisation expires.");
        group.MapPost("/{id:guid}/report", SubmitReport).WithCommandProblems().WithSummary("Submit the results report after completion.");
        group.MapPost("/{id:guid}/report/accept", AcceptReport).WithCommandProblems().WithSummary("Accept the results report.");
        group.MapPost("/{id:guid}/contribution", AwardContribution).WithCommandProblems().WithSummary("Award a contribution once the report is accepted.");
        group.MapPost("/{id:guid}/scale-up", ProposeScaleUp).WithCommandProblems().WithSummary("Propose a scale-up once the report is accepted; the use case ends.");
        group.MapPost("/{id:guid}/withdraw", Withdraw).WithCommandProblems().WithSummary("Withdraw the use case, with a reason; it ends.");

        RequestExamples.Register<SubmitProposalRequest>("""
            {"proposerStartupId":null,"proposerOrganisation":"Orbital Drones srl (synthetic)","title":"BVLOS delivery drones",
             "domain":"air-mobility","trl":6,"durationDays":120}
            """);
        RequestExamples.Register<AssessFeasibilityRequest>("""{"feasible":true,"conditions":["flights only on weekdays"]}""");
        RequestExamples.Register<RequestAuthorisationRequest>("""{"authority":"ENAC"}""");
        RequestExamples.Register<GrantAuthorisationRequest>("""{"authority":"ENAC","validFrom":"2024-04-01","validTo":"2024-09-30","area":"Parco Dora"}""");
        RequestExamples.Register<AssignSiteRequest>("""{"site":"DoraLab","area":"Parco Dora/DoraLab"}""");
        RequestExamples.Register<RecordKpiRequest>("""{"name":"deliveries","value":42,"unit":"count"}""");
        RequestExamples.Register<SubmitReportRequest>("""{"trlAfter":7,"summary":"Safe BVLOS flights over the park"}""");
        return group;
    }

    /// <summary>The pipeline from the read model, in submission order, filtered by status and testing domain.</summary>
    static async Task<Results<Ok<UseCaseSummary[]>, ValidationProblem>> List(UrbanTestingReads reads, Freshness freshness, string? status, string? domain,
        [Range(0, int.MaxValue)] int? offset, [Range(1, Paging.MaxLimit)] int? limit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var wantedStatus = Parse(status, Statuses, "status", errors);
        var wantedDomain = Parse(domain, Domains, "domain", errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        await freshness.WaitAsync(UrbanTestingReads.Projections);
        return TypedResults.Ok((await reads.ListAsync(wantedStatus, wantedDomain, offset ?? 0, limit ?? Paging.DefaultLimit, ct)).ToArray());
    }

    /// <summary>From the read model; as of a version or a moment (or before the read model has seen it) by folding the stream.</summary>
    static async Task<Ok<UseCaseView>> Get(Guid id, [Range(1, long.MaxValue)] long? version, AsOf? asOf, CommandRunner runner, AggregateStoreReader reader, TimeProvider clock,
        UrbanTestingReads reads, Freshness freshness, HttpContext http)
    {
        if (version is null && asOf is null)
        {
            await freshness.WaitAsync(UrbanTestingReads.Projections);
            if (await reads.GetAsync(id, http.RequestAborted) is { } view)
            {
                runner.SetHeaders(view.Version, null);
                return TypedResults.Ok(view);
            }
        }
        var aggregate = await runner.LoadAsOfAsync(DomainRegistration.UrbanTesting, id, What, version, asOf);
        runner.SetHeaders(aggregate.Version, null);
        var useCase = (UrbanTestingUseCase.Proposed)aggregate.State;
        var names = await reader.StartupNamesAsync(useCase.ProposerStartupId is { } startupId ? [startupId] : [], asOf?.Value, http.RequestAborted);
        var name = useCase.ProposerStartupId is { } proposer && names.TryGetValue(proposer, out var found) ? found : null;
        return TypedResults.Ok(useCase.ToView(aggregate.Version, name, asOf?.Value ?? clock.GetUtcNow()));
    }

    static Dictionary<string, TEnum> KebabNames<TEnum>() where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().ToDictionary(v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()), StringComparer.OrdinalIgnoreCase);

    /// <summary>The value a query parameter names, null when it is absent; an unknown name is recorded in <paramref name="errors"/>.</summary>
    static TEnum? Parse<TEnum>(string? text, Dictionary<string, TEnum> names, string parameter, Dictionary<string, string[]> errors) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (names.TryGetValue(text.Trim(), out var value)) return value;
        errors[parameter] = [$"{parameter} must be one of: {string.Join(", ", names.Keys)}."];
        return null;
    }

    static async Task<Created<CommandAccepted>> Submit(SubmitProposalRequest body, CommandRunner runner, ClaimsPrincipal user, EcosystemOptions options)
    {
        RequirePlatformManager(user, options);
        if (body.ProposerStartupId is { } startupId) await runner.LoadExistingAsync(DomainRegistration.Startups, startupId, "Startup");
        var id = Guid.CreateVersion7();
        var organisation = string.IsNullOrWhiteSpace(body.ProposerOrganisation) ? null : body.ProposerOrganisation.Trim();
        var result = await runner.CreateAsync(DomainRegistration.UrbanTesting, id, new SubmitProposal(id, body.ProposerStartupId, organisation, body.Title.Trim(),
            body.Domain!.Value, body.Trl!.Value, body.DurationDays!.Value, runner.Now, runner.Actor));
        return TypedResults.Created($"/api/urban-testing/use-cases/{id}", ProgrammeEndpoints.Accepted(id, result));
    }

    static Task<Ok<CommandAccepted>> AssessFeasibility(Guid id, AssessFeasibilityRequest body, CommandRunner runner, ClaimsPrincipal user, EcosystemOptions options) =>
        Run(runner, user, options, id, new AssessFeasibility(id, body.Feasible!.Value,
            new ValueList<string>((body.Conditions ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim())), runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> RequestAuthorisation(Guid id, RequestAuthorisationRequest body, CommandRunner runner, ClaimsPrincipal user, EcosystemOptions options) =>
        Run(runner, user, options, id, new RequestAuthorisation(id, body.Authority.Trim(), runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> GrantAuthorisation(Guid id, GrantAuthorisationRequest body, CommandRunner runner, ClaimsPrincipal user, EcosystemOptions options) =>
        Run(runner, user, options, id, new GrantAuthorisation(id, body.Authority.Trim(), body.ValidFrom!.Value, body.ValidTo!.Value, body.Area.Trim(), runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> DenyAuthorisation(Guid id, DenyAuthorisationRequest body, CommandRunner runner, ClaimsPrincipal user, EcosystemOptions options) =>
        Run(runner, user, options, id, new DenyAuthorisation(id, body.Authority.Trim(), body.Reason.Trim(), runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> AssignSite(Guid id, AssignSiteRequest body, CommandRunner runner, ClaimsPrincipal user, EcosystemOptions options) =>
        Run(runner, user, options, id, new AssignTestSite(id, body.Site.Trim(), body.Area.Trim(), runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> StartTest(Guid id, TestDayRequest body, CommandRunner runner, ClaimsPrincipal user, EcosystemOptions options) =>
        Run(runner, user, options, id, new StartTest(id, body.On!.Value, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> RecordKpi(Guid id, RecordKpiRequest body, CommandRunner runner, ClaimsPrincipal user, EcosystemOptions options) =>
        Run(runner, user, options, id, new RecordKpi(id, body.Name.Trim(), body.Value!.Value, body.Unit.Trim(), runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> SuspendTest(Guid id, ReasonRequest body, CommandRunner runner, ClaimsPrincipal user, EcosystemOptions options) =>
        Run(runner, user, options, id, new SuspendTest(id, body.Reason.Trim(), runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> ResumeTest(Guid id, CommandRunner runner, ClaimsPrincipal user, EcosystemOptions options) =>
        Run(runner, user, options, id, new ResumeTest(id, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> CompleteTest(Guid id, TestDayRequest body, CommandRunner runner, ClaimsPrincipal user, EcosystemOptions options) =>
        Run(runner, user, options, id, new CompleteTest(id, body.On!.Value, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> SubmitReport(Guid id, SubmitReportRequest body, CommandRunner runner, ClaimsPrincipal user, EcosystemOptions options) =>
        Run(runner, user, options, id, new SubmitResultsReport(id, body.TrlAfter!.Value, body.Summary.Trim(), runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> AcceptReport(Guid id, CommandRunner runner, ClaimsPrincipal user, EcosystemOptions options) =>
        Run(runner, user, options, id, new AcceptReport(id, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> AwardContribution(Guid id, AwardContributionRequest body, CommandRunner runner, ClaimsPrincipal user, EcosystemOptions options) =>
        Run(runner, user, options, id, new AwardContribution(id, body.Amount!.Value, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> ProposeScaleUp(Guid id, ProposeScaleUpRequest body, CommandRunner runner, ClaimsPrincipal user, EcosystemOptions options) =>
        Run(runner, user, options, id, new ProposeScaleUp(id, body.Path!.Value, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> Withdraw(Guid id, ReasonRequest body, CommandRunner runner, ClaimsPrincipal user, EcosystemOptions options) =>
        Run(runner, user, options, id, new WithdrawProposal(id, body.Reason.Trim(), runner.Now, runner.Actor));

    static async Task<Ok<CommandAccepted>> Run(CommandRunner runner, ClaimsPrincipal user, EcosystemOptions options, Guid id, UrbanTestingCommand command)
    {
        RequirePlatformManager(user, options);
        return TypedResults.Ok(ProgrammeEndpoints.Accepted(id, await runner.RunAsync(DomainRegistration.UrbanTesting, id, command, What)));
    }

    /// <summary>The city's platform runs every use case, so only managers acting for it may change one (admins always may).</summary>
    static void RequirePlatformManager(ClaimsPrincipal user, EcosystemOptions options)
    {
        if (!user.ActsFor(options.UrbanTestingOrganisation))
            throw new ForbiddenException($"This key may not act for '{options.UrbanTestingOrganisation}', which runs urban testing.");
    }
}
