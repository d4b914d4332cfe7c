using Ecosystem.Api.EventStore;
using Npgsql;

namespace Ecosystem.Api.Demo;

/// <summary>What one load did, counted in aggregates and events.</summary>
public sealed record DemoLoadResult(int Loaded, int Skipped, int Failed, int EventsRecorded);

/// <summary>An aggregate the demo data writes, named for the log.</summary>
internal sealed record DemoAggregate(Guid Id, string Kind, string Label);

/// <summary>
/// Facts written together because their commands interleave (a programme and the startups that apply to it):
/// the unit is loaded when none of its streams exist, and skipped whole otherwise.
/// </summary>
internal sealed record DemoUnit(string Name, IReadOnlyList<DemoAggregate> Aggregates, Func<DemoWriter, Task> Script);

/// <summary>
/// Replays the demo facts of DOMAIN.md as commands through the same deciders and store as the API, each with the
/// historical date of the fact as its Now. Ids are derived from names, and a unit whose streams exist is skipped,
/// so loading again records nothing.
/// </summary>
public sealed class DemoData(AggregateStore aggregates, ILogger<DemoData> logger)
{
    public const string Actor = "demo-loader";

    /// <summary>Loads every unit not loaded yet; a failing unit is logged and the others still load.</summary>
    public async Task<DemoLoadResult> LoadAsync(CancellationToken ct = default)
    {
        await using var exclusive = await LoaderLock.AcquireAsync(aggregates.Events.DataSource, ct);
        var correlationId = Guid.CreateVersion7();
        var (loaded, skipped, failed, events) = (0, 0, 0, 0);

        foreach (var unit in DemoFacts.Units())
        {
            var present = new List<DemoAggregate>();
            foreach (var aggregate in unit.Aggregates)
                if (await aggregates.Events.GetStreamAsync(aggregate.Id, ct) is not null) present.Add(aggregate);

            if (present.Count > 0)
            {
                foreach (var aggregate in unit.Aggregates)
                    logger.LogInformation("Demo data: skipped {Kind} {Label} ({Id}): {Reason}", aggregate.Kind, aggregate.Label, aggregate.Id,
                        present.Contains(aggregate) ? "already loaded" : "its unit was partly loaded before");
                if (present.Count < unit.Aggregates.Count)
                    logger.LogWarning("Demo data: {Unit} was only partly loaded by an earlier run; reset the database to load it again", unit.Name);
                skipped += unit.Aggregates.Count;
                continue;
            }

            var writer = new DemoWriter(aggregates, new EventMetadata(Actor, correlationId, null,
                new Dictionary<string, string> { ["demo"] = unit.Name }), ct);
            try
            {
                await unit.Script(writer);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Demo data: {Unit} failed after {Events} events; the other units still load", unit.Name, writer.EventsRecorded);
                failed += unit.Aggregates.Count;
                events += writer.EventsRecorded;
                continue;
            }

            foreach (var aggregate in unit.Aggregates)
                logger.LogInformation("Demo data: loaded {Kind} {Label} ({Id}), {Events} events", aggregate.Kind, aggregate.Label, aggregate.Id,
                    writer.EventsRecordedOn(aggregate.Id));
            loaded += unit.Aggregates.Count;
            events += writer.EventsRecorded;
        }

        logger.LogInformation("Demo data: {Loaded} aggregates loaded ({Events} events), {Skipped} skipped, {Failed} failed", loaded, events, skipped, failed);
        return new DemoLoadResult(loaded, skipped, failed, events);
    }

    /// <summary>
    /// One loader at a time per database, so nodes starting together do not both find the streams missing. The
    /// session lock is released explicitly: a connection returned to the pool would otherwise keep holding it.
    /// </summary>
    sealed class LoaderLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public static async Task<LoaderLock> AcquireAsync(NpgsqlDataSource dataSource, CancellationToken ct)
        {
            var connection = await dataSource.OpenConnectionAsync(ct);
            try
            {
                await RunAsync(connection, "pg_advisory_lock", ct);
                return new LoaderLock(connection);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await RunAsync(connection, "pg_advisory_unlock", CancellationToken.None);
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }

        static async Task RunAsync(NpgsqlConnection connection, string function, CancellationToken ct)
        {
            await using var command = new NpgsqlCommand($"select {function}(hashtextextended('ecosystem.demo-data', 0))", connection);
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
