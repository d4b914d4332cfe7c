namespace Ecosystem.Api.EventStore;

/// <summary>
/// The kinds of stream ("programme", "startup", …): the base type of each kind's events and the document Marten
/// folds them into. An id whose stream holds another kind's events is treated as unknown for this kind.
/// </summary>
public sealed class StreamTypes
{
    readonly List<(string Name, Type EventBase, Type Document)> kinds = [];

    public StreamTypes Add(string name, Type eventBase, Type document)
    {
        kinds.Add((name, eventBase, document));
        return this;
    }

    public IReadOnlyList<string> Names => kinds.Select(k => k.Name).ToList();

    /// <summary>The stream type whose events include <paramref name="data"/>'s type.</summary>
    public string Of(object data) => kinds.FirstOrDefault(k => k.EventBase.IsInstanceOfType(data)).Name ?? "unknown";

    /// <summary>True when <paramref name="data"/> is an event of streams of type <paramref name="name"/>.</summary>
    public bool Holds(string name, object data) => Of(data) == name;

    /// <summary>The aggregate type Marten records for new streams of this type.</summary>
    public Type MartenTypeOf(string name) =>
        kinds.FirstOrDefault(k => k.Name == name).Document ?? throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown stream type.");
}
