import type { ApiClient, ApiResponse, TestApp } from './test-app';

/** Business dates of the standard lifecycle, all on or before TODAY (2026-03-16). */
export const DATES = {
  receivedOn: '2026-03-02',
  decidedOn: '2026-03-03',
  heldOn: '2026-03-05',
  submittedOn: '2026-03-06',
  proposalDecidedOn: '2026-03-09',
  plannedOn: '2026-03-09',
  executedOn: '2026-03-10',
  observedOn: '2026-03-12',
  closedOn: '2026-03-13',
  reopenedOn: '2026-03-16',
} as const;

export const COORDINATOR = 'coordinator.de-baronie';
export const STEERING = 'steering.de-baronie';

/** Throws with the response when the status is not the expected one, so a failing step names itself. */
export function ok<T>(res: ApiResponse<T>, expected: number, step: string): ApiResponse<T> {
  if (res.status !== expected) throw new Error(`${step}: expected HTTP ${expected}, got ${res.status}: ${res.text}`);
  return res;
}

export interface SignalOverrides {
  district?: string;
  municipality?: string;
  receivedOn?: string;
  forms?: string[];
  vulnerabilities?: string[];
  summary?: string;
  urgency?: string;
  source?: { type: string; organisation?: string };
  subjects?: { role: string; name?: string; birthDate?: string; nationality?: string; notes?: string }[];
}

export function signalBody(overrides: SignalOverrides = {}) {
  return {
    district: 'de-baronie',
    municipality: 'breda',
    receivedOn: DATES.receivedOn,
    source: { type: 'police', organisation: 'Politie Zeeland-West-Brabant' },
    forms: ['labour'],
    vulnerabilities: ['labour_migrant'],
    summary: 'Workers at a car wash sleep on site and hand their wages to the owner.',
    subjects: [],
    ...overrides,
  };
}

export const bodies = {
  assign: (coordinator = COORDINATOR) => ({ coordinator }),
  triage: (decision = 'refer_to_care_table', extra: Record<string, unknown> = {}) => ({
    decidedOn: DATES.decidedOn,
    urgency: 'high',
    decision,
    rationale: 'Several indicators of labour exploitation.',
    ...extra,
  }),
  meeting: (extra: Record<string, unknown> = {}) => ({
    heldOn: DATES.heldOn,
    participants: ['police_avim', 'labour_inspectorate'],
    conclusions: 'Inspect the premises together.',
    victimInformed: true,
    ...extra,
  }),
  /** A v1 proposal: one labour inspection, which the labour inspectorate leads once the stuurploeg approves it. */
  proposal: () => ({
    summary: 'Joint inspection of the car wash with the labour inspectorate.',
    proposedInterventions: ['labour_inspection'],
  }),
  submit: () => ({ submittedOn: DATES.submittedOn }),
  decide: (decision = 'approved') => ({ decidedOn: DATES.proposalDecidedOn, decision, notes: 'Go ahead.' }),
  intervention: (extra: Record<string, unknown> = {}) => ({
    type: 'labour_inspection',
    leadPartner: 'labour_inspectorate',
    plannedOn: DATES.plannedOn,
    description: 'Unannounced inspection.',
    ...extra,
  }),
  execution: () => ({ executedOn: DATES.executedOn, notes: 'Inspection held; eleven workers spoken to.' }),
  effect: (effect = 'exploitation_stopped') => ({
    observedOn: DATES.observedOn,
    effect,
    description: 'The car wash stopped housing workers.',
  }),
  close: () => ({
    closedOn: DATES.closedOn,
    outcome: 'exploitation_stopped',
    rationale: 'Exploitation ended; workers in care.',
  }),
  reopen: (reason = 'new_information') => ({ reopenedOn: DATES.reopenedOn, reason }),
};

/**
 * The stuurploeg members whose assents approve the standard proposal (a labour inspection): the chair (RIEC) and the
 * labour inspectorate, competent for the labour-law measure.
 */
export const steeringApproval = (chair: string) => [chair, `${chair}.nla`];

/**
 * How far `driveCase` takes a case; each stage includes the ones before it. The approval plans the intervention, so
 * `in_execution` and `intervention_planned` are the same case.
 */
