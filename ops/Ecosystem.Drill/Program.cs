using System.Runtime.InteropServices;
using Ecosystem.Drill;

// ops/drill runs one drill per process: Ecosystem.Drill <pg-restart|pg-crash|kill9> --repo <checkout>.
if (args is not [var name, "--repo", var repo] || Fault.Named(name) is not { } fault)
{
    await Console.Error.WriteLineAsync($"usage: Ecosystem.Drill {string.Join('|', Fault.Names)} --repo <checkout>   (run it with ops/drill)");
    return 2;
}

var plan = DrillPlan.Default;
using var abort = new CancellationTokenSource(plan.Bound);
// ops/drill's timeout and Ctrl+C end the drill through its clean-up: the service stopped, the scratch database dropped.
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; abort.Cancel(); });
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; abort.Cancel(); });

var checkout = new Checkout(Path.GetFullPath(repo));
var passed = await new Drill(fault, checkout, plan).RunAsync(abort.Token);
return passed ? 0 : 1;
