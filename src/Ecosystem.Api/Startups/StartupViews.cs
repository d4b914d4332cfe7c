using Ecosystem.Domain.Startups;

namespace Ecosystem.Api.Startups;

public sealed record StartupSummary(Guid Id, string Name, StartupKind Kind, string HqCountry, IReadOnlyList<string> Sectors, int Participations, long Version);

public sealed record StartupProfile(
    Guid Id,
    string Name,
    StartupKind Kind,
    DateOnly FoundedOn,
    string HqCountry,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<Founder> Founders,
    IReadOnlyList<ParticipationView> Participations,
    IReadOnlyList<Investment> Investments,
    IReadOnlyList<TimelineEntry> Timeline,
    long Version);

public sealed record ParticipationView(
    Guid ProgrammeId,
    string? ProgrammeName,
    Guid CohortId,
    string? Edition,
    ParticipationStatus Status,
    string? AgreementRef,
    string? ExitReason,
    IReadOnlyList<MilestoneView> Milestones);

public sealed record MilestoneView(Guid MilestoneId, string Title, DateOnly DueOn, bool Mandatory, bool Achieved, bool Missed, bool Overdue);

/// <summary>One event of the startup's history, with who recorded it.</summary>
public sealed record TimelineEntry(long Version, string Type, DateTimeOffset RecordedAt, string Actor, long Position);
