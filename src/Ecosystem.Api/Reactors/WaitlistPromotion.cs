using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain;
using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using Ecosystem.EventStore;
using Ecosystem.EventStore.Consumers;

namespace Ecosystem.Api.Reactors;

/// <summary>
/// When a seat is released before its cohort starts, the first waitlisted startup moves up: it is admitted
/// and takes the seat in one atomic write. The reaction fills whatever seats are free rather than "one per
/// release", so a redelivered event finds nothing left to do.
/// </summary>
public sealed class WaitlistPromotion(AggregateStore aggregates, StreamQueries queries, ILogger<WaitlistPromotion> logger) : IEventConsumer
{
    public const string ConsumerName = "reactor:waitlist-promotion";
    public string Name => ConsumerName;

    public async Task HandleAsync(ConsumerContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
            if (e.Data is ProgrammeEvent.SeatReleased released)
                await FillFreeSeatsAsync(released, e, ct);
    }

    async Task FillFreeSeatsAsync(ProgrammeEvent.SeatReleased released, RecordedEvent cause, CancellationToken ct)
    {
        var metadata = new EventMetadata(ConsumerName, cause.Metadata.CorrelationId, cause.EventId);
        foreach (var startupId in await queries.StreamsWithEventInOrderAsync(typeof(StartupEvent.ApplicationWaitlisted), "cohortId", released.CohortId, ct))
        {
            var promoted = await AggregateStore.RetryOnConflictAsync(aggregates.MaxAttempts, async () =>
            {
                var programme = await aggregates.LoadAsync(DomainRegistration.Programmes, released.ProgrammeId, ct: ct);
                if (programme.State is not Programme.Launched { Status: ProgrammeStatus.Active } launched
                    || launched.FindCohort(released.CohortId) is not { Status: CohortStatus.CallClosed } cohort
                    || cohort.SeatsLeft() <= 0)
                    return (bool?)null;
                var startup = await aggregates.LoadAsync(DomainRegistration.Startups, startupId, ct: ct);
                if (startup.State is not Startup.Registered registered || registered.StatusIn(released.CohortId) != ParticipationStatus.Waitlisted)
                    return false;
                try
                {
                    var admitted = StartupDecider.Decide(new StartupCommand.Admit(startupId, released.CohortId, released.ReleasedAt, ConsumerName), registered);
                    var seat = ProgrammeDecider.Decide(new ProgrammeCommand.AllocateSeat(released.ProgrammeId, released.CohortId, startupId, released.ReleasedAt, ConsumerName), launched);
                    await aggregates.Events.AppendAsync(
                    [
                        new StreamAppend(startupId, DomainRegistration.Startups.StreamType, ExpectedVersion.Exactly(startup.Version), EventToAppend.WithNewIds(admitted), metadata),
                        new StreamAppend(released.ProgrammeId, DomainRegistration.Programmes.StreamType, ExpectedVersion.Exactly(programme.Version), EventToAppend.WithNewIds(seat), metadata),
                    ], ct);
                    return true;
                }
                catch (DomainRuleViolated refused)
                {
                    logger.LogInformation("Waitlisted startup {Startup} not promoted into cohort {Cohort}: {Code}", startupId, released.CohortId, refused.Code);
                    return false;
                }
            }, ct);
            if (promoted is null) return;
            if (promoted == true) logger.LogInformation("Promoted waitlisted startup {Startup} into cohort {Cohort}", startupId, released.CohortId);
        }
    }
}
