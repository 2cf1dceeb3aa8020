import type {
  BusinessDate,
  CaseStatus,
  CloseOutcome,
  ActionPointOwnerKind,
  DeadlineKind,
  Effect,
  ForwardFeedback,
  ExploitationForm,
  InterventionLevel,
  InterventionType,
  LinkReason,
  Sector,
  Partner,
  ProposalDecision,
  SteeringVote,
  ReopenReason,
  SourceType,
  SubjectRole,
  TriageDecision,
  Urgency,
  Vulnerability,
} from './enumerations';
import { INTERVENTION_LEVEL_BY_TYPE } from './enumerations';
import type { OrganisationId } from './organisations';

/*
 * The case aggregate's model: what happens to a case (events), what is asked of it (commands), what is known of it
 * (state), and how each event changes that state (apply, evolve, fold). The rules that decide on commands are in
 * `case.decide.ts`.
 */

// Events

/**
 * Personal data of a subject as it is stored: encrypted with the subject's own key (AES-256-GCM).
 * The domain never looks inside; `null` when none was given.
 */
export interface SealedPersonalData {
  alg: 'A256GCM';
  iv: string;
  ciphertext: string;
  tag: string;
}

export interface SubjectRecord {
  subjectId: string;
  role: SubjectRole;
  /** Stable pseudonym shown to everyone without need-to-know, e.g. `S-7Q2K`. */
  pseudonym: string;
  personalData: SealedPersonalData | null;
}

/** A measure of a proposal: an intervention type and the organisation that would lead it. */
export interface Measure {
  type: InterventionType;
  leadOrganisation: OrganisationId;
  /**
   * The level of a type the administrator added to the intervention catalogue (ADR 62), as the catalogue gave it when
   * the measure was proposed; absent for the code's own types, whose level is fixed.
   */
  level?: InterventionLevel;
}

/** A free text of an earlier event as it reads after a redaction: the event's version, the field's path, the text. */
export interface RestatedText {
  version: number;
  field: string;
  text: string;
}

