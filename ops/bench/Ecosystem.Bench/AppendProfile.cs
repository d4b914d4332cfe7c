using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Ecosystem.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace Ecosystem.Bench;

/// <summary>
/// Where an append's time goes: server-side execution time of es.append against the plain INSERT (EXPLAIN ANALYZE) beside
/// the client-observed time per transaction; the statements inside es.append (auto_explain with nested statements, its log
/// lines sent to the client); and what-if measurements of copies of es.append with one cost taken away.
/// </summary>
public sealed partial class AppendProfile(AppendBenchmark? append) : IBenchmark
{
    public int Number => 6;
    public string Key => "profile";
    public string Title => "Profile of the append";

    public async Task RunAsync(BenchContext context, Report report, Section section)
    {
        var samples = context.Settings.ProfileSamples;
        var big = context.Settings.BigBatch;
        section.Say("Server-side execution time from `EXPLAIN (ANALYZE, TIMING OFF)` (median of " + samples + "), sent through the bench's pool like every " +
                    "append (`No Reset On Close`, as the service), beside the time per transaction the client observed in section 1 at one writer. " +
                    "An indicator only: EXPLAIN adds its own work and few calls are sampled. The clean figure of the function's own cost is the " +
                    "\"server only\" table at the end; the difference between the client's time and the server's is the round trip, the parse and " +
                    "plan of the statement sent, the commit and the client's own work.");

        // An existing stream in each table for the one-event cases.
        var ours = Guid.CreateVersion7();
        var plain = Guid.CreateVersion7();
        long ourVersion = 0, plainVersion = 0;
        ourVersion = (await context.Store.AppendAsync(ours, BenchEvents.StreamType, ExpectedVersion.NoStream, BenchEvents.Batch(ours, 1, 1), BenchEvents.Metadata)).StreamVersion;
        await PlainTable.InsertAsync(context.DataSource, context.Registry, plain, BenchEvents.StreamType, 1, BenchEvents.Batch(plain, 1, 1));
        plainVersion = 1;

        var cases = new (string Name, int Events, Func<Task<double>> Ours, Func<Task<double>> Plain)[]
        {
            ("1 event, existing stream", 1,
                async () => { var t = await ExplainAppendAsync(context, ours, ourVersion, BenchEvents.Batch(ours, (int)ourVersion + 1, 1)); ourVersion++; return t; },
                async () => { var t = await ExplainInsertAsync(context, plain, plainVersion + 1, BenchEvents.Batch(plain, (int)plainVersion + 1, 1)); plainVersion++; return t; }),
            ("10 events, new stream", 10,
                () => NewStream(id => ExplainAppendAsync(context, id, 0, BenchEvents.Batch(id, 1, 10))),
                () => NewStream(id => ExplainInsertAsync(context, id, 1, BenchEvents.Batch(id, 1, 10)))),
            ($"{Fmt.Int(big)} events, new stream", big,
                () => NewStream(id => ExplainAppendAsync(context, id, 0, BenchEvents.Batch(id, 1, big))),
                () => NewStream(id => ExplainInsertAsync(context, id, 1, BenchEvents.Batch(id, 1, big)))),
        };

        var table = section.AddTable(null, "Case", "es.append, server (ms)", "plain INSERT, server (ms)", "Event store, client per transaction (ms)",
            "Plain, client per transaction (ms)");
        foreach (var (name, events, runOurs, runPlain) in cases)
        {
            await runOurs(); await runPlain(); // first call of a session plans and compiles
            var oursMs = new List<double>();
            var plainMs = new List<double>();
            for (var i = 0; i < samples; i++) { oursMs.Add(await runOurs()); plainMs.Add(await runPlain()); }
            var observed = append?.Results.FirstOrDefault(r => r.Writers == 1 && r.EventsPerTransaction == events);
            table.Row(name, Fmt.Ms(Stats.Median(oursMs)), Fmt.Ms(Stats.Median(plainMs)),
                observed is null ? "–" : Fmt.Ms(1000.0 * events / observed.Ours.MedianRate),
                observed is null ? "–" : Fmt.Ms(1000.0 * events / observed.Plain.MedianRate) + (events == big ? " (COPY)" : ""));
        }
        section.Say($"The plain {Fmt.Int(big)}-event row is a multi-row INSERT (COPY cannot be explained); its client time is the COPY's.");

        await NestedStatementsAsync(context, section, big);
        await WhatIfAsync(context, section);
    }

