using System.Reflection;

namespace Ecosystem.Domain;

/// <summary>
/// Every rule a command can break, as the stable code carried by <see cref="DomainRuleViolated"/>.
/// Codes are part of the API's contract (problem details): never rename one, add new ones instead.
/// </summary>
public static class RuleCodes
{
    // Input
    /// <summary>A required text (name, title, city…) is blank, or a required list is empty.</summary>
    public const string InputRequired = "input.required";

    // Programme
    /// <summary>Only LaunchProgramme is accepted before the programme is launched.</summary>
    public const string ProgrammeNotLaunched = "programme.not-launched";
    /// <summary>The programme was launched already, with other details.</summary>
    public const string ProgrammeAlreadyLaunched = "programme.already-launched";
    /// <summary>A closed programme accepts no command.</summary>
    public const string ProgrammeClosed = "programme.closed";
    /// <summary>An eligibility rule cannot ask for a negative number of years.</summary>
    public const string EligibilityRuleInvalid = "eligibility.rule-invalid";
    /// <summary>The programme has no cohort with that id.</summary>
    public const string CohortNotFound = "cohort.not-found";
    /// <summary>A cohort with that id was planned already, with other details.</summary>
    public const string CohortAlreadyPlanned = "cohort.already-planned";
    /// <summary>A cohort has at least one seat.</summary>
    public const string CohortCapacityInvalid = "cohort.capacity-invalid";
    /// <summary>A cohort cannot end before it starts.</summary>
    public const string CohortDatesInvalid = "cohort.dates-invalid";
    /// <summary>A cohort's capacity cannot drop below the seats already allocated.</summary>
    public const string CohortCapacityBelowAllocated = "cohort.capacity-below-allocated";
    /// <summary>Allocated seats never exceed the cohort's capacity.</summary>
    public const string CohortFull = "cohort.full";
    /// <summary>A completed or cancelled cohort accepts no change.</summary>
    public const string CohortFinished = "cohort.finished";
    /// <summary>Only a running cohort can complete.</summary>
    public const string CohortNotRunning = "cohort.not-running";
    /// <summary>A cohort can be cancelled only before it runs.</summary>
    public const string CohortAlreadyStarted = "cohort.already-started";
    /// <summary>An accelerator cohort completes only after its demo day (policy).</summary>
    public const string CohortDemoDayMissing = "cohort.demo-day-missing";
    /// <summary>A call closes after it opens.</summary>
    public const string CallWindowInvalid = "call.window-invalid";
    /// <summary>A cohort has one open call at a time.</summary>
    public const string CallAlreadyOpen = "call.already-open";
    /// <summary>A cohort's call opens once: it cannot reopen after it closed.</summary>
    public const string CallAlreadyClosed = "call.already-closed";
    /// <summary>The cohort's call is not open (closing it, or applying outside its window).</summary>
    public const string CallNotOpen = "call.not-open";
    /// <summary>Seats are allocated, and a cohort starts, only after the call closed.</summary>
    public const string CallNotClosed = "call.not-closed";
    /// <summary>A demo day needs a running cohort.</summary>
    public const string DemoDayCohortNotRunning = "demo-day.cohort-not-running";
    /// <summary>A cohort holds one demo day.</summary>
    public const string DemoDayAlreadyHeld = "demo-day.already-held";

