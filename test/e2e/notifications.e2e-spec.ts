import { findDemoUser } from '@baken/access';
import { DeadlineSweeper } from '@baken/case-coordination';
import { NotificationInbox } from '@baken/notifications';
import { bodies, COORDINATOR, driveCase, ok, registerSignal, STEERING, type CaseHandle } from './support/cases';
import { queryDatabase } from './support/database';
import { expectProblem } from './support/problems';
import { useTestApp, type ApiClient } from './support/test-app';

interface Notification {
  id: string;
  at: string;
  kind: string;
  caseId: string | null;
  reference: string;
  text: string;
  read: boolean;
}

async function waitFor(check: () => Promise<boolean>, message: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${message} (waited ${timeoutMs} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * `GET /api/me/notifications` and marking read, and the administrators' webhooks, on the embedded set-up without
 * Redis: escalations run in-process. Today is Monday 16 March 2026.
 */
describe('notifications', () => {
  const app = useTestApp({ env: { BAKEN_RUN_WORKERS: 'true', BAKEN_SUBSCRIPTION_POLL_MS: '100' } });
  let coordinator: ApiClient;
  let police: ApiClient;
  const cases: Record<'untriaged' | 'forwarded' | 'toRiec' | 'awaiting', CaseHandle> = {} as never;

  const inboxOf = async (client: ApiClient, query = '') =>
    ok(await client.get(`/api/me/notifications${query}`), 200, `notifications of ${client.username}`).body as {
      items: Notification[];
      unread: number;
      nextBefore: string | null;
    };
  const aboutCase = async (client: ApiClient, handle: CaseHandle) =>
    (await inboxOf(client, '?limit=100')).items.filter((n) => n.caseId === handle.caseId);
  const referenceOf = async (handle: CaseHandle) =>
    ok(await coordinator.get(`/api/cases/${handle.caseId}`), 200, 'case').body.reference as string;

  beforeAll(async () => {
    coordinator = await app().as(COORDINATOR);
    police = await app().as('partner.police-avim');
    cases.untriaged = await registerSignal(coordinator, { receivedOn: '2026-03-02' });
    // Two more missed triages, so the coordinator has pages to turn.
    for (const receivedOn of ['2026-03-02', '2026-03-03']) await registerSignal(coordinator, { receivedOn });
    cases.forwarded = await registerSignal(coordinator, { receivedOn: '2026-03-12' });
    ok(await coordinator.post(`/api/cases/${cases.forwarded.caseId}/assign`, bodies.assign()), 200, 'assign');
    ok(
      await coordinator.post(
        `/api/cases/${cases.forwarded.caseId}/triage`,
        bodies.triage('forward', { forwardedTo: 'police_avim', decidedOn: '2026-03-13' }),
      ),
      200,
      'forward',
    );
    cases.toRiec = await registerSignal(coordinator, { receivedOn: '2026-03-12' });
    ok(await coordinator.post(`/api/cases/${cases.toRiec.caseId}/assign`, bodies.assign()), 200, 'assign');
    ok(
      await coordinator.post(
        `/api/cases/${cases.toRiec.caseId}/triage`,
        bodies.triage('forward', { forwardedTo: 'riec', decidedOn: '2026-03-13' }),
      ),
      200,
      'forward to the RIEC',
    );
    cases.awaiting = await driveCase(app(), 'awaiting_steering_group');
    await waitFor(async () => (await inboxOf(coordinator)).items.length >= 3, 'the missed triages reached nobody');
    await waitFor(
      async () => (await aboutCase(await app().as(STEERING), cases.awaiting)).length > 0,
      'the proposal did not reach the stuurploeg',
    );
  }, 90_000);

  it("tells every coordinator of the district of a missed triage on an unassigned case, in Dutch, and nobody else's", async () => {
    const reference = await referenceOf(cases.untriaged);
    expect(await aboutCase(coordinator, cases.untriaged)).toEqual([
      {
        id: expect.any(String),
        at: expect.any(String),
        kind: 'deadline_missed',
        caseId: cases.untriaged.caseId,
        reference,
        text: `Termijn verstreken: triage van casus ${reference} (uiterlijk 9 maart 2026)`,
        read: false,
      },
    ]);
    expect(await aboutCase(await app().as('coordinator.zeeland'), cases.untriaged)).toEqual([]);
  });

  it('tells the organisation a case is forwarded to, and no other partner', async () => {
    const reference = await referenceOf(cases.forwarded);
    expect(await aboutCase(police, cases.forwarded)).toEqual([
      expect.objectContaining({
        kind: 'case_forwarded',
        text: `Casus ${reference} is naar uw organisatie doorverwezen`,
      }),
    ]);
    expect(await aboutCase(await app().as('partner.labour-inspectorate'), cases.forwarded)).toEqual([]);
  });

  it("tells the district's steering group of a proposal put to it, not another district's", async () => {
    for (const member of [STEERING, `${STEERING}.om`])
      expect(await aboutCase(await app().as(member), cases.awaiting)).toEqual([
        expect.objectContaining({ kind: 'proposal_submitted' }),
      ]);
    expect(await aboutCase(await app().as('steering.zeeland'), cases.awaiting)).toEqual([]);
  });

  it.each(['analyst', 'admin', 'auditor', 'liaison.breda'])(
    'gives %s, who is handed no work, an empty list',
    async (username) => {
      expect(await inboxOf(await app().as(username))).toEqual({ items: [], unread: 0, nextBefore: null });
    },
  );

  it('tells the programme lead, and only the programme lead, about actions past their due moment and turned red', async () => {
    const lead = await app().as('programme.lead');
    // Today (16 March 2026) every action due in 2022 has passed its due moment without "done": the process that runs
    // the background work recorded that once at its start.
    await waitFor(
      async () => (await inboxOf(lead, '?limit=100')).items.some((n) => n.kind === 'programme_action_overdue'),
      'the programme lead is told about overdue actions',
    );
    const overdue = (await inboxOf(lead, '?limit=100')).items.filter((n) => n.kind === 'programme_action_overdue');
    expect(overdue.find((n) => n.reference === 'A1.2')).toMatchObject({
      caseId: null,
      text: 'Actie A1.2 van het actieprogramma is niet afgerond binnen de geplande termijn (uiterlijk 30 juni 2022)',
      read: false,
    });
    const marks = await queryDatabase<{ n: string }>(
      app().database.url,
      `SELECT count(*)::text AS n FROM es_events WHERE event_type = 'ProgrammeActionOverdue' AND data->>'actionId' = 'A1.2'`,
    );
    expect(marks[0].n).toBe('1');

    const update = (status: string) =>
      lead.post('/api/programme/actions/A2.1/updates', { on: '2026-03-16', status, note: `Stand: ${status}` });
    ok(await update('orange'), 201, 'orange');
    ok(await update('red'), 201, 'red');
    ok(await update('red'), 201, 'still red');
    await waitFor(
      async () => (await inboxOf(lead, '?limit=100')).items.some((n) => n.kind === 'programme_action_red'),
      'the programme lead is told about the red action',
    );
    const red = (await inboxOf(lead, '?limit=100')).items.filter((n) => n.kind === 'programme_action_red');
    expect(red).toEqual([
      expect.objectContaining({
        caseId: null,
        reference: 'A2.1',
        text: 'Actie A2.1 van het actieprogramma staat op rood (voortgang van 16 maart 2026)',
      }),
    ]);
    expect((await inboxOf(coordinator, '?limit=100')).items.filter((n) => n.kind.startsWith('programme_'))).toEqual([]);
    expect((await inboxOf(await app().as('admin'))).items).toEqual([]);
  });

  it('shows nothing of a case outside the reader’s scope, even when the notice is addressed to their organisation', async () => {
    // The case is forwarded to the RIEC, which the stuurploeg's chair acts for; the stuurploeg sees only cases with a
    // proposal put to it, so the chair does not see this one.
    const riecCase = (
      await queryDatabase<{ n: string }>(
        app().database.url,
        `SELECT count(*)::text AS n FROM notifications WHERE case_id = $1 AND recipient_organisation = 'riec'`,
        [cases.toRiec.caseId],
      )
    )[0].n;
    expect(riecCase).toBe('1');
    expect(await aboutCase(await app().as(STEERING), cases.toRiec)).toEqual([]);
  });

  it('answers 401 without a sign-in, and 400 for a page it cannot read', async () => {
    expectProblem(await app().request('GET', '/api/me/notifications'), 401);
    expectProblem(await app().request('POST', '/api/me/notifications/read'), 401);
    expectProblem(await coordinator.get('/api/me/notifications?limit=0'), 400, 'limit');
    expectProblem(await coordinator.get('/api/me/notifications?limit=101'), 400, 'limit');
    expectProblem(await coordinator.get('/api/me/notifications?before=yesterday'), 400, 'before');
  });

  it('pages newest first with limit and before', async () => {
    const all = (await inboxOf(coordinator, '?limit=100')).items;
    expect(all.length).toBeGreaterThanOrEqual(3);
    const sorted = [...all].sort((a, b) => b.at.localeCompare(a.at));
    expect(all.map((n) => n.at)).toEqual(sorted.map((n) => n.at));
    const first = await inboxOf(coordinator, '?limit=1');
    expect(first.items).toEqual([all[0]]);
    expect(first.nextBefore).toBe(all[0].id);
    const second = await inboxOf(coordinator, `?limit=1&before=${first.nextBefore}`);
    expect(second.items).toEqual([all[1]]);
    const last = await inboxOf(coordinator, `?limit=100&before=${all[all.length - 2].id}`);
    expect(last).toEqual({ items: [all[all.length - 1]], unread: expect.any(Number), nextBefore: null });
  });

  it("marks one notification read for its reader only, and 404s anyone else's", async () => {
    const [notice] = await aboutCase(police, cases.forwarded);
    const before = (await inboxOf(police)).unread;
    const marked = ok(await police.post(`/api/me/notifications/${notice.id}/read`), 200, 'mark read');
    expect(marked.body).toEqual({ unread: before - 1 });
    expect((await aboutCase(police, cases.forwarded))[0].read).toBe(true);
    // Again: no change.
    expect(ok(await police.post(`/api/me/notifications/${notice.id}/read`), 200, 'again').body).toEqual({
      unread: before - 1,
    });

    expectProblem(await coordinator.post(`/api/me/notifications/${notice.id}/read`), 404);
    expectProblem(await (await app().as('analyst')).post(`/api/me/notifications/${notice.id}/read`), 404);
    expectProblem(await police.post('/api/me/notifications/00000000-0000-4000-8000-000000000000/read'), 404);
    expectProblem(await police.post('/api/me/notifications/not-an-id/read'), 404);
  });

  it('marks every notification of the reader read, and nobody else’s', async () => {
    const steering = await app().as(STEERING);
    const steeringUnread = (await inboxOf(steering)).unread;
    expect((await inboxOf(coordinator)).unread).toBeGreaterThan(0);
    expect(ok(await coordinator.post('/api/me/notifications/read'), 200, 'mark all read').body).toEqual({ unread: 0 });
    expect((await inboxOf(coordinator, '?limit=100')).items.every((n) => n.read)).toBe(true);
    expect((await inboxOf(steering)).unread).toBe(steeringUnread);
  });

  it('hides a notification once its case is out of the reader’s scope: the forwarding declined and the case triaged anew', async () => {
    expect(await aboutCase(police, cases.forwarded)).toHaveLength(1);
    ok(
      await police.post(`/api/cases/${cases.forwarded.caseId}/forward-feedback`, {
        receivedOn: '2026-03-16',
        feedback: 'declined',
      }),
      200,
      'declined',
    );
    ok(
      await coordinator.post(
        `/api/cases/${cases.forwarded.caseId}/triage`,
        bodies.triage('refer_to_care_table', { decidedOn: '2026-03-16' }),
      ),
      200,
      'triage again',
    );
    expect(ok(await police.get(`/api/cases/${cases.forwarded.caseId}`), 404, 'out of scope').status).toBe(404);
    expect(await aboutCase(police, cases.forwarded)).toEqual([]);
    // The coordinator hears of the answer.
    const reference = await referenceOf(cases.forwarded);
    await waitFor(
      async () => (await aboutCase(coordinator, cases.forwarded)).some((n) => n.kind === 'forward_feedback_recorded'),
      'the coordinator did not hear of the feedback',
    );
    expect((await aboutCase(coordinator, cases.forwarded)).map((n) => n.text)).toContain(
      `Doorverwijzing van casus ${reference} is afgewezen; de casus is terug in triage`,
    );
  }, 40_000);

  it("tells the stuurploeg's chair, and not its other members, when its decision is late", async () => {
    // Weeks later tokens have expired: the escalation is swept and the inbox asked directly, with the clock moved on.
    const reference = await referenceOf(cases.awaiting);
    const clock = app().clock;
    const before = clock.now();
    const inbox = app().app.get(NotificationInbox);
    const about = async (username: string) =>
      (await inbox.list(findDemoUser(username)!, { limit: 100 })).items.filter(
        (n) => n.caseId === cases.awaiting.caseId && n.kind === 'deadline_missed',
      );
    try {
      clock.set(new Date('2026-04-07T08:00:00Z'));
      await app().app.get(DeadlineSweeper).sweep('due');
      await waitFor(async () => (await about(STEERING)).length > 0, 'the chair was not told');
      expect((await about(STEERING)).map((n) => n.text)).toEqual([
        `Termijn verstreken: besluit van de stuurploeg over het voorstel van casus ${reference} (uiterlijk 5 april 2026)`,
      ]);
      expect(await about(`${STEERING}.om`)).toEqual([]);
      expect(await about('steering.zeeland')).toEqual([]);
      expect((await about(COORDINATOR)).map((n) => n.text)).toEqual((await about(STEERING)).map((n) => n.text));
    } finally {
      clock.set(before);
    }
  }, 40_000);
});

describe("administrators' webhooks", () => {
  const app = useTestApp();
  let admin: ApiClient;

  beforeAll(async () => {
    admin = await app().as('admin');
  });

  it('sets a webhook with a secret answered once and stored sealed, changes it with a new one, and removes it', async () => {
    const set = ok(
      await admin.put('/api/admin/organisations/municipality:breda/webhook', {
        url: 'https://hooks.breda.example/baken',
      }),
      201,
      'set',
    );
    expect(set.body).toEqual({
      organisation: 'municipality:breda',
      url: 'https://hooks.breda.example/baken',
      secret: expect.stringMatching(/^whsec_/),
      signatureHeader: 'Baken-Signature',
      signatureScheme: expect.stringContaining('HMAC-SHA256'),
      deliverSince: expect.any(String),
    });
    const changed = ok(
      await admin.put('/api/admin/organisations/municipality%3Abreda/webhook', { url: 'http://127.0.0.1:9/hook' }),
      200,
      'change',
    );
    expect(changed.body.secret).not.toBe(set.body.secret);
    expect(changed.body.deliverSince).toBe(set.body.deliverSince);

    const listed = ok(await admin.get('/api/admin/webhooks'), 200, 'list').body;
    expect(listed.items).toEqual([
      {
        organisation: 'municipality:breda',
        url: 'http://127.0.0.1:9/hook',
        deliverSince: set.body.deliverSince,
        updatedAt: expect.any(String),
        updatedBy: 'admin',
        health: {
          pending: 0,
          delivered: 0,
          dead: 0,
          lastDeliveredAt: null,
          lastAttemptAt: null,
          lastStatus: null,
          lastError: null,
        },
      },
    ]);
    const stored = await queryDatabase(app().database.url, 'SELECT * FROM notification_webhooks');
    expect(JSON.stringify(stored)).not.toContain(changed.body.secret.slice('whsec_'.length));
    expect(JSON.stringify(listed)).not.toContain(changed.body.secret);

    expect((await admin.delete('/api/admin/organisations/municipality:breda/webhook')).status).toBe(204);
    expectProblem(await admin.delete('/api/admin/organisations/municipality:breda/webhook'), 404);
    expect(ok(await admin.get('/api/admin/webhooks'), 200, 'list').body.items).toEqual([]);

    const changes = ok(await admin.get('/api/admin/webhooks/changes'), 200, 'changes').body.items;
    expect(changes.map((c: { action: string; username: string }) => [c.action, c.username])).toEqual([
      ['removed', 'admin'],
      ['configured', 'admin'],
      ['configured', 'admin'],
    ]);
  });

  it('answers 404 for an organisation that does not exist, and 400 for a receiver it will not call', async () => {
    expectProblem(await admin.put('/api/admin/organisations/nobody/webhook', { url: 'https://a.example' }), 404);
    expectProblem(await admin.put('/api/admin/organisations/Not%20An%20Id/webhook', { url: 'https://a.example' }), 404);
    for (const url of ['ftp://a.example', 'not a url', 'https://user:pw@a.example/hook', 'https://a.example/#x'])
      expectProblem(await admin.put('/api/admin/organisations/riec/webhook', { url }), 400, 'url');
    expectProblem(await admin.put('/api/admin/organisations/riec/webhook', {}), 400, 'url');
    expectProblem(await admin.put('/api/admin/organisations/riec/webhook', { url: 'https://a.example', x: 1 }), 400);
  });

  it('answers 404 for a dead letter that does not exist', async () => {
    expectProblem(await admin.post('/api/admin/webhooks/dead-letters/00000000-0000-4000-8000-000000000000/retry'), 404);
    expectProblem(await admin.post('/api/admin/webhooks/dead-letters/nope/retry'), 404);
    expect(ok(await admin.get('/api/admin/webhooks/dead-letters'), 200, 'dead letters').body).toEqual({ items: [] });
  });

  it.each(['coordinator.de-baronie', 'auditor', 'analyst', 'partner.police-avim', 'steering.de-baronie'])(
    'refuses %s every webhook route with 403',
    async (username) => {
      const client = await app().as(username);
      expectProblem(await client.put('/api/admin/organisations/riec/webhook', { url: 'https://a.example' }), 403);
      expectProblem(await client.delete('/api/admin/organisations/riec/webhook'), 403);
      expectProblem(await client.get('/api/admin/webhooks'), 403);
      expectProblem(await client.get('/api/admin/webhooks/dead-letters'), 403);
      expectProblem(await client.get('/api/admin/webhooks/changes'), 403);
      expectProblem(
        await client.post('/api/admin/webhooks/dead-letters/00000000-0000-4000-8000-000000000000/retry'),
        403,
      );
    },
  );

  it('answers 401 without a sign-in', async () => {
    expectProblem(await app().request('GET', '/api/admin/webhooks'), 401);
  });
});