    static async Task<double> NewStream(Func<Guid, Task<double>> run) => await run(Guid.CreateVersion7());

    static async Task<double> ExplainAppendAsync(BenchContext context, Guid stream, long expected, IReadOnlyList<EventToAppend> events)
    {
        await using var command = AppendParameters(context,
            context.DataSource.CreateCommand("explain (analyze, timing off) select * from es.append($1, $2, $3, $4, $5, $6, $7)"), stream, expected, events);
        return ExecutionTime(await ReadPlanAsync(command));
    }

    static async Task<double> ExplainInsertAsync(BenchContext context, Guid stream, long firstVersion, IReadOnlyList<EventToAppend> events)
    {
        var registry = context.Registry;
        var metadata = BenchEvents.SerializeMetadata();
        var sql = new StringBuilder("explain (analyze, timing off) insert into bench.events (event_id, stream_id, stream_type, stream_version, event_type, data, metadata) values ");
        await using var command = context.DataSource.CreateCommand();
        for (var i = 0; i < events.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append('(').Append(string.Join(", ", Enumerable.Range(1, 7).Select(c => $"${i * 7 + c}"))).Append(')');
            command.Parameters.Add(new() { Value = events[i].EventId, NpgsqlDbType = NpgsqlDbType.Uuid });
            command.Parameters.Add(new() { Value = stream, NpgsqlDbType = NpgsqlDbType.Uuid });
            command.Parameters.Add(new() { Value = BenchEvents.StreamType, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = firstVersion + i, NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new() { Value = registry.NameOf(events[i].Data.GetType()), NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = registry.Serialize(events[i].Data), NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new() { Value = metadata, NpgsqlDbType = NpgsqlDbType.Jsonb });
        }
        command.CommandText = sql.ToString();
        return ExecutionTime(await ReadPlanAsync(command));
    }

    static async Task<string> ReadPlanAsync(NpgsqlCommand command)
    {
        var plan = new StringBuilder();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) plan.AppendLine(reader.GetString(0));
        return plan.ToString();
    }

    static double ExecutionTime(string plan) =>
        ExecutionTimeLine().Match(plan) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;

    [GeneratedRegex(@"Execution Time: ([0-9.]+) ms")]
    private static partial Regex ExecutionTimeLine();

    [GeneratedRegex(@"^duration: ([0-9.]+) ms\s+plan:\s*\n\s*Query Text: ")]
    private static partial Regex AutoExplainHead();

    /// <summary>auto_explain's text: "duration: X ms  plan:", "Query Text: …" (possibly several lines), then the plan's nodes.</summary>
    static (double Ms, string Sql)? ParseAutoExplain(string text)
    {
        if (AutoExplainHead().Match(text) is not { Success: true } m) return null;
        var sql = string.Join(" ", text[m.Length..].Split('\n').TakeWhile(line => !line.Contains("(cost=") && !line.Contains("(actual")));
        return (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), sql);
    }

