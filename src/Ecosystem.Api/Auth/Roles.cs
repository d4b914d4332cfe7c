using System.Security.Claims;

namespace Ecosystem.Api.Auth;

public static class Roles
{
    public const string Admin = "admin";
    public const string Manager = "manager";
    public const string Integrator = "integrator";
    public const string Auditor = "auditor";

    public static readonly string[] All = [Admin, Manager, Integrator, Auditor];
}

/// <summary>Authorisation policies; every endpoint names one.</summary>
public static class Policies
{
    /// <summary>Any valid key.</summary>
    public const string Reader = "reader";
    /// <summary>Managers (scoped to their organisations) and admins.</summary>
    public const string Manager = "manager";
    public const string Admin = "admin";
    public const string Auditor = "auditor";
    /// <summary>Readers of the log itself (feed, live stream): integrators, auditors and admins.</summary>
    public const string LogReader = "log-reader";
    /// <summary>Managers of webhook subscriptions: integrators (their own) and admins (all).</summary>
    public const string Integrator = "integrator";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddPolicy(Reader, p => p.RequireAuthenticatedUser());
        options.AddPolicy(Manager, p => p.RequireRole(Roles.Admin, Roles.Manager));
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(Auditor, p => p.RequireRole(Roles.Admin, Roles.Auditor));
        options.AddPolicy(Integrator, p => p.RequireRole(Roles.Admin, Roles.Integrator));
        options.AddPolicy(LogReader, p => p.RequireRole(Roles.Admin, Roles.Integrator, Roles.Auditor));
    }
}

public static class CallerExtensions
{
    public const string OrganisationClaim = "ecosystem:organisation";

    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    /// <summary>Admins act for every organisation; a manager only for those listed on its key.</summary>
    public static bool ActsFor(this ClaimsPrincipal user, string organisation) =>
        user.IsAdmin() || user.FindAll(OrganisationClaim).Any(c => string.Equals(c.Value, organisation, StringComparison.OrdinalIgnoreCase));
}
