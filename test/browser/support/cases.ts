import type { Locator, Page } from 'playwright-core';
import { ok } from '../../e2e/support/cases';
import type { ApiClient, TestApp } from '../../e2e/support/test-app';
import { daysAgo, seriousViolations } from './browser';

/** Business dates of a case driven through the API before a browser test, all in the last three weeks. */
export const CASE_DATES = {
  receivedOn: daysAgo(20),
  decidedOn: daysAgo(19),
  heldOn: daysAgo(17),
  submittedOn: daysAgo(15),
  proposalDecidedOn: daysAgo(13),
  plannedOn: daysAgo(12),
  executedOn: daysAgo(10),
  observedOn: daysAgo(8),
};

export type Stage = 'in_triage' | 'care_table_met' | 'awaiting_steering_group' | 'effect_recorded';

/** The stuurploeg members whose assents approve the standard proposal: the chair and the labour inspectorate. */
export const STEERING_APPROVAL = ['steering.de-baronie', 'steering.de-baronie.nla'];

export interface DrivenCase {
  caseId: string;
  reference: string;
  proposalId?: string;
  interventionId?: string;
}

/** Registers a signal in de-baronie and drives the case through the HTTP API, as the UI's users would have. */
export async function driveCase(t: TestApp, stage: Stage, signal: Record<string, unknown> = {}): Promise<DrivenCase> {
  const coordinator = await t.as('coordinator.de-baronie');
  const registered = ok(
    await coordinator.post('/api/signals', {
      district: 'de-baronie',
      municipality: 'breda',
      receivedOn: CASE_DATES.receivedOn,
      source: { type: 'police' },
      forms: ['labour'],
      summary: 'Werknemers van een autowasstraat slapen op het terrein en dragen hun loon af.',
      ...signal,
    }),
    201,
    'register signal',
  );
  const caseId: string = registered.body.caseId;
  const base = `/api/cases/${caseId}`;
  const step = async (client: ApiClient, path: string, body: unknown, status = 200) =>
    ok(await client.post(base + path, body), status, path).body;
  await step(coordinator, '/assign', { coordinator: 'coordinator.de-baronie' });
  const handle: DrivenCase = { caseId, reference: ok(await coordinator.get(base), 200, 'detail').body.reference };
  if (stage === 'in_triage') return handle;
  await step(coordinator, '/triage', {
    decidedOn: CASE_DATES.decidedOn,
    urgency: 'high',
    decision: 'refer_to_care_table',
    rationale: 'Signalen van uitbuiting.',
  });
  await step(coordinator, '/care-table-meetings', {
    heldOn: CASE_DATES.heldOn,
    participants: ['police_avim', 'labour_inspectorate'],
    conclusions: 'Gezamenlijke inspectie.',
  });
  if (stage === 'care_table_met') return handle;
  handle.proposalId = (
    await step(
      coordinator,
      '/proposals',
      {
        summary: 'Inspectie en opvang van de werknemers.',
        steeringSummary: 'Arbeidsinspectie bij een autowasstraat en opvang van de werknemers.',
        measures: [
          { type: 'labour_inspection', leadOrganisation: 'labour_inspectorate' },
          { type: 'shelter_placement', leadOrganisation: 'shelter:sterk-huis' },
        ],
      },
      201,
    )
  ).proposalId;
  await step(coordinator, `/proposals/${handle.proposalId}/submit`, { submittedOn: CASE_DATES.submittedOn });
  if (stage === 'awaiting_steering_group') return handle;
  // The chair (RIEC) and the labour inspectorate assent; the approval plans both measures.
  for (const member of STEERING_APPROVAL)
    await step(await t.as(member), `/proposals/${handle.proposalId}/decision`, {
      decidedOn: CASE_DATES.proposalDecidedOn,
      decision: 'approved',
    });
  handle.interventionId = ok(await coordinator.get(base), 200, 'approved').body.interventions[0].interventionId;
  await step(coordinator, `/interventions/${handle.interventionId}/execution`, { executedOn: CASE_DATES.executedOn });
  await step(coordinator, `/interventions/${handle.interventionId}/effects`, {
    observedOn: CASE_DATES.observedOn,
    effect: 'exploitation_stopped',
  });
  return handle;
}

/** Waits until every asynchronous read model has caught up with the log (`GET /api/projections`, lag 0). */
export async function projectionsCaughtUp(t: TestApp, username = 'analyst'): Promise<void> {
  const client = await t.as(username);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await client.get('/api/projections');
    if (res.status === 200 && (res.body as { lag: number }[]).every((p) => p.lag === 0)) return;
    if (Date.now() > deadline) throw new Error(`projections did not catch up: ${res.status} ${res.text}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Takes a next step on the open case page: opens the form behind the step's button, fills it with `fill`, checks the
 * filled form for serious accessibility violations, submits it and waits for `confirmation`.
 */
export async function takeNextStep(
  page: Page,
  action: string,
  fill: (form: Locator) => Promise<void>,
  confirmation: string,
): Promise<void> {
  await page
    .getByRole('region', { name: 'Volgende stappen' })
    .getByRole('button', { name: action, exact: true, expanded: false })
    .click();
  const form = page.getByRole('region', { name: action, exact: true });
  await fill(form);
  expect(await seriousViolations(page)).toEqual([]);
  await form.getByRole('button', { name: action, exact: true }).click();
  await page.getByRole('status').filter({ hasText: confirmation }).waitFor();
}
