using Npgsql;

namespace Ecosystem.Api.EventStore;

/// <summary>
/// A named reader of the global log: a projection, a reactor or an integrator subscription. Its writes go
/// through <see cref="ConsumerContext"/>, in the same transaction as its checkpoint, so a projection's effect
/// is exactly once; side effects outside the database are at least once.
/// </summary>
public interface IEventConsumer
{
    /// <summary>Unique, stable name; its checkpoint is stored under it.</summary>
    string Name { get; }

    /// <summary>Handles events in log order. Throwing rolls back this call's writes; see <see cref="ConsumerEngine"/> for retries and parking.</summary>
    Task HandleAsync(ConsumerContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct);

    /// <summary>Awaited before each page, outside its transaction: a consumer that must not run ahead of its side effects waits here.</summary>
    Task BeforePageAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>The consumer's connection and transaction for one batch.</summary>
public sealed class ConsumerContext(NpgsqlConnection connection, NpgsqlTransaction transaction, string consumer)
{
    /// <summary>The connection the batch runs on.</summary>
    public NpgsqlConnection Connection { get; } = connection;

    /// <summary>The batch's transaction; the checkpoint is written in it too.</summary>
    public NpgsqlTransaction Transaction { get; } = transaction;

    /// <summary>The consumer's name.</summary>
    public string Consumer { get; } = consumer;

    /// <summary>A command bound to the batch's connection and transaction.</summary>
    public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction);

    readonly List<Func<Task>> afterCommit = [];

    /// <summary>Work to run once the batch's transaction has committed (e.g. to wake a worker for rows it wrote); dropped when this call's writes are rolled back; failures are logged, never thrown.</summary>
    public void AfterCommit(Func<Task> action) => afterCommit.Add(action);

    internal IReadOnlyList<Func<Task>> AfterCommitActions => afterCommit;
}
