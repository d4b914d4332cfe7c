using System.Collections.Immutable;
using static Ecosystem.Domain.Startups.ParticipationStatus;

namespace Ecosystem.Domain.Startups;

public enum ParticipationStatus { Applied, Shortlisted, Waitlisted, Admitted, Onboarded, Graduated, Rejected, Withdrew, Removed }

/// <summary>A startup's journey through one cohort it applied to.</summary>
public sealed record Participation(
    Guid ProgrammeId,
    Guid CohortId,
    ParticipationStatus Status,
    string? AgreementRef,
    ImmutableList<Guid> AchievedMilestoneIds,
    ImmutableList<Guid> MissedMilestoneIds,
    string? ExitReason)
{
    public bool WasOnboarded() => AgreementRef is not null;
}

public static class ParticipationStatusRules
{
    /// <summary>The cohort and status a participation moves to with <paramref name="e"/>; null for events that move none (registration, application, milestones, investments).</summary>
    public static (Guid CohortId, ParticipationStatus Status)? ChangeOf(StartupEvent e) => e switch
    {
        StartupEvent.ApplicationShortlisted x => (x.CohortId, Shortlisted),
        StartupEvent.ApplicationWaitlisted x => (x.CohortId, Waitlisted),
        StartupEvent.ApplicationRejected x => (x.CohortId, Rejected),
        StartupEvent.Admitted x => (x.CohortId, Admitted),
        StartupEvent.Onboarded x => (x.CohortId, Onboarded),
        StartupEvent.Graduated x => (x.CohortId, Graduated),
        StartupEvent.Withdrew x => (x.CohortId, Withdrew),
        StartupEvent.Removed x => (x.CohortId, Removed),
        _ => null,
    };

    public static bool IsTerminal(this ParticipationStatus status) => status is Graduated or Rejected or Withdrew or Removed;

    public static bool CanMoveTo(this ParticipationStatus from, ParticipationStatus to) => (from, to) switch
    {
        (Applied, Shortlisted) => true,
        (Applied or Shortlisted, Waitlisted) => true,
        (Applied or Shortlisted or Waitlisted, Rejected) => true,
        (Shortlisted or Waitlisted, Admitted) => true,
        (Admitted, Onboarded) => true,
        (Onboarded, Graduated or Removed) => true,
        (_, Withdrew) => !from.IsTerminal(),
        _ => false,
    };
}
