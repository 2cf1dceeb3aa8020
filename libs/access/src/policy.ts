import type { Actor, Role } from './actor';

/**
 * Who may take each action on a case in their scope (DOMAIN.md, "Roles and what each may see and do"). Reads have
 * names of their own; a command is named by its domain command type, so a new command is one line here.
 */
const ROLES_BY_ACTION = {
  read: ['coordinator', 'steering_group', 'liaison', 'partner', 'auditor'],
  read_history: ['coordinator', 'steering_group', 'partner', 'auditor'],
  time_travel: ['coordinator', 'steering_group', 'partner', 'auditor'],
  RegisterSignal: ['coordinator', 'liaison', 'partner'],
  AssignCoordinator: ['coordinator'],
  ReclassifyCase: ['coordinator'],
  LinkCase: ['coordinator'],
  Triage: ['coordinator'],
  RecordForwardFeedback: ['coordinator', 'partner'],
  RecordCareTableMeeting: ['coordinator'],
  CompleteActionPoint: ['coordinator', 'partner'],
  DraftProposal: ['coordinator'],
  SubmitProposal: ['coordinator'],
  WithdrawProposal: ['coordinator'],
  ReviseProposal: ['coordinator'],
  EvaluateProposal: ['coordinator'],
  DecideProposal: ['steering_group'],
  PlanIntervention: ['coordinator'],
  RecordInterventionExecuted: ['coordinator', 'partner'],
  RecordInterventionEffect: ['coordinator', 'partner'],
  CancelIntervention: ['coordinator'],
  DiscloseSubject: ['coordinator'],
  RevokeDisclosure: ['coordinator'],
  AddSubject: ['coordinator'],
  RecordConsent: ['coordinator'],
  EraseSubjectPersonalData: ['coordinator', 'system'],
  CloseCase: ['coordinator'],
  ReopenCase: ['coordinator'],
  RecordDeadlineMissed: ['system'],
} as const satisfies Record<string, readonly Role[]>;

/** What an actor may want to do with a case. Commands use their domain command type. */
export type CaseAction = keyof typeof ROLES_BY_ACTION;

export const CASE_ACTIONS = Object.keys(ROLES_BY_ACTION) as CaseAction[];

/** The facts about a case that access depends on. */
export interface CaseResource {
  district: string;
  municipality: string;
  registeredBy: string;
  /**
   * Organisations involved in the case by their own work: leading or taking part in one of its interventions, owning
   * one of its action points, or the one the case was forwarded to. A partner sees the case while its organisation is
   * among them.
   */
  involvedOrganisations: readonly string[];
  /** Per intervention its lead organisation and the organisations taking part. */
  interventions: readonly { interventionId: string; leadOrganisation: string; participants: readonly string[] }[];
  /** Whether a proposal of the case was submitted to the stuurploeg (and so is before it, or decided by it). */
  forSteeringGroup: boolean;
  /** Per action point the organisation whose work it is, and the person owning it, if one does. */
  actionPoints?: readonly { actionPointId: string; ownerOrganisation: string | null; ownerUsername: string | null }[];
  /** The organisation the case is forwarded to now, awaiting or after its feedback. */
  forwardedTo?: string | null;
  /** For intervention commands: the intervention acted on. */
  interventionId?: string;
  /** For action point commands: the action point acted on. */
  actionPointId?: string;
}

/** `not_found`: the case (or the intervention named) is outside the actor's scope, so its existence is not revealed (HTTP 404). */
export type Decision = 'allow' | 'deny' | 'not_found';

/**
 * How much of a case an actor sees: `full` (personal data and narrative), `steering` (the header, the proposals put to
 * the stuurploeg, pseudonyms), `partner` (the header, the organisation's own interventions, pseudonyms unless
 * disclosed to one of them), `status` (where a signal one registered stands).
 */
export type CaseView = 'full' | 'partner' | 'steering' | 'status';

/**
 * Which cases an actor sees, as data: {@link caseInScope} evaluates it on one case, and the case list turns it into
 * SQL, so that both follow the same rule.
 */
export type CaseScope =
  | { kind: 'everything' }
  | { kind: 'nothing' }
  | { kind: 'districts'; districts: readonly string[] }
  /** The cases of the districts that have a proposal submitted to the stuurploeg, or decided by it. */
  | { kind: 'steering'; districts: readonly string[] }
  | { kind: 'registered_by'; username: string }
  /** The cases the organisation is involved in, and the signals the user registered. */
  | { kind: 'partner'; organisation: string | null; username: string };

const INTERVENTION_ACTIONS: ReadonlySet<CaseAction> = new Set<CaseAction>([
  'RecordInterventionExecuted',
  'RecordInterventionEffect',
]);

export function caseScopeOf(actor: Actor): CaseScope {
  switch (actor.role) {
    case 'coordinator':
      return { kind: 'districts', districts: actor.districts };
    case 'steering_group':
      return { kind: 'steering', districts: actor.districts };
    case 'liaison':
      return { kind: 'registered_by', username: actor.username };
    case 'partner':
      return { kind: 'partner', organisation: actor.organisation, username: actor.username };
    case 'auditor':
    case 'system':
      return { kind: 'everything' };
    case 'analyst':
    case 'programme_lead':
    case 'admin':
      return { kind: 'nothing' };
  }
}