    /// <summary>
    /// Sends the store's append statement on a connection with auto_explain logging every nested statement to the client,
    /// and counts the statements one append runs. Durations are not tabulated: emitting the log lines is itself slow and
    /// is charged to every enclosing statement. A dedicated connection, because notices reach only the connection object
    /// that is open when they arrive.
    /// </summary>
    static async Task NestedStatementsAsync(BenchContext context, Section section, int big)
    {
        var builder = new NpgsqlConnectionStringBuilder(context.ConnectionStringFor(context.Database))
        {
            Pooling = false,
            Options = "-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=0 -c auto_explain.log_analyze=on " +
                      "-c auto_explain.log_timing=off -c auto_explain.log_nested_statements=on -c client_min_messages=log",
        };
        var notices = new List<string>();
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Notice += (_, e) => { lock (notices) notices.Add(e.Notice.MessageText); };
        try
        {
            await connection.OpenAsync();
        }
        catch (PostgresException e)
        {
            section.Say($"auto_explain could not be loaded to list the statements inside `es.append` ({e.SqlState}: {e.MessageText}); it needs a superuser connection.");
            return;
        }

        var existing = Guid.CreateVersion7();
        long version = 0;
        async Task Append(Guid stream, long expected, int events)
        {
            await using var command = AppendCommand(context, connection, "es.append", stream, expected, BenchEvents.Batch(stream, (int)expected + 1, events));
            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) throw new InvalidOperationException("es.append returned no row.");
            if (stream == existing) version = reader.GetInt64(0);
        }
        await Append(existing, 0, 1);

        var cases = new (string Name, Func<Task> Run)[]
        {
            ("1 event, existing stream", () => Append(existing, version, 1)),
            ("10 events, new stream", () => Append(Guid.CreateVersion7(), 0, 10)),
            ($"{Fmt.Int(big)} events, new stream", () => Append(Guid.CreateVersion7(), 0, big)),
        };

        var statements = new List<string>();
        var plans = new Dictionary<string, string>();
        var counts = new Dictionary<(string Case, string Statement), int>();
        foreach (var (name, run) in cases)
        {
            // Past the plan cache's first five custom plans, so that the plans shown are the ones every later call gets.
            for (var i = 0; i < 8; i++) await run();
            lock (notices) notices.Clear();
            await run();
            List<string> captured;
            lock (notices) captured = [.. notices];
            foreach (var text in captured)
            {
                if (ParseAutoExplain(text) is not { } parsed) continue;
                var statement = Label(parsed.Sql);
                if (statement.StartsWith("`select stream_version, positions", StringComparison.Ordinal)) continue; // the call itself
                if (!statements.Contains(statement)) statements.Add(statement);
                plans.TryAdd(statement, text);
                counts[(name, statement)] = counts.GetValueOrDefault((name, statement)) + 1;
            }
        }

