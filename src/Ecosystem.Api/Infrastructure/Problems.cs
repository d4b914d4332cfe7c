using Ecosystem.Domain;
using Ecosystem.Api.EventStore;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Ecosystem.Api.Infrastructure;

/// <summary>The resource the request names does not exist (or is not of the kind the route expects).</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>The caller is authenticated but may not act on this resource (e.g. another organisation's programme).</summary>
public sealed class ForbiddenException(string reason) : Exception(reason);

/// <summary>
/// Turns failures into RFC 9457 problem details. A client's mistake gets a 4xx with a message written
/// for the client; anything else is a 500 that says nothing about the internals.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Where the problem's code is left for the request's metrics.</summary>
    public const string CodeItem = "ecosystem.problem-code";

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            DomainRuleViolated e when e.Code.EndsWith(".not-found", StringComparison.Ordinal) => Problem(StatusCodes.Status404NotFound, "Not found", e.Message, e.Code),
            DomainRuleViolated e => Problem(StatusCodes.Status409Conflict, "A domain rule refused the command", e.Message, e.Code),
            WrongExpectedVersionException e when http.Request.Headers.IfMatch.Count > 0 => Problem(StatusCodes.Status412PreconditionFailed,
                "The resource has changed", $"If-Match named version {e.Expected.Value}; the resource is at version {e.Actual}.", "concurrency.precondition-failed"),
            WrongExpectedVersionException => Problem(StatusCodes.Status409Conflict,
                "Too many concurrent changes", "Other changes to this resource kept winning; retry the request.", "concurrency.conflict"),
            NotFoundException e => Problem(StatusCodes.Status404NotFound, "Not found", e.Message, "resource.not-found"),
            StreamTypeMismatchException => Problem(StatusCodes.Status404NotFound, "Not found", "No resource of this kind has that id.", "resource.not-found"),
            ReadModels.ReadModelRebuildingException e => Problem(StatusCodes.Status503ServiceUnavailable, "Read model rebuilding", e.Message, "read-model.rebuilding"),
            ForbiddenException e => Problem(StatusCodes.Status403Forbidden, "Forbidden", e.Message, "auth.forbidden"),
            NotYetExistingException e => Problem(StatusCodes.Status404NotFound, "Not found at that time", e.Message, "resource.not-yet-existing"),
            InvalidInputException e => Invalid(e.Field, e.Message, e.Code, e.Message),
            BadHttpRequestException e => BadRequest.Describe(e),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => null,
            _ when DatabaseUnavailable(exception) => Problem(StatusCodes.Status503ServiceUnavailable, "Database unavailable",
                "The database cannot be reached at the moment; nothing was changed. Retry shortly.", "database.unavailable"),
            _ => null,
        };
        if (problem is null)
        {
            if (http.RequestAborted.IsCancellationRequested) return true;
            logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, "Internal error",
                "The server failed to handle the request; it has been logged.", "server.error");
        }
        if (exception is DomainRuleViolated refused && problem.Status == StatusCodes.Status409Conflict)
            await http.RequestServices.GetRequiredService<Audit.Rejections>().RecordAsync(http, refused, ct);
        http.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable) http.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = null });
    }

    /// <summary>A lost or refused connection, or a server shutting down: the request may succeed once the database is back.</summary>
    public static bool DatabaseUnavailable(Exception e) => e switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState is "57P01" or "57P02" or "57P03",
        NpgsqlException { IsTransient: true } => true,
        System.Net.Sockets.SocketException or TimeoutException => true,
        _ => e.InnerException is { } inner && DatabaseUnavailable(inner),
    };

    public static ProblemDetails Problem(int status, string title, string detail, string code) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Type = $"https://ecosystem.example/problems/{code}",
        Extensions = { ["code"] = code },
    };

    /// <summary>A 400 naming the field at fault in <c>errors</c>, as validation problems do.</summary>
    public static HttpValidationProblemDetails Invalid(string field, string message, string code, string detail, int status = StatusCodes.Status400BadRequest) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = status,
            Title = "Bad request",
            Detail = detail,
            Type = $"https://ecosystem.example/problems/{code}",
            Extensions = { ["code"] = code },
        };
}
