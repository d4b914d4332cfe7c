using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ecosystem.Drill;

/// <summary>
/// One drill: the service on a scratch database under an 8-client write load; the fault a few seconds in, then its
/// repair; the load kept running until writes are acknowledged again, and a little longer; then the checks. Prints
/// <c>drill NAME: acknowledged N, lost M, recovery X s</c> and a read-model line; passes when nothing acknowledged was
/// lost, the service recovered by itself, and every read model equals a fresh rebuild.
/// </summary>
public sealed class Drill(Fault fault, Checkout checkout, DrillPlan plan)
{
    public async Task<bool> RunAsync(CancellationToken ct)
    {
        var evidence = checkout.NewEvidenceDirectory(fault.Name);
        ScratchDatabase? database = null;
        Service? service = null;
        try
        {
            await checkout.PostgresAsync(ct, "start", "durable");
            Say($"cluster {await checkout.PostgresAsync(ct, "status")}");
            Say($"{plan.Clients} writers; fault: {fault.Injection}; repair: {fault.Repair}; logs and records in {Path.GetRelativePath(checkout.Root, evidence)}");
            database = await ScratchDatabase.CreateAsync(await checkout.PostgresAsync(ct, "connection-string"), fault.Name, ct);
            service = await Service.StartAsync(checkout, database.ConnectionString, evidence, ct);
            return await RunAsync(service, database, evidence, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Say($"aborted (interrupted, or the drill's bound of {plan.Bound.TotalMinutes:0} min was reached)");
            return false;
        }
        catch (Exception e)
        {
            await File.WriteAllTextAsync(Path.Combine(evidence, "error.txt"), e.ToString(), CancellationToken.None);
            Say($"failed: {e.Message} (details in error.txt)");
            return false;
        }
        finally
        {
            if (service is not null) await service.DisposeAsync();
            if (fault.StopsDatabase) await EnsureDatabaseUpAsync();
            if (database is not null) await database.DisposeAsync();
        }
    }

    async Task<bool> RunAsync(Service service, ScratchDatabase database, string evidence, CancellationToken ct)
    {
        var load = WriteLoad.Start(service.Http, plan.Clients);
        TimeSpan? recovery = null;
        try
        {
            await Task.Delay(plan.BeforeFault, ct);
            var beforeFault = load.Acknowledged.Count;
            if (beforeFault == 0) throw new InvalidOperationException($"no write was acknowledged in the {plan.BeforeFault.TotalSeconds:0} s before the fault");
            var injecting = DrillClock.Now;
            await fault.InjectAsync(checkout, service, ct);
            var broken = DrillClock.Now;
            load.MarkFault(broken);
            await fault.RepairAsync(checkout, service, ct);
            var repaired = DrillClock.Now;
            Say($"{beforeFault} writes acknowledged before the fault; fault in place after {Seconds(broken - injecting)} ({fault.Injection}), "
                + $"repair returned after {Seconds(repaired - broken)} more ({fault.Repair})");
            try
            {
                var first = await load.FirstAfterFault.WaitAsync(Max(TimeSpan.Zero, plan.RecoveryLimit - (DrillClock.Now - broken)), ct);
                recovery = TimeSpan.FromSeconds(first.AckedAt) - broken;
                await Task.Delay(plan.AfterRecovery, ct);
            }
            catch (TimeoutException)
            {
                Say($"no write sent after the fault was acknowledged within {plan.RecoveryLimit.TotalSeconds:0} s");
            }
        }
        finally
        {
            await load.StopAsync();
        }

        var writes = load.Acknowledged.ToList();
        await File.WriteAllLinesAsync(Path.Combine(evidence, "acknowledged.jsonl"), writes.Select(w => JsonSerializer.Serialize(w)), ct);
        var refused = string.Join(", ", load.Refused.OrderBy(r => r.Key).Select(r => $"{r.Key} ×{r.Value}"));
        Say($"load ran {Seconds(load.Duration)}: {writes.Count} acknowledged; not acknowledged: {(refused == "" ? "none" : refused)}");

        if (!service.Running)
        {
            // Already a failure (recorded as an unexpected exit); started again so the checks can still count what was lost.
            Say("the service is not running; starting it again for the checks");
            service.Launch();
            await service.WaitUntilLiveAsync(ct);
        }
        var (caughtUp, parked) = await WaitForConsumersAsync(service, evidence, ct);
        var lost = await AcknowledgedChecks.FindLostAsync(service, database.DataSource, writes, ct);
        if (lost.Count > 0)
        {
            await File.WriteAllLinesAsync(Path.Combine(evidence, "lost.txt"),
                lost.Select(l => $"{JsonSerializer.Serialize(l.Write)}  {string.Join("; ", l.Reasons)}"), ct);
            foreach (var l in lost.Take(5)) Say($"lost: {l.Write.Write} {l.Write.Id} v{l.Write.Version} @{l.Write.Position} (acknowledged at {l.Write.AckedAt:0.00} s): {string.Join("; ", l.Reasons)}");
        }

        await service.StopAsync(TimeSpan.FromSeconds(30));
        var readModels = caughtUp
            ? await CompareWithRebuildAsync(service, database, ct)
            : (Equal: false, Line: $"read models not compared: the consumers did not catch up within {plan.CatchUpLimit.TotalSeconds:0} s (see consumers.json)");

        Say($"acknowledged {writes.Count}, lost {lost.Count}, recovery {(recovery is { } r ? $"{r.TotalSeconds:0.0} s" : $"none within {plan.RecoveryLimit.TotalSeconds:0} s")}");
        Say(readModels.Line);
        if (parked > 0) Say($"{parked} streams parked by consumers (see consumers.json)");
        foreach (var exit in service.UnexpectedExits) Say($"the service stopped by itself: {exit}");
        return recovery is not null && lost.Count == 0 && readModels.Equal && parked == 0 && service.UnexpectedExits.Count == 0;
    }

    /// <summary>Waits until GET /api/admin/consumers shows every consumer at the head of the log; returns whether it did, and the streams parked.</summary>
    async Task<(bool CaughtUp, int Parked)> WaitForConsumersAsync(Service service, string evidence, CancellationToken ct)
    {
        var deadline = DrillClock.Now + plan.CatchUpLimit;
        JsonArray? consumers;
        bool caughtUp;
        while (true)
        {
            consumers = await service.ConsumersAsync(ct);
            caughtUp = consumers is { Count: > 0 } && consumers.All(c => c!["lagEvents"]!.GetValue<long>() == 0);
            if (caughtUp || DrillClock.Now > deadline) break;
            await Task.Delay(250, ct);
        }
        await File.WriteAllTextAsync(Path.Combine(evidence, "consumers.json"), consumers?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "no answer", ct);
        var parked = consumers?.Sum(c => c!["parked"]?.AsArray().Count ?? 0) ?? 0;
        return (caughtUp, parked);
    }

    /// <summary>Snapshots every read model, rebuilds them all with the service's CLI (rebuild --all) and compares, row for row.</summary>
    async Task<(bool Equal, string Line)> CompareWithRebuildAsync(Service service, ScratchDatabase database, CancellationToken ct)
    {
        var recovered = await ReadModels.SnapshotAsync(database.DataSource, ct);
        var exitCode = await service.RunVerbAsync("rebuild.log", plan.RebuildLimit, ct, "rebuild", "--all");
        if (exitCode != 0) return (false, $"read models not compared: rebuild --all exited with code {exitCode} (see rebuild.log)");
        var rebuilt = await ReadModels.SnapshotAsync(database.DataSource, ct);
        var differences = ReadModels.Differences(recovered, rebuilt);
        return differences.Count == 0
            ? (true, $"read models equal a fresh rebuild ({recovered.Count} views, {recovered.Values.Sum(v => v.Rows)} rows)")
            : (false, $"read models differ from a fresh rebuild: {string.Join("; ", differences)}");
    }

    /// <summary>A drill that stopped with the database down leaves it up again, so the scratch database can be dropped.</summary>
    async Task EnsureDatabaseUpAsync()
    {
        try { await checkout.PostgresAsync(CancellationToken.None, "start", "durable"); }
        catch (InvalidOperationException e) { Say($"could not start the cluster again: {e.Message}"); }
    }

    void Say(string line) => Console.WriteLine($"drill {fault.Name}: {line}");

    static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0.0} s";

    static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
