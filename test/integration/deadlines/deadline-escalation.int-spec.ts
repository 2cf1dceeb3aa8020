import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { Client } from 'pg';
import { DeadlineMissedJob } from '../../../libs/case-coordination/src/deadlines/deadline-missed.job';
import { deadlineRules, missedAt } from '../../../libs/case-coordination/src/deadlines/deadline-rules';
import { DeadlineSweeper } from '../../../libs/case-coordination/src/deadlines/deadline-sweeper';
import { DEADLINE_MISSED_JOB, DEADLINE_QUEUE } from '../../../libs/case-coordination/src/deadlines/deadline-scheduler';
import { DEFAULT_DEADLINE_PERIODS, DutchPublicHolidays, JobQueues } from '@baken/platform';
import { queryDatabase } from '../../e2e/support/database';
import { bodies, ok, registerSignal } from '../../e2e/support/cases';
import { startTestApp, type ApiClient, type TestApp } from '../../e2e/support/test-app';
import { daysAgo, deadlinesOf, missedDeadlines } from './support/deadlines';
import { startRedisServer, waitFor, type RedisServer } from './support/redis-server';

/**
 * The API process with workers on, on its own Redis: deadlines derived from the log, escalated by BullMQ jobs that
 * send `RecordDeadlineMissed` exactly once, and nothing lost while Redis is down.
 */
