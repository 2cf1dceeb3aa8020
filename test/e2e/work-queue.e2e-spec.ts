import { findDemoUser } from '@baken/access';
import { WorkQueue } from '@baken/case-coordination';
import { COORDINATOR, driveCase, ok, registerSignal, STEERING, type CaseHandle } from './support/cases';
import { expectProblem } from './support/problems';
import { useTestApp, type ApiClient } from './support/test-app';

interface Task {
  caseId: string;
  reference: string;
  kind: string;
  dueOn: string;
  overdue: boolean;
}

async function waitFor(check: () => Promise<boolean>, message: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${message} (waited ${timeoutMs} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * `GET /api/me/tasks` on the embedded set-up without Redis: the deadline workflow runs in-process, escalations too.
 * Today is Monday 16 March 2026.
 */
describe('the work queue', () => {
  const app = useTestApp({ env: { BAKEN_RUN_WORKERS: 'true', BAKEN_SUBSCRIPTION_POLL_MS: '100' } });
  let coordinator: ApiClient;
  const cases: Record<'untriaged' | 'assigned' | 'zeeland' | 'awaiting' | 'executed', CaseHandle> = {} as never;

  const tasksOf = async (client: ApiClient) =>
    ok(await client.get('/api/me/tasks'), 200, `tasks of ${client.username}`).body.items as Task[];
  const mine = (tasks: Task[]) => tasks.filter((t) => Object.values(cases).some((c) => c.caseId === t.caseId));

  beforeAll(async () => {
    coordinator = await app().as(COORDINATOR);
    cases.untriaged = await registerSignal(coordinator, { receivedOn: '2026-03-02' });
    cases.assigned = await registerSignal(coordinator, { receivedOn: '2026-03-13' });
    ok(
      await coordinator.post(`/api/cases/${cases.assigned.caseId}/assign`, { coordinator: COORDINATOR }),
      200,
      'assign',
    );
    cases.zeeland = await registerSignal(await app().as('coordinator.zeeland'), {
      district: 'zeeland',
      municipality: 'goes',
      receivedOn: '2026-03-10',
    });
    cases.awaiting = await driveCase(app(), 'awaiting_steering_group');
    cases.executed = await driveCase(app(), 'intervention_executed');
    await waitFor(
      async () =>
        (await tasksOf(coordinator)).some((t) => t.caseId === cases.executed.caseId && t.kind === 'effect_follow_up'),
      'the deadline workflow did not catch up',
    );
    await waitFor(
      async () => (await tasksOf(coordinator)).some((t) => t.caseId === cases.untriaged.caseId && t.overdue),
      'the untriaged signal was not escalated',
    );
  }, 90_000);

  it("gives a coordinator the district's triage and effect follow-ups, soonest first, the passed ones overdue", async () => {
    const reference = expect.stringMatching(/\S/) as unknown as string;
    expect(mine(await tasksOf(coordinator))).toEqual([
      { caseId: cases.untriaged.caseId, reference, kind: 'triage', dueOn: '2026-03-09', overdue: true },
      { caseId: cases.assigned.caseId, reference, kind: 'triage', dueOn: '2026-03-20', overdue: false },
      { caseId: cases.executed.caseId, reference, kind: 'effect_follow_up', dueOn: '2026-05-05', overdue: false },
    ]);
  });

  it('gives the case reference of the case list', async () => {
    const list = ok(await coordinator.get('/api/cases?pageSize=200'), 200, 'list').body.items as {
      caseId: string;
      reference: string;
    }[];
    const task = (await tasksOf(coordinator)).find((t) => t.caseId === cases.untriaged.caseId)!;
    expect(task.reference).toBe(list.find((c) => c.caseId === cases.untriaged.caseId)!.reference);
  });

  it("keeps other districts' deadlines out", async () => {
    const zeeland = await tasksOf(await app().as('coordinator.zeeland'));
    expect(mine(zeeland)).toEqual([
      expect.objectContaining({ caseId: cases.zeeland.caseId, kind: 'triage', dueOn: '2026-03-17', overdue: false }),
    ]);
  });

  it("gives the steering group the district's proposal decisions", async () => {
    expect(mine(await tasksOf(await app().as(STEERING)))).toEqual([
      expect.objectContaining({
        caseId: cases.awaiting.caseId,
        kind: 'proposal_decision',
        dueOn: '2026-04-05',
        overdue: false,
      }),
    ]);
    expect(mine(await tasksOf(await app().as('steering.zeeland')))).toEqual([]);
  });

  it('gives a partner the effect follow-ups of interventions its organisation leads', async () => {
    expect(mine(await tasksOf(await app().as('partner.labour-inspectorate')))).toEqual([
      expect.objectContaining({ caseId: cases.executed.caseId, kind: 'effect_follow_up', dueOn: '2026-05-05' }),
    ]);
    expect(await tasksOf(await app().as('partner.police-avim'))).toEqual([]);
  });

  it.each(['liaison.breda', 'analyst', 'auditor', 'admin'])(
    'gives %s, who owns no deadlines, an empty list',
    async (username) => {
      expect(await tasksOf(await app().as(username))).toEqual([]);
    },
  );

  it('answers 401 without a sign-in', async () => {
    expectProblem(await app().request('GET', '/api/me/tasks'), 401);
  });

  it('escalates the untriaged signal once, as the system, and lists it as overdue', async () => {
    type Event = { type: string; actor: { username: string }; data: Record<string, unknown> };
    const historyOf = async () =>
      ok(await coordinator.get(`/api/cases/${cases.untriaged.caseId}/history`), 200, 'history').body.events as Event[];
    // Escalation runs in the background: the job waits for the deadlines projection before it records anything.
    await waitFor(
      async () => (await historyOf()).some((e) => e.type === 'DeadlineMissed'),
      'the untriaged signal was not escalated',
    );
    const history = await historyOf();
    expect(history.filter((e) => e.type === 'DeadlineMissed')).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ username: 'system' }),
        data: { kind: 'triage', dueOn: '2026-03-09', ref: cases.untriaged.caseId },
      }),
    ]);
    const overdue = ok(await coordinator.get('/api/cases?overdue=true&pageSize=200'), 200, 'overdue').body.items as {
      caseId: string;
    }[];
    expect(overdue.map((c) => c.caseId)).toContain(cases.untriaged.caseId);
    expect(overdue.map((c) => c.caseId)).not.toContain(cases.assigned.caseId);
  }, 40_000);

  it('drops the task once the work is done', async () => {
    ok(
      await coordinator.post(`/api/cases/${cases.assigned.caseId}/triage`, {
        decidedOn: '2026-03-16',
        urgency: 'normal',
        decision: 'start_care',
        rationale: 'Care first.',
      }),
      200,
      'triage',
    );
    await waitFor(
      async () => !(await tasksOf(coordinator)).some((t) => t.caseId === cases.assigned.caseId),
      'the triaged case stayed in the queue',
    );
  }, 40_000);

  it('marks every kind of task overdue from the day after its due date, for everyone who owns it', async () => {
    // Weeks later tokens have expired; the work queue is asked directly, with the application's clock moved on.
    const queue = app().app.get(WorkQueue);
    const tasks = async (username: string) => mine((await queue.tasksOf(findDemoUser(username)!)) as Task[]);
    const clock = app().clock;
    const before = clock.now();
    try {
      clock.set(new Date('2026-04-05T12:00:00Z'));
      expect(await tasks(STEERING)).toEqual([
        expect.objectContaining({ kind: 'proposal_decision', dueOn: '2026-04-05', overdue: false }),
      ]);
      clock.set(new Date('2026-04-06T08:00:00Z'));
      expect(await tasks(STEERING)).toEqual([expect.objectContaining({ kind: 'proposal_decision', overdue: true })]);
      expect(await tasks(COORDINATOR)).toContainEqual(
        expect.objectContaining({ kind: 'effect_follow_up', dueOn: '2026-05-05', overdue: false }),
      );
      clock.set(new Date('2026-05-06T08:00:00Z'));
      expect(await tasks(COORDINATOR)).toContainEqual(
        expect.objectContaining({ kind: 'effect_follow_up', dueOn: '2026-05-05', overdue: true }),
      );
      expect(await tasks('partner.labour-inspectorate')).toEqual([
        expect.objectContaining({ kind: 'effect_follow_up', overdue: true }),
      ]);
    } finally {
      clock.set(before);
    }
  });

  it('reports the queue as running in-process when ready', async () => {
    const ready = await app().request('GET', '/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual(expect.objectContaining({ database: 'up', 'queue:deadlines': 'in_process' }));
  });

  it('protects the queue dashboard: 401 without a sign-in, 403 for other roles, 503 for an administrator without Redis', async () => {
    expectProblem(await app().request('GET', '/admin/queues'), 401);
    expectProblem(await app().request('GET', '/admin/queues', { token: coordinator.token }), 403);
    expectProblem(
      await app().request('GET', '/admin/queues/api/queues', { token: (await app().as('admin')).token }),
      503,
    );
  });
});
