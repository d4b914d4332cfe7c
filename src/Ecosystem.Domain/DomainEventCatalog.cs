using System.Collections.Frozen;
using Ecosystem.Domain.Agreements;
using Ecosystem.Domain.HubOffices;
using Ecosystem.Domain.Missions;
using Ecosystem.Domain.People;
using Ecosystem.Domain.Programmes;
using Ecosystem.Domain.Startups;
using Ecosystem.Domain.UrbanTesting;

namespace Ecosystem.Domain;

/// <summary>
/// The stored name of every event, registered once. Stored names never change, so CLR types can be renamed
/// or moved freely as long as their entry here keeps its name.
/// </summary>
public static class DomainEventCatalog
{
    public const string ProgrammeStream = "programme";
    public const string StartupStream = "startup";
    public const string UrbanTestingStream = "urban-testing-use-case";
    public const string HubOfficeStream = "hub-office";
    public const string MissionStream = "mission";
    public const string AgreementStream = "agreement";
    public const string PersonStream = "person";

    public static IReadOnlyList<(string Name, Type Type, string StreamType)> All { get; } =
    [
        ("programme.launched", typeof(ProgrammeEvent.ProgrammeLaunched), ProgrammeStream),
        ("programme.partner-added", typeof(ProgrammeEvent.PartnerAdded), ProgrammeStream),
        ("programme.cohort-planned", typeof(ProgrammeEvent.CohortPlanned), ProgrammeStream),
        ("programme.cohort-capacity-changed", typeof(ProgrammeEvent.CohortCapacityChanged), ProgrammeStream),
        ("programme.call-opened", typeof(ProgrammeEvent.CallOpened), ProgrammeStream),
        ("programme.call-closed", typeof(ProgrammeEvent.CallClosed), ProgrammeStream),
        ("programme.seat-allocated", typeof(ProgrammeEvent.SeatAllocated), ProgrammeStream),
        ("programme.seat-released", typeof(ProgrammeEvent.SeatReleased), ProgrammeStream),
        ("programme.cohort-started", typeof(ProgrammeEvent.CohortStarted), ProgrammeStream),
        ("programme.milestone-set", typeof(ProgrammeEvent.MilestoneSet), ProgrammeStream),
        ("programme.demo-day-held", typeof(ProgrammeEvent.DemoDayHeld), ProgrammeStream),
        ("programme.cohort-completed", typeof(ProgrammeEvent.CohortCompleted), ProgrammeStream),
        ("programme.cohort-cancelled", typeof(ProgrammeEvent.CohortCancelled), ProgrammeStream),
        ("programme.closed", typeof(ProgrammeEvent.ProgrammeClosed), ProgrammeStream),

        ("startup.registered", typeof(StartupEvent.StartupRegistered), StartupStream),
        ("startup.application-submitted", typeof(StartupEvent.ApplicationSubmitted), StartupStream),
        ("startup.application-shortlisted", typeof(StartupEvent.ApplicationShortlisted), StartupStream),
        ("startup.application-waitlisted", typeof(StartupEvent.ApplicationWaitlisted), StartupStream),
        ("startup.application-rejected", typeof(StartupEvent.ApplicationRejected), StartupStream),
        ("startup.admitted", typeof(StartupEvent.Admitted), StartupStream),
        ("startup.onboarded", typeof(StartupEvent.Onboarded), StartupStream),
        ("startup.milestone-achieved", typeof(StartupEvent.MilestoneAchieved), StartupStream),
        ("startup.milestone-missed", typeof(StartupEvent.MilestoneMissed), StartupStream),
        ("startup.graduated", typeof(StartupEvent.Graduated), StartupStream),
        ("startup.withdrew", typeof(StartupEvent.Withdrew), StartupStream),
        ("startup.removed", typeof(StartupEvent.Removed), StartupStream),
        ("startup.investment-recorded", typeof(StartupEvent.InvestmentRecorded), StartupStream),

        ("urban-testing.proposal-submitted", typeof(UrbanTestingEvent.ProposalSubmitted), UrbanTestingStream),
        ("urban-testing.feasibility-assessed", typeof(UrbanTestingEvent.FeasibilityAssessed), UrbanTestingStream),
        ("urban-testing.authorisation-requested", typeof(UrbanTestingEvent.AuthorisationRequested), UrbanTestingStream),
        ("urban-testing.authorisation-granted", typeof(UrbanTestingEvent.AuthorisationGranted), UrbanTestingStream),
        ("urban-testing.authorisation-denied", typeof(UrbanTestingEvent.AuthorisationDenied), UrbanTestingStream),
        ("urban-testing.test-site-assigned", typeof(UrbanTestingEvent.TestSiteAssigned), UrbanTestingStream),
        ("urban-testing.test-started", typeof(UrbanTestingEvent.TestStarted), UrbanTestingStream),
        ("urban-testing.kpi-recorded", typeof(UrbanTestingEvent.KpiRecorded), UrbanTestingStream),
        ("urban-testing.test-suspended", typeof(UrbanTestingEvent.TestSuspended), UrbanTestingStream),
        ("urban-testing.test-resumed", typeof(UrbanTestingEvent.TestResumed), UrbanTestingStream),
        ("urban-testing.test-completed", typeof(UrbanTestingEvent.TestCompleted), UrbanTestingStream),
        ("urban-testing.results-report-submitted", typeof(UrbanTestingEvent.ResultsReportSubmitted), UrbanTestingStream),
        ("urban-testing.report-accepted", typeof(UrbanTestingEvent.ReportAccepted), UrbanTestingStream),
        ("urban-testing.contribution-awarded", typeof(UrbanTestingEvent.ContributionAwarded), UrbanTestingStream),
        ("urban-testing.scale-up-proposed", typeof(UrbanTestingEvent.ScaleUpProposed), UrbanTestingStream),
        ("urban-testing.proposal-withdrawn", typeof(UrbanTestingEvent.ProposalWithdrawn), UrbanTestingStream),

        ("hub-office.approved", typeof(HubOfficeEvent.HubApproved), HubOfficeStream),
        ("hub-office.location-opened", typeof(HubOfficeEvent.LocationOpened), HubOfficeStream),
        ("hub-office.location-inaugurated", typeof(HubOfficeEvent.LocationInaugurated), HubOfficeStream),
        ("hub-office.partner-university-registered", typeof(HubOfficeEvent.PartnerUniversityRegistered), HubOfficeStream),
        ("hub-office.service-offered", typeof(HubOfficeEvent.ServiceOffered), HubOfficeStream),
        ("hub-office.relocated", typeof(HubOfficeEvent.OfficeRelocated), HubOfficeStream),
        ("hub-office.suspended", typeof(HubOfficeEvent.HubSuspended), HubOfficeStream),
        ("hub-office.resumed", typeof(HubOfficeEvent.HubResumed), HubOfficeStream),
        ("hub-office.closed", typeof(HubOfficeEvent.HubClosed), HubOfficeStream),

        ("mission.planned", typeof(MissionEvent.MissionPlanned), MissionStream),
        ("mission.confirmed", typeof(MissionEvent.MissionConfirmed), MissionStream),
        ("mission.started", typeof(MissionEvent.MissionStarted), MissionStream),
        ("mission.completed", typeof(MissionEvent.MissionCompleted), MissionStream),
        ("mission.cancelled", typeof(MissionEvent.MissionCancelled), MissionStream),
        ("mission.delegate-joined", typeof(MissionEvent.DelegateJoined), MissionStream),
        ("mission.delegate-left", typeof(MissionEvent.DelegateLeft), MissionStream),
        ("mission.visit-scheduled", typeof(MissionEvent.VisitScheduled), MissionStream),
        ("mission.visit-held", typeof(MissionEvent.VisitHeld), MissionStream),
        ("mission.visit-cancelled", typeof(MissionEvent.VisitCancelled), MissionStream),
        ("mission.follow-up-opened", typeof(MissionEvent.FollowUpOpened), MissionStream),
        ("mission.follow-up-closed", typeof(MissionEvent.FollowUpClosed), MissionStream),

        ("agreement.drafted", typeof(AgreementEvent.AgreementDrafted), AgreementStream),
        ("agreement.signed", typeof(AgreementEvent.AgreementSigned), AgreementStream),
        ("agreement.renewed", typeof(AgreementEvent.AgreementRenewed), AgreementStream),
        ("agreement.amended", typeof(AgreementEvent.AgreementAmended), AgreementStream),
        ("agreement.expired", typeof(AgreementEvent.AgreementExpired), AgreementStream),
        ("agreement.terminated", typeof(AgreementEvent.AgreementTerminated), AgreementStream),
        ("agreement.linked", typeof(AgreementEvent.AgreementLinked), AgreementStream),

        ("person.personal-data-erased", typeof(PersonEvent.PersonalDataErased), PersonStream),
    ];

    private static readonly FrozenDictionary<string, Type> TypesByName = All.ToFrozenDictionary(entry => entry.Name, entry => entry.Type);
    private static readonly FrozenDictionary<Type, string> NamesByType = All.ToFrozenDictionary(entry => entry.Type, entry => entry.Name);
    private static readonly FrozenDictionary<string, string> StreamTypesByName = All.ToFrozenDictionary(entry => entry.Name, entry => entry.StreamType);

    /// <summary>The stored name of an event type; throws for a type that is not registered.</summary>
    public static string NameOf(Type eventType) => NamesByType.TryGetValue(eventType, out var name)
        ? name
        : throw new ArgumentException($"{eventType.FullName} is not a registered event", nameof(eventType));

    /// <summary>The event type stored under a name, or null for a name this version does not know.</summary>
    public static Type? TypeOf(string name) => TypesByName.GetValueOrDefault(name);

    /// <summary>The kind of stream an event stored under a name belongs to, or null for a name this version does not know.</summary>
    public static string? StreamTypeOf(string name) => StreamTypesByName.GetValueOrDefault(name);
}