/** Event payloads. The `type` string of each is fixed forever. */
export type CaseEvent =
  | {
      type: 'SignalRegistered';
      data: {
        caseId: string;
        reference: string;
        district: string;
        municipality: string;
        receivedOn: BusinessDate;
        source: { type: SourceType; organisation?: string };
        forms: ExploitationForm[];
        vulnerabilities: Vulnerability[];
        summary: string;
        subjects: SubjectRecord[];
        registeredBy: string;
        /** The urgency known at intake, which sets how soon triage is due; absent when unknown (and in older events). */
        urgency?: Urgency;
        /** Where the exploitation takes place, when known. */
        sector?: Sector;
      };
    }
  | {
      /** A corrected classification: forms, vulnerabilities and sector as established on `decidedOn`. */
      type: 'CaseReclassified';
      data: {
        decidedOn: BusinessDate;
        forms: ExploitationForm[];
        vulnerabilities: Vulnerability[];
        sector?: Sector;
        rationale: string;
      };
    }
  | {
      /** This case and another are about the same victim, suspect, location or network. */
      type: 'CaseLinked';
      data: { linkedCaseId: string; linkedReference: string; reason: LinkReason; linkedBy: string };
    }
  | { type: 'CoordinatorAssigned'; data: { coordinator: string; previousCoordinator?: string } }
  | {
      type: 'SignalTriaged';
      data: {
        decidedOn: BusinessDate;
        urgency: Urgency;
        decision: TriageDecision;
        rationale: string;
        forwardedTo?: Partner;
      };
    }
  | {
      /** The partner's answer to a forwarded case. */
      type: 'ForwardFeedbackRecorded';
      data: {
        receivedOn: BusinessDate;
        feedback: ForwardFeedback;
        note?: string;
        recordedBy: string;
        /** The organisation of whoever recorded it. */
        organisation: OrganisationId | null;
      };
    }
  | {
      type: 'CareTableMeetingRecorded';
      data: {
        meetingId: string;
        heldOn: BusinessDate;
        /** Organisations at the table (v1: partner kinds, which are also the regional organisations' ids). */
        participants: (Partner | OrganisationId)[];
        conclusions: string;
        victimInformed?: boolean;
        /** The care-table session the case was discussed in, when it was on a session's agenda. */
        sessionId?: string;
      };
    }
  | {
      /** An agreement of a care-table meeting, owned by an organisation or a person, due on a date. */
      type: 'ActionPointAdded';
      data: {
        actionPointId: string;
        meetingId: string;
        sessionId?: string;
        description: string;
        /** An organisation id or a username, as `ownerKind` says. */
        owner: string;
        ownerKind: ActionPointOwnerKind;
        /** The organisation that does the work: the owner itself, or the organisation the owning person acts for. */
        ownerOrganisation: OrganisationId | null;
        dueOn: BusinessDate;
      };
    }
  | {
      type: 'ActionPointCompleted';
      data: { actionPointId: string; completedOn: BusinessDate; note?: string; completedBy: string };
    }
  | {
      /** Version 2; version 1 named only intervention types (`proposedInterventions`), see `case.upcasters.ts`. */
      type: 'ProposalDrafted';
      data: { proposalId: string; summary: string; steeringSummary?: string; measures: Measure[]; draftedBy: string };
    }
  | {
      type: 'ProposalRevised';
      data: { proposalId: string; summary: string; steeringSummary?: string; measures: Measure[]; revisedBy: string };
    }
  | { type: 'ProposalSubmitted'; data: { proposalId: string; submittedOn: BusinessDate; submittedBy: string } }
  | { type: 'ProposalWithdrawn'; data: { proposalId: string; reason: string; withdrawnBy: string } }
  | {
      /** One steering-group member's vote; the proposal is decided by `ProposalApproved` or `ProposalRejected`. */
      type: 'ProposalVoteCast';
      data: {
        proposalId: string;
        vote: SteeringVote;
        decidedOn: BusinessDate;
        rationale?: string;
        revisitOn?: BusinessDate;
        conditions?: string;
        evaluateOn?: BusinessDate;
        voter: string;
        organisation: OrganisationId;
      };
    }
  | {
      type: 'ProposalApproved';
      data: { proposalId: string; decidedOn: BusinessDate; conditions?: string; evaluateOn?: BusinessDate };
    }
  | { type: 'ProposalRejected'; data: { proposalId: string; decidedOn: BusinessDate; rationale: string } }
  | {
      type: 'ProposalEvaluated';
      data: { proposalId: string; evaluatedOn: BusinessDate; conclusion: string; evaluatedBy: string };
    }
  | {
      /** The decision of one member alone, as recorded before the stuurploeg decided together; read, never written. */
      type: 'ProposalDecided';
      data: {
        proposalId: string;
        decidedOn: BusinessDate;
        decision: ProposalDecision;
        notes?: string;
        decidedBy: string;
      };
    }
  | {
      type: 'InterventionPlanned';
      data: {
        interventionId: string;
        type: InterventionType;
        level: InterventionLevel;
        /** Version 3; before, `leadPartner` (see `case.upcasters.ts`). */
        leadOrganisation: OrganisationId;
        /** Organisations taking part besides the lead; since version 2. */
        participants: OrganisationId[];
        plannedOn: BusinessDate;
        description?: string;
        /** The approved proposal it carries out, when it came from one. */
        proposalId?: string;
      };
    }
  | { type: 'InterventionExecuted'; data: { interventionId: string; executedOn: BusinessDate; notes?: string } }
  | {
      /** A planned intervention that will not happen. */
      type: 'InterventionCancelled';
      data: { interventionId: string; cancelledOn: BusinessDate; reason: string; cancelledBy: string };
    }
  | {
      type: 'InterventionEffectRecorded';
      data: { interventionId: string; observedOn: BusinessDate; effect: Effect; description?: string };
    }
  | {
      /** A named subject shown to the organisations of one intervention (leading or taking part), with a reason. */
      type: 'SubjectDisclosed';
      data: { interventionId: string; subjectId: string; reason: string; disclosedBy: string };
    }
  | { type: 'SubjectDisclosureRevoked'; data: { interventionId: string; subjectId: string; revokedBy: string } }
  | { type: 'SubjectAdded'; data: SubjectRecord }
  | { type: 'ConsentRecorded'; data: { subjectId: string; scope: string; given: boolean; recordedOn: BusinessDate } }
  | { type: 'SubjectPersonalDataErased'; data: { subjectId: string } }
  | {
      /**
       * Every free text of the case before this event, restated with the erased subject's name replaced by its
       * pseudonym: `field` of the event of `version`. Readers show these texts in place of the originals, which can no
       * longer be read; the state does not change.
       */
      type: 'NarrativeRedacted';
      data: { subjectId: string; texts: RestatedText[] };
    }
  | { type: 'CaseClosed'; data: { closedOn: BusinessDate; outcome: CloseOutcome; rationale: string } }
  | { type: 'CaseReopened'; data: { reopenedOn: BusinessDate; reason: ReopenReason } }
  | { type: 'DeadlineMissed'; data: { kind: DeadlineKind; dueOn: BusinessDate; ref: string } };

