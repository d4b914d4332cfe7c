using Ecosystem.Api.EventStore;
using Spectre.Console;

namespace Ecosystem.Api;

/// <summary>Command-line verbs of the service executable, run instead of the web server.</summary>
public static class Cli
{
    public static bool IsVerb(string[] args) => args is ["rebuild", ..] or ["projections", ..] or ["verify", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var manager = services.GetRequiredService<ProjectionManager>();
        var projections = services.GetServices<IProjection>().ToList();
        switch (args)
        {
            case ["projections", ..]:
                var table = new Table().AddColumns("projection", "version", "generation", "needs rebuild");
                foreach (var s in await manager.StatusAsync(projections))
                    table.AddRow(s.Name, s.Version.ToString(), s.ActiveGeneration.ToString(), s.NeedsRebuild ? "yes" : "no");
                AnsiConsole.Write(table);
                return 0;
            case ["rebuild", var name]:
                var targets = name == "--all" ? projections : projections.Where(p => p.Name == name).ToList();
                if (targets.Count == 0)
                {
                    AnsiConsole.MarkupLineInterpolated($"[red]No projection named '{name}'.[/] Known: {string.Join(", ", projections.Select(p => p.Name))}");
                    return 2;
                }
                await AnsiConsole.Progress().AutoClear(false).StartAsync(async context =>
                {
                    foreach (var projection in targets)
                    {
                        var task = context.AddTask(projection.Name, maxValue: 1);
                        await manager.RebuildAsync(projection, new Progress<RebuildProgress>(p =>
                        {
                            task.MaxValue = Math.Max(1, p.Total);
                            task.Value = p.Done;
                        }));
                        task.Value = task.MaxValue;
                    }
                });
                AnsiConsole.MarkupLine("[green]Rebuilt and swapped in.[/]");
                return 0;
            case ["verify"]:
                return await VerifyAsync(services.GetRequiredService<Audit.Verifier>());
            default:
                AnsiConsole.MarkupLine("usage: Ecosystem.Api rebuild <projection>|--all   |   Ecosystem.Api projections   |   Ecosystem.Api verify");
                return 2;
        }
    }

    /// <summary>Walks every chain and the tree; exit code 0 when intact, 1 naming the first event at fault.</summary>
    static async Task<int> VerifyAsync(Audit.Verifier verifier)
    {
        Audit.VerifyReport report = null!;
        await AnsiConsole.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("verify (by sequence)", maxValue: 1);
                report = await verifier.RunAsync(new Progress<(long Done, long Total)>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                }), CancellationToken.None);
                task.Value = task.MaxValue;
            });
        if (report.First is not { } first)
        {
            AnsiConsole.MarkupLineInterpolated(
                $"[green]Intact:[/] {report.Events} events in {report.Streams} streams, {report.Leaves} leaves, {report.Checkpoints} signed checkpoints verified.");
            return 0;
        }
        AnsiConsole.MarkupLineInterpolated(
            $"[red]Tampering found ({report.Problems} problems).[/] First: {first.Kind} at sequence {first.Sequence}, stream {first.StreamId?.ToString() ?? "?"}, version {first.Version?.ToString() ?? "?"}: {first.Detail}");
        return 1;
    }
}
