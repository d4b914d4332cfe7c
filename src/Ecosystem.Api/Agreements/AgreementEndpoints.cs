using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Ecosystem.Api.Auth;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Api.Programmes;
using Ecosystem.Api.ReadModels;
using Ecosystem.Domain;
using Ecosystem.Domain.Agreements;
using Microsoft.AspNetCore.Http.HttpResults;
using static Ecosystem.Domain.Agreements.AgreementCommand;

namespace Ecosystem.Api.Agreements;

public static class AgreementEndpoints
{
    const string What = "Agreement";

    public static RouteGroupBuilder MapAgreements(this IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/api/agreements").WithTags("Agreements").RequireAuthorization(Policies.Reader).WithStandardProblems();
        reads.MapGet("/", List).WithSummary(
            "The agreement registry (paged, by title): ?party=, ?country=, ?kind=, ?status= filter it; ?expiresWithinDays= keeps agreements in force that end within that many days.");
        reads.MapGet("/{id:guid}", Get).WithSummary("One agreement; ?version= or ?asOf= show it as it was.");

        var group = app.MapGroup("/api/agreements").WithTags("Agreements").RequireAuthorization(Policies.Manager).WithStandardProblems().WithRuleCodes("agreement");
        group.MapPost("/", Draft).WithCommandProblems().WithSummary("Draft an agreement between at least two parties; managers draft for a party of theirs.");
        group.MapPost("/{id:guid}/signature", Sign).WithCommandProblems().WithSummary("Sign the draft: the date and at least one signatory per party.");
        group.MapPost("/{id:guid}/renewal", Renew).WithCommandProblems().WithSummary("Renew: a later end date, or a new term for an expired agreement.");
        group.MapPost("/{id:guid}/amendments", Amend).WithCommandProblems().WithSummary("Record an amendment to a signed agreement.");
        group.MapPost("/{id:guid}/expire", Expire).WithCommandProblems().WithSummary("Record that the agreement ran out, after its end date.");
        group.MapPost("/{id:guid}/terminate", Terminate).WithCommandProblems().WithSummary("Terminate a signed agreement, with a reason; it can then not be renewed.");
        group.MapPost("/{id:guid}/links", Link).WithCommandProblems().WithSummary("Link the agreement to a programme, a hub office or a mission it gave rise to.");

        RequestExamples.Register<DraftAgreementRequest>("""
            {"kind":"mou","title":"Memorandum of commitment on automotive and aerospace",
             "parties":[{"organisation":"Camera di commercio di Torino","country":"IT","role":"chamber of commerce"},
                        {"organisation":"Nagoya Chamber of Commerce and Industry","country":"JP","role":"chamber of commerce"}],
             "sectors":["automotive","aerospace"],"topics":["business cooperation"],"startsOn":"2025-10-01"}
            """);
        RequestExamples.Register<SignAgreementRequest>("""
            {"signedOn":"2025-10-01","signatories":[{"organisation":"Camera di commercio di Torino","name":"Signatory T (synthetic)","title":"President"},
             {"organisation":"Nagoya Chamber of Commerce and Industry","name":"Signatory N (synthetic)","title":"Chairman"}]}
            """);
        RequestExamples.Register<RenewAgreementRequest>("""{"endsOn":"2027-12-31"}""");
        RequestExamples.Register<AmendAgreementRequest>("""{"summary":"Adds startup exchanges to the scope","on":"2026-03-01"}""");
        RequestExamples.Register<TerminateAgreementRequest>("""{"reason":"Superseded by a new agreement","on":"2026-06-30"}""");
        RequestExamples.Register<PartyRequest>("""{"organisation":"City of Torino","country":"IT","role":"city"}""");
        RequestExamples.Register<SignatoryRequest>("""{"organisation":"City of Torino","name":"Signatory T (synthetic)","title":"Mayor"}""");
        return group;
    }

