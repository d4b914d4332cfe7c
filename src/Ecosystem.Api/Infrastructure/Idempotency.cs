using System.Security.Cryptography;
using System.Text.Json;
using Ecosystem.Api.Auth;
using Npgsql;
using NpgsqlTypes;

namespace Ecosystem.Api.Infrastructure;

/// <summary>
/// A POST that carries <c>Idempotency-Key</c> acts once per caller and key: the first request claims the key and
/// runs; its response (status, body, the headers a client reads) is kept for 24 hours and replayed to any retry,
/// marked <c>Idempotency-Replayed: true</c>, without acting again. A retry while the first is still running gets
/// 409 <c>idempotency.in-progress</c>; the same key with another request 422 <c>idempotency.key-reused</c>.
/// A 5xx is not kept, so the key can be retried. If the process dies between the write and keeping its response,
/// the key answers 409 <c>idempotency.outcome-unknown</c> after a minute rather than acting twice.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, NpgsqlDataSource dataSource)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";
    static readonly string[] KeptHeaders = ["ETag", "Location", CommandRunner.PositionHeader, CommandRunner.CorrelationHeader, "Content-Type"];
    static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(1);

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || http.Request.Headers[Header].ToString() is not { Length: > 0 } key
            || http.User.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }
        if (key.Length > 200 || key.Any(c => c < 0x21 || c > 0x7e))
        {
            await WriteProblemAsync(http, StatusCodes.Status400BadRequest, "Bad request",
                "Idempotency-Key must be 1 to 200 visible ASCII characters.", "idempotency.key-invalid");
            return;
        }

        var actor = http.User.Actor();
        var hash = await HashRequestAsync(http.Request);
        if (!await ClaimAsync(actor, key, hash, http.RequestAborted))
        {
            await AnswerFromKeptAsync(http, actor, key, hash);
            return;
        }

        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        catch
        {
            await ReleaseAsync(actor, key);
            throw;
        }
        finally
        {
            http.Response.Body = original;
        }
        if (http.Response.StatusCode >= 500) await ReleaseAsync(actor, key);
        else await KeepAsync(actor, key, http.Response, buffer.ToArray());
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    static async Task<byte[]> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0) sha.AppendData(chunk, 0, read);
        request.Body.Position = 0;
        return sha.GetHashAndReset();
    }

    async Task<bool> ClaimAsync(string actor, string key, byte[] hash, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            with expired as (delete from api.idempotency_keys where actor = $1 and key = $2 and created_at < now() - $4)
            insert into api.idempotency_keys (actor, key, request_hash) values ($1, $2, $3)
            on conflict (actor, key) do nothing
            """);
        command.Parameters.Add(new() { Value = actor });
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = hash });
        command.Parameters.Add(new() { Value = Retention });
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    async Task AnswerFromKeptAsync(HttpContext http, string actor, string key, byte[] hash)
    {
        await using var command = dataSource.CreateCommand(
            "select request_hash, status, headers::text, body, now() - created_at from api.idempotency_keys where actor = $1 and key = $2");
        command.Parameters.Add(new() { Value = actor });
        command.Parameters.Add(new() { Value = key });
        await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
        if (!await reader.ReadAsync(http.RequestAborted))
        {
            // Released by a failed first attempt between our claim and this read: the client may retry at once.
            await WriteProblemAsync(http, StatusCodes.Status409Conflict, "Retry", "The first request with this key failed; retry it.", "idempotency.in-progress");
            return;
        }
        if (!reader.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(hash))
        {
            await WriteProblemAsync(http, StatusCodes.Status422UnprocessableEntity, "Idempotency key reused",
                "This Idempotency-Key was used with a different request; use a new key for a new request.", "idempotency.key-reused");
            return;
        }
        if (reader.IsDBNull(1))
        {
            var age = reader.GetFieldValue<TimeSpan>(4);
            if (age > Abandoned)
                await WriteProblemAsync(http, StatusCodes.Status409Conflict, "Outcome unknown",
                    "The first request with this key did not finish answering; read the resource to see whether it took effect.", "idempotency.outcome-unknown");
            else
            {
                http.Response.Headers.RetryAfter = "1";
                await WriteProblemAsync(http, StatusCodes.Status409Conflict, "In progress",
                    "A request with this Idempotency-Key is still running; retry shortly.", "idempotency.in-progress");
            }
            return;
        }
        http.Response.StatusCode = reader.GetInt32(1);
        foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(2)) ?? [])
            http.Response.Headers[name] = value;
        http.Response.Headers[ReplayedHeader] = "true";
        var body = reader.IsDBNull(3) ? [] : reader.GetFieldValue<byte[]>(3);
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    async Task KeepAsync(string actor, string key, HttpResponse response, byte[] body)
    {
        var headers = KeptHeaders.Where(h => response.Headers.ContainsKey(h)).ToDictionary(h => h, h => response.Headers[h].ToString());
        await using var command = dataSource.CreateCommand(
            "update api.idempotency_keys set status = $3, headers = $4, body = $5, completed_at = now() where actor = $1 and key = $2");
        command.Parameters.Add(new() { Value = actor });
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = response.StatusCode });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(headers), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = body });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    async Task ReleaseAsync(string actor, string key)
    {
        await using var command = dataSource.CreateCommand("delete from api.idempotency_keys where actor = $1 and key = $2 and status is null");
        command.Parameters.Add(new() { Value = actor });
        command.Parameters.Add(new() { Value = key });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    static async Task WriteProblemAsync(HttpContext http, int status, string title, string detail, string code)
    {
        http.Response.StatusCode = status;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = ProblemExceptionHandler.Problem(status, title, detail, code),
        });
    }
}