describe('deadline escalation on BullMQ', () => {
  let redis: RedisServer;
  let t: TestApp;
  let coordinator: ApiClient;
  const rules = deadlineRules(DEFAULT_DEADLINE_PERIODS, new DutchPublicHolidays());

  beforeAll(async () => {
    redis = await startRedisServer();
    t = await startTestApp({
      now: new Date(),
      // No periodic sweep during the test: escalations come from the workflow's jobs and from the sweep when Redis returns.
      env: {
        REDIS_URL: redis.url,
        BAKEN_RUN_WORKERS: 'true',
        BAKEN_SUBSCRIPTION_POLL_MS: '100',
        BAKEN_DEADLINE_SWEEP_MS: '600000',
      },
    });
    coordinator = await t.as('coordinator.de-baronie');
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  }, 30_000);

  const tasksOf = async (client: ApiClient) =>
    ok(await client.get('/api/me/tasks'), 200, 'work queue').body.items as {
      caseId: string;
      kind: string;
      dueOn: string;
      overdue: boolean;
    }[];

  it('records exactly one missed triage for a signal received 14 days ago and left untriaged, within seconds', async () => {
    const receivedOn = daysAgo(14);
    const { caseId } = await registerSignal(coordinator, { receivedOn });

    await waitFor(
      async () => (await missedDeadlines(t.database.url, caseId)).length > 0,
      20_000,
      'the deadline was not escalated',
    );
    // More sweeps and redeliveries must not add a second one.
    await t.app.get(DeadlineSweeper).sweep('all');
    await t.app.get(DeadlineSweeper).sweep('due');
    const [{ deadline_id: deadlineId }] = await deadlinesOf(t.database.url, caseId);
    const again = await Promise.all(
      [1, 2, 3].map(() => t.app.get(DeadlineMissedJob).handle({ deadlineId, caseId, kind: 'triage', ref: caseId })),
    );
    // Done (the domain records a deadline once) or skipped (the projection already marked it missed).
    for (const outcome of again) expect(['done', 'skipped']).toContain(outcome.status);
    expect(await missedDeadlines(t.database.url, caseId)).toEqual([
      { kind: 'triage', ref: caseId, dueOn: rules.dueOn('triage', receivedOn), actor: 'system' },
    ]);

    const history = ok(await coordinator.get(`/api/cases/${caseId}/history`), 200, 'history').body.events as {
      type: string;
      actor: { username: string; role: string };
    }[];
    expect(history.filter((e) => e.type === 'DeadlineMissed').map((e) => e.actor)).toEqual([
      expect.objectContaining({ username: 'system', role: 'system' }),
    ]);

    await waitFor(
      async () => (await tasksOf(coordinator)).some((task) => task.caseId === caseId && task.overdue),
      10_000,
      'not overdue in the work queue',
    );
    expect((await tasksOf(coordinator)).find((task) => task.caseId === caseId)).toEqual({
      caseId,
      reference: expect.stringMatching(/\S/),
      kind: 'triage',
      dueOn: rules.dueOn('triage', receivedOn),
      overdue: true,
    });
    const overdue = ok(await coordinator.get('/api/cases?overdue=true&pageSize=200'), 200, 'overdue cases').body
      .items as { caseId: string }[];
    expect(overdue.map((c) => c.caseId)).toContain(caseId);
  }, 60_000);

  it('clears the item from the work queue and the overdue filter once the late work is done', async () => {
    const { caseId } = await registerSignal(coordinator, { receivedOn: daysAgo(21) });
    await waitFor(
      async () => (await missedDeadlines(t.database.url, caseId)).length === 1,
      20_000,
      'the deadline was not escalated',
    );
    ok(await coordinator.post(`/api/cases/${caseId}/assign`, bodies.assign()), 200, 'assign');
    ok(
      await coordinator.post(`/api/cases/${caseId}/triage`, { ...bodies.triage(), decidedOn: daysAgo(0) }),
      200,
      'triage',
    );

    const overdue = ok(await coordinator.get('/api/cases?overdue=true&pageSize=200'), 200, 'overdue cases').body
      .items as { caseId: string }[];
    expect(overdue.map((c) => c.caseId)).not.toContain(caseId);
    await waitFor(
      async () => !(await tasksOf(coordinator)).some((task) => task.caseId === caseId),
      10_000,
      'still in the work queue',
    );
    expect((await deadlinesOf(t.database.url, caseId)).map((d) => d.status)).toEqual(['done']);
  }, 60_000);

  it('leaves a deadline that is not yet due waiting, and escalates nothing for work done in time', async () => {
    const receivedOn = daysAgo(1);
    const { caseId } = await registerSignal(coordinator, { receivedOn });
    await waitFor(async () => (await deadlinesOf(t.database.url, caseId)).length === 1, 20_000, 'no deadline derived');
    expect(await deadlinesOf(t.database.url, caseId)).toEqual([
      {
        deadline_id: expect.any(String),
        kind: 'triage',
        due_on: rules.dueOn('triage', receivedOn),
        status: 'open',
        missed_at: null,
      },
    ]);
    const task = (await tasksOf(coordinator)).find((item) => item.caseId === caseId);
    expect(task).toEqual(expect.objectContaining({ kind: 'triage', overdue: false }));
    expect(await missedDeadlines(t.database.url, caseId)).toEqual([]);
    // Nothing waits in Redis for a deadline that has not passed: the periodic sweep enqueues it once it has.
    const [{ deadline_id: deadlineId }] = await deadlinesOf(t.database.url, caseId);
    expect(await deadlineQueue().getJob(deadlineId)).toBeUndefined();
    await t.app.get(DeadlineSweeper).sweep('due');
    expect(await deadlineQueue().getJob(deadlineId)).toBeUndefined();
  }, 60_000);

  /** Adds a job straight to the `deadlines` queue in Redis, as Bull Board's "add job" or anyone with Redis access would. */
  const deadlineQueue = () =>
    t.app
      .get(JobQueues)
      .bullQueues()
      .find((q) => q.name === DEADLINE_QUEUE)!;
  const addRawJob = (data: object): Promise<Job> => deadlineQueue().add(DEADLINE_MISSED_JOB, data);
  const reread = async (job: Job): Promise<Job> => (await deadlineQueue().getJob(job.id!))!;
  const finished = async (job: Job) => {
    await waitFor(
      async () => ['completed', 'failed'].includes(await job.getState()),
      20_000,
      `job ${job.id} did not finish`,
    );
    const state = await job.getState();
    const done = await reread(job);
    return { state, outcome: done.returnvalue as { status: string; detail: string }, attempts: done.attemptsMade };
  };
  const eventsOf = async (caseId: string) =>
    (
      await queryDatabase<{ event_type: string }>(
        t.database.url,
        'SELECT event_type FROM es_events WHERE stream_id = $1 ORDER BY stream_version',
        [`case-${caseId}`],
      )
    ).map((r) => r.event_type);

  it('records nothing for a job with an invented deadline added straight to the queue, and does not retry it', async () => {
    const { caseId } = await registerSignal(coordinator, { receivedOn: daysAgo(1) });
    await waitFor(async () => (await deadlinesOf(t.database.url, caseId)).length === 1, 20_000, 'no deadline derived');
    const before = await eventsOf(caseId);

    const invented = await addRawJob({
      deadlineId: randomUUID(),
      caseId,
      kind: 'triage',
      ref: caseId,
      dueOn: '2020-01-06',
    });
    expect(await finished(invented)).toEqual({
      state: 'completed',
      outcome: { status: 'skipped', detail: expect.stringContaining('does not exist') },
      attempts: 1,
    });
    const noId = await addRawJob({ caseId, kind: 'triage', ref: caseId, dueOn: '2020-01-06' });
    expect((await finished(noId)).outcome).toEqual({
      status: 'skipped',
      detail: expect.stringContaining('no deadline'),
    });

    expect(await eventsOf(caseId)).toEqual(before);
    expect(await missedDeadlines(t.database.url, caseId)).toEqual([]);
  }, 60_000);

  it("escalates a real deadline only by its stored due date: a job's own dates and case are ignored", async () => {
    const receivedOn = daysAgo(1);
    const { caseId } = await registerSignal(coordinator, { receivedOn });
    const other = await registerSignal(coordinator, { receivedOn });
    await waitFor(async () => (await deadlinesOf(t.database.url, caseId)).length === 1, 20_000, 'no deadline derived');
    const [{ deadline_id: deadlineId }] = await deadlinesOf(t.database.url, caseId);

    // The real deadline's id with an invented due date long past, and another case: the deadline is not yet due.
    const forged = await addRawJob({
      deadlineId,
      caseId: other.caseId,
      kind: 'effect_follow_up',
      ref: other.caseId,
      dueOn: '2020-01-06',
    });
    // It ran, and waits for the stored due date to pass.
    await waitFor(
      async () => (await forged.getState()) === 'delayed' && (await reread(forged)).processedOn !== undefined,
      20_000,
      'the job did not run',
    );
    const waiting = await reread(forged);
    expect(Date.now() + waiting.delay).toBeGreaterThanOrEqual(
      missedAt(rules.dueOn('triage', receivedOn)).getTime() - 5_000,
    );
    expect(await missedDeadlines(t.database.url, caseId)).toEqual([]);
    expect(await missedDeadlines(t.database.url, other.caseId)).toEqual([]);
    expect(await deadlinesOf(t.database.url, caseId)).toEqual([
      expect.objectContaining({ due_on: rules.dueOn('triage', receivedOn), status: 'open', missed_at: null }),
    ]);
  }, 60_000);

  it('lets a job that runs before the deadlines projection wrote its deadline wait for it, then escalates once', async () => {
    // Hold the deadlines subscriber back, as a batch not yet committed would.
    const holder = new Client({ connectionString: t.database.url });
    await holder.connect();
    let caseId: string;
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM es_checkpoints WHERE subscriber_id = 'deadlines' FOR UPDATE`);
      ({ caseId } = await registerSignal(coordinator, { receivedOn: daysAgo(14) }));
      const [{ event_id: deadlineId }] = await queryDatabase<{ event_id: string }>(
        t.database.url,
        `SELECT event_id::text AS event_id FROM es_events WHERE stream_id = $1 AND event_type = 'SignalRegistered'`,
        [`case-${caseId}`],
      );
      expect(await t.app.get(DeadlineMissedJob).handle({ deadlineId })).toEqual({
        status: 'later',
        at: expect.any(Date),
      });
      expect(await deadlinesOf(t.database.url, caseId)).toEqual([]);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    await waitFor(
      async () => (await missedDeadlines(t.database.url, caseId)).length > 0,
      20_000,
      'the deadline was not escalated',
    );
    expect((await missedDeadlines(t.database.url, caseId)).map((m) => m.kind)).toEqual(['triage']);
  }, 60_000);

  it('shows Bull Board to administrators only', async () => {
    const admin = await t.as('admin');
    const page = await t.request('GET', '/admin/queues', { token: admin.token });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const api = await t.request('GET', '/admin/queues/api/queues', { token: admin.token });
    expect(api.status).toBe(200);
    expect((api.body.queues as { name: string }[]).map((q) => q.name)).toContain('deadlines');

    expect((await t.request('GET', '/admin/queues')).status).toBe(401);
    expect((await t.request('GET', '/admin/queues/api/queues', { token: 'not-a-token' })).status).toBe(401);
    const forbidden = await t.request('GET', '/admin/queues', { token: coordinator.token });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers['content-type']).toMatch(/application\/problem\+json/);
  }, 30_000);

  it('accepts commands while Redis is down, answers 503 naming the queue, and escalates every missed deadline once Redis is back', async () => {
    const before = await registerSignal(coordinator, { receivedOn: daysAgo(14) });
    await waitFor(
      async () => (await missedDeadlines(t.database.url, before.caseId)).length === 1,
      20_000,
      'the first deadline was not escalated',
    );

    await redis.stop();
    await waitFor(
      async () => (await t.request('GET', '/api/health/ready')).status === 503,
      10_000,
      'ready did not notice the outage',
    );
    const notReady = await t.request('GET', '/api/health/ready');
    expect(notReady.body).toEqual(
      expect.objectContaining({
        status: 503,
        detail: expect.stringContaining('queue deadlines'),
        checks: expect.objectContaining({ database: 'up', 'queue:deadlines': 'down' }),
      }),
    );

    const during = await Promise.all(
      [daysAgo(14), daysAgo(30)].map((receivedOn) => registerSignal(coordinator, { receivedOn })),
    );
    for (const { caseId } of during) {
      await waitFor(
        async () => (await deadlinesOf(t.database.url, caseId)).length === 1,
        20_000,
        'no deadline derived during the outage',
      );
    }
    // The log has the deadlines; nothing could escalate them yet.
    for (const { caseId } of during) expect(await missedDeadlines(t.database.url, caseId)).toEqual([]);

    await redis.start();
    for (const { caseId } of during) {
      await waitFor(
        async () => (await missedDeadlines(t.database.url, caseId)).length > 0,
        30_000,
        'a deadline that fell in the outage was not escalated',
      );
    }
    await waitFor(
      async () => (await t.request('GET', '/api/health/ready')).status === 200,
      10_000,
      'ready did not recover',
    );
    await t.app.get(DeadlineSweeper).sweep('all');
    for (const { caseId } of [before, ...during]) {
      expect((await missedDeadlines(t.database.url, caseId)).map((m) => m.kind)).toEqual(['triage']);
    }
  }, 120_000);

  it('starts while the configured Redis is down, and escalates once it comes up', async () => {
    const late = await startRedisServer();
    await late.stop();
    const app = await startTestApp({
      now: new Date(),
      env: {
        REDIS_URL: late.url,
        BAKEN_RUN_WORKERS: 'true',
        BAKEN_SUBSCRIPTION_POLL_MS: '100',
        BAKEN_DEADLINE_SWEEP_MS: '600000',
      },
    });
    try {
      expect((await app.request('GET', '/api/health/ready')).status).toBe(503);
      const { caseId } = await registerSignal(await app.as('coordinator.de-baronie'), { receivedOn: daysAgo(14) });
      await waitFor(
        async () => (await deadlinesOf(app.database.url, caseId)).length === 1,
        20_000,
        'no deadline derived',
      );
      await late.start();
      await waitFor(
        async () => (await missedDeadlines(app.database.url, caseId)).length > 0,
        30_000,
        'not escalated once Redis came up',
      );
      expect((await missedDeadlines(app.database.url, caseId)).map((m) => m.kind)).toEqual(['triage']);
      expect((await app.request('GET', '/api/health/ready')).status).toBe(200);
    } finally {
      await app.close();
      await late.stop();
    }
  }, 120_000);
});
