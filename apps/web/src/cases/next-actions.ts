/**
 * The next steps a case's state and the user's role allow, in the order the case detail shows them as buttons.
 * The API decides in the end (authorisation policy and domain rules); this only keeps the page from offering steps
 * that would certainly be refused.
 */

export const ACTION_LABEL = {
  assign: 'Toewijzen',
  triage: 'Triage vastleggen',
  careTable: 'Zorgtafel vastleggen',
  draftProposal: 'Voorstel opstellen',
  submitProposal: 'Voorstel indienen',
  decideProposal: 'Besluit vastleggen',
  planIntervention: 'Interventie plannen',
  recordExecution: 'Uitvoering vastleggen',
  recordEffect: 'Effect vastleggen',
  close: 'Casus sluiten',
  reopen: 'Casus heropenen',
  erase: 'Persoonsgegevens wissen',
} as const;

export type CaseAction = keyof typeof ACTION_LABEL;

export interface CaseFacts {
  status: string;
  proposals?: readonly { status: string; draftedBy?: string | null; submittedBy?: string | null }[];
  interventions?: readonly { leadPartner: string; executedOn: string | null }[];
  subjects?: readonly { erased?: boolean }[];
}

export interface UserFacts {
  username: string;
  role: string;
  organisation: string | null;
}

const OPEN = ['signal_received', 'in_triage', 'at_care_table', 'awaiting_steering_group', 'in_execution'];

export function nextActions(c: CaseFacts, user: UserFacts): CaseAction[] {
  const proposals = c.proposals ?? [];
  const interventions = c.interventions ?? [];
  const is = (...statuses: string[]) => statuses.includes(c.status);
  const open = OPEN.includes(c.status);
  const actions: CaseAction[] = [];
  const add = (action: CaseAction, when: boolean) => {
    if (when) actions.push(action);
  };
  if (user.role === 'coordinator') {
    const openProposal = proposals.some((p) => p.status === 'drafted' || p.status === 'submitted');
    add('assign', is('signal_received', 'in_triage'));
    add('triage', is('in_triage'));
    add('careTable', is('at_care_table', 'in_execution'));
    add('draftProposal', is('at_care_table') && !openProposal);
    add('submitProposal', is('at_care_table') && proposals.some((p) => p.status === 'drafted'));
    add('planIntervention', is('at_care_table', 'awaiting_steering_group', 'in_execution'));
    add('recordExecution', open && interventions.some((i) => i.executedOn === null));
    add('recordEffect', interventions.some((i) => i.executedOn !== null));
    add('close', is('at_care_table', 'in_execution') && !proposals.some((p) => p.status === 'submitted'));
    add('reopen', is('closed'));
    add('erase', (c.subjects ?? []).some((s) => !s.erased));
  } else if (user.role === 'steering_group') {
    add('decideProposal', proposals.some((p) => p.status === 'submitted' && p.draftedBy !== user.username && p.submittedBy !== user.username));
  } else if (user.role === 'partner' && user.organisation) {
    const led = interventions.filter((i) => i.leadPartner === user.organisation);
    add('recordExecution', open && led.some((i) => i.executedOn === null));
    add('recordEffect', led.some((i) => i.executedOn !== null));
  }
  return actions;
}

/** Interventions the user may record the execution of (planned, not yet executed, and for a partner: led by them). */
export function interventionsToExecute<T extends { leadPartner: string; executedOn: string | null }>(interventions: readonly T[], user: UserFacts): T[] {
  return interventions.filter((i) => i.executedOn === null && (user.role !== 'partner' || i.leadPartner === user.organisation));
}

/** Interventions the user may record an effect of (executed, and for a partner: led by them). */
export function interventionsWithExecution<T extends { leadPartner: string; executedOn: string | null }>(interventions: readonly T[], user: UserFacts): T[] {
  return interventions.filter((i) => i.executedOn !== null && (user.role !== 'partner' || i.leadPartner === user.organisation));
}