    /// <summary>The registry from the read model.</summary>
    static async Task<Results<Ok<AgreementView[]>, ValidationProblem>> List(AgreementReads reads, Freshness freshness, TimeProvider clock, string? party, string? country,
        string? kind, string? status, [Range(0, 3650)] int? expiresWithinDays, [Range(0, int.MaxValue)] int? offset, [Range(1, Paging.MaxLimit)] int? limit,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var wantedKind = RequestItems.ParseQuery<AgreementKind>(kind, "kind", errors);
        var wantedStatus = RequestItems.ParseQuery<AgreementStatus>(status, "status", errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        await freshness.WaitAsync(AgreementReads.Projections);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var filter = new AgreementFilter(Clean(party), Clean(country)?.ToUpperInvariant(), wantedKind, wantedStatus,
            expiresWithinDays is { } days ? (today, today.AddDays(days)) : null);
        return TypedResults.Ok((await reads.ListAsync(filter, offset ?? 0, limit ?? Paging.DefaultLimit, ct)).ToArray());
    }

    /// <summary>From the read model; as of a version or a moment (or before the read model has seen it) by folding the stream.</summary>
    static async Task<Ok<AgreementView>> Get(Guid id, [Range(1, long.MaxValue)] long? version, AsOf? asOf, CommandRunner runner, AgreementReads reads,
        Freshness freshness, HttpContext http)
    {
        if (version is null && asOf is null)
        {
            await freshness.WaitAsync(AgreementReads.Projections);
            if (await reads.GetAsync(id, http.RequestAborted) is { } view)
            {
                runner.SetHeaders(view.Version, null);
                return TypedResults.Ok(view);
            }
        }
        var agreement = await runner.LoadAsOfAsync(DomainRegistration.Agreements, id, What, version, asOf);
        runner.SetHeaders(agreement.Version, null);
        return TypedResults.Ok(((Agreement.Drafted)agreement.State).ToView(agreement.Version));
    }

    static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    static async Task<Results<Created<CommandAccepted>, ValidationProblem>> Draft(DraftAgreementRequest body, CommandRunner runner, ClaimsPrincipal user)
    {
        if (RequestItems.Errors(body.Parties, "parties") is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
        var parties = new ValueList<Party>(body.Parties.Select(p => new Party(p.Organisation.Trim(), p.Country.Trim().ToUpperInvariant(), p.Role.Trim())));
        if (!parties.Any(p => user.ActsFor(p.Organisation))) throw new ForbiddenException("This key may act for none of the agreement's parties.");
        var id = Guid.CreateVersion7();
        var result = await runner.CreateAsync(DomainRegistration.Agreements, id, new DraftAgreement(id, body.Kind!.Value, body.Title.Trim(), parties,
            RequestItems.Clean(body.Sectors), RequestItems.Clean(body.Topics), body.StartsOn!.Value, body.EndsOn, runner.Now, runner.Actor));
        return TypedResults.Created($"/api/agreements/{id}", ProgrammeEndpoints.Accepted(id, result));
    }

    static async Task<Results<Ok<CommandAccepted>, ValidationProblem>> Sign(Guid id, SignAgreementRequest body, CommandRunner runner, ClaimsPrincipal user)
    {
        if (RequestItems.Errors(body.Signatories, "signatories") is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
        var signatories = new ValueList<Signatory>(body.Signatories.Select(s => new Signatory(Guid.CreateVersion7(), s.Organisation.Trim(), s.Name.Trim(), s.Title.Trim())));
        return await Run(runner, user, id, new SignAgreement(id, body.SignedOn!.Value, signatories, runner.Now, runner.Actor));
    }

    static Task<Ok<CommandAccepted>> Renew(Guid id, RenewAgreementRequest body, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new RenewAgreement(id, body.NewTermStartsOn, body.EndsOn!.Value, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> Amend(Guid id, AmendAgreementRequest body, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new AmendAgreement(id, body.Summary.Trim(), body.On!.Value, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> Expire(Guid id, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new ExpireAgreement(id, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> Terminate(Guid id, TerminateAgreementRequest body, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new TerminateAgreement(id, body.Reason.Trim(), body.On!.Value, runner.Now, runner.Actor));

    static async Task<Ok<CommandAccepted>> Link(Guid id, LinkAgreementRequest body, CommandRunner runner, ClaimsPrincipal user)
    {
        var target = body.TargetId!.Value;
        _ = body.Kind switch
        {
            LinkKind.Programme => (object)await runner.LoadExistingAsync(DomainRegistration.Programmes, target, "Programme (targetId)"),
            LinkKind.HubOffice => await runner.LoadExistingAsync(DomainRegistration.HubOffices, target, "Hub office (targetId)"),
            _ => await runner.LoadExistingAsync(DomainRegistration.Missions, target, "Mission (targetId)"),
        };
        return await Run(runner, user, id, new LinkAgreement(id, body.Kind!.Value, target, runner.Now, runner.Actor));
    }

    static async Task<Ok<CommandAccepted>> Run(CommandRunner runner, ClaimsPrincipal user, Guid id, AgreementCommand command) =>
        TypedResults.Ok(ProgrammeEndpoints.Accepted(id, await runner.RunAsync(DomainRegistration.Agreements, id, command, What, state =>
        {
            var agreement = (Agreement.Drafted)state;
            if (!agreement.Parties.Any(p => user.ActsFor(p.Organisation)))
                throw new ForbiddenException("This key may act for none of the agreement's parties.");
        })));
}
