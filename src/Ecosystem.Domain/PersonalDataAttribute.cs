namespace Ecosystem.Domain;

/// <summary>
/// Marks a value about a natural person. Such values sit in records keyed by a person id, so they can be
/// encrypted per person (and crypto-shredded) without changing the shape of the events that carry them.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class PersonalDataAttribute : Attribute;
