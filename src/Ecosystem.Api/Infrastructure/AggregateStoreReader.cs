using Ecosystem.Api.Programmes;
using Ecosystem.Domain.HubOffices;
using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using Ecosystem.Domain.UrbanTesting;
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

    const int FilterBatch = 200;

    /// <summary>Use cases in submission order; with a status, only the use cases in that status.</summary>
    public async Task<IReadOnlyList<(UrbanTestingUseCase.Proposed UseCase, long Version)>> UseCasesAsync(UseCaseStatus? status, int offset, int limit, CancellationToken ct)
    {
        if (status is null) return await UseCasesAtAsync(offset, limit, ct);

        // No pipeline read model yet, so a filter folds every use case in batches and pages over the matches.
        var matches = new List<(UrbanTestingUseCase.Proposed, long)>();
        for (var from = 0; matches.Count < offset + limit; from += FilterBatch)
        {
            var batch = await UseCasesAtAsync(from, FilterBatch, ct);
            matches.AddRange(batch.Where(u => u.UseCase.Status == status));
            if (batch.Count < FilterBatch) break;
        }
        return matches.Skip(offset).Take(limit).ToList();
    }

    async Task<List<(UrbanTestingUseCase.Proposed UseCase, long Version)>> UseCasesAtAsync(int offset, int limit, CancellationToken ct)
    {
        var useCases = new List<(UrbanTestingUseCase.Proposed, long)>();
        foreach (var id in await queries.StreamsOfTypeAsync(DomainRegistration.UrbanTesting.StreamType, offset, limit, ct))
        {
            var useCase = await aggregates.LoadAsync(DomainRegistration.UrbanTesting, id, ct: ct);
            if (useCase.State is UrbanTestingUseCase.Proposed proposed) useCases.Add((proposed, useCase.Version));
        }
        return useCases;
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

    public async Task<IReadOnlyList<(HubOffice.Approved Hub, long Version)>> HubOfficesAsync(int offset, int limit, CancellationToken ct)
    {
        var hubs = new List<(HubOffice.Approved, long)>();
        foreach (var id in await queries.StreamsOfTypeAsync(DomainRegistration.HubOffices.StreamType, offset, limit, ct))
        {
            var hub = await aggregates.LoadAsync(DomainRegistration.HubOffices, id, ct: ct);
            if (hub.State is HubOffice.Approved approved) hubs.Add((approved, hub.Version));
        }
        return hubs;
    }
}
