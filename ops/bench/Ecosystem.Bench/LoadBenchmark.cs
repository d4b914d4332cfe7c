using System.Text.Json;
using Ecosystem.Api.EventStore;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain.Programmes;
using Marten;

namespace Ecosystem.Bench;

/// <summary>
/// 3. Aggregate load: a programme of several lengths loaded by the product (the inline document through
/// <see cref="AggregateStore.LoadAsync{TCommand,TEvent,TState}"/> and through <c>FetchForWriting</c>, as a command loads it),
/// against a plain SELECT of the same events and the same fold; Marten's live fold of the stream for reference.
/// </summary>
public sealed class LoadBenchmark : IBenchmark
{
    public int Number => 3;
    public string Key => "load";
    public string Title => "Aggregate load";

    public sealed record SizeResult(int Events, Series Plain, Series Load, Series Command, Series Live);

    public async Task RunAsync(IReadOnlyList<BenchContext> clusters, Report report, Section section)
    {
        var context = clusters[0];
        var settings = context.Settings;
        var decider = DomainRegistration.Programmes;
        var results = new List<SizeResult>();

        section.Say("Milliseconds per load of one programme, one loader, the four variants measured back to back in rotating order " +
                    $"({settings.Repetitions} repetitions of {settings.LoadWindow.TotalSeconds:0.#} s after a warm-up; median, range over repetitions), " +
                    $"on the {context.Cluster} cluster (a load writes nothing; durability does not enter). The ratio is the median over repetitions of the " +
                    "variant's time ÷ the plain time (lower is better).");
        section.Say("The programme: launched, then cohorts run through their life (planned, three milestones, call opened, ten seats allocated, call " +
                    "closed, started, a seat released, demo day, completed: 20 events each), topped up with partners to the exact length; written " +
                    "through `EventLog.AppendAsync` in batches of 1,000, so Marten keeps its inline document (`AggregateDocument<Programme>`, " +
                    "folded by the domain's `Evolve`) as in the API. " +
                    "**Baseline**: `select type, data::text from mt_events where stream_id = $1 order by version`, each body deserialised with the " +
                    "API's JSON rules and folded with the same `Evolve`. **LoadAsync**: `AggregateStore.LoadAsync` (Marten's `FetchLatest`: the inline " +
                    "document). **Command load**: what `AggregateStore.HandleAsync` does before deciding — a session opened with the API's metadata and " +
                    "`FetchForWriting` of the document (it also reads the stream's version), disposed without saving. **Live fold**: Marten's " +
                    "`AggregateStreamAsync` over the whole stream (what a programme would cost without the inline document).");

        foreach (var size in settings.LoadSizes)
        {
            BenchContext.Out.WriteLine($"load: programme of {size} events");
            var id = Guid.CreateVersion7();
            var events = BenchEvents.ProgrammeOf(id, size);
            for (var written = 0; written < size; written += 1_000)
            {
                var chunk = events.Skip(written).Take(1_000).Cast<object>().ToList();
                await context.Log.AppendAsync([new StreamAppend(id, BenchEvents.ProgrammeStream,
                    written == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(written), chunk)], BenchEvents.Metadata);
            }

            // The variants must agree, or the comparison is meaningless.
            var viaPlain = await PlainLoadAsync(context, id);
            var viaLoad = await context.Product.Aggregates.LoadAsync(decider, id);
            var viaCommand = await CommandLoadAsync(context, id);
            var viaLive = await LiveFoldAsync(context, id);
            var expected = Describe(viaPlain, size);
            foreach (var (name, state, version) in new[] { ("LoadAsync", viaLoad.State, viaLoad.Version), ("command load", viaCommand.State, viaCommand.Version),
                         ("live fold", viaLive.State, viaLive.Version) })
                if (Describe(state, version) != expected)
                    throw new InvalidOperationException($"The {name} of a {size}-event programme disagrees with the plain fold.");

            Task<Sample> Loop(TimeSpan window, Func<Task> load) =>
                Measure.WindowAsync(1, window, async _ => { await load(); return 1; }, minOperations: 3, cpu: context.Cpu);

            var series = await Measure.InterleavedAsync(settings, settings.LoadWindow, settings.Repetitions,
                ("plain SELECT + fold", w => Loop(w, () => PlainLoadAsync(context, id))),
                ("LoadAsync (inline document)", w => Loop(w, () => context.Product.Aggregates.LoadAsync(decider, id))),
                ("command load (FetchForWriting)", w => Loop(w, () => CommandLoadAsync(context, id))),
                ("Marten live fold", w => Loop(w, () => LiveFoldAsync(context, id))));
            results.Add(new SizeResult(size, series[0], series[1], series[2], series[3]));
        }

        var table = section.AddTable(null, "Events", "Plain SELECT + fold (ms)", "LoadAsync (ms)", "÷ plain", "Command load (ms)", "÷ plain",
            "Marten live fold (ms)", "÷ plain", "Ranges (plain / LoadAsync / command / live)");
        foreach (var r in results)
            table.Row(Fmt.Int(r.Events), Fmt.Ms(r.Plain.MedianMilliseconds), Fmt.Ms(r.Load.MedianMilliseconds), Fmt.Ratio(TimeRatio(r.Load, r.Plain)),
                Fmt.Ms(r.Command.MedianMilliseconds), Fmt.Ratio(TimeRatio(r.Command, r.Plain)),
                Fmt.Ms(r.Live.MedianMilliseconds), Fmt.Ratio(TimeRatio(r.Live, r.Plain)),
                string.Join(" / ", new[] { r.Plain, r.Load, r.Command, r.Live }.Select(s => Fmt.Spread(s.MinMilliseconds, s.MaxMilliseconds, Fmt.Ms))));

        if (context.Cpu is { SeesPostgres: true })
        {
            var cpu = section.AddTable("Where the CPU went (microseconds of CPU per load, all repetitions):",
                "Events", "Variant", "Client (this process)", "PostgreSQL", "Other processes");
            foreach (var r in results)
                foreach (var s in new[] { r.Plain, r.Load, r.Command, r.Live })
                    if (s.CpuPerUnit() is { } c)
                        cpu.Row(Fmt.Int(r.Events), s.Name, Fmt.Us(c.Bench), Fmt.Us(c.Postgres), Fmt.Us(c.Other));
        }

        var target = results.FirstOrDefault(r => r.Events == 1_000) ?? results[^1];
        report.Targets.Add(new TargetCheck($"Command load of a {Fmt.Int(target.Events)}-event programme ≤ 0.5 ms",
            $"{Fmt.Ms(target.Command.MedianMilliseconds)} ms ({Fmt.Ratio(TimeRatio(target.Command, target.Plain))} of plain)", target.Command.MedianMilliseconds <= 0.5,
            $"FetchForWriting of the inline document; LoadAsync (FetchLatest) {Fmt.Ms(target.Load.MedianMilliseconds)} ms; plain SELECT + fold " +
            $"{Fmt.Ms(target.Plain.MedianMilliseconds)} ms; Marten live fold {Fmt.Ms(target.Live.MedianMilliseconds)} ms"));
    }

