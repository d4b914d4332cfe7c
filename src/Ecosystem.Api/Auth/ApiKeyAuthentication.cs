using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Ecosystem.Api.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Ecosystem.Api.Auth;

public sealed class ApiKeyOptions : AuthenticationSchemeOptions
{
    public const string Scheme = "ApiKey";
    public const string Header = "X-Api-Key";

    /// <summary>The bootstrap admin key from configuration (Ecosystem:AdminApiKey).</summary>
    public string? AdminApiKey { get; set; }
}

/// <summary>Authenticates the X-Api-Key header (or an API key sent as a bearer token); answers 401 and 403 as problem details.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<ApiKeyOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Scrapers such as Prometheus can only send a key as a bearer token, so that is accepted too.
        var bearer = Request.Headers.Authorization.ToString() is { } authorization && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim() : null;
        if (!Request.Headers.TryGetValue(ApiKeyOptions.Header, out var values) || values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
        {
            if (string.IsNullOrWhiteSpace(bearer)) return AuthenticateResult.NoResult();
            values = bearer;
        }
        var secret = values[0]!.Trim();

        if (Options.AdminApiKey is { Length: > 0 } admin && FixedTimeEquals(secret, admin))
            return Success(Principal("admin (configured)", Roles.Admin, []));

        var key = await keys.FindActiveAsync(secret, Context.RequestAborted);
        return key is null
            ? AuthenticateResult.Fail("Unknown or revoked API key.")
            : Success(Principal(key.Name, key.Role, key.Organisations));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status401Unauthorized, "Unauthorized",
            Request.Headers.ContainsKey(ApiKeyOptions.Header)
                ? "The API key is unknown or revoked."
                : $"Send an API key in the {ApiKeyOptions.Header} header.",
            "auth.unauthenticated");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status403Forbidden, "Forbidden", "This API key's role may not use this endpoint.", "auth.forbidden");

    Task WriteProblem(int status, string title, string detail, string code)
    {
        var problem = ProblemExceptionHandler.Problem(status, title, detail, code);
        if (status == StatusCodes.Status401Unauthorized) Response.Headers.WWWAuthenticate = ApiKeyOptions.Scheme;
        return TypedResults.Problem(problem).ExecuteAsync(Context);
    }

    AuthenticateResult Success(ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, ApiKeyOptions.Scheme));

    static ClaimsPrincipal Principal(string name, string role, IEnumerable<string> organisations)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ClaimTypes.Role, role) };
        claims.AddRange(organisations.Select(o => new Claim(CallerExtensions.OrganisationClaim, o)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyOptions.Scheme));
    }

    static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
