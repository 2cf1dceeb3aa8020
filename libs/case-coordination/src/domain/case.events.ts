import type {
  BusinessDate, CloseOutcome, DeadlineKind, Effect, ExploitationForm, InterventionLevel, InterventionType, Partner,
  ProposalDecision, ReopenReason, SourceType, SubjectRole, TriageDecision, Urgency, Vulnerability,
} from './enumerations';

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

/** Event payloads. The `type` string of each is fixed forever. */
export type CaseEvent =
  | { type: 'SignalRegistered'; data: {
      caseId: string; reference: string; district: string; municipality: string; receivedOn: BusinessDate;
      source: { type: SourceType; organisation?: string }; forms: ExploitationForm[]; vulnerabilities: Vulnerability[];
      summary: string; subjects: SubjectRecord[]; registeredBy: string; } }
  | { type: 'CoordinatorAssigned'; data: { coordinator: string; previousCoordinator?: string } }
  | { type: 'SignalTriaged'; data: { decidedOn: BusinessDate; urgency: Urgency; decision: TriageDecision; rationale: string; forwardedTo?: Partner } }
  | { type: 'CareTableMeetingRecorded'; data: { meetingId: string; heldOn: BusinessDate; participants: Partner[]; conclusions: string; victimInformed?: boolean } }
  | { type: 'ProposalDrafted'; data: { proposalId: string; summary: string; proposedInterventions: InterventionType[]; draftedBy: string } }
  | { type: 'ProposalSubmitted'; data: { proposalId: string; submittedOn: BusinessDate; submittedBy: string } }
  | { type: 'ProposalDecided'; data: { proposalId: string; decidedOn: BusinessDate; decision: ProposalDecision; notes?: string; decidedBy: string } }
  | { type: 'InterventionPlanned'; data: {
      interventionId: string; type: InterventionType; level: InterventionLevel; leadPartner: Partner;
      /** Since schema version 2; version 1 events are read with none (see `case.upcasters.ts`). */
      participants: Partner[]; plannedOn: BusinessDate; description?: string; } }
  | { type: 'InterventionExecuted'; data: { interventionId: string; executedOn: BusinessDate; notes?: string } }
  | { type: 'InterventionEffectRecorded'; data: { interventionId: string; observedOn: BusinessDate; effect: Effect; description?: string } }
  | { type: 'SubjectAdded'; data: SubjectRecord }
  | { type: 'ConsentRecorded'; data: { subjectId: string; scope: string; given: boolean; recordedOn: BusinessDate } }
  | { type: 'SubjectPersonalDataErased'; data: { subjectId: string } }
  | { type: 'CaseClosed'; data: { closedOn: BusinessDate; outcome: CloseOutcome; rationale: string } }
  | { type: 'CaseReopened'; data: { reopenedOn: BusinessDate; reason: ReopenReason } }
  | { type: 'DeadlineMissed'; data: { kind: DeadlineKind; dueOn: BusinessDate; ref: string } };

export type CaseEventType = CaseEvent['type'];
export type EventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;
export const CASE_EVENT_TYPES: readonly CaseEventType[] = [
  'SignalRegistered', 'CoordinatorAssigned', 'SignalTriaged', 'CareTableMeetingRecorded', 'ProposalDrafted',
  'ProposalSubmitted', 'ProposalDecided', 'InterventionPlanned', 'InterventionExecuted', 'InterventionEffectRecorded',
  'SubjectAdded', 'ConsentRecorded', 'SubjectPersonalDataErased', 'CaseClosed', 'CaseReopened', 'DeadlineMissed',
];
