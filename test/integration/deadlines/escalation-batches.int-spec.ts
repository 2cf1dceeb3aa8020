import { DATABASE } from '@baken/platform';
import type { Database } from '@baken/event-store';
import { DeadlineMissedJob } from '../../../libs/case-coordination/src/deadlines/deadline-missed.job';
import { bodies, ok, registerSignal } from '../../e2e/support/cases';
import { startTestApp, type ApiClient, type TestApp } from '../../e2e/support/test-app';
import { daysAgo, deadlinesOf, missedDeadlines } from './support/deadlines';
import { startRedisServer, waitFor, type RedisServer } from './support/redis-server';

/**
 * Deadline jobs in flight together are handled as one batch: their deadlines read in one round trip and their
 * escalations written in one statement, each job answered on its own. No workers here: the test hands the jobs to the
 * handler itself, all at once, as a worker does with the jobs it runs concurrently.
 */
describe('deadline escalations in batches', () => {
  let redis: RedisServer;
  let t: TestApp;
  let coordinator: ApiClient;

  beforeAll(async () => {
    redis = await startRedisServer();
    t = await startTestApp({
      now: new Date(),
      env: { REDIS_URL: redis.url, BAKEN_SUBSCRIPTION_POLL_MS: '100', BAKEN_DEADLINE_SWEEP_MS: '600000' },
    });
    coordinator = await t.as('coordinator.de-baronie');
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  }, 30_000);

  /** Passed triage deadlines of `n` new cases, once the deadlines projection has them. */
  async function passedDeadlines(n: number): Promise<{ caseId: string; deadlineId: string }[]> {
    const cases = [];
    for (let i = 0; i < n; i++) cases.push((await registerSignal(coordinator, { receivedOn: daysAgo(14) })).caseId);
    const found: { caseId: string; deadlineId: string }[] = [];
    for (const caseId of cases) {
      await waitFor(async () => (await deadlinesOf(t.database.url, caseId)).length > 0, 20_000, 'no deadline');
      found.push({ caseId, deadlineId: (await deadlinesOf(t.database.url, caseId))[0].deadline_id });
    }
    return found;
  }

  /** The statements the handler sends while `fn` runs. */
  async function sent<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    const db = t.app.get<Database>(DATABASE);
    const statements: string[] = [];
    const query = db.query.bind(db);
    const spy = jest.spyOn(db, 'query').mockImplementation((text: string, params?: unknown[]) => {
      statements.push(text);
      return query(text, params);
    });
    try {
      return { result: await fn(), statements };
    } finally {
      spy.mockRestore();
    }
  }

  it('reads the deadlines in one round trip, writes every escalation in one statement, and answers each job', async () => {
    const deadlines = await passedDeadlines(4);
    // The first case's triage is done before its job runs: its job is answered skipped, the others done.
    const [triaged] = deadlines;
    ok(await coordinator.post(`/api/cases/${triaged.caseId}/assign`, bodies.assign()), 200, 'assign');
    ok(
      await coordinator.post(`/api/cases/${triaged.caseId}/triage`, { ...bodies.triage(), decidedOn: daysAgo(1) }),
      200,
      'triage',
    );
    const job = t.app.get(DeadlineMissedJob);
    // Handed over at the same moment, as a worker hands over the jobs it runs at once, they form one batch.
    const { result: outcomes, statements } = await sent(async () => {
      const first = job.handle({ deadlineId: deadlines[0].deadlineId });
      const rest = deadlines.slice(1).map((d) => job.handle({ deadlineId: d.deadlineId }));
      // A job for a deadline nobody opened, and the same deadline twice, in the same batch.
      const invented = job.handle({ deadlineId: '00000000-0000-4000-8000-000000000000' });
      const twice = job.handle({ deadlineId: deadlines[1].deadlineId });
      return Promise.all([first, ...rest, invented, twice]);
    });
    expect(outcomes[0]).toEqual({ status: 'skipped', detail: 'the work was done or the case closed in time' });
    for (const outcome of outcomes.slice(1, 4)) expect(outcome).toMatchObject({ status: 'done' });
    expect(outcomes[4]).toMatchObject({ status: 'skipped', detail: expect.stringContaining('does not exist') });
    // The second job for one deadline: recorded once by the domain, so done without a second event, or skipped.
    expect(['done', 'skipped']).toContain(outcomes[5].status);

    expect(statements.filter((text) => text.includes('LEFT JOIN deadlines d')).length).toBe(1);
    const appends = statements.filter((text) => text.includes('INSERT INTO es_events'));
    expect(appends.some((text) => (text.match(/INSERT INTO es_events/g) ?? []).length === 3)).toBe(true);
    for (const { caseId } of deadlines.slice(1))
      expect(await missedDeadlines(t.database.url, caseId)).toEqual([expect.objectContaining({ actor: 'system' })]);
    expect(await missedDeadlines(t.database.url, triaged.caseId)).toEqual([]);
    // The read models moved with the events: each escalated case is overdue in the list.
    const overdue = ok(await coordinator.get('/api/cases?overdue=true&pageSize=200'), 200, 'overdue').body.items as {
      caseId: string;
    }[];
    for (const { caseId } of deadlines.slice(1)) expect(overdue.map((c) => c.caseId)).toContain(caseId);
    expect(overdue.map((c) => c.caseId)).not.toContain(triaged.caseId);
  }, 90_000);

  it('escalates each deadline of a batch one by one when a case moved on before the batch was written', async () => {
    const deadlines = await passedDeadlines(3);
    const job = t.app.get(DeadlineMissedJob);
    const db = t.app.get<Database>(DATABASE);
    const query = db.query.bind(db);
    let moved = false;
    // Just before the batch's statement, the coordinator is assigned on the second case: its version moves on.
    const spy = jest.spyOn(db, 'query').mockImplementation(async (text: string, params?: unknown[]) => {
      if (!moved && (text.match(/INSERT INTO es_events/g) ?? []).length > 1) {
        moved = true;
        ok(await coordinator.post(`/api/cases/${deadlines[1].caseId}/assign`, bodies.assign()), 200, 'assign');
      }
      return query(text, params);
    });
    try {
      const outcomes = await Promise.all([
        job.handle({ deadlineId: deadlines[0].deadlineId }),
        ...deadlines.slice(1).map((d) => job.handle({ deadlineId: d.deadlineId })),
      ]);
      for (const outcome of outcomes) expect(outcome).toMatchObject({ status: 'done' });
    } finally {
      spy.mockRestore();
    }
    expect(moved).toBe(true);
    for (const { caseId } of deadlines) expect(await missedDeadlines(t.database.url, caseId)).toHaveLength(1);
  }, 90_000);
});