    // Startup
    /// <summary>Only RegisterStartup is accepted before the startup is registered.</summary>
    public const string StartupNotRegistered = "startup.not-registered";
    /// <summary>The startup was registered already, with other details.</summary>
    public const string StartupAlreadyRegistered = "startup.already-registered";
    /// <summary>The headquarters country is an ISO 3166-1 alpha-2 code in capitals.</summary>
    public const string StartupHqCountryInvalid = "startup.hq-country-invalid";
    /// <summary>A startup cannot be founded after the command's date.</summary>
    public const string StartupFoundedInFuture = "startup.founded-in-future";
    /// <summary>An applicant works in none of the programme's sectors.</summary>
    public const string SectorMismatch = "sector.mismatch";
    /// <summary>The programme asks for a headquarters in the EU.</summary>
    public const string EligibilityHqOutsideEu = "eligibility.hq-outside-eu";
    /// <summary>The applicant has operated for fewer years than the programme asks of its kind.</summary>
    public const string EligibilityTooYoung = "eligibility.too-young";
    /// <summary>The startup has not applied to that cohort.</summary>
    public const string ParticipationNotFound = "participation.not-found";
    /// <summary>One application per cohort.</summary>
    public const string ParticipationDuplicate = "participation.duplicate";
    /// <summary>A graduated, rejected, withdrawn or removed participation accepts nothing.</summary>
    public const string ParticipationTerminal = "participation.terminal";
    /// <summary>The participation cannot move to that status from its current one.</summary>
    public const string ParticipationInvalidTransition = "participation.invalid-transition";
    /// <summary>Milestones are achieved or missed only while onboarded.</summary>
    public const string ParticipationNotOnboarded = "participation.not-onboarded";
    /// <summary>An achieved milestone cannot be missed.</summary>
    public const string MilestoneAlreadyAchieved = "milestone.already-achieved";
    /// <summary>Graduation needs every mandatory milestone achieved.</summary>
    public const string MilestonesIncomplete = "milestones.incomplete";
    /// <summary>Investments are recorded only once the startup was onboarded into a cohort.</summary>
    public const string InvestmentBeforeOnboarding = "investment.before-onboarding";
    /// <summary>A stake is between 0 and 100 per cent.</summary>
    public const string InvestmentStakeOutOfRange = "investment.stake-out-of-range";
    /// <summary>An investment's amount is positive.</summary>
    public const string InvestmentAmountInvalid = "investment.amount-invalid";
    /// <summary>An investment with that id was recorded already, with other details.</summary>
    public const string InvestmentConflict = "investment.conflict";

    // Urban testing
    /// <summary>Only SubmitProposal is accepted before a proposal is submitted.</summary>
    public const string UseCaseNotSubmitted = "use-case.not-submitted";
    /// <summary>The proposal was submitted already, with other details.</summary>
    public const string UseCaseAlreadySubmitted = "use-case.already-submitted";
    /// <summary>A not-feasible, denied, scaled-up or withdrawn use case accepts nothing.</summary>
    public const string UseCaseTerminal = "use-case.terminal";
    /// <summary>The step does not follow from the use case's current status.</summary>
    public const string UseCaseInvalidTransition = "use-case.invalid-transition";
    /// <summary>A proposal names its proposer: a startup, an organisation or both.</summary>
    public const string ProposalProposerMissing = "proposal.proposer-missing";
    /// <summary>A test lasts at least one day.</summary>
    public const string ProposalDurationInvalid = "proposal.duration-invalid";
    /// <summary>A technology readiness level is between 1 and 9.</summary>
    public const string TrlOutOfRange = "trl.out-of-range";
    /// <summary>Feasibility comes before authorisation.</summary>
    public const string FeasibilityNotAssessed = "feasibility.not-assessed";
    /// <summary>Feasibility is assessed once.</summary>
    public const string FeasibilityAlreadyAssessed = "feasibility.already-assessed";
    /// <summary>No authorisation was requested from that authority.</summary>
    public const string AuthorisationNotRequested = "authorisation.not-requested";
    /// <summary>The authority already granted or denied the authorisation.</summary>
    public const string AuthorisationAlreadyDecided = "authorisation.already-decided";
    /// <summary>An authorisation cannot expire before it is valid.</summary>
    public const string AuthorisationValidityInvalid = "authorisation.validity-invalid";
    /// <summary>A site is assigned, and a test starts, only when every requested authorisation is granted.</summary>
    public const string AuthorisationMissing = "authorisation.missing";
    /// <summary>A test starts only when every authorisation is already valid on the start date.</summary>
    public const string AuthorisationNotYetValid = "authorisation.not-yet-valid";
    /// <summary>A test starts only when no authorisation has expired by the start date.</summary>
    public const string AuthorisationExpired = "authorisation.expired";
    /// <summary>A test starts only on an assigned site.</summary>
    public const string SiteNotAssigned = "site.not-assigned";
    /// <summary>The test site lies in every authorised area (see AreaPath).</summary>
    public const string SiteOutsideAuthorisedArea = "site.outside-authorised-area";
    /// <summary>KPIs are recorded from the start of the test until its completion.</summary>
    public const string KpiOutsideTest = "kpi.outside-test";
    /// <summary>A test cannot complete before it started.</summary>
    public const string TestDatesInvalid = "test.dates-invalid";
    /// <summary>A test ends by every authorisation's validTo.</summary>
    public const string TestEndsAfterAuthorisation = "test.ends-after-authorisation";
    /// <summary>A results report follows the test's completion.</summary>
    public const string TestNotCompleted = "test.not-completed";
    /// <summary>A report is accepted only once submitted after completion.</summary>
    public const string ReportNotSubmitted = "report.not-submitted";
    /// <summary>A contribution only after the report's acceptance.</summary>
    public const string ContributionBeforeAcceptance = "contribution.before-acceptance";
    /// <summary>A contribution's amount is positive.</summary>
    public const string ContributionAmountInvalid = "contribution.amount-invalid";
    /// <summary>A use case receives one contribution.</summary>
    public const string ContributionAlreadyAwarded = "contribution.already-awarded";
    /// <summary>A scale-up is proposed only after the report's acceptance.</summary>
    public const string ScaleUpBeforeAcceptance = "scale-up.before-acceptance";

