using Npgsql;

namespace Ecosystem.Api.EventStore;

/// <summary>
/// A read model kept in its own tables. Its tables are created per generation so a rebuild fills fresh
/// ones while the old ones keep serving; readers use the views <c>rm.&lt;table&gt;</c>.
/// </summary>
public interface IProjection
{
    /// <summary>Stable name, e.g. "programme-roster".</summary>
    string Name { get; }

    /// <summary>Bump when the tables or the logic change: the projection is then rebuilt and swapped in.</summary>
    int Version { get; }

    /// <summary>Base names of its tables (without schema), e.g. "programme_roster".</summary>
    IReadOnlyList<string> Tables { get; }

    /// <summary>DDL creating the tables (and their indexes, unnamed) of one generation; use <see cref="ProjectionTables.this"/> for names.</summary>
    string CreateTables(ProjectionTables tables);

    /// <summary>Applies events to the generation's tables, in the caller's transaction.</summary>
    Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct);
}

/// <summary>Physical names of one generation's tables, or of a session's throw-away copy.</summary>
public sealed class ProjectionTables
{
    readonly string schema;

    public ProjectionTables(int generation) : this(generation, "rm") { }

    ProjectionTables(int generation, string schema) => (Generation, this.schema) = (generation, schema);

    /// <summary>Tables private to one database session and gone with its transaction: "pg_temp.&lt;table&gt;", for replays as of a moment.</summary>
    public static ProjectionTables Temporary() => new(0, "pg_temp");

    /// <summary>The generation (0 for temporary tables).</summary>
    public int Generation { get; }

    /// <summary>"rm.&lt;table&gt;_g&lt;generation&gt;", or "pg_temp.&lt;table&gt;".</summary>
    public string this[string table] => Generation == 0 ? $"{schema}.{table}" : $"{schema}.{table}_g{Generation}";
}

/// <summary>Where a projection writes: a generation's tables, on the consumer's connection and transaction.</summary>
public sealed class ProjectionContext(NpgsqlConnection connection, NpgsqlTransaction transaction, ProjectionTables tables)
{
    /// <summary>The batch's connection.</summary>
    public NpgsqlConnection Connection { get; } = connection;

    /// <summary>The batch's transaction.</summary>
    public NpgsqlTransaction Transaction { get; } = transaction;

    /// <summary>The generation written to.</summary>
    public ProjectionTables Tables { get; } = tables;

    /// <summary>A command on the batch's connection and transaction; write table names as {table} placeholders resolved by <see cref="Sql"/>.</summary>
    public NpgsqlCommand Command(string sql) => new(Sql(sql), Connection, Transaction);

    /// <summary>Replaces "{table}" placeholders with the generation's physical names.</summary>
    public string Sql(string sql)
    {
        foreach (var table in tableNames) sql = sql.Replace("{" + table + "}", Tables[table]);
        return sql;
    }

    internal IReadOnlyList<string> tableNames = [];
    readonly List<NpgsqlBatchCommand> queued = [];

    /// <summary>
    /// Queues a statement ({table} placeholders allowed; $1… parameters from <paramref name="values"/>, null as SQL null).
    /// Queued statements run in order, in one round trip, when the batch of events has been applied.
    /// </summary>
    public void Enqueue(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(Sql(sql));
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        queued.Add(command);
    }

    /// <summary>Sends the queued statements; called by the engine after <see cref="IProjection.ApplyAsync"/>.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (queued.Count == 0) return;
        await using var batch = new NpgsqlBatch(Connection, Transaction);
        foreach (var command in queued) batch.BatchCommands.Add(command);
        queued.Clear();
        await batch.ExecuteNonQueryAsync(ct);
    }
}
