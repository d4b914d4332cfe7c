using Ecosystem.Api.Programmes;
using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using Ecosystem.EventStore;

namespace Ecosystem.Api.Infrastructure;

/// <summary>Reads that fold aggregates live (to be replaced by read models).</summary>
public sealed class AggregateStoreReader(AggregateStore aggregates, StreamQueries queries)
{
    public async Task<IReadOnlyList<ProgrammeSummary>> ProgrammesAsync(int offset, int limit, CancellationToken ct)
    {
        var summaries = new List<ProgrammeSummary>();
        foreach (var id in await queries.StreamsOfTypeAsync(DomainRegistration.Programmes.StreamType, offset, limit, ct))
        {
            var programme = await aggregates.LoadAsync(DomainRegistration.Programmes, id, ct: ct);
            if (programme.State is Programme.Launched launched) summaries.Add(launched.ToSummary(programme.Version));
        }
        return summaries;
    }

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

    public async Task<IReadOnlyList<(Guid Id, Startup.Registered Startup, long Version)>> StartupsAsync(int offset, int limit, CancellationToken ct)
    {
        var startups = new List<(Guid, Startup.Registered, long)>();
        foreach (var id in await queries.StreamsOfTypeAsync(DomainRegistration.Startups.StreamType, offset, limit, ct))
        {
            var startup = await aggregates.LoadAsync(DomainRegistration.Startups, id, ct: ct);
            if (startup.State is Startup.Registered registered) startups.Add((id, registered, startup.Version));
        }
        return startups;
    }
}