    // Hub office
    /// <summary>Only ApproveHub is accepted before the hub office is approved.</summary>
    public const string HubNotApproved = "hub.not-approved";
    /// <summary>A hub office's country is an ISO 3166-1 alpha-2 code in capitals.</summary>
    public const string HubCountryInvalid = "hub.country-invalid";
    /// <summary>The hub office was approved already, with other details.</summary>
    public const string HubAlreadyApproved = "hub.already-approved";
    /// <summary>A closed hub office accepts no command.</summary>
    public const string HubClosed = "hub.closed";
    /// <summary>A suspended hub office only resumes or closes.</summary>
    public const string HubSuspended = "hub.suspended";
    /// <summary>Inauguration and relocation need an opened location.</summary>
    public const string HubNoLocation = "hub.no-location";
    /// <summary>A hub office has exactly one active location: it relocates rather than opening another.</summary>
    public const string HubLocationAlreadyOpen = "hub.location-already-open";
    /// <summary>A location is inaugurated on or after its opening.</summary>
    public const string HubInaugurationBeforeOpening = "hub.inauguration-before-opening";
    /// <summary>A location is inaugurated once.</summary>
    public const string HubAlreadyInaugurated = "hub.already-inaugurated";
    /// <summary>A relocation changes the city.</summary>
    public const string HubRelocationSameCity = "hub.relocation-same-city";
    /// <summary>A relocation takes effect on or after the current location's opening.</summary>
    public const string HubRelocationBeforeOpening = "hub.relocation-before-opening";

    // Mission
    /// <summary>Only PlanMission is accepted before the mission is planned.</summary>
    public const string MissionNotPlanned = "mission.not-planned";
    /// <summary>The mission was planned already, with other details.</summary>
    public const string MissionAlreadyPlanned = "mission.already-planned";
    /// <summary>A mission's counterpart countries are ISO 3166-1 alpha-2 codes in capitals.</summary>
    public const string MissionCountryInvalid = "mission.country-invalid";
    /// <summary>A mission cannot end before it starts.</summary>
    public const string MissionDatesInvalid = "mission.dates-invalid";
    /// <summary>A mission linked to a programme cohort names the programme too.</summary>
    public const string MissionCohortWithoutProgramme = "mission.cohort-without-programme";
    /// <summary>A cancelled mission accepts no command.</summary>
    public const string MissionCancelled = "mission.cancelled";
    /// <summary>A completed mission only takes follow-ups (opened or closed).</summary>
    public const string MissionCompleted = "mission.completed";
    /// <summary>A mission gets under way only once confirmed.</summary>
    public const string MissionNotConfirmed = "mission.not-confirmed";
    /// <summary>A mission completes, and its visits are held, only while it is under way.</summary>
    public const string MissionNotUnderWay = "mission.not-under-way";
    /// <summary>A mission is cancelled only before it gets under way.</summary>
    public const string MissionAlreadyStarted = "mission.already-started";
    /// <summary>Delegates join and leave only while the mission is planned or confirmed.</summary>
    public const string MissionDelegationClosed = "mission.delegation-closed";
    /// <summary>No delegate twice: the same person, or the same name in the same organisation, with other details.</summary>
    public const string MissionDelegateDuplicate = "mission.delegate-duplicate";
    /// <summary>That person is not in the delegation (answered 404, like every ".not-found" code).</summary>
    public const string MissionDelegateNotFound = "delegate.not-found";
    /// <summary>A visit falls within the mission's dates.</summary>
    public const string MissionVisitOutsideDates = "mission.visit-outside-dates";
    /// <summary>A visit with that id was scheduled already, with other details.</summary>
    public const string MissionVisitConflict = "mission.visit-conflict";
    /// <summary>The mission has no visit with that id (404).</summary>
    public const string MissionVisitNotFound = "visit.not-found";
    /// <summary>A cancelled visit cannot be held.</summary>
    public const string MissionVisitCancelled = "mission.visit-cancelled";
    /// <summary>A visit that was held cannot be cancelled.</summary>
    public const string MissionVisitHeld = "mission.visit-held";
    /// <summary>Follow-ups are opened during or after the mission, not before it gets under way.</summary>
    public const string MissionFollowUpTooEarly = "mission.follow-up-too-early";
    /// <summary>A follow-up is due no earlier than the mission's start.</summary>
    public const string MissionFollowUpDueInvalid = "mission.follow-up-due-invalid";
    /// <summary>A follow-up with that id was opened already, with other details.</summary>
    public const string MissionFollowUpConflict = "mission.follow-up-conflict";
    /// <summary>The mission has no follow-up with that id (404).</summary>
    public const string MissionFollowUpNotFound = "follow-up.not-found";
    /// <summary>A follow-up is closed once, with one outcome.</summary>
    public const string MissionFollowUpClosed = "mission.follow-up-closed";

