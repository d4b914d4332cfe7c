using System.Diagnostics;
using System.Net;

namespace Ecosystem.Bench;

/// <summary>One HTTP measurement: requests answered, failures, duration, every latency, CPU by process.</summary>
public sealed record HttpResult(long Requests, long Errors, TimeSpan Elapsed, double[] LatenciesMs, CpuUsage? Cpu, string? FirstError)
{
    public double PerSecond => (Requests - Errors) / Elapsed.TotalSeconds;
    public double P50 => Stats.Percentile(LatenciesMs, 50);
    public double P99 => Stats.Percentile(LatenciesMs, 99);

    /// <summary>Several windows as one: counts and times added, latencies pooled.</summary>
    public static HttpResult Merge(IReadOnlyList<HttpResult> results) => new(
        results.Sum(r => r.Requests), results.Sum(r => r.Errors), TimeSpan.FromTicks(results.Sum(r => r.Elapsed.Ticks)),
        results.SelectMany(r => r.LatenciesMs).Order().ToArray(),
        results.All(r => r.Cpu is not null) && results.Count > 0 ? results.Select(r => r.Cpu!).Aggregate((a, b) => a + b) : null,
        results.Select(r => r.FirstError).FirstOrDefault(e => e is not null));
}

/// <summary>
/// A closed-loop load client: N clients, each sending its next request as soon as the previous answer is read,
/// until the time or the request budget is spent. Loopback only.
/// </summary>
public static class HttpLoad
{
    public static HttpClient CreateClient(Uri baseAddress, int connections)
    {
        if (!IPAddress.TryParse(baseAddress.Host, out var ip) || !IPAddress.IsLoopback(ip))
            throw new ArgumentException("The load client only talks to loopback addresses.", nameof(baseAddress));
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <param name="request">Builds request number n (1-based, across clients) for client c.</param>
    public static async Task<HttpResult> RunAsync(HttpClient http, int clients, TimeSpan window, int maxRequests,
        Func<int, long, HttpRequestMessage> request, CpuProbe? cpu)
    {
        var latencies = Enumerable.Range(0, clients).Select(_ => new List<double>(1024)).ToArray();
        long claimed = 0, errors = 0;
        string? firstError = null;
        var before = cpu?.Read();
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            while (true)
            {
                var n = Interlocked.Increment(ref claimed);
                if (n > maxRequests || clock.Elapsed >= window) break;
                using var message = request(c, n);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                        var body = await response.Content.ReadAsStringAsync();
                        Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode} {message.Method} {message.RequestUri}: {body}", null);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, $"{message.Method} {message.RequestUri}: {e.Message}", null);
                }
                latencies[c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(loops);
        var elapsed = clock.Elapsed;
        var after = cpu?.Read();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new HttpResult(all.Length, errors, elapsed, all, before is not null && after is not null ? after - before : null, firstError);
    }
}
