namespace Ecosystem.Drill;

/// <summary>
/// A fault and its repair. The repair is what an operator or a supervisor does (start the database or the process
/// again); everything after it, reconnecting and catching up, the service must do by itself.
/// </summary>
public sealed record Fault(string Name, string Injection, string Repair,
    Func<Checkout, Service, CancellationToken, Task> InjectAsync, Func<Checkout, Service, CancellationToken, Task> RepairAsync)
{
    public static IReadOnlyList<Fault> All { get; } =
    [
        new("pg-restart", "ops/postgres stop", "ops/postgres start durable",
            async (checkout, _, ct) => await checkout.PostgresAsync(ct, "stop"),
            async (checkout, _, ct) => await checkout.PostgresAsync(ct, "start", "durable")),
        new("pg-crash", "ops/postgres crash (pg_ctl -m immediate stop)", "ops/postgres start durable (recovery from the WAL)",
            async (checkout, _, ct) => await checkout.PostgresAsync(ct, "crash"),
            async (checkout, _, ct) => await checkout.PostgresAsync(ct, "start", "durable")),
        new("kill9", "SIGKILL of the service", "the service started again on the same port",
            (_, service, _) => service.KillAsync(),
            (_, service, _) => { service.Launch(); return Task.CompletedTask; }),
    ];

    public static IEnumerable<string> Names => All.Select(f => f.Name);

    public static Fault? Named(string name) => All.FirstOrDefault(f => f.Name == name);

    /// <summary>True when the fault takes the database down (the clean-up then makes sure it is up again).</summary>
    public bool StopsDatabase => Name.StartsWith("pg-", StringComparison.Ordinal);
}