export type CaseEventType = CaseEvent['type'];
export type EventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;
export const CASE_EVENT_TYPES: readonly CaseEventType[] = [
  'SignalRegistered',
  'CaseReclassified',
  'CaseLinked',
  'CoordinatorAssigned',
  'SignalTriaged',
  'ForwardFeedbackRecorded',
  'CareTableMeetingRecorded',
  'ActionPointAdded',
  'ActionPointCompleted',
  'ProposalDrafted',
  'ProposalRevised',
  'ProposalSubmitted',
  'ProposalWithdrawn',
  'ProposalVoteCast',
  'ProposalApproved',
  'ProposalRejected',
  'ProposalEvaluated',
  'ProposalDecided',
  'InterventionPlanned',
  'InterventionExecuted',
  'InterventionCancelled',
  'InterventionEffectRecorded',
  'SubjectDisclosed',
  'SubjectDisclosureRevoked',
  'SubjectAdded',
  'ConsentRecorded',
  'SubjectPersonalDataErased',
  'NarrativeRedacted',
  'CaseClosed',
  'CaseReopened',
  'DeadlineMissed',
];

// Commands

/**
 * What every command carries besides its own fields: who acts and today's business date
 * (Europe/Amsterdam), both supplied by the caller so that `decide` stays pure.
 */
export interface CommandContext {
  actor: string;
  today: BusinessDate;
}

