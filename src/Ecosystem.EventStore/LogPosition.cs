namespace Ecosystem.EventStore;

/// <summary>
/// A point in the global log in commit-safe order: events are consumed by (transaction id, global position),
/// so a transaction that took an early position but committed late is never skipped.
/// </summary>
public readonly record struct LogPosition(ulong TransactionId, long GlobalPosition) : IComparable<LogPosition>
{
    /// <summary>Before the first event.</summary>
    public static LogPosition Start { get; } = new(0, 0);

    /// <inheritdoc />
    public int CompareTo(LogPosition other) =>
        TransactionId != other.TransactionId ? TransactionId.CompareTo(other.TransactionId) : GlobalPosition.CompareTo(other.GlobalPosition);

    /// <summary>Orders positions.</summary>
    public static bool operator <(LogPosition left, LogPosition right) => left.CompareTo(right) < 0;
    /// <summary>Orders positions.</summary>
    public static bool operator >(LogPosition left, LogPosition right) => left.CompareTo(right) > 0;
    /// <summary>Orders positions.</summary>
    public static bool operator <=(LogPosition left, LogPosition right) => left.CompareTo(right) <= 0;
    /// <summary>Orders positions.</summary>
    public static bool operator >=(LogPosition left, LogPosition right) => left.CompareTo(right) >= 0;

    /// <summary>"transactionId.globalPosition", the form used in opaque cursors.</summary>
    public override string ToString() => $"{TransactionId}.{GlobalPosition}";

    /// <summary>Parses the form produced by <see cref="ToString"/>.</summary>
    public static bool TryParse(string? text, out LogPosition position)
    {
        position = Start;
        var dot = text?.IndexOf('.') ?? -1;
        if (dot <= 0) return false;
        if (!ulong.TryParse(text.AsSpan(0, dot), out var tx) || !long.TryParse(text.AsSpan(dot + 1), out var pos) || pos < 0) return false;
        position = new(tx, pos);
        return true;
    }
}