/** Whether the partner's organisation is involved in the case by its work. */
const involves = (c: Pick<CaseResource, 'involvedOrganisations'>, organisation: string | null) =>
  organisation !== null && c.involvedOrganisations.includes(organisation);

/** Whether the actor may see the case at all. */
export function caseInScope(actor: Actor, c: CaseResource): boolean {
  const scope = caseScopeOf(actor);
  switch (scope.kind) {
    case 'everything':
      return true;
    case 'nothing':
      return false;
    case 'districts':
      return scope.districts.includes(c.district);
    case 'steering':
      return scope.districts.includes(c.district) && c.forSteeringGroup;
    case 'registered_by':
      return c.registeredBy === scope.username;
    case 'partner':
      return involves(c, scope.organisation) || c.registeredBy === scope.username;
  }
}

/**
 * What the actor sees of a case in scope: personal data and narrative only with need-to-know. A partner sees its
 * organisation's work on a case it is involved in, and only the status of a signal it registered otherwise.
 */
export function caseView(actor: Actor, c: Pick<CaseResource, 'involvedOrganisations'>): CaseView {
  switch (actor.role) {
    case 'coordinator':
    case 'auditor':
    case 'system':
      return 'full';
    case 'steering_group':
      return 'steering';
    case 'partner':
      return involves(c, actor.organisation) ? 'partner' : 'status';
    default:
      return 'status';
  }
}

/** Roles that may never touch case content answer 403 whatever the case. */
function roleMayTouchCases(actor: Actor): boolean {
  return actor.role !== 'analyst' && actor.role !== 'programme_lead' && actor.role !== 'admin';
}

/**
 * The one authorisation rule for cases: `(actor, action, case)` → allow, deny (403) or not_found (404).
 * - Analysts, the programme lead and admins never touch case content: `deny` whatever the case. For every other role scope comes first:
 *   a case out of scope is `not_found` whatever the action, so a 403 never confirms that a case exists.
 * - `RegisterSignal` has no case yet: pass the case that would be created; coordinators register in their districts,
 *   liaisons in their municipality, partners anywhere.
 * - Partners record execution and effects only of interventions they lead; an intervention that is not part of the
 *   case is `not_found`, one led by another partner `deny`. They complete only action points of their organisation
 *   (or their own), and record feedback only on a case forwarded to their organisation.
 */
export function authorizeCase(actor: Actor, action: CaseAction, c: CaseResource): Decision {
  if (!roleMayTouchCases(actor)) return 'deny';
  if (action === 'RegisterSignal') {
    if (actor.role === 'coordinator') return actor.districts.includes(c.district) ? 'allow' : 'deny';
    if (actor.role === 'liaison') return actor.municipality === c.municipality ? 'allow' : 'deny';
    // Partners are the region's main sources: they register signals of any district.
    if (actor.role === 'partner') return 'allow';
    return 'deny';
  }
  // A role that may never do this hears so whatever the case: the answer says nothing about the case.
  if (!(ROLES_BY_ACTION[action] as readonly Role[]).includes(actor.role)) return 'deny';
  if (!caseInScope(actor, c)) return 'not_found';
  // A partner whose own signal is all it has of a case may read its status, nothing more.
  if (actor.role === 'partner' && action !== 'read' && !involves(c, actor.organisation)) return 'not_found';
  if (actor.role === 'partner' && INTERVENTION_ACTIONS.has(action)) {
    const intervention = c.interventions.find((i) => i.interventionId === c.interventionId);
    if (!intervention) return 'not_found';
    return intervention.leadOrganisation === actor.organisation ? 'allow' : 'deny';
  }
  if (actor.role === 'partner' && action === 'CompleteActionPoint') {
    const point = c.actionPoints?.find((a) => a.actionPointId === c.actionPointId);
    if (!point) return 'not_found';
    const mine = point.ownerUsername === actor.username || point.ownerOrganisation === actor.organisation;
    return mine ? 'allow' : 'deny';
  }
  if (actor.role === 'partner' && action === 'RecordForwardFeedback') {
    return c.forwardedTo === actor.organisation ? 'allow' : 'deny';
  }
  return 'allow';
}

/** Whether the role may read case lists at all (403 otherwise). */
export function mayListCases(actor: Actor): boolean {
  return roleMayTouchCases(actor) && actor.role !== 'system';
}

export type AuditAction = 'verify_chain' | 'read_access_log' | 'read_dossier' | 'seal_log';

/**
 * Chain verification and the access log are for auditors only; everyone else gets 403 whatever the case. Sealing the
 * log (and reading the latest seal) is for auditors and administrators: it shows no case content.
 */
export function authorizeAudit(actor: Actor, action: AuditAction): 'allow' | 'deny' {
  if (action === 'seal_log') return actor.role === 'auditor' || actor.role === 'admin' ? 'allow' : 'deny';
  return actor.role === 'auditor' ? 'allow' : 'deny';
}