    // Agreement
    /// <summary>Only DraftAgreement is accepted before the agreement is drafted.</summary>
    public const string AgreementNotDrafted = "agreement.not-drafted";
    /// <summary>The agreement was drafted already, with other details.</summary>
    public const string AgreementAlreadyDrafted = "agreement.already-drafted";
    /// <summary>An agreement binds at least two parties.</summary>
    public const string AgreementPartiesTooFew = "agreement.parties-too-few";
    /// <summary>Each party is named once.</summary>
    public const string AgreementPartyDuplicate = "agreement.party-duplicate";
    /// <summary>A party's country is an ISO 3166-1 alpha-2 code in capitals.</summary>
    public const string AgreementCountryInvalid = "agreement.country-invalid";
    /// <summary>An agreement cannot end before it starts.</summary>
    public const string AgreementDatesInvalid = "agreement.dates-invalid";
    /// <summary>An agreement is signed once.</summary>
    public const string AgreementAlreadySigned = "agreement.already-signed";
    /// <summary>Every party has at least one signatory.</summary>
    public const string AgreementPartyUnsigned = "agreement.party-unsigned";
    /// <summary>Only parties sign.</summary>
    public const string AgreementSignatoryNotAParty = "agreement.signatory-not-a-party";
    /// <summary>Renewal, amendment, expiry and termination come after signing.</summary>
    public const string AgreementNotSigned = "agreement.not-signed";
    /// <summary>A renewal moves the end date later (a new term ends on or after its start).</summary>
    public const string AgreementRenewalEndInvalid = "agreement.renewal-end-invalid";
    /// <summary>A running agreement is extended, not renewed as a new term.</summary>
    public const string AgreementStillRunning = "agreement.still-running";
    /// <summary>An expired agreement is renewed only as a new term starting after it ended.</summary>
    public const string AgreementNewTermRequired = "agreement.new-term-required";
    /// <summary>An expired agreement is neither amended nor terminated; it can be renewed as a new term.</summary>
    public const string AgreementExpired = "agreement.expired";
    /// <summary>Amendments and termination are dated on or after the signing.</summary>
    public const string AgreementBeforeSigning = "agreement.before-signing";
    /// <summary>An agreement expires only after its end date.</summary>
    public const string AgreementNotYetDue = "agreement.not-yet-due";
    /// <summary>An open-ended agreement does not expire; it is terminated.</summary>
    public const string AgreementOpenEnded = "agreement.open-ended";
    /// <summary>A terminated agreement accepts nothing but links; it cannot be renewed.</summary>
    public const string AgreementTerminated = "agreement.terminated";

    public static IReadOnlyList<string> All { get; } = typeof(RuleCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral)
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToArray();
}
