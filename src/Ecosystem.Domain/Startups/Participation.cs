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
