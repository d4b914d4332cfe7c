using System.Collections.Immutable;

namespace Ecosystem.Domain.Programmes;

public enum CohortStatus { Planned, CallOpen, CallClosed, Running, Completed, Cancelled }

public sealed record CallWindow(DateOnly OpensOn, DateOnly ClosesOn)
{
    public bool Includes(DateOnly date) => OpensOn <= date && date <= ClosesOn;
}

public sealed record Milestone(Guid MilestoneId, string Title, DateOnly DueOn, bool Mandatory);

public sealed record DemoDay(DateOnly On, string Venue);

/// <summary>A cohort of a programme; for the EU Business Hub, a business mission.</summary>
public sealed record Cohort(
    Guid CohortId,
    string Edition,
    int Capacity,
    DateOnly StartsOn,
    DateOnly EndsOn,
    CohortStatus Status,
    CallWindow? Call,
    ImmutableList<Guid> AllocatedStartupIds,
    ImmutableList<Milestone> Milestones,
    DemoDay? DemoDay)
{
    public bool IsFinished() => Status is CohortStatus.Completed or CohortStatus.Cancelled;

    public bool HoldsSeatFor(Guid startupId) => AllocatedStartupIds.Contains(startupId);

    public int SeatsLeft() => Capacity - AllocatedStartupIds.Count;

    public Milestone? FindMilestone(Guid milestoneId) => Milestones.Find(m => m.MilestoneId == milestoneId);

    public ValueList<Guid> MandatoryMilestoneIds() => new(Milestones.Where(m => m.Mandatory).Select(m => m.MilestoneId));

    internal Cohort WithMilestone(Milestone milestone) => FindMilestone(milestone.MilestoneId) is { } existing
        ? this with { Milestones = Milestones.Replace(existing, milestone) }
        : this with { Milestones = Milestones.Add(milestone) };
}
