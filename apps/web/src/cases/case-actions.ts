import type { CaseDetail } from '../api/client';

/**
 * The buttons of a case. The API says which actions the user may take now (`allowedActions`, on the case and on each
 * proposal, intervention and subject: the domain's rules and the access policy together); the page shows a button
 * for each one it has a form for, in this order, and asks nothing of its own.
 */
export const ACTION_LABEL = {
  AssignCoordinator: 'Toewijzen',
  Triage: 'Triage vastleggen',
  RecordCareTableMeeting: 'Zorgtafel vastleggen',
  DraftProposal: 'Voorstel opstellen',
  SubmitProposal: 'Voorstel indienen',
  DecideProposal: 'Besluit vastleggen',
  PlanIntervention: 'Interventie plannen',
  RecordInterventionExecuted: 'Uitvoering vastleggen',
  RecordInterventionEffect: 'Effect vastleggen',
  CloseCase: 'Casus sluiten',
  ReopenCase: 'Casus heropenen',
  EraseSubjectPersonalData: 'Persoonsgegevens wissen',
} as const;

export type CaseAction = keyof typeof ACTION_LABEL;

interface Actionable {
  allowedActions?: readonly string[];
}

/** The actions with a form that the API allows on the case or on any of its parts, in button order. */
export function offeredActions(c: CaseDetail): CaseAction[] {
  const parts: Actionable[] = [c, ...(c.proposals ?? []), ...(c.interventions ?? []), ...(c.subjects ?? [])];
  const allowed = new Set(parts.flatMap((p) => p.allowedActions ?? []));
  return (Object.keys(ACTION_LABEL) as CaseAction[]).filter((action) => allowed.has(action));
}

/** The proposals, interventions or subjects the API allows `action` on. */
export function partsAllowing<T extends Actionable>(parts: readonly T[] | undefined, action: CaseAction): T[] {
  return (parts ?? []).filter((p) => p.allowedActions?.includes(action));
}
