using Npgsql;

namespace Ecosystem.Api.Infrastructure;

/// <summary>
/// Start-up and the command-line verbs need the database before anything else. When it cannot be reached (refused,
/// timed out, unknown database, login refused) the operator gets one line on stderr naming where it looked and what
/// to do, and exit code 2, not a stack trace. Any other failure is a bug and keeps its stack trace.
/// </summary>
public static class DatabaseUnreachable
{
    public const int ExitCode = 2;

    public const string NotConfigured = "Ecosystem.Api: no database configured: set ConnectionStrings__Ecosystem "
        + "(ops/run and ops/rebuild set it to the local cluster).";

    /// <summary>The line to print when <paramref name="error"/> means the database could not be reached; null otherwise.</summary>
    public static string? Describe(Exception error, string? connectionString)
    {
        if (!CannotConnect(error)) return null;
        var where = "the configured database";
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(connectionString);
            where = $"PostgreSQL at {parsed.Host}:{parsed.Port}, database '{parsed.Database}'";
        }
        catch (ArgumentException) { }
        var advice = Find<PostgresException>(error) is null
            ? "Start it (ops/postgres start) or set ConnectionStrings__Ecosystem"
            : "Check ConnectionStrings__Ecosystem";
        return $"Ecosystem.Api: cannot connect to {where}: {Reason(error)}. {advice} (ops/run and ops/rebuild use the local cluster).";
    }

    static bool CannotConnect(Exception e) => e switch
    {
        // An unknown database (3D000) or a refused login (class 28) is as fatal here as a closed port.
        PostgresException p => p.SqlState.StartsWith("28", StringComparison.Ordinal) || p.SqlState == PostgresErrorCodes.InvalidCatalogName
            || ProblemExceptionHandler.DatabaseUnavailable(p),
        AggregateException a => a.InnerExceptions.Any(CannotConnect),
        _ => ProblemExceptionHandler.DatabaseUnavailable(e) || e.InnerException is { } inner && CannotConnect(inner),
    };

    /// <summary>The innermost messages that say why, on one line (e.g. "Failed to connect to 127.0.0.1:1 (Connection refused)").</summary>
    static string Reason(Exception e)
    {
        var postgres = Find<PostgresException>(e);
        if (postgres is not null) return $"{postgres.MessageText} ({postgres.SqlState})";
        var npgsql = Find<NpgsqlException>(e);
        var text = npgsql is null ? e.Message
            : npgsql.InnerException is { } inner ? $"{npgsql.Message} ({inner.Message})"
            : npgsql.Message;
        return string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');
    }

    static T? Find<T>(Exception e) where T : Exception => e switch
    {
        T found => found,
        AggregateException a => a.InnerExceptions.Select(Find<T>).FirstOrDefault(x => x is not null),
        { InnerException: { } inner } => Find<T>(inner),
        _ => null,
    };
}
