using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Ecosystem.Domain;

/// <summary>An immutable list that compares by its items, so records holding one keep value equality.</summary>
[CollectionBuilder(typeof(ValueList), nameof(ValueList.Create))]
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly ImmutableArray<T> items;

    public ValueList(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        this.items = [.. items];
    }

    public static ValueList<T> Empty { get; } = new([]);

    public int Count => items.Length;

    public T this[int index] => items[index];

    public bool Equals(ValueList<T>? other) =>
        other is not null && (ReferenceEquals(this, other) || items.SequenceEqual(other.items));

    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in items) hash.Add(item);
        return hash.ToHashCode();
    }

    public override string ToString() => $"[{string.Join(", ", items)}]";

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public static bool operator ==(ValueList<T>? left, ValueList<T>? right) => Equals(left, right);

    public static bool operator !=(ValueList<T>? left, ValueList<T>? right) => !Equals(left, right);
}

public static class ValueList
{
    public static ValueList<T> Of<T>(params T[] items) => new(items);

    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) => new(items.ToArray());
}