        var foreignKey = statements.Any(st => st.Contains("FOR KEY SHARE", StringComparison.Ordinal));
        var probe = plans.FirstOrDefault(p => p.Key.Contains("event_id = any", StringComparison.OrdinalIgnoreCase) || p.Key.StartsWith("`select count(*)", StringComparison.Ordinal)).Value;
        var generic = probe is not null && probe.Contains("ANY ($", StringComparison.Ordinal);
        section.Say("Statements one call of `es.append` runs, captured on the ninth call of its connection (auto_explain with nested statements, on a " +
                    "connection of its own). " +
                    (foreignKey
                        ? "The `SELECT 1 … FOR KEY SHARE` is PostgreSQL's check of a foreign key `es.events.stream_id → es.streams`, run once per inserted event. "
                        : "No foreign-key check runs (migration 4 dropped `events_stream_id_fkey`; before, a `SELECT 1 … FOR KEY SHARE` ran once per inserted event). ") +
                    (generic
                        ? "Every statement shows its generic plan (parameters as `$n`; `generate_series` estimated at its default 1,000 rows, `= ANY ($4)` " +
                          "at 10): with `plan_cache_mode = force_generic_plan` on the function (migration 4), PL/pgSQL plans each statement once per " +
                          "connection and reuses the plan for every batch size, as long as the pool does not discard it."
                        : "The statements whose cost depends on the batch — the probe of the event ids and the insert — carry the call's values " +
                          "(`event_id = ANY ('{…}'::uuid[])`, `generate_series` estimated at the batch's rows): PL/pgSQL keeps choosing custom plans " +
                          "for them, so they are planned again on every call."));
        var table = section.AddTable(null, ["Statement inside es.append", .. cases.Select(c => c.Name)]);
        foreach (var statement in statements)
            table.Row([statement, .. cases.Select(c => counts.TryGetValue((c.Name, statement), out var n) ? n.ToString() : "0")]);
        section.Details.Add(("auto_explain: the plan of each statement inside es.append (first case it appeared in)", string.Join("\n\n", statements.Select(s => plans[s]))));
    }

    /// <summary>Which pool a what-if variant is called through.</summary>
    enum Pool
    {
        /// <summary>The service's pool for appends: No Reset On Close (the bench's DataSource).</summary>
        Service,
        /// <summary>Npgsql's default: reset on close (DISCARD ALL), as the service was configured before.</summary>
        Reset,
        /// <summary>The service's pool plus Npgsql's automatic preparation (the call statement prepared once per connection).</summary>
        Prepared,
    }

    /// <summary>A variant of es.append for the what-if measurements: a function in the scratch database and the pool it is called through.</summary>
    sealed record Variant(string Name, string Function, Pool Pool = Pool.Service);

    const string Shipped = "as shipped";
    const string WithReset = "with the pool reset";
    const string AsBefore = "as before migration 4 (reset, custom plans, foreign key)";
    const string NoNotify = "no NOTIFY";
    const string NoProbe = "no idempotency probe";
    const string PreparedCall = "auto-prepared call";
    const string Lean = "no probe, no NOTIFY, auto-prepared";
    const string CustomPlans = "custom plans";
    const string WithKey = "with the foreign key";

    /// <summary>
    /// Copies of es.append, made in the scratch database from the server's own definition (pg_get_functiondef, SET clause
    /// included), on copies of the tables (CREATE TABLE … LIKE … INCLUDING ALL, which copies no foreign key: as shipped since
    /// migration 4); the foreign key is added again to a second copy for the variants that restore it. A variant whose edit
    /// no longer applies to the function's text is left out, and said so.
    /// </summary>
    static async Task<(List<Variant> Variants, string Settings)> CreateVariantsAsync(BenchContext context, Section section)
    {
        string shipped;
        await using (var command = context.DataSource.CreateCommand("select pg_get_functiondef('es.append'::regproc)"))
            shipped = (string)(await command.ExecuteScalarAsync())!;
        string settings;
        await using (var command = context.DataSource.CreateCommand(
            "select coalesce(array_to_string(proconfig, ', '), 'none') from pg_proc where oid = 'es.append'::regproc"))
            settings = (string)(await command.ExecuteScalarAsync())!;
        await using (var command = context.DataSource.CreateCommand("""
            create schema whatif;
            create table whatif.streams (like es.streams including all);
            create table whatif.events (like es.events including all);
            create schema whatif_fk;
            create table whatif_fk.streams (like es.streams including all);
            create table whatif_fk.events (like es.events including all);
            alter table whatif_fk.events add foreign key (stream_id) references whatif_fk.streams (stream_id);
            """))
            await command.ExecuteNonQueryAsync();

        const string Header = "FUNCTION es.append(";
        const string Notify = "perform pg_notify('es_events', '');";
        var variants = new List<Variant>();
        var skipped = new List<string>();
        var created = new HashSet<string>();
        async Task Make(string name, string schema, string function, bool? generic = null, bool notify = true, bool probe = true, Pool pool = Pool.Service)
        {
            var qualified = $"{schema}.{function}";
            if (!created.Contains(qualified))
            {
                var sql = shipped;
                if (!sql.Contains(Header) || (!notify && !sql.Contains(Notify)) || (!probe && !ProbeStatement().IsMatch(sql))) { skipped.Add(name); return; }
                if (!notify) sql = sql.Replace(Notify, "null; -- no notify");
                if (!probe) sql = ProbeStatement().Replace(sql, "v_stored := 0; -- no probe", 1);
                sql = sql.Replace(Header, $"FUNCTION {qualified}(").Replace("es.events", $"{schema}.events").Replace("es.streams", $"{schema}.streams");
                if (generic is { } g) sql += $";\nalter function {qualified} set plan_cache_mode = {(g ? "force_generic_plan" : "auto")};";
                await using var command = context.DataSource.CreateCommand(sql);
                await command.ExecuteNonQueryAsync();
                created.Add(qualified);
            }
            variants.Add(new Variant(name, qualified, pool));
        }
        await Make(Shipped, "whatif", "append_shipped");
        await Make(WithReset, "whatif", "append_shipped", pool: Pool.Reset);
        await Make(AsBefore, "whatif_fk", "append_custom", generic: false, pool: Pool.Reset);
        await Make(NoNotify, "whatif", "append_nonotify", notify: false);
        await Make(NoProbe, "whatif", "append_noprobe", probe: false);
        await Make(PreparedCall, "whatif", "append_shipped", pool: Pool.Prepared);
        await Make(Lean, "whatif", "append_lean", notify: false, probe: false, pool: Pool.Prepared);
        // For the server-only loops (no pool there): each change of migration 4 undone on its own.
        await Make(CustomPlans, "whatif", "append_custom", generic: false);
        await Make(WithKey, "whatif_fk", "append_shipped");
        if (skipped.Count > 0) section.Say($"Left out (es.append no longer has the text they edit): {string.Join(", ", skipped)}.");
        return (variants, settings);
    }

    /// <summary>The idempotency probe at the top of es.append (the select of already stored event ids).</summary>
    [GeneratedRegex(@"select count\(\*\), count\(\*\) filter .*?where e\.event_id = any \(p_event_ids\);", RegexOptions.Singleline)]
    private static partial Regex ProbeStatement();

    /// <summary>Throughput of each variant, interleaved with each other and with the plain INSERT, per case.</summary>
    static async Task WhatIfAsync(BenchContext context, Section section)
    {
        var settings = context.Settings;
        var (all, functionSettings) = await CreateVariantsAsync(context, section);
        var variants = all.Where(v => v.Name is not (CustomPlans or WithKey)).ToList();
        if (variants.Count == 0) return;
        var big = settings.BigBatch;
        var window = settings.AppendWindow / 2;
        var repetitions = Math.Max(1, settings.Repetitions - 2);
        var database = context.ConnectionStringFor(context.Database);
        await using var resetting = NpgsqlDataSource.Create(database);
        await using var prepared = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(database) { NoResetOnClose = true, MaxAutoPrepare = 16, AutoPrepareMinUsages = 2 }.ConnectionString);
        NpgsqlDataSource PoolOf(Pool pool) => pool switch { Pool.Reset => resetting, Pool.Prepared => prepared, _ => context.DataSource };

        section.Say("**What if.** The same measurement as section 1 (events/s, median of " + repetitions + " interleaved windows of " +
                    $"{window.TotalSeconds:0.#} s), calling copies of `es.append` made in the scratch database from the server's own definition " +
                    $"(its settings: `{functionSettings}`), on copies of its tables, through the service's pool (`No Reset On Close`) unless said " +
                    $"otherwise, each with one thing changed. Undoing the last change: **{WithReset}** (Npgsql's default, as the service ran " +
                    "before: `DISCARD ALL` when a connection returns to the pool, which discards every plan the backend cached, so each append " +
                    $"parses and plans the function's statements again) and **{AsBefore}** (the pool reset, `plan_cache_mode = auto` and the " +
                    "foreign key `events.stream_id → streams` checked by one query per event: the append as the report of 03:37 UTC measured " +
                    $"it). Looking for what remains: **{NoNotify}** (the per-append `pg_notify`, which at commit takes a lock that serialises " +
                    $"the notifying commits of the cluster); **{NoProbe}** (the select of already stored event ids that makes a repeated append " +
                    $"idempotent, replaced by nothing); **{PreparedCall}** (Npgsql's automatic preparation: the `select … from es.append(…)` " +
                    "statement itself is otherwise parsed and planned on every call, since Npgsql does not prepare unless asked); and **" +
                    $"{Lean}**, the three together. The plain INSERT of section 1 runs in the same rotation, as sent in section 1 and " +
                    "auto-prepared. In brackets: the ratio to the copy as shipped.");

        var header = new List<string> { "Case", "Writers", "plain INSERT", "plain INSERT, auto-prepared" };
        header.AddRange(variants.Select(v => v.Name));
        var table = section.AddTable(null, [.. header]);
        var cases = new (string Name, int Writers, int Events, bool NewStream)[]
        {
            ("Existing stream, 1 event per transaction", 1, 1, false),
            ("Existing stream, 1 event per transaction", settings.Writers.Max(), 1, false),
            ("New stream, 10 events per transaction", 1, 10, true),
            ($"New stream, {Fmt.Int(big)} events per transaction", 1, big, true),
        };
        foreach (var (name, writers, events, newStream) in cases)
        {
            BenchContext.Log.WriteLine($"profile: what if, {name}, {writers} writer(s)");
            var runs = new List<(string, Func<TimeSpan, Task<Sample>>)>();
            foreach (var (label, pool) in new[] { ("plain INSERT", context.DataSource), ("plain INSERT, auto-prepared", prepared) })
            {
                var plainStreams = Enumerable.Range(0, writers).Select(_ => (Id: Guid.CreateVersion7(), Version: 0L)).ToArray();
                runs.Add((label, w => Measure.WindowAsync(writers, w, async worker =>
                {
                    var (id, version) = newStream ? (Guid.CreateVersion7(), 0L) : plainStreams[worker];
                    await PlainTable.InsertAsync(pool, context.Registry, id, BenchEvents.StreamType, version + 1, BenchEvents.Batch(id, (int)version + 1, events));
                    if (!newStream) plainStreams[worker].Version = version + events;
                    return events;
                })));
            }
            foreach (var variant in variants)
            {
                var streams = Enumerable.Range(0, writers).Select(_ => (Id: Guid.CreateVersion7(), Version: 0L)).ToArray();
                runs.Add((variant.Name, w => Measure.WindowAsync(writers, w, async worker =>
                {
                    var (id, version) = newStream ? (Guid.CreateVersion7(), 0L) : streams[worker];
                    await using var connection = await PoolOf(variant.Pool).OpenConnectionAsync();
                    await using var command = AppendCommand(context, connection, variant.Function, id, version, BenchEvents.Batch(id, (int)version + 1, events));
                    var result = (long)(await command.ExecuteScalarAsync())!;
                    if (!newStream) streams[worker].Version = result;
                    return events;
                })));
            }
            var series = await Measure.InterleavedAsync(settings, window, repetitions, [.. runs]);
            var shipped = series[2];
            var row = new List<string> { name, writers.ToString(), Fmt.Rate(series[0].MedianRate), Fmt.Rate(series[1].MedianRate) };
            row.AddRange(series.Skip(2).Select(s => $"{Fmt.Rate(s.MedianRate)} ({Fmt.Ratio(s.PairedRatio(shipped, x => x.UnitsPerSecond))})"));
            table.Row([.. row]);
        }

        // Inside one DO block there is no pool: the variants that differ only by the pool are the same function there.
        var serverOnly = new[] { Shipped, CustomPlans, WithKey, AsBefore, NoNotify, NoProbe, Lean };
        await ServerOnlyAsync(context, section, serverOnly.SelectMany(name => all.Where(v => v.Name == name)).ToList());
    }

    /// <summary>
    /// The server's own cost per call, without client, network, commit or concurrency: each variant called in a loop inside one
    /// DO block (a new stream per call), against the plain INSERT of the same rows in the same kind of loop.
    /// </summary>
    static async Task ServerOnlyAsync(BenchContext context, Section section, List<Variant> variants)
    {
        var settings = context.Settings;
        var big = settings.BigBatch;
        var sample = context.Registry.Serialize(BenchEvents.Event(Guid.CreateVersion7(), 1));
        string Literal(string text) => "'" + text.Replace("'", "''") + "'";
        var data = Literal(sample);
        var metadata = Literal(BenchEvents.SerializeMetadata());
        var cases = new (string Name, int Events, int Calls)[]
        {
            ("1 event, new stream", 1, settings.Quick ? 20 : 2_000),
            ($"{Fmt.Int(big)} events, new stream", big, settings.Quick ? 1 : 10),
        };

        section.Say("**Server only.** Milliseconds of server time per call, each variant called in a loop inside one `DO` block (a new stream per call; " +
                    "no client, no network, no commit, no concurrency, no pool: the variants that differ only by their pool are the shipped function " +
                    $"here, and **{CustomPlans}** and **{WithKey}** undo one change of migration 4 each), against the plain `INSERT … SELECT` of the " +
                    "same rows in the same loop; median of 3 interleaved loops. This is the cost the function adds by itself.");
        var header = new List<string> { "Case", "plain INSERT" };
        header.AddRange(variants.Select(v => v.Name switch { Lean => "no probe, no NOTIFY", AsBefore => "custom plans + foreign key (as before)", _ => v.Name }));
        var table = section.AddTable(null, [.. header]);
        foreach (var (name, events, calls) in cases)
        {
            var loops = new List<(string Name, string Sql)>
            {
                ("plain INSERT", $$"""
                    do $bench$ declare s uuid; begin for i in 1..{{calls}} loop s := gen_random_uuid();
                      insert into bench.events (event_id, stream_id, stream_type, stream_version, event_type, data, metadata)
                      select gen_random_uuid(), s, 'bench', j, '{{BenchEvents.EventType}}', {{data}}::jsonb, {{metadata}}::jsonb from generate_series(1, {{events}}) j;
                    end loop; end $bench$
                    """),
            };
            loops.AddRange(variants.Select(v => (v.Name, $$"""
                do $bench$ begin for i in 1..{{calls}} loop
                  perform * from {{v.Function}}(gen_random_uuid(), 'bench', 0, array(select gen_random_uuid() from generate_series(1, {{events}})),
                    array_fill('{{BenchEvents.EventType}}'::text, array[{{events}}]), array_fill({{data}}::jsonb, array[{{events}}]), array_fill({{metadata}}::jsonb, array[{{events}}]));
                end loop; end $bench$
                """)));
            var times = loops.Select(_ => new List<double>()).ToArray();
            for (var r = 0; r < 3; r++)
            {
                for (var k = 0; k < loops.Count; k++)
                {
                    var i = (r + k) % loops.Count;
                    await using var command = context.DataSource.CreateCommand(loops[i].Sql);
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    await command.ExecuteNonQueryAsync();
                    times[i].Add(clock.Elapsed.TotalMilliseconds / calls);
                }
            }
            table.Row([name, .. times.Select(t => Fmt.Ms(Stats.Median(t)))]);
        }
    }

    /// <summary>The statement <c>PostgresEventStore.AppendAsync</c> sends for one stream, with the same parameter types.</summary>
    static NpgsqlCommand AppendCommand(BenchContext context, NpgsqlConnection connection, string function, Guid stream, long expected, IReadOnlyList<EventToAppend> events) =>
        AppendParameters(context, new NpgsqlCommand($"select stream_version, positions, transaction_id, duplicate from {function}($1, $2, $3, $4, $5, $6, $7)", connection),
            stream, expected, events);

    static NpgsqlCommand AppendParameters(BenchContext context, NpgsqlCommand command, Guid stream, long expected, IReadOnlyList<EventToAppend> events)
    {
        var registry = context.Registry;
        var metadata = BenchEvents.SerializeMetadata();
        command.Parameters.Add(new() { Value = stream, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = BenchEvents.StreamType, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = expected, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new() { Value = events.Select(e => e.EventId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = events.Select(e => registry.NameOf(e.Data.GetType())).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = events.Select(e => registry.Serialize(e.Data)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = events.Select(_ => metadata).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        return command;
    }

    static string Label(string sql)
    {
        var flat = WhiteSpace().Replace(sql, " ").Trim();
        return "`" + (flat.Length > 90 ? flat[..90] + "…" : flat).Replace("`", "'") + "`";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
