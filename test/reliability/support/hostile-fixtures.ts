/**
 * What the input drill aims at: signed-in demo users of every role, a browser session, and cases in several
 * lifecycle states with their proposals, interventions and subjects, so that generated requests name real
 * resources and reach validation, authorisation and the domain rules instead of stopping at "not found".
 */

export const DEMO_USERS = [
  'coordinator.zeeland',
  'coordinator.de-markiezaten',
  'coordinator.de-baronie',
  'coordinator.hart-van-brabant',
  'liaison.breda',
  'partner.police-avim',
  'partner.labour-inspectorate',
  'steering.zeeland',
  'steering.de-markiezaten',
  'steering.de-baronie',
  'steering.hart-van-brabant',
  'steering2.de-baronie',
  'steering.de-baronie.nla',
  'steering.de-baronie.om',
  'partner.gemeente-breda',
  'programme.lead',
  'analyst',
  'auditor',
  'admin',
] as const;

export interface Fixtures {
  tokens: Record<string, string>;
  /** A browser session of the coordinator: its cookie (`name=value`) and CSRF token. */
  session: { cookie: string; csrfToken: string };
  /**
   * Other sign-ins of the same users, for the sign-in routes: a logout or a new sign-in revokes the token and ends the
   * session it is sent with, which would leave every later request of the drill unauthenticated.
   */
  disposable: { tokens: Record<string, string>; session: { cookie: string; csrfToken: string } };
  caseIds: string[];
  proposalIds: string[];
  interventionIds: string[];
  subjectIds: string[];
  targetIds: string[];
  /** Business dates the domain accepts: today and a few days before it. */
  dates: string[];
}

/** `YYYY-MM-DD`, `days` before today (UTC; a few days' margin keeps it valid in Amsterdam too). */
export function daysAgo(days: number, now = new Date()): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

