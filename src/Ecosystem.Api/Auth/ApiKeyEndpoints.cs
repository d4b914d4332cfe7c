using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Ecosystem.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecosystem.Api.Auth;

public sealed record CreateApiKeyRequest(
    [property: Required, StringLength(100, MinimumLength = 1)] string Name,
    [property: Required, StringLength(20)] string Role,
    [property: MaxLength(50), ItemLength(200)] string[]? Organisations);

public sealed record ApiKeyCreated(Guid Id, string Name, string Role, IReadOnlyList<string> Organisations, string Secret);

public sealed record ApiKeyView(Guid Id, string Name, string Role, IReadOnlyList<string> Organisations, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public static class ApiKeyEndpoints
{
    public static RouteGroupBuilder MapApiKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/api-keys").WithTags("Admin").RequireAuthorization(Policies.Admin);
        group.MapPost("/", Create).WithSummary("Create an API key; its secret is returned once.")
            .WithDescription("Keys are kept as SHA-256 hashes: `secret` is in this answer only. `role` is admin, manager, auditor or integrator; a manager key needs at least one organisation and acts only for those listed.");
        group.MapGet("/", List).WithSummary("List API keys (never their secrets).")
            .WithDescription("Every key, revoked ones too (`revokedAt`), with its role and organisations.");
        group.MapDelete("/{id:guid}", Revoke).WithSummary("Revoke an API key.")
            .WithDescription("The key is refused from then on (401). 404 when there is no such key to revoke.");
        return group;
    }

    static async Task<Results<Created<ApiKeyCreated>, ValidationProblem>> Create(CreateApiKeyRequest body, ApiKeyStore keys, ClaimsPrincipal user, CancellationToken ct)
    {
        var role = body.Role.Trim().ToLowerInvariant();
        var organisations = (body.Organisations ?? []).Select(o => o?.Trim() ?? "").ToArray();
        var errors = new Dictionary<string, string[]>();
        if (!Roles.All.Contains(role)) errors["role"] = [$"Role must be one of: {string.Join(", ", Roles.All)}."];
        if (organisations.Any(string.IsNullOrEmpty)) errors["organisations"] = ["Organisation names must not be blank."];
        if (role == Roles.Manager && organisations.Length == 0) errors["organisations"] = ["A manager key needs at least one organisation."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var (key, secret) = await keys.CreateAsync(body.Name.Trim(), role, organisations, user.Actor(), ct);
        return TypedResults.Created($"/api/admin/api-keys/{key.Id}", new ApiKeyCreated(key.Id, key.Name, key.Role, key.Organisations, secret));
    }

    static async Task<Ok<ApiKeyView[]>> List(ApiKeyStore keys, CancellationToken ct) =>
        TypedResults.Ok((await keys.ListAsync(ct)).Select(k => new ApiKeyView(k.Id, k.Name, k.Role, k.Organisations, k.CreatedAt, k.RevokedAt)).ToArray());

    static async Task<NoContent> Revoke(Guid id, ApiKeyStore keys, CancellationToken ct) =>
        await keys.RevokeAsync(id, ct) ? TypedResults.NoContent() : throw new NotFoundException($"API key {id}");
}
