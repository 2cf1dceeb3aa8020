import type { Actor } from './actor';

/** What an actor may want to do with a case. Commands use their domain command type. */
export type CaseAction =
  | 'read'
  | 'read_history'
  | 'RegisterSignal'
  | 'AssignCoordinator'
  | 'Triage'
  | 'RecordCareTableMeeting'
  | 'DraftProposal'
  | 'SubmitProposal'
  | 'DecideProposal'
  | 'PlanIntervention'
  | 'RecordInterventionExecuted'
  | 'RecordInterventionEffect'
  | 'AddSubject'
  | 'RecordConsent'
  | 'EraseSubjectPersonalData'
  | 'CloseCase'
  | 'ReopenCase'
  | 'RecordDeadlineMissed';

/** The facts about a case that access depends on. */
export interface CaseResource {
  district: string;
  municipality: string;
  registeredBy: string;
  /** Partner organisations that took part in a care table of the case. */
  careTableParticipants: readonly string[];
  /** Lead partner per intervention. */
  interventionLeads: readonly { interventionId: string; leadPartner: string }[];
  /** For intervention commands: the intervention acted on. */
  interventionId?: string;
}

/** `not_found`: the case is outside the actor's scope, so its existence is not revealed (HTTP 404). */
export type Decision = 'allow' | 'deny' | 'not_found';

/** How much of a case an actor sees. */
export type CaseView = 'full' | 'pseudonymised' | 'status';

const COORDINATOR_COMMANDS: ReadonlySet<CaseAction> = new Set<CaseAction>([
  'AssignCoordinator', 'Triage', 'RecordCareTableMeeting', 'DraftProposal', 'SubmitProposal', 'PlanIntervention',
  'RecordInterventionExecuted', 'RecordInterventionEffect', 'AddSubject', 'RecordConsent', 'EraseSubjectPersonalData',
  'CloseCase', 'ReopenCase',
]);

/** Whether the actor may see the case at all. */
export function caseInScope(actor: Actor, c: CaseResource): boolean {
  switch (actor.role) {
    case 'coordinator':
    case 'steering_group':
      return actor.districts.includes(c.district);
    case 'liaison':
      return c.registeredBy === actor.username;
    case 'partner':
      return actor.organisation !== null && (
        c.careTableParticipants.includes(actor.organisation) ||
        c.interventionLeads.some((i) => i.leadPartner === actor.organisation));
    case 'auditor':
    case 'system':
      return true;
    case 'analyst':
    case 'admin':
      return false;
  }
}

/** What the actor sees of a case in scope. */
export function caseView(actor: Actor): CaseView {
  switch (actor.role) {
    case 'coordinator':
    case 'auditor':
    case 'system':
      return 'full';
    case 'liaison':
      return 'status';
    default:
      return 'pseudonymised';
  }
}

/** Roles that may never touch case content answer 403 whatever the case. */
function roleMayTouchCases(actor: Actor): boolean {
  return actor.role !== 'analyst' && actor.role !== 'admin';
}

/**
 * The one authorisation rule for cases: `(actor, action, case)` → allow, deny (403) or not_found (404).
 * `RegisterSignal` has no case yet: pass the case that would be created.
 */
export function authorizeCase(actor: Actor, action: CaseAction, c: CaseResource): Decision {
  if (!roleMayTouchCases(actor)) return 'deny';
  if (action === 'RegisterSignal') {
    if (actor.role === 'coordinator') return actor.districts.includes(c.district) ? 'allow' : 'deny';
    if (actor.role === 'liaison') return actor.municipality === c.municipality ? 'allow' : 'deny';
    return 'deny';
  }
  if (!caseInScope(actor, c)) return 'not_found';
  switch (actor.role) {
    case 'coordinator':
      return action === 'read' || action === 'read_history' || COORDINATOR_COMMANDS.has(action) ? 'allow' : 'deny';
    case 'steering_group':
      return action === 'read' || action === 'read_history' || action === 'DecideProposal' ? 'allow' : 'deny';
    case 'liaison':
      return action === 'read' ? 'allow' : 'deny';
    case 'partner':
      if (action === 'read' || action === 'read_history') return 'allow';
      if (action === 'RecordInterventionExecuted' || action === 'RecordInterventionEffect') {
        const lead = c.interventionLeads.find((i) => i.interventionId === c.interventionId)?.leadPartner;
        return lead !== undefined && lead === actor.organisation ? 'allow' : 'deny';
      }
      return 'deny';
    case 'auditor':
      return action === 'read' || action === 'read_history' ? 'allow' : 'deny';
    case 'system':
      return action === 'RecordDeadlineMissed' || action === 'EraseSubjectPersonalData' ? 'allow' : 'deny';
    default:
      return 'deny';
  }
}

/** Whether the role may read case lists at all (403 otherwise). */
export function mayListCases(actor: Actor): boolean {
  return roleMayTouchCases(actor) && actor.role !== 'system';
}
