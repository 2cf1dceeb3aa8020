import type { SealedPersonalData } from './case.events';
import type {
  BusinessDate, CaseStatus, CloseOutcome, DeadlineKind, Effect, ExploitationForm, InterventionLevel, InterventionType,
  Partner, ProposalDecision, ReopenReason, SourceType, SubjectRole, TriageDecision, Urgency, Vulnerability,
} from './enumerations';

export type ProposalStatus = 'drafted' | 'submitted' | 'approved' | 'rejected';

export interface SubjectState {
  subjectId: string;
  role: SubjectRole;
  pseudonym: string;
  personalData: SealedPersonalData | null;
  erased: boolean;
  consents: { scope: string; given: boolean; recordedOn: BusinessDate }[];
}

export interface ProposalState {
  proposalId: string;
  status: ProposalStatus;
  summary: string;
  proposedInterventions: InterventionType[];
  draftedBy: string;
  submittedBy: string | null;
  submittedOn: BusinessDate | null;
  decision: ProposalDecision | null;
  decidedOn: BusinessDate | null;
  decidedBy: string | null;
  notes: string | null;
}

export interface InterventionState {
  interventionId: string;
  type: InterventionType;
  level: InterventionLevel;
  leadPartner: Partner;
  /** Organisations taking part besides the lead (a joint control). */
  participants: Partner[];
  plannedOn: BusinessDate;
  description: string | null;
  executedOn: BusinessDate | null;
  executionNotes: string | null;
  effects: { effect: Effect; observedOn: BusinessDate; description: string | null }[];
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
  summary: string;
  coordinator: string | null;
  urgency: Urgency | null;
  triage: { decidedOn: BusinessDate; urgency: Urgency; decision: TriageDecision; rationale: string; forwardedTo: Partner | null } | null;
  subjects: SubjectState[];
  careTableMeetings: { meetingId: string; heldOn: BusinessDate; participants: Partner[]; conclusions: string; victimInformed: boolean | null }[];
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
export const CASE_STATE_VERSION = 2;

/** `null` before the first event: the case does not exist yet. */
export type CaseState = OpenCase | null;
export const initialCaseState: CaseState = null;
