using System.Collections.Concurrent;
using System.Text.Json;

namespace Ecosystem.EventStore;

/// <summary>
/// Maps stable stored names ("programme.launched") to CLR types and back, and owns the JSON settings.
/// Stored names never derive from CLR names, so classes can be renamed freely.
/// </summary>
public sealed class EventTypeRegistry(JsonSerializerOptions jsonOptions)
{
    readonly ConcurrentDictionary<string, Type> byName = new();
    readonly ConcurrentDictionary<Type, string> byType = new();

    /// <summary>The serializer settings used for event bodies and snapshots.</summary>
    public JsonSerializerOptions JsonOptions { get; } = jsonOptions;

    /// <summary>Registers <paramref name="type"/> under <paramref name="name"/>; registering the same pair twice is harmless.</summary>
    public EventTypeRegistry Register(string name, Type type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!byName.TryAdd(name, type) && byName[name] != type)
            throw new ArgumentException($"Event type name '{name}' is already registered for {byName[name]}.", nameof(name));
        if (!byType.TryAdd(type, name) && byType[type] != name)
            throw new ArgumentException($"{type} is already registered as '{byType[type]}'.", nameof(type));
        return this;
    }

    /// <summary>Every registered name.</summary>
    public IReadOnlyCollection<string> Names => byName.Keys.ToArray();

    /// <summary>The stored name of a CLR event type.</summary>
    public string NameOf(Type type) => byType.TryGetValue(type, out var name) ? name : throw new UnknownEventTypeException(type.FullName ?? type.Name);

    /// <summary>The CLR type of a stored name.</summary>
    public Type TypeOf(string name) => byName.TryGetValue(name, out var type) ? type : throw new UnknownEventTypeException(name);

    /// <summary>True when the stored name is registered.</summary>
    public bool IsRegistered(string name) => byName.ContainsKey(name);

    /// <summary>Serialises an event body with its runtime type.</summary>
    public string Serialize(object @event) => JsonSerializer.Serialize(@event, @event.GetType(), JsonOptions);

    /// <summary>Deserialises a stored body; an unregistered name raises <see cref="UnknownEventTypeException"/>.</summary>
    public object Deserialize(string name, string json) =>
        JsonSerializer.Deserialize(json, TypeOf(name), JsonOptions) ?? throw new JsonException($"Stored event of type '{name}' is null.");
}
