using Ecosystem.Domain.Startups;
using Ecosystem.Api.EventStore;

namespace Ecosystem.Api.Infrastructure;

/// <summary>
/// Reads that fold aggregates live: for a read as of a version or a moment (auditing), and for an aggregate
/// the read models have not seen yet. Current reads are served by the read models.
/// </summary>
public sealed class AggregateStoreReader(AggregateStore aggregates, StreamQueries queries)
{
    /// <summary>Every startup that applied to a programme, with its participation in each of the programme's cohorts.</summary>
    public async Task<IReadOnlyList<(Guid StartupId, string Name, Participation Participation)>> ApplicantsAsync(Guid programmeId, DateTimeOffset? asOf, CancellationToken ct)
    {
        var applicants = new List<(Guid, string, Participation)>();
        foreach (var id in await queries.StreamsWithEventAsync(typeof(StartupEvent.ApplicationSubmitted), "programmeId", programmeId, ct))
        {
            var startup = await aggregates.LoadAsync(DomainRegistration.Startups, id, asOf: asOf, ct: ct);
            if (startup.State is not Startup.Registered registered) continue;
            applicants.AddRange(registered.Participations.Where(p => p.ProgrammeId == programmeId).Select(p => (id, registered.Name, p)));
        }
        return applicants;
    }

    /// <summary>The names of the given startups as they stood at <paramref name="asOf"/>; ids of no registered startup are left out.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> StartupNamesAsync(IEnumerable<Guid> ids, DateTimeOffset? asOf, CancellationToken ct)
    {
        var names = new Dictionary<Guid, string>();
        foreach (var id in ids.Distinct())
            if ((await aggregates.LoadAsync(DomainRegistration.Startups, id, asOf: asOf, ct: ct)).State is Startup.Registered registered)
                names[id] = registered.Name;
        return names;
    }
}
