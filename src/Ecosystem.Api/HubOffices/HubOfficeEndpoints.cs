using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Ecosystem.Api.Auth;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Api.Programmes;
using Ecosystem.Api.ReadModels;
using Ecosystem.Domain.HubOffices;
using Microsoft.AspNetCore.Http.HttpResults;
using static Ecosystem.Domain.HubOffices.HubOfficeCommand;

namespace Ecosystem.Api.HubOffices;

public static class HubOfficeEndpoints
{
    const string What = "Hub office";

    public static RouteGroupBuilder MapHubOffices(this IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/api/hub-offices").WithTags("Hub offices").RequireAuthorization(Policies.Reader).WithStandardProblems();
        reads.MapGet("/", List)
            .WithSummary("The hub office directory (paged): current city and host, partners, earlier locations; ?country= and ?university= filter it.");
        reads.MapGet("/{id:guid}", Get).WithSummary("One hub office; ?version= or ?asOf= show it as it was.");

        var group = app.MapGroup("/api/hub-offices").WithTags("Hub offices").RequireAuthorization(Policies.Manager).WithStandardProblems().WithRuleCodes("hub");
        group.MapPost("/", Approve).WithCommandProblems().WithSummary("Approve a university's hub office abroad.");
        group.MapPost("/{id:guid}/locations", OpenLocation).WithCommandProblems().WithSummary("Open the hub's location; later moves are relocations.");
        group.MapPost("/{id:guid}/inauguration", Inaugurate).WithCommandProblems().WithSummary("Inaugurate the current location, on or after its opening.");
        group.MapPost("/{id:guid}/partners", RegisterPartner).WithCommandProblems().WithSummary("Register a partner university of the hub.");
        group.MapPost("/{id:guid}/services", OfferService).WithCommandProblems().WithSummary("Offer a service at the hub (e.g. incubation, desk space).");
        group.MapPost("/{id:guid}/relocation", Relocate).WithCommandProblems().WithSummary("Move the hub to another city; the current location joins the history.");
        group.MapPost("/{id:guid}/suspend", Suspend).WithCommandProblems().WithSummary("Suspend the hub; it then only resumes or closes.");
        group.MapPost("/{id:guid}/resume", Resume).WithCommandProblems().WithSummary("Resume a suspended hub.");
        group.MapPost("/{id:guid}/close", Close).WithCommandProblems().WithSummary("Close the hub; it then refuses every command.");

        RequestExamples.Register<ApproveHubRequest>("""{"university":"Politecnico di Torino","country":"JP"}""");
        RequestExamples.Register<OpenLocationRequest>("""{"city":"Kyoto","host":"Kyoto Research Park","openedOn":"2023-05-15"}""");
        RequestExamples.Register<InaugurateLocationRequest>("""{"on":"2023-07-11","venue":"Kyoto Research Park"}""");
        RequestExamples.Register<RegisterPartnerRequest>("""{"university":"Kyoto Institute of Technology","agreement":"double-degree"}""");
        RequestExamples.Register<RelocateRequest>("""{"toCity":"Tokyo","host":"Italian Chamber of Commerce in Japan","effectiveOn":"2025-06-01"}""");
        return group;
    }

    /// <summary>The directory from the read model, by university, filtered by country (ISO code) and university (either case).</summary>
    static async Task<Ok<HubOfficeView[]>> List(HubOfficeReads reads, Freshness freshness, string? country, string? university, [Range(0, int.MaxValue)] int? offset, [Range(1, Paging.MaxLimit)] int? limit,
        CancellationToken ct)
    {
        await freshness.WaitAsync(HubOfficeReads.Projections);
        return TypedResults.Ok((await reads.ListAsync(Clean(country), Clean(university), offset ?? 0, limit ?? Paging.DefaultLimit, ct)).ToArray());
    }

    /// <summary>From the read model; as of a version or a moment (or before the read model has seen it) by folding the stream.</summary>
    static async Task<Ok<HubOfficeView>> Get(Guid id, [Range(1, long.MaxValue)] long? version, AsOf? asOf, CommandRunner runner, HubOfficeReads reads, Freshness freshness,
        HttpContext http)
    {
        if (version is null && asOf is null)
        {
            await freshness.WaitAsync(HubOfficeReads.Projections);
            if (await reads.GetAsync(id, http.RequestAborted) is { } view)
            {
                runner.SetHeaders(view.Version, null);
                return TypedResults.Ok(view);
            }
        }
        var hub = await runner.LoadAsOfAsync(DomainRegistration.HubOffices, id, What, version, asOf);
        runner.SetHeaders(hub.Version, null);
        return TypedResults.Ok(((HubOffice.Approved)hub.State).ToView(hub.Version));
    }

    static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    static async Task<Created<CommandAccepted>> Approve(ApproveHubRequest body, CommandRunner runner, ClaimsPrincipal user)
    {
        if (!user.ActsFor(body.University.Trim())) throw new ForbiddenException($"This key may not act for '{body.University}'.");
        var id = Guid.CreateVersion7();
        var result = await runner.CreateAsync(DomainRegistration.HubOffices, id,
            new ApproveHub(id, body.University.Trim(), body.Country.Trim().ToUpperInvariant(), runner.Now, runner.Actor));
        return TypedResults.Created($"/api/hub-offices/{id}", ProgrammeEndpoints.Accepted(id, result));
    }

    static Task<Ok<CommandAccepted>> OpenLocation(Guid id, OpenLocationRequest body, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new OpenLocation(id, body.City.Trim(), body.Host.Trim(), body.OpenedOn!.Value, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> Inaugurate(Guid id, InaugurateLocationRequest body, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new InaugurateLocation(id, body.On!.Value, body.Venue.Trim(), runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> RegisterPartner(Guid id, RegisterPartnerRequest body, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new RegisterPartnerUniversity(id, body.University.Trim(), body.Agreement!.Value, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> OfferService(Guid id, OfferServiceRequest body, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new OfferService(id, body.Service.Trim(), runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> Relocate(Guid id, RelocateRequest body, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new Relocate(id, body.ToCity.Trim(), body.Host.Trim(), body.EffectiveOn!.Value, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> Suspend(Guid id, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new SuspendHub(id, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> Resume(Guid id, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new ResumeHub(id, runner.Now, runner.Actor));

    static Task<Ok<CommandAccepted>> Close(Guid id, CommandRunner runner, ClaimsPrincipal user) =>
        Run(runner, user, id, new CloseHub(id, runner.Now, runner.Actor));

    static async Task<Ok<CommandAccepted>> Run(CommandRunner runner, ClaimsPrincipal user, Guid id, HubOfficeCommand command)
    {
        return TypedResults.Ok(ProgrammeEndpoints.Accepted(id, await runner.RunAsync(DomainRegistration.HubOffices, id, command, What, state =>
        {
            var hub = (HubOffice.Approved)state;
            if (!user.ActsFor(hub.University)) throw new ForbiddenException($"This key may not act for '{hub.University}', which runs this hub office.");
        })));
    }
}
