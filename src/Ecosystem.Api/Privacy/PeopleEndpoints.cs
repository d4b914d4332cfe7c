using System.ComponentModel.DataAnnotations;
using Ecosystem.Api.Auth;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Api.Programmes;
using Ecosystem.Domain.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Ecosystem.Api.Privacy;

/// <param name="Reason">Why the data is erased, e.g. the data-subject request's reference; kept in the log for auditors.</param>
public sealed record ErasePersonRequest([property: Required, StringLength(500, MinimumLength = 1)] string Reason);

/// <summary>Erasing a person's personal data by destroying the key it is encrypted with (crypto-shredding).</summary>
public static class PeopleEndpoints
{
    public static RouteGroupBuilder MapPeople(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/people").WithTags("Admin").RequireAuthorization(Policies.Admin).WithStandardProblems();
        group.MapPost("/{personId:guid}/erase", Erase).WithCommandProblems()
            .WithSummary("Erase a person's personal data everywhere: events, read models, feed and exports then show \"[erased]\".");
        RequestExamples.Register<ErasePersonRequest>("""{"reason":"GDPR art. 17 request 2026-114"}""");
        return group;
    }

    static async Task<Ok<CommandAccepted>> Erase(Guid personId, ErasePersonRequest body, CommandRunner runner, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using (var known = dataSource.CreateCommand("select 1 from ecosystem.person_keys where person_id = $1"))
        {
            known.Parameters.Add(new() { Value = personId });
            if (await known.ExecuteScalarAsync(ct) is null) throw new NotFoundException($"Person {personId}");
        }
        var result = await runner.CreateAsync(DomainRegistration.People, personId, new PersonCommand.ErasePersonalData(personId, body.Reason, runner.Now, runner.Actor));
        // The destroyed key's bytes linger in a dead row until a vacuum; this table is tiny, so vacuum it now.
        await using (var vacuum = dataSource.CreateCommand("vacuum ecosystem.person_keys")) await vacuum.ExecuteNonQueryAsync(CancellationToken.None);
        return TypedResults.Ok(ProgrammeEndpoints.Accepted(personId, result));
    }
}