export const STAGES = [
  'signal_received',
  'in_triage',
  'at_care_table',
  'care_table_met',
  'proposal_drafted',
  'awaiting_steering_group',
  'in_execution',
  'intervention_planned',
  'intervention_executed',
  'effect_recorded',
  'closed',
  'reopened',
] as const;
export type Stage = (typeof STAGES)[number];

export interface CaseHandle {
  caseId: string;
  version: number;
  reference?: string;
  proposalId?: string;
  interventionId?: string;
  subjectIds: string[];
}

export interface DriveOptions {
  signal?: SignalOverrides;
  coordinator?: string;
  /** Decides the proposal; the steering group of the case's district by default. */
  steering?: string;
  /** The user that registers the signal; the coordinator by default. */
  registeredBy?: string;
}

/** Registers a signal and drives the case through the lifecycle up to `stage`, checking every step. */
export async function driveCase(t: TestApp, stage: Stage, options: DriveOptions = {}): Promise<CaseHandle> {
  const reached = (s: Stage) => STAGES.indexOf(stage) >= STAGES.indexOf(s);
  const coordinator = await t.as(options.coordinator ?? COORDINATOR);
  const registrar = await t.as(options.registeredBy ?? coordinator.username);
  const registered = ok(await registrar.post('/api/signals', signalBody(options.signal)), 201, 'register signal');
  const handle: CaseHandle = { caseId: registered.body.caseId, version: registered.body.version, subjectIds: [] };
  const base = `/api/cases/${handle.caseId}`;
  const step = async (client: ApiClient, path: string, body: unknown, status: number, name: string) => {
    const res = ok(await client.post(base + path, body), status, name);
    handle.version = res.body.version;
    return res;
  };
  if (reached('in_triage')) await step(coordinator, '/assign', bodies.assign(coordinator.username), 200, 'assign');
  if (reached('at_care_table')) await step(coordinator, '/triage', bodies.triage(), 200, 'triage');
  if (reached('care_table_met'))
    await step(coordinator, '/care-table-meetings', bodies.meeting(), 200, 'care table meeting');
  if (reached('proposal_drafted'))
    handle.proposalId = (
      await step(coordinator, '/proposals', bodies.proposal(), 201, 'draft proposal')
    ).body.proposalId;
  if (reached('awaiting_steering_group'))
    await step(coordinator, `/proposals/${handle.proposalId}/submit`, bodies.submit(), 200, 'submit proposal');
  if (reached('in_execution')) {
    // The stuurploeg approves together: its chair (RIEC) and the labour inspectorate, competent for the inspection.
    // The approval plans the proposal's measure, the labour inspection, as the case's intervention.
    for (const member of steeringApproval(options.steering ?? `steering.${signalBody(options.signal).district}`))
      await step(
        await t.as(member),
        `/proposals/${handle.proposalId}/decision`,
        bodies.decide(),
        200,
        `vote ${member}`,
      );
    const approved = ok(await coordinator.get(base), 200, 'case after approval').body;
    handle.version = approved.version;
    handle.interventionId = approved.interventions[0].interventionId;
  }
  if (reached('intervention_executed'))
    await step(
      coordinator,
      `/interventions/${handle.interventionId}/execution`,
      bodies.execution(),
      200,
      'record execution',
    );
  if (reached('effect_recorded'))
    await step(coordinator, `/interventions/${handle.interventionId}/effects`, bodies.effect(), 200, 'record effect');
  if (reached('closed')) await step(coordinator, '/close', bodies.close(), 200, 'close');
  if (reached('reopened')) await step(coordinator, '/reopen', bodies.reopen(), 200, 'reopen');
  return handle;
}

/** Registers a signal as `client` and returns the created case id. */
export async function registerSignal(client: ApiClient, overrides: SignalOverrides = {}): Promise<CaseHandle> {
  const res = ok(await client.post('/api/signals', signalBody(overrides)), 201, 'register signal');
  return { caseId: res.body.caseId, version: res.body.version, subjectIds: [] };
}

/** Number of events in the case's history, as the coordinator sees it. */
export async function historyLength(client: ApiClient, caseId: string): Promise<number> {
  const res = ok(await client.get(`/api/cases/${caseId}/history`), 200, 'history');
  return res.body.events.length;
}
