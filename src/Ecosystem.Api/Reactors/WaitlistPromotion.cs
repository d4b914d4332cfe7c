using Ecosystem.Api.EventStore;
using Ecosystem.Api.Infrastructure;
using Ecosystem.Domain;
using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using Wolverine;

namespace Ecosystem.Api.Reactors;

/// <summary>A seat was released before its cohort started: fill the cohort's free seats from its waitlist.</summary>
public sealed record PromoteFromWaitlist(Guid ProgrammeId, Guid CohortId, DateTimeOffset ReleasedAt, Guid CorrelationId, Guid CausationId);

/// <summary>
/// The reactor's place in the log: it turns each released seat into a <see cref="PromoteFromWaitlist"/> message
/// handled by Wolverine, in log order. A page that fails is retried and, failing again, parks its stream like any
/// consumer's (see <see cref="ConsumerEngine"/>).
/// </summary>
public sealed class WaitlistPromotion(IServiceProvider services) : IEventConsumer
{
    public const string ConsumerName = "reactor:waitlist-promotion";
    public string Name => ConsumerName;

    public async Task HandleAsync(ConsumerContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        foreach (var e in events)
            if (e.Data is ProgrammeEvent.SeatReleased released)
                await bus.InvokeAsync(new PromoteFromWaitlist(released.ProgrammeId, released.CohortId, released.ReleasedAt, e.Metadata.CorrelationId, e.EventId), ct);
    }
}

/// <summary>
/// The first waitlisted startups move up, each admitted and seated in one atomic write. It fills whatever seats are
/// free rather than "one per release", so a redelivered message finds nothing left to do.
/// </summary>
public static class PromoteFromWaitlistHandler
{
    public static async Task Handle(PromoteFromWaitlist message, AggregateStore aggregates, StreamQueries queries, ILogger<PromoteFromWaitlist> logger, CancellationToken ct)
    {
        var metadata = new EventMetadata(WaitlistPromotion.ConsumerName, message.CorrelationId, message.CausationId);
        foreach (var startupId in await queries.StreamsWithEventInOrderAsync(typeof(StartupEvent.ApplicationWaitlisted), "cohortId", message.CohortId, ct))
        {
            var promoted = await AggregateStore.RetryOnConflictAsync(aggregates.MaxAttempts, async () =>
            {
                var programme = await aggregates.LoadAsync(DomainRegistration.Programmes, message.ProgrammeId, ct: ct);
                if (programme.State is not Programme.Launched { Status: ProgrammeStatus.Active } launched
                    || launched.FindCohort(message.CohortId) is not { Status: CohortStatus.CallClosed } cohort
                    || cohort.SeatsLeft() <= 0)
                    return (bool?)null;
                var startup = await aggregates.LoadAsync(DomainRegistration.Startups, startupId, ct: ct);
                if (startup.State is not Startup.Registered registered || registered.StatusIn(message.CohortId) != ParticipationStatus.Waitlisted)
                    return false;
                try
                {
                    var admitted = StartupDecider.Decide(new StartupCommand.Admit(startupId, message.CohortId, message.ReleasedAt, WaitlistPromotion.ConsumerName), registered);
                    var seat = ProgrammeDecider.Decide(new ProgrammeCommand.AllocateSeat(message.ProgrammeId, message.CohortId, startupId, message.ReleasedAt, WaitlistPromotion.ConsumerName), launched);
                    await aggregates.Events.AppendAsync(
                    [
                        new StreamAppend(startupId, DomainRegistration.Startups.StreamType, ExpectedVersion.Exactly(startup.Version), admitted.Cast<object>().ToList()),
                        new StreamAppend(message.ProgrammeId, DomainRegistration.Programmes.StreamType, ExpectedVersion.Exactly(programme.Version), seat.Cast<object>().ToList()),
                    ], metadata, ct);
                    return true;
                }
                catch (DomainRuleViolated refused)
                {
                    logger.LogInformation("Waitlisted startup {Startup} not promoted into cohort {Cohort}: {Code}", startupId, message.CohortId, refused.Code);
                    return false;
                }
            }, ct);
            if (promoted is null) return;
            if (promoted == true) logger.LogInformation("Promoted waitlisted startup {Startup} into cohort {Cohort}", startupId, message.CohortId);
        }
    }
}
