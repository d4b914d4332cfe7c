using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Ecosystem.Drill;

/// <summary>
/// A write the service acknowledged: a 2xx with the resource's id, its version (the ETag) and the log position of its
/// last event (Ecosystem-Position). Times are drill seconds: when the request was sent and when the answer was read.
/// </summary>
public sealed record Acknowledged(string Write, Guid Id, long Version, long? Position, string Resource, double SentAt, double AckedAt);

/// <summary>
/// Closed-loop writers (each sends its next request when the previous answer is in): launch a programme, add a partner
/// to it, register a startup, again, as CrashRecoveryTests does. Every acknowledged write is recorded. A refused or
/// unanswered request is counted and retried as a new write after a short pause, never recorded.
/// </summary>
public sealed class WriteLoad
{
    static readonly TimeSpan PauseAfterFailure = TimeSpan.FromMilliseconds(100);

    readonly HttpClient http;
    readonly CancellationTokenSource stop = new();
    readonly ConcurrentQueue<Acknowledged> acknowledged = new();
    readonly ConcurrentDictionary<string, int> refused = new();
    readonly TaskCompletionSource<Acknowledged> firstAfterFault = new(TaskCreationOptions.RunContinuationsAsynchronously);
    Task[] clients = [];
    long faultAtTicks = long.MaxValue;
    TimeSpan startedAt, stoppedAt;

    WriteLoad(HttpClient http) => this.http = http;

    public IReadOnlyCollection<Acknowledged> Acknowledged => acknowledged;

    /// <summary>Answers other than 2xx and requests without an answer, by kind ("503", "500", "no answer").</summary>
    public IReadOnlyDictionary<string, int> Refused => refused;

    public TimeSpan Duration => stoppedAt - startedAt;

    public static WriteLoad Start(HttpClient http, int clients)
    {
        var load = new WriteLoad(http) { startedAt = DrillClock.Now };
        load.clients = Enumerable.Range(0, clients).Select(n => Task.Run(() => load.ClientAsync(n))).ToArray();
        return load;
    }

    /// <summary>From now on, the first acknowledged write sent at or after <paramref name="at"/> completes <see cref="FirstAfterFault"/>.</summary>
    public void MarkFault(TimeSpan at) => Interlocked.Exchange(ref faultAtTicks, at.Ticks);

    public Task<Acknowledged> FirstAfterFault => firstAfterFault.Task;

    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        stoppedAt = DrillClock.Now;
    }

    async Task ClientAsync(int client)
    {
        for (var round = 0; !stop.IsCancellationRequested; round++)
        {
            var programme = await WriteAsync("programme.launch", "/api/programmes", new
            {
                name = $"Drill Lab {client}-{round} (synthetic)", kind = "accelerator", sectors = new[] { "digital" }, venue = "OGR",
                organisation = "OGR Torino",
            }, id => $"/api/programmes/{id}");
            if (programme is not null)
                await WriteAsync("programme.add-partner", $"/api/programmes/{programme.Id}/partners", new { organisation = "ESA", role = "committee" },
                    id => $"/api/programmes/{id}");
            await WriteAsync("startup.register", "/api/startups", new
            {
                name = $"Drill Co {client}-{round} (synthetic)", kind = "startup", foundedOn = "2021-01-01", hqCountry = "IT", sectors = new[] { "digital" },
            }, id => $"/api/startups/{id}");
        }
    }

    async Task<Acknowledged?> WriteAsync(string write, string path, object body, Func<Guid, string> resource)
    {
        if (stop.IsCancellationRequested) return null;
        var sentAt = DrillClock.Now;
        try
        {
            using var response = await http.PostAsJsonAsync(path, body, stop.Token);
            if (!response.IsSuccessStatusCode)
            {
                Count(((int)response.StatusCode).ToString());
                await PauseAsync();
                return null;
            }
            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(stop.Token))!;
            var id = json["id"]!.GetValue<Guid>();
            var version = response.Headers.ETag is { } etag ? long.Parse(etag.Tag.Trim('"')) : json["version"]!.GetValue<long>();
            long? position = response.Headers.TryGetValues("Ecosystem-Position", out var values) ? long.Parse(values.First()) : null;
            var ack = new Acknowledged(write, id, version, position, resource(id), sentAt.TotalSeconds, DrillClock.Now.TotalSeconds);
            acknowledged.Enqueue(ack);
            if (sentAt.Ticks >= Interlocked.Read(ref faultAtTicks)) firstAfterFault.TrySetResult(ack);
            return ack;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException or IOException)
        {
            if (stop.IsCancellationRequested) return null;
            Count("no answer");
            await PauseAsync();
            return null;
        }
    }

    void Count(string outcome) => refused.AddOrUpdate(outcome, 1, (_, n) => n + 1);

    async Task PauseAsync()
    {
        try { await Task.Delay(PauseAfterFailure, stop.Token); }
        catch (OperationCanceledException) { }
    }
}
