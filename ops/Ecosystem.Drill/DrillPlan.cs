namespace Ecosystem.Drill;

/// <summary>How long each phase of a drill may last; every phase is bounded, so is the drill.</summary>
/// <param name="Clients">Concurrent writers (each waits for its answer before sending the next request).</param>
/// <param name="BeforeFault">Load before the fault is injected.</param>
/// <param name="RecoveryLimit">How long after the fault the first acknowledged write may take before the drill gives up.</param>
/// <param name="AfterRecovery">Load kept running after that first write.</param>
/// <param name="CatchUpLimit">How long the consumers may take to read the whole log once the load stops.</param>
/// <param name="RebuildLimit">How long the fresh rebuild may take.</param>
/// <param name="Bound">The whole drill, clean-up excluded.</param>
public sealed record DrillPlan(int Clients, TimeSpan BeforeFault, TimeSpan RecoveryLimit, TimeSpan AfterRecovery, TimeSpan CatchUpLimit,
    TimeSpan RebuildLimit, TimeSpan Bound)
{
    public static DrillPlan Default { get; } = new(
        Clients: 8,
        BeforeFault: TimeSpan.FromSeconds(5),
        RecoveryLimit: TimeSpan.FromSeconds(60),
        AfterRecovery: TimeSpan.FromSeconds(5),
        CatchUpLimit: TimeSpan.FromSeconds(120),
        RebuildLimit: TimeSpan.FromSeconds(180),
        Bound: TimeSpan.FromMinutes(8));
}