async function call(baseUrl: string, method: string, path: string, token: string, body?: unknown): Promise<any> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`setting up the drill: ${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function demoLogin(
  baseUrl: string,
  username: string,
): Promise<{ accessToken: string; csrfToken: string; cookie: string }> {
  const res = await fetch(`${baseUrl}/api/auth/demo-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!res.ok) throw new Error(`demo login as ${username} answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { accessToken: string; csrfToken: string };
  const cookie =
    (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).find((c) => c.includes('session')) ?? '';
  return { ...body, cookie };
}

export async function prepareFixtures(baseUrl: string): Promise<Fixtures> {
  const tokens: Record<string, string> = {};
  let session = { cookie: '', csrfToken: '' };
  for (const username of DEMO_USERS) {
    const login = await demoLogin(baseUrl, username);
    tokens[username] = login.accessToken;
    if (username === 'coordinator.de-baronie') session = { cookie: login.cookie, csrfToken: login.csrfToken };
  }
  const disposable = { tokens: {} as Record<string, string>, session: { cookie: '', csrfToken: '' } };
  for (const username of DEMO_USERS) {
    const login = await demoLogin(baseUrl, username);
    disposable.tokens[username] = login.accessToken;
    if (username === 'coordinator.de-baronie')
      disposable.session = { cookie: login.cookie, csrfToken: login.csrfToken };
  }
  const dates = [daysAgo(2), daysAgo(3), daysAgo(5), daysAgo(8), daysAgo(12)];
  const [d1, d2, d3, d4, d5] = [...dates].reverse();
  const coordinator = tokens['coordinator.de-baronie'];
  const steering = tokens['steering.de-baronie'];
  const fixtures: Fixtures = {
    tokens,
    session,
    disposable,
    caseIds: [],
    proposalIds: [],
    interventionIds: [],
    subjectIds: [],
    targetIds: [],
    dates,
  };
  const signal = (district = 'de-baronie', municipality = 'breda') => ({
    district,
    municipality,
    receivedOn: d1,
    source: { type: 'police', organisation: 'Politie' },
    forms: ['labour'],
    vulnerabilities: ['labour_migrant'],
    summary: 'Workers sleep at the car wash.',
    subjects: [{ role: 'victim', name: 'Test Person', birthDate: '1990-01-01', nationality: 'RO' }],
  });

  // One case per stage: registered, assigned, at the care table with a proposal, before the stuurploeg with one assent,
  // in execution, with an effect, closed.
  const stages = 7;
  for (let stage = 0; stage < stages; stage++) {
    const { caseId } = await call(baseUrl, 'POST', '/api/signals', coordinator, signal());
    fixtures.caseIds.push(caseId);
    const at = `/api/cases/${caseId}`;
    fixtures.subjectIds.push(
      (await call(baseUrl, 'POST', `${at}/subjects`, coordinator, { role: 'suspect', name: 'Other Person' })).subjectId,
    );
    if (stage < 1) continue;
    await call(baseUrl, 'POST', `${at}/assign`, coordinator, { coordinator: 'coordinator.de-baronie' });
    if (stage < 2) continue;
    await call(baseUrl, 'POST', `${at}/triage`, coordinator, {
      decidedOn: d2,
      urgency: 'high',
      decision: 'refer_to_care_table',
      rationale: 'Indicators.',
    });
    await call(baseUrl, 'POST', `${at}/care-table-meetings`, coordinator, {
      heldOn: d3,
      participants: ['police_avim', 'labour_inspectorate'],
      conclusions: 'Inspect.',
      victimInformed: true,
    });
    const { proposalId } = await call(baseUrl, 'POST', `${at}/proposals`, coordinator, {
      summary: 'Inspection.',
      steeringSummary: 'Inspection of a car wash.',
      measures: [{ type: 'labour_inspection', leadOrganisation: 'labour_inspectorate' }],
    });
    fixtures.proposalIds.push(proposalId);
    if (stage < 3) continue;
    await call(baseUrl, 'POST', `${at}/proposals/${proposalId}/submit`, coordinator, { submittedOn: d3 });
    await call(baseUrl, 'POST', `${at}/proposals/${proposalId}/decision`, steering, {
      decidedOn: d4,
      decision: 'approved',
    });
    if (stage < 4) continue;
    // The labour inspectorate's assent approves it, and the approval plans the inspection.
    const approval = await call(
      baseUrl,
      'POST',
      `${at}/proposals/${proposalId}/decision`,
      tokens['steering.de-baronie.nla'],
      {
        decidedOn: d4,
        decision: 'approved',
        evaluateOn: daysAgo(-30),
      },
    );
    const [interventionId] = approval.interventionIds as string[];
    fixtures.interventionIds.push(interventionId);
    if (stage < 5) continue;
    await call(baseUrl, 'POST', `${at}/interventions/${interventionId}/execution`, coordinator, {
      executedOn: d4,
      notes: 'Done.',
    });
    await call(baseUrl, 'POST', `${at}/interventions/${interventionId}/effects`, coordinator, {
      observedOn: d5,
      effect: 'exploitation_stopped',
    });
    if (stage < 6) continue;
    await call(baseUrl, 'POST', `${at}/close`, coordinator, {
      closedOn: d5,
      outcome: 'exploitation_stopped',
      rationale: 'Ended.',
    });
  }
  // A case in another district: out of scope for the de-baronie users.
  fixtures.caseIds.push(
    (await call(baseUrl, 'POST', '/api/signals', tokens['coordinator.zeeland'], signal('zeeland', 'vlissingen')))
      .caseId,
  );

  const targets = (await call(baseUrl, 'GET', '/api/admin/targets', tokens.admin)) as
    { items?: { id: string }[] } | { id: string }[];
  const list = Array.isArray(targets) ? targets : (targets.items ?? []);
  fixtures.targetIds = list.map((t) => t.id).slice(0, 5);
  return fixtures;
}