export type CaseCommand = CommandContext &
  (
    | {
        type: 'RegisterSignal';
        caseId: string;
        reference: string;
        district: string;
        municipality: string;
        /** Municipality slugs of `district`, from the reference data. */
        districtMunicipalities: readonly string[];
        receivedOn: BusinessDate;
        source: { type: SourceType; organisation?: string };
        forms: ExploitationForm[];
        vulnerabilities: Vulnerability[];
        summary: string;
        subjects: SubjectRecord[];
        urgency?: Urgency;
        sector?: Sector;
      }
    | {
        type: 'ReclassifyCase';
        decidedOn: BusinessDate;
        forms: ExploitationForm[];
        vulnerabilities: Vulnerability[];
        sector?: Sector;
        rationale: string;
      }
    | {
        type: 'LinkCase';
        linkedCaseId: string;
        linkedReference: string;
        reason: LinkReason;
      }
    | {
        type: 'AssignCoordinator';
        coordinator: string;
        /** Districts the coordinator serves, from the user directory (empty when the user is no coordinator). */
        coordinatorDistricts: readonly string[];
      }
    | {
        type: 'Triage';
        decidedOn: BusinessDate;
        urgency: Urgency;
        decision: TriageDecision;
        rationale: string;
        forwardedTo?: Partner;
      }
    | {
        type: 'RecordForwardFeedback';
        receivedOn: BusinessDate;
        feedback: ForwardFeedback;
        note?: string;
        /** The organisation of whoever records it, from the identity provider. */
        organisation: OrganisationId | null;
      }
    | {
        type: 'RecordCareTableMeeting';
        meetingId: string;
        heldOn: BusinessDate;
        participants: (Partner | OrganisationId)[];
        conclusions: string;
        victimInformed?: boolean;
        sessionId?: string;
        actionPoints?: readonly NewActionPoint[];
      }
    | { type: 'CompleteActionPoint'; actionPointId: string; completedOn: BusinessDate; note?: string }
    | { type: 'DraftProposal'; proposalId: string; summary: string; steeringSummary?: string; measures: Measure[] }
    | { type: 'ReviseProposal'; proposalId: string; summary: string; steeringSummary?: string; measures: Measure[] }
    | { type: 'SubmitProposal'; proposalId: string; submittedOn: BusinessDate }
    | { type: 'WithdrawProposal'; proposalId: string; reason: string }
    | {
        /** One steering-group member's vote. */
        type: 'DecideProposal';
        proposalId: string;
        decidedOn: BusinessDate;
        decision: SteeringVote;
        rationale?: string;
        revisitOn?: BusinessDate;
        conditions?: string;
        evaluateOn?: BusinessDate;
        /** The voter's organisation, from the identity provider. */
        organisation: OrganisationId;
        /** Municipality slugs of the case's district, from the reference data: their mayors are competent. */
        districtMunicipalities: readonly string[];
        /** Ids for the interventions the proposal's measures become when this vote approves it, one per measure. */
        interventionIds: readonly string[];
      }
    | { type: 'EvaluateProposal'; proposalId: string; evaluatedOn: BusinessDate; conclusion: string }
    | {
        type: 'PlanIntervention';
        interventionId: string;
        interventionType: InterventionType;
        /**
         * The level the intervention catalogue gives the type (ADR 62), looked up by the command's handler, which
         * refuses unknown and retired types; absent: the level of the code's catalogue.
         */
        interventionLevel?: InterventionLevel;
        leadOrganisation: OrganisationId;
        participants?: OrganisationId[];
        plannedOn: BusinessDate;
        description?: string;
      }
    | { type: 'RecordInterventionExecuted'; interventionId: string; executedOn: BusinessDate; notes?: string }
    | { type: 'CancelIntervention'; interventionId: string; cancelledOn: BusinessDate; reason: string }
    | {
        type: 'RecordInterventionEffect';
        interventionId: string;
        observedOn: BusinessDate;
        effect: Effect;
        description?: string;
      }
    | { type: 'DiscloseSubject'; interventionId: string; subjectId: string; reason: string }
    | { type: 'RevokeDisclosure'; interventionId: string; subjectId: string }
    | {
        type: 'AddSubject';
        subjectId: string;
        role: SubjectRole;
        pseudonym: string;
        personalData: SealedPersonalData | null;
      }
    | { type: 'RecordConsent'; subjectId: string; scope: string; given: boolean; recordedOn: BusinessDate }
    | {
        type: 'EraseSubjectPersonalData';
        subjectId: string;
        /** Every free text of the case restated without the subject's name (see `NarrativeRedacted`). */
        restated?: readonly RestatedText[];
      }
    | { type: 'CloseCase'; closedOn: BusinessDate; outcome: CloseOutcome; rationale: string }
    | { type: 'ReopenCase'; reopenedOn: BusinessDate; reason: ReopenReason }
    | { type: 'RecordDeadlineMissed'; kind: DeadlineKind; dueOn: BusinessDate; ref: string }
  );

/** An action point as a care-table meeting agrees it; the owner is resolved to an organisation or a person first. */
export interface NewActionPoint {
  actionPointId: string;
  description: string;
  owner: string;
  ownerKind: ActionPointOwnerKind;
  ownerOrganisation: OrganisationId | null;
  dueOn: BusinessDate;
}

export type CaseCommandType = CaseCommand['type'];
export type CommandOf<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>;

// State

