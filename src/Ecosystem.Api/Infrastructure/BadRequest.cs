using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace Ecosystem.Api.Infrastructure;

/// <summary>
/// Words a request the framework could not read (a body that is not the endpoint's JSON, a query value of the wrong
/// type) as a 400 problem naming the field, without the framework's C# type names.
/// </summary>
static partial class BadRequest
{
    public static ProblemDetails Describe(BadHttpRequestException e)
    {
        var status = e.StatusCode is >= 400 and < 500 ? e.StatusCode : StatusCodes.Status400BadRequest;
        if (e.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            var (code, reason) = json switch
            {
                RefusedValueException refused => ("request.invalid", refused.Message),
                _ when json.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal) =>
                    ("request.malformed", "is not a field of this request; the schema allows no others."),
                _ => ("request.malformed", "is not valid JSON of the expected type (numbers unquoted, enum values as the schema lists them)."),
            };
            return ProblemExceptionHandler.Invalid(field, $"{field} {reason}", code, $"The request body is not valid JSON for this endpoint (at {field}).", status);
        }
        if (BindFailed().Match(e.Message) is { Success: true } bind)
        {
            var name = bind.Groups["name"].Value;
            var message = $"{name} must be {Expected(bind.Groups["type"].Value)}.";
            return ProblemExceptionHandler.Invalid(name, message, "request.malformed", message, status);
        }
        if (NoBody().IsMatch(e.Message))
            return ProblemExceptionHandler.Invalid("body", "A JSON body is required.", "request.malformed", "This endpoint needs a JSON body.", status);
        if (Missing().Match(e.Message) is { Success: true } missing)
        {
            var name = missing.Groups["name"].Value;
            return ProblemExceptionHandler.Invalid(name, $"{name} is required.", "request.malformed", $"{name} is required.", status);
        }
        if (FieldRule().Match(e.Message) is { Success: true } rule)
            return ProblemExceptionHandler.Invalid(rule.Groups["name"].Value, e.Message, "request.malformed", e.Message, status);
        return ProblemExceptionHandler.Problem(status, "Bad request", e.Message, "request.malformed");
    }

    /// <summary>"$.founders[0].name" → "founders[0].name"; the whole body when the reader failed before any field.</summary>
    static string FieldOf(string? path) => path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    static string Expected(string type) => type.Replace("Nullable<", "").TrimEnd('>', '?') switch
    {
        "int" or "long" or "Int32" or "Int64" => "a whole number",
        "Guid" => "a UUID",
        "AsOf" => "an ISO 8601 time, e.g. 2026-01-01T10:00:00Z or 2026-01-01T10:00:00%2B05:30",
        "DateOnly" => "an ISO 8601 date, e.g. 2026-01-01",
        _ => "a valid value",
    };

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ "]+)" from ".*"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailed();

    [GeneratedRegex("""^Implicit body inferred for parameter "[^"]+" but no body was provided""")]
    private static partial Regex NoBody();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[^ "]+)" was not provided""", RegexOptions.Singleline)]
    private static partial Regex Missing();

    /// <summary>Our own messages about a query parameter begin with its name, e.g. "position must be …".</summary>
    [GeneratedRegex("""^(?<name>[a-z][A-Za-z]*) must """)]
    private static partial Regex FieldRule();
}
