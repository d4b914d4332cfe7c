namespace Ecosystem.Api.Tests;

/// <summary>
/// Tests that hold the service to a recovery time run alone, after the parallel ones, so the time they measure is the
/// service's and not the other test classes' competing for the machine's cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "recovery times";
}
