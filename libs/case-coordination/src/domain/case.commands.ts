import type { SealedPersonalData, SubjectRecord } from './case.events';
import type {
  BusinessDate, CloseOutcome, DeadlineKind, Effect, ExploitationForm, InterventionType, Partner, ProposalDecision,
  ReopenReason, SourceType, SubjectRole, TriageDecision, Urgency, Vulnerability,
} from './enumerations';

/**
 * What every command carries besides its own fields: who acts and today's business date
 * (Europe/Amsterdam), both supplied by the caller so that `decide` stays pure.
 */
export interface CommandContext {
  actor: string;
  today: BusinessDate;
}

export type CaseCommand = CommandContext & (
  | { type: 'RegisterSignal'; caseId: string; reference: string; district: string; municipality: string;
      /** Municipality slugs of `district`, from the reference data. */
      districtMunicipalities: readonly string[];
      receivedOn: BusinessDate; source: { type: SourceType; organisation?: string }; forms: ExploitationForm[];
      vulnerabilities: Vulnerability[]; summary: string; subjects: SubjectRecord[] }
  | { type: 'AssignCoordinator'; coordinator: string;
      /** Districts the coordinator serves, from the user directory (empty when the user is no coordinator). */
      coordinatorDistricts: readonly string[] }
  | { type: 'Triage'; decidedOn: BusinessDate; urgency: Urgency; decision: TriageDecision; rationale: string; forwardedTo?: Partner }
  | { type: 'RecordCareTableMeeting'; meetingId: string; heldOn: BusinessDate; participants: Partner[]; conclusions: string; victimInformed?: boolean }
  | { type: 'DraftProposal'; proposalId: string; summary: string; proposedInterventions: InterventionType[] }
  | { type: 'SubmitProposal'; proposalId: string; submittedOn: BusinessDate }
  | { type: 'DecideProposal'; proposalId: string; decidedOn: BusinessDate; decision: ProposalDecision; notes?: string }
  | { type: 'PlanIntervention'; interventionId: string; interventionType: InterventionType; leadPartner: Partner; participants?: Partner[]; plannedOn: BusinessDate; description?: string }
  | { type: 'RecordInterventionExecuted'; interventionId: string; executedOn: BusinessDate; notes?: string }
  | { type: 'RecordInterventionEffect'; interventionId: string; observedOn: BusinessDate; effect: Effect; description?: string }
  | { type: 'AddSubject'; subjectId: string; role: SubjectRole; pseudonym: string; personalData: SealedPersonalData | null }
  | { type: 'RecordConsent'; subjectId: string; scope: string; given: boolean; recordedOn: BusinessDate }
  | { type: 'EraseSubjectPersonalData'; subjectId: string }
  | { type: 'CloseCase'; closedOn: BusinessDate; outcome: CloseOutcome; rationale: string }
  | { type: 'ReopenCase'; reopenedOn: BusinessDate; reason: ReopenReason }
  | { type: 'RecordDeadlineMissed'; kind: DeadlineKind; dueOn: BusinessDate; ref: string }
);

export type CaseCommandType = CaseCommand['type'];
export type CommandOf<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>;
