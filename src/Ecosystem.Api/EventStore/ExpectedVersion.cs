namespace Ecosystem.Api.EventStore;

/// <summary>What the writer believes the stream's version to be before its append.</summary>
public readonly record struct ExpectedVersion
{
    ExpectedVersion(long value) => Value = value;

    /// <summary>-1 for any, 0 for no stream, otherwise the exact version.</summary>
    public long Value { get; }

    /// <summary>Append whatever the stream's version.</summary>
    public static ExpectedVersion Any { get; } = new(-1);

    /// <summary>The stream must not exist yet.</summary>
    public static ExpectedVersion NoStream { get; } = new(0);

    /// <summary>The stream must be at exactly <paramref name="version"/> (0 means it must not exist).</summary>
    public static ExpectedVersion Exactly(long version) =>
        version >= 0 ? new(version) : throw new ArgumentOutOfRangeException(nameof(version), "A stream version is never negative.");

    /// <inheritdoc />
    public override string ToString() => Value switch { -1 => "any", 0 => "no stream", var v => v.ToString() };
}
