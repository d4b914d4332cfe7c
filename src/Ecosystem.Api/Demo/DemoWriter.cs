using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain;
using Ecosystem.Domain.Agreements;
using Ecosystem.Domain.HubOffices;
using Ecosystem.Domain.Missions;
using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using Ecosystem.Domain.UrbanTesting;
using Ecosystem.Api.EventStore;
using static Ecosystem.Domain.Startups.StartupCommand;

namespace Ecosystem.Api.Demo;

/// <summary>
/// The command path for demo facts: the deciders of <see cref="DomainRegistration"/> through the aggregate store,
/// and for admissions and withdrawals the startup and its programme decided together and appended atomically, as the API does.
/// </summary>
internal sealed class DemoWriter(AggregateStore aggregates, EventMetadata metadata, CancellationToken ct)
{
    readonly Dictionary<Guid, int> recorded = [];

    public int EventsRecorded => recorded.Values.Sum();

    public int EventsRecordedOn(Guid streamId) => recorded.GetValueOrDefault(streamId);

    public Task Programme(ProgrammeCommand command) => Run(DomainRegistration.Programmes, command.ProgrammeId, command);

    public Task Startup(StartupCommand command) => Run(DomainRegistration.Startups, command.StartupId, command);

    public Task UseCase(UrbanTestingCommand command) => Run(DomainRegistration.UrbanTesting, command.UseCaseId, command);

    public Task Hub(HubOfficeCommand command) => Run(DomainRegistration.HubOffices, command.HubOfficeId, command);

    public Task Mission(MissionCommand command) => Run(DomainRegistration.Missions, command.MissionId, command);

    public Task Agreement(AgreementCommand command) => Run(DomainRegistration.Agreements, command.AgreementId, command);

    /// <summary>Applies with the cohort's offer as the programme stands now, as the API does.</summary>
    public async Task Apply(Guid startupId, Guid programmeId, Guid cohortId, DateTimeOffset now)
    {
        var programme = await aggregates.LoadAsync(DomainRegistration.Programmes, programmeId, ct: ct);
        await Startup(new StartupCommand.Apply(startupId, programme.State.OfferFor(cohortId), now, DemoData.Actor));
    }

    public async Task Graduate(Guid startupId, Guid programmeId, Guid cohortId, DateTimeOffset now)
    {
        var programme = (Programme.Launched)(await aggregates.LoadAsync(DomainRegistration.Programmes, programmeId, ct: ct)).State;
        await Startup(new StartupCommand.Graduate(startupId, cohortId, programme.MandatoryMilestonesOf(cohortId), now, DemoData.Actor));
    }

    /// <summary>Admission takes a seat of the cohort in the same transaction.</summary>
    public Task Admit(Guid startupId, Guid programmeId, Guid cohortId, DateTimeOffset now) =>
        WithSeat(startupId, programmeId, (startup, programme) =>
        (
            DomainRegistration.Startups.Decide(new Admit(startupId, cohortId, now, DemoData.Actor), startup),
            DomainRegistration.Programmes.Decide(new ProgrammeCommand.AllocateSeat(programmeId, cohortId, startupId, now, DemoData.Actor), programme)
        ));

    /// <summary>A withdrawal releases the seat it held, if any, in the same transaction.</summary>
    public Task Withdraw(Guid startupId, Guid programmeId, Guid cohortId, string reason, DateTimeOffset now) =>
        WithSeat(startupId, programmeId, (startup, programme) =>
        (
            DomainRegistration.Startups.Decide(new Withdraw(startupId, cohortId, reason, now, DemoData.Actor), startup),
            programme.FindCohort(cohortId) is { } cohort && cohort.HoldsSeatFor(startupId) && !cohort.IsFinished()
                ? DomainRegistration.Programmes.Decide(new ProgrammeCommand.ReleaseSeat(programmeId, cohortId, startupId, $"withdrew: {reason}", now, DemoData.Actor), programme)
                : []
        ));

    async Task Run<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> decider, Guid id, TCommand command)
        where TEvent : notnull where TState : notnull
    {
        var result = await aggregates.HandleAsync(decider, id, command, metadata, ct: ct);
        Count(id, result.Events.Count);
    }

    async Task WithSeat(Guid startupId, Guid programmeId,
        Func<Startup, Programme.Launched, (IReadOnlyList<StartupEvent> Startup, IReadOnlyList<ProgrammeEvent> Programme)> decide)
    {
        var (startupEvents, programmeEvents) = await AggregateStore.RetryOnConflictAsync(aggregates.MaxAttempts, async () =>
        {
            var startup = await aggregates.LoadAsync(DomainRegistration.Startups, startupId, ct: ct);
            var programme = await aggregates.LoadAsync(DomainRegistration.Programmes, programmeId, ct: ct);
            var decided = decide(startup.State, (Programme.Launched)programme.State);
            var appends = new List<StreamAppend>();
            if (decided.Startup.Count > 0)
                appends.Add(Append(startupId, DomainRegistration.Startups.StreamType, startup.Version, decided.Startup.Cast<object>()));
            if (decided.Programme.Count > 0)
                appends.Add(Append(programmeId, DomainRegistration.Programmes.StreamType, programme.Version, decided.Programme.Cast<object>()));
            await aggregates.Events.AppendAsync(appends, metadata, ct);
            return decided;
        }, ct);
        Count(startupId, startupEvents.Count);
        Count(programmeId, programmeEvents.Count);
    }

    StreamAppend Append(Guid streamId, string streamType, long loadedVersion, IEnumerable<object> events) =>
        new(streamId, streamType, ExpectedVersion.Exactly(loadedVersion), events.ToList());

    void Count(Guid streamId, int events) => recorded[streamId] = recorded.GetValueOrDefault(streamId) + events;
}