    static double TimeRatio(Series variant, Series plain) => variant.PairedRatio(plain, s => s.MillisecondsPerOperation);

    static string Describe(Programme state, long version) => $"{version}:{JsonSerializer.Serialize(state, BenchEvents.Json)}";

    static async Task<Programme> PlainLoadAsync(BenchContext context, Guid id)
    {
        var decider = DomainRegistration.Programmes;
        var state = decider.Initial;
        await using var command = context.DataSource.CreateCommand("select type, data::text from mt_events where stream_id = $1 order by version");
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            state = decider.Evolve(state, (ProgrammeEvent)BenchEvents.Deserialize(reader.GetString(0), reader.GetString(1)));
        return state;
    }

    static async Task<(Programme State, long Version)> CommandLoadAsync(BenchContext context, Guid id)
    {
        await using var session = context.Log.OpenSession(BenchEvents.Metadata);
        var stream = await session.Events.FetchForWriting<AggregateDocument<Programme>>(id);
        return stream.Aggregate is { } document ? (document.State, document.Version) : (DomainRegistration.Programmes.Initial, 0);
    }

    static async Task<(Programme State, long Version)> LiveFoldAsync(BenchContext context, Guid id)
    {
        await using var session = context.Product.Store.QuerySession();
        var document = await session.Events.AggregateStreamAsync<AggregateDocument<Programme>>(id);
        return document is null ? (DomainRegistration.Programmes.Initial, 0) : (document.State, document.Version);
    }
}