export const PROPOSAL_STATUSES = ['drafted', 'submitted', 'approved', 'rejected', 'withdrawn'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export interface SubjectState {
  subjectId: string;
  role: SubjectRole;
  pseudonym: string;
  personalData: SealedPersonalData | null;
  erased: boolean;
  consents: { scope: string; given: boolean; recordedOn: BusinessDate }[];
}

export interface VoteState {
  username: string;
  organisation: OrganisationId;
  vote: SteeringVote;
  decidedOn: BusinessDate;
  rationale: string | null;
  revisitOn: BusinessDate | null;
  conditions: string | null;
  evaluateOn: BusinessDate | null;
}

export interface ProposalState {
  proposalId: string;
  status: ProposalStatus;
  summary: string;
  /** What the stuurploeg reads instead of the care narrative; `null` for proposals drafted without one. */
  steeringSummary: string | null;
  measures: (Measure & { level: InterventionLevel })[];
  draftedBy: string;
  submittedBy: string | null;
  submittedOn: BusinessDate | null;
  /** The status the case had when the proposal was submitted: where a rejection returns it. */
  submittedFrom: CaseStatus | null;
  votes: VoteState[];
  /** The revisit date of the latest deferral while the proposal waits. */
  revisitOn: BusinessDate | null;
  decision: ProposalDecision | null;
  decidedOn: BusinessDate | null;
  /** Whose vote decided it. */
  decidedBy: string | null;
  /** The rationale of a rejection (or the notes of a decision taken by one member, before votes). */
  notes: string | null;
  conditions: string | null;
  evaluateOn: BusinessDate | null;
  evaluation: { evaluatedOn: BusinessDate; conclusion: string; evaluatedBy: string } | null;
}

export interface InterventionState {
  interventionId: string;
  type: InterventionType;
  level: InterventionLevel;
  leadOrganisation: OrganisationId;
  /** Organisations taking part besides the lead (a joint control). */
  participants: OrganisationId[];
  plannedOn: BusinessDate;
  description: string | null;
  proposalId: string | null;
  executedOn: BusinessDate | null;
  executionNotes: string | null;
  cancelledOn: BusinessDate | null;
  cancellationReason: string | null;
  effects: { effect: Effect; observedOn: BusinessDate; description: string | null }[];
  /** Subjects whose personal data is disclosed to the organisations of this intervention. */
  disclosedSubjects: string[];
}

export interface ActionPointState {
  actionPointId: string;
  meetingId: string;
  sessionId: string | null;
  description: string;
  owner: string;
  ownerKind: ActionPointOwnerKind;
  ownerOrganisation: OrganisationId | null;
  /** The date of the meeting that agreed it. */
  agreedOn: BusinessDate;
  dueOn: BusinessDate;
  completedOn: BusinessDate | null;
  completionNote: string | null;
  completedBy: string | null;
}

export interface OpenCase {
  status: CaseStatus;
  caseId: string;
  reference: string;
  district: string;
  municipality: string;
  receivedOn: BusinessDate;
  registeredBy: string;
  source: { type: SourceType; organisation: string | null };
  forms: ExploitationForm[];
  vulnerabilities: Vulnerability[];
  sector: Sector | null;
  /** Each correction of the classification: when it was decided and why. */
  reclassifications: { decidedOn: BusinessDate; rationale: string }[];
  /** Links this case made to others (the other side's links are read from theirs). */
  links: { caseId: string; reference: string; reason: LinkReason; linkedBy: string }[];
  summary: string;
  coordinator: string | null;
  urgency: Urgency | null;
  triage: {
    decidedOn: BusinessDate;
    urgency: Urgency;
    decision: TriageDecision;
    rationale: string;
    forwardedTo: Partner | null;
  } | null;
  /** The current forwarding: set by a triage that forwards the case, answered by the partner's feedback. */
  forwarding: {
    /** `forward-<n>` for the n-th time the case was forwarded: the reference of its feedback deadline. */
    ref: string;
    forwardedTo: Partner;
    forwardedOn: BusinessDate;
    feedback: { receivedOn: BusinessDate; feedback: ForwardFeedback; note: string | null; recordedBy: string } | null;
  } | null;
  /** How often the case was forwarded. */
  forwardings: number;
  subjects: SubjectState[];
  careTableMeetings: {
    meetingId: string;
    heldOn: BusinessDate;
    participants: (Partner | OrganisationId)[];
    conclusions: string;
    victimInformed: boolean | null;
    sessionId: string | null;
  }[];
  actionPoints: ActionPointState[];
  proposals: ProposalState[];
  interventions: InterventionState[];
  closedOn: BusinessDate | null;
  outcome: CloseOutcome | null;
  closeRationale: string | null;
  reopenings: { reopenedOn: BusinessDate; reason: ReopenReason }[];
  missedDeadlines: { kind: DeadlineKind; dueOn: BusinessDate; ref: string }[];
}

/**
 * The version of the shape of {@link OpenCase} and of what `evolve` makes of the events. A stored snapshot of another
 * version is not trusted: the case is folded again from its stream. Raise it with every change to the state's fields
 * or to the way an event changes them.
 */
export const CASE_STATE_VERSION = 6;

/** `null` before the first event: the case does not exist yet. */
export type CaseState = OpenCase | null;
export const initialCaseState: CaseState = null;

// Evolution

/**
 * Status after triage. `no_further_action` leaves the status alone: `decide` emits a `CaseClosed` right after the
 * `SignalTriaged`, and that event closes the case. (Before forwarding waited for feedback, a forward was closed the same
 * way: such a `SignalTriaged` is followed by its `CaseClosed` in the stream.)
 */
export const STATUS_AFTER_TRIAGE: Record<TriageDecision, CaseStatus | null> = {
  refer_to_care_table: 'at_care_table',
  start_care: 'in_execution',
  forward: 'forwarded',
  no_further_action: null,
};

const withLevel = ({ type, leadOrganisation, level }: Measure) => ({
  type,
  leadOrganisation,
  level: level ?? INTERVENTION_LEVEL_BY_TYPE[type],
});

const newSubject = (subject: EventOf<'SubjectAdded'>['data']): SubjectState => ({
  subjectId: subject.subjectId,
  role: subject.role,
  pseudonym: subject.pseudonym,
  personalData: subject.personalData,
  erased: false,
  consents: [],
});

/** The state a registered signal starts; every list in it is new. */
const registered = ({ data }: EventOf<'SignalRegistered'>): OpenCase => ({
  status: 'signal_received',
  caseId: data.caseId,
  reference: data.reference,
  district: data.district,
  municipality: data.municipality,
  receivedOn: data.receivedOn,
  registeredBy: data.registeredBy,
  source: { type: data.source.type, organisation: data.source.organisation ?? null },
  forms: [...data.forms],
  vulnerabilities: [...data.vulnerabilities],
  sector: data.sector ?? null,
  reclassifications: [],
  links: [],
  summary: data.summary,
  coordinator: null,
  urgency: data.urgency ?? null,
  triage: null,
  forwarding: null,
  forwardings: 0,
  subjects: data.subjects.map(newSubject),
  careTableMeetings: [],
  actionPoints: [],
  proposals: [],
  interventions: [],
  closedOn: null,
  outcome: null,
  closeRationale: null,
  reopenings: [],
  missedDeadlines: [],
});

/**
 * The one definition of what an event does to a case: applies `event` to `draft`, changing the draft in place, and
 * returns the state after it (a new object only for `SignalRegistered`). Only the owner of a draft may call it; everyone
 * else uses {@link evolve} or {@link fold}, which never change what they are given.
 *
 * Total: it never throws. Events that do not fit the state (anything before `SignalRegistered`, an unknown proposal
 * id) leave it unchanged; `decide` never produces them. The state shares no list with the event, only sealed personal
 * data, which is never changed.
 */
export function apply(draft: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'SignalRegistered') return registered(event);
  if (draft === null) return draft;
  const state: OpenCase = draft;
  const proposal = (proposalId: string) => state.proposals.find((p) => p.proposalId === proposalId);
  const intervention = (interventionId: string) => state.interventions.find((i) => i.interventionId === interventionId);
  const subject = (subjectId: string) => state.subjects.find((s) => s.subjectId === subjectId);

  switch (event.type) {
    case 'CaseReclassified': {
      const { decidedOn, forms, vulnerabilities, sector, rationale } = event.data;
      Object.assign(state, { forms: [...forms], vulnerabilities: [...vulnerabilities], sector: sector ?? null });
      state.reclassifications.push({ decidedOn, rationale });
      return state;
    }

    case 'CaseLinked': {
      const { linkedCaseId, linkedReference, reason, linkedBy } = event.data;
      state.links.push({ caseId: linkedCaseId, reference: linkedReference, reason, linkedBy });
      return state;
    }

    case 'CoordinatorAssigned':
      state.status = 'in_triage';
      state.coordinator = event.data.coordinator;
      return state;

    case 'SignalTriaged': {
      const { decidedOn, urgency, decision, rationale, forwardedTo } = event.data;
      state.status = STATUS_AFTER_TRIAGE[decision] ?? state.status;
      state.urgency = urgency;
      state.triage = { decidedOn, urgency, decision, rationale, forwardedTo: forwardedTo ?? null };
      if (decision === 'forward' && forwardedTo !== undefined) {
        state.forwardings += 1;
        state.forwarding = { ref: `forward-${state.forwardings}`, forwardedTo, forwardedOn: decidedOn, feedback: null };
      }
      return state;
    }

    case 'ForwardFeedbackRecorded': {
      const { receivedOn, feedback, note, recordedBy } = event.data;
      if (state.forwarding) state.forwarding.feedback = { receivedOn, feedback, note: note ?? null, recordedBy };
      // A declined case comes back to the coordinator's triage.
      if (feedback === 'declined' && state.status === 'forwarded') state.status = 'in_triage';
      return state;
    }

    case 'CareTableMeetingRecorded': {
      const { meetingId, heldOn, participants, conclusions, victimInformed, sessionId } = event.data;
      state.careTableMeetings.push({
        meetingId,
        heldOn,
        participants: [...participants],
        conclusions,
        victimInformed: victimInformed ?? null,
        sessionId: sessionId ?? null,
      });
      return state;
    }

    case 'ActionPointAdded': {
      const { actionPointId, meetingId, sessionId, description, owner, ownerKind, ownerOrganisation, dueOn } =
        event.data;
      const agreedOn = state.careTableMeetings.find((m) => m.meetingId === meetingId)?.heldOn ?? dueOn;
      state.actionPoints.push({
        actionPointId,
        meetingId,
        sessionId: sessionId ?? null,
        description,
        owner,
        ownerKind,
        ownerOrganisation,
        agreedOn,
        dueOn,
        completedOn: null,
        completionNote: null,
        completedBy: null,
      });
      return state;
    }

    case 'ActionPointCompleted': {
      const { actionPointId, completedOn, note, completedBy } = event.data;
      const point = state.actionPoints.find((a) => a.actionPointId === actionPointId);
      if (point) Object.assign(point, { completedOn, completionNote: note ?? null, completedBy });
      return state;
    }

    case 'ProposalDrafted': {
      const { proposalId, summary, steeringSummary, measures, draftedBy } = event.data;
      state.proposals.push({
        proposalId,
        status: 'drafted',
        summary,
        steeringSummary: steeringSummary ?? null,
        measures: measures.map(withLevel),
        draftedBy,
        submittedBy: null,
        submittedOn: null,
        submittedFrom: null,
        votes: [],
        revisitOn: null,
        decision: null,
        decidedOn: null,
        decidedBy: null,
        notes: null,
        conditions: null,
        evaluateOn: null,
        evaluation: null,
      });
      return state;
    }

    case 'ProposalRevised': {
      const { proposalId, summary, steeringSummary, measures } = event.data;
      const p = proposal(proposalId);
      if (p) Object.assign(p, { summary, steeringSummary: steeringSummary ?? null, measures: measures.map(withLevel) });
      return state;
    }

    case 'ProposalSubmitted': {
      const { proposalId, submittedOn, submittedBy } = event.data;
      const p = proposal(proposalId);
      if (p) Object.assign(p, { status: 'submitted', submittedOn, submittedBy, submittedFrom: state.status });
      state.status = 'awaiting_steering_group';
      return state;
    }

    case 'ProposalVoteCast': {
      const { proposalId, vote, decidedOn, rationale, revisitOn, conditions, evaluateOn, voter, organisation } =
        event.data;
      const p = proposal(proposalId);
      if (!p) return state;
      p.votes.push({
        username: voter,
        organisation,
        vote,
        decidedOn,
        rationale: rationale ?? null,
        revisitOn: revisitOn ?? null,
        conditions: conditions ?? null,
        evaluateOn: evaluateOn ?? null,
      });
      if (vote === 'deferred') p.revisitOn = revisitOn ?? null;
      return state;
    }

    case 'ProposalApproved': {
      const { proposalId, decidedOn, conditions, evaluateOn } = event.data;
      const p = proposal(proposalId);
      if (p) {
        const decidedBy = p.votes.at(-1)?.username ?? null;
        Object.assign(p, { status: 'approved', decision: 'approved', decidedOn, decidedBy, revisitOn: null });
        Object.assign(p, { conditions: conditions ?? null, evaluateOn: evaluateOn ?? null });
      }
      state.status = 'in_execution';
      return state;
    }

    case 'ProposalRejected': {
      const { proposalId, decidedOn, rationale } = event.data;
      const p = proposal(proposalId);
      if (p) {
        const decidedBy = p.votes.at(-1)?.username ?? null;
        Object.assign(p, {
          status: 'rejected',
          decision: 'rejected',
          decidedOn,
          decidedBy,
          notes: rationale,
          revisitOn: null,
        });
      }
      state.status = p?.submittedFrom ?? 'at_care_table';
      return state;
    }

    case 'ProposalEvaluated': {
      const { proposalId, evaluatedOn, conclusion, evaluatedBy } = event.data;
      const p = proposal(proposalId);
      if (p) p.evaluation = { evaluatedOn, conclusion, evaluatedBy };
      return state;
    }

    case 'ProposalWithdrawn': {
      const p = proposal(event.data.proposalId);
      if (p) p.status = 'withdrawn';
      return state;
    }

    case 'ProposalDecided': {
      const { proposalId, decidedOn, decision, notes, decidedBy } = event.data;
      const p = proposal(proposalId);
      if (p) Object.assign(p, { status: decision, decision, decidedOn, decidedBy, notes: notes ?? null });
      state.status = decision === 'approved' ? 'in_execution' : 'at_care_table';
      return state;
    }

    case 'InterventionPlanned': {
      const { interventionId, type, level, leadOrganisation, participants, plannedOn, description, proposalId } =
        event.data;
      state.interventions.push({
        interventionId,
        type,
        level,
        leadOrganisation,
        participants: [...participants],
        plannedOn,
        description: description ?? null,
        proposalId: proposalId ?? null,
        executedOn: null,
        executionNotes: null,
        cancelledOn: null,
        cancellationReason: null,
        effects: [],
        disclosedSubjects: [],
      });
      return state;
    }

    case 'InterventionExecuted': {
      const { interventionId, executedOn, notes } = event.data;
      const i = intervention(interventionId);
      if (i) Object.assign(i, { executedOn, executionNotes: notes ?? null });
      return state;
    }

    case 'InterventionCancelled': {
      const { interventionId, cancelledOn, reason } = event.data;
      const i = intervention(interventionId);
      if (i) Object.assign(i, { cancelledOn, cancellationReason: reason });
      return state;
    }

    case 'InterventionEffectRecorded': {
      const { interventionId, observedOn, effect, description } = event.data;
      intervention(interventionId)?.effects.push({ effect, observedOn, description: description ?? null });
      return state;
    }

    case 'SubjectDisclosed': {
      const i = intervention(event.data.interventionId);
      if (i && !i.disclosedSubjects.includes(event.data.subjectId)) i.disclosedSubjects.push(event.data.subjectId);
      return state;
    }

    case 'SubjectDisclosureRevoked': {
      const i = intervention(event.data.interventionId);
      if (i) i.disclosedSubjects = i.disclosedSubjects.filter((id) => id !== event.data.subjectId);
      return state;
    }

    case 'SubjectAdded':
      state.subjects.push(newSubject(event.data));
      return state;

    case 'ConsentRecorded': {
      const { subjectId, scope, given, recordedOn } = event.data;
      subject(subjectId)?.consents.push({ scope, given, recordedOn });
      return state;
    }

    case 'SubjectPersonalDataErased': {
      const s = subject(event.data.subjectId);
      if (s) Object.assign(s, { personalData: null, erased: true });
      return state;
    }

    // The restated texts take the place of the originals where the events are read, before they are folded.
    case 'NarrativeRedacted':
      return state;

    case 'CaseClosed': {
      const { closedOn, outcome, rationale } = event.data;
      Object.assign(state, { status: 'closed', closedOn, outcome, closeRationale: rationale });
      return state;
    }

    case 'CaseReopened': {
      const { reopenedOn, reason } = event.data;
      Object.assign(state, { status: 'in_triage', closedOn: null, outcome: null, closeRationale: null });
      state.reopenings.push({ reopenedOn, reason });
      return state;
    }

    case 'DeadlineMissed': {
      const { kind, dueOn, ref } = event.data;
      state.missedDeadlines.push({ kind, dueOn, ref });
      return state;
    }

    default:
      // Every event type is handled above; an unknown one (a newer release's) leaves the state as it is.
      return (event satisfies never) && state;
  }
}

/** Applies one event to the state of a case, purely: the state it is given is never changed. */
export const evolve = (state: CaseState, event: CaseEvent): CaseState => apply(structuredClone(state), event);

/**
 * The state after `events`, applied in order to `from` (by default: no case yet). Pure like {@link evolve} and always
 * equal to `events.reduce(evolve, from)`, but it copies `from` once instead of once per event: a case with a thousand
 * care-table meetings costs a thousand steps to fold, not half a million copied entries.
 */
export function fold(events: Iterable<CaseEvent>, from: CaseState = null): CaseState {
  let draft = structuredClone(from);
  for (const event of events) draft = apply(draft, event);
  return draft;
}
