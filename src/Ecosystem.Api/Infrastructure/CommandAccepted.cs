namespace Ecosystem.Api.Infrastructure;

/// <summary>The body of a successful command: the resource, its new version (also the ETag) and how many events it recorded.</summary>
/// <param name="Id">The resource the command acted on.</param>
/// <param name="Version">The resource's version after the command.</param>
/// <param name="EventsRecorded">0 for an idempotent repeat.</param>
/// <param name="Position">Global log position of the last event recorded, for read-your-writes; null when nothing was recorded.</param>
public sealed record CommandAccepted(Guid Id, long Version, int EventsRecorded, long? Position);

/// <summary>The body returned when a command created something addressable inside a resource (a cohort, a milestone).</summary>
public sealed record CreatedPart(Guid Id, long Version, long? Position);
