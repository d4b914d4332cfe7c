using Ecosystem.Api.EventStore;

namespace Ecosystem.Api.EventStore;

/// <summary>
/// Runs a projection as a consumer named "projection:&lt;name&gt;" over its active generation. While the stored
/// generation was built by another version of the code, it only moves its checkpoint: the rebuild that
/// replaces those tables covers every event, and the old tables keep serving until the swap.
/// </summary>
public sealed class ProjectionConsumer(IProjection projection) : IEventConsumer
{
    /// <summary>The consumer name of a projection.</summary>
    public static string ConsumerName(string projection) => $"projection:{projection}";

    /// <inheritdoc />
    public string Name { get; } = ConsumerName(projection.Name);

    /// <summary>The projection run.</summary>
    public IProjection Projection => projection;

    /// <inheritdoc />
    public async Task HandleAsync(ConsumerContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        await using var command = context.Command("select active_generation, version from ecosystem.projections where name = $1");
        command.Parameters.Add(new() { Value = projection.Name });
        int generation, version;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) throw new InvalidOperationException($"Projection '{projection.Name}' is not initialised.");
            (generation, version) = (reader.GetInt32(0), reader.GetInt32(1));
        }
        if (version != projection.Version) return;
        var target = new ProjectionContext(context.Connection, context.Transaction, new ProjectionTables(generation)) { tableNames = projection.Tables };
        await projection.ApplyAsync(target, events, ct);
        await target.FlushAsync(ct);
    }
}
