import { randomUUID } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { SecurityEvents, type SecurityEvent } from '@baken/access';
import { DEADLINE_MISSED_JOB, DEADLINE_QUEUE } from '../../../libs/case-coordination/src/deadlines/deadline-scheduler';
import { boardAction } from '../../../libs/case-coordination/src/deadlines/queue-board';
import { expectProblem } from '../../e2e/support/problems';
import { startTestApp, type ApiClient, type TestApp } from '../../e2e/support/test-app';
import { startRedisServer, waitFor, type RedisServer } from './support/redis-server';

const BOARD_API = '/admin/queues/api/queues';

/**
 * The queue board is read-only but for retrying failed jobs, enforced by the server: an administrator with a valid
 * token cannot add, pause, clean, promote, remove, change or obliterate anything, and every retry and every refused
 * attempt is a security event with the administrator's name. The API runs without workers here, so the jobs stay
 * where the test puts them.
 */
describe('the queue board for administrators', () => {
  let redis: RedisServer;
  let t: TestApp;
  let admin: ApiClient;
  let queue: Queue;
  const prefix = `board-${randomUUID().slice(0, 8)}`;
  let recorded: [SecurityEvent, Record<string, unknown>][];

  beforeAll(async () => {
    redis = await startRedisServer();
    t = await startTestApp({
      now: new Date(),
      env: { REDIS_URL: redis.url, BAKEN_QUEUE_PREFIX: prefix, BAKEN_RUN_WORKERS: 'false' },
    });
    admin = await t.as('admin');
    queue = new Queue(DEADLINE_QUEUE, { connection: { url: redis.url }, prefix });
  }, 60_000);

  afterAll(async () => {
    await queue?.close();
    await t?.close();
    await redis?.stop();
  }, 30_000);

  beforeEach(() => {
    recorded = [];
    const events = t.app.get(SecurityEvents);
    const record = events.record.bind(events);
    jest.spyOn(events, 'record').mockImplementation((event, fields = {}) => {
      recorded.push([event, fields]);
      record(event, fields);
    });
  });
  afterEach(() => jest.restoreAllMocks());

  /** A job of the deadlines queue, run once by a worker of the test's own that fails it or completes it. */
  async function jobThat(outcome: 'fails' | 'completes'): Promise<Job> {
    const job = await queue.add(DEADLINE_MISSED_JOB, { deadlineId: randomUUID() }, { attempts: 1 });
    const worker = new Worker(
      DEADLINE_QUEUE,
      async (running) => {
        if (running.id !== job.id) throw new Error('not this test’s job');
        if (outcome === 'fails') throw new Error('the database is down');
        return { status: 'done' };
      },
      { connection: { url: redis.url }, prefix },
    );
    try {
      await waitFor(
        async () => (await queue.getJobState(job.id!)) === (outcome === 'fails' ? 'failed' : 'completed'),
        10_000,
        `the job was not ${outcome === 'fails' ? 'failed' : 'completed'}`,
      );
    } finally {
      await worker.close();
    }
    return job;
  }

  const board = (method: string, path: string, body?: unknown) =>
    t.request(method, `${BOARD_API}${path}`, { token: admin.token, body });

  it('shows the queues and a job to an administrator', async () => {
    const job = await queue.add(DEADLINE_MISSED_JOB, { deadlineId: randomUUID() }, { delay: 3_600_000 });
    const list = await board('GET', `?activeQueue=${DEADLINE_QUEUE}&status=delayed`);
    expect(list.status).toBe(200);
    // Every declared queue is on the board (the webhooks' too); the one asked for is there.
    expect((list.body.queues as { name: string }[]).map((q) => q.name)).toContain(DEADLINE_QUEUE);
    expect((await board('GET', `/${DEADLINE_QUEUE}/${job.id}`)).status).toBe(200);
    expect((await t.request('HEAD', '/admin/queues', { token: admin.token })).status).toBe(200);
    expect(recorded).toEqual([]);
  });

  it('refuses adding a job with 403 problem details, adds nothing and records the attempt', async () => {
    const before = await queue.getJobCounts();
    const res = await board('POST', `/${DEADLINE_QUEUE}/add`, {
      name: DEADLINE_MISSED_JOB,
      data: { deadlineId: randomUUID(), caseId: randomUUID(), kind: 'triage', ref: 'x', dueOn: '2020-01-06' },
      options: {},
    });
    expectProblem(res, 403);
    expect(await queue.getJobCounts()).toEqual(before);
    expect(recorded).toEqual([
      [
        'access_refused',
        expect.objectContaining({
          username: 'admin',
          role: 'admin',
          action: 'change_queue',
          decision: 'deny',
          method: 'POST',
          path: '/admin/queues/api/queues/:queueName/add',
          queue: DEADLINE_QUEUE,
        }),
      ],
    ]);
  });

  it('refuses pausing the deadline queue, and every other change, and records each attempt', async () => {
    const delayed = await queue.add(DEADLINE_MISSED_JOB, { deadlineId: randomUUID() }, { delay: 3_600_000 });
    const completed = await jobThat('completes');
    const changes: [string, string, unknown?][] = [
      ['PUT', '/pause'],
      ['PUT', `/${DEADLINE_QUEUE}/pause`],
      ['PUT', '/resume'],
      ['PUT', `/${DEADLINE_QUEUE}/resume`],
      ['PUT', `/${DEADLINE_QUEUE}/clean/completed`],
      ['PUT', `/${DEADLINE_QUEUE}/clean/delayed`],
      ['PUT', `/${DEADLINE_QUEUE}/promote`],
      ['PUT', `/${DEADLINE_QUEUE}/empty`],
      ['PUT', `/${DEADLINE_QUEUE}/obliterate`, {}],
      ['PUT', `/${DEADLINE_QUEUE}/concurrency`, { concurrency: 1 }],
      ['PUT', `/${DEADLINE_QUEUE}/rate-limit`, { max: 1, duration: 1000 }],
      ['PUT', `/${DEADLINE_QUEUE}/retry/completed`],
      ['PUT', `/${DEADLINE_QUEUE}/${delayed.id}/promote`],
      ['PUT', `/${DEADLINE_QUEUE}/${delayed.id}/clean`],
      ['PATCH', `/${DEADLINE_QUEUE}/${delayed.id}/update-data`, { data: { deadlineId: randomUUID() } }],
      ['PATCH', `/${DEADLINE_QUEUE}/${delayed.id}/delay`, { delay: 0 }],
      ['PATCH', `/${DEADLINE_QUEUE}/${delayed.id}/priority`, { priority: 1 }],
      ['PUT', `/${DEADLINE_QUEUE}/${completed.id}/retry`],
    ];
    for (const [method, path, body] of changes) {
      const res = await board(method, path, body);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
      expectProblem(res, 403);
    }
    expect(await queue.isPaused()).toBe(false);
    expect(await queue.getJobState(delayed.id!)).toBe('delayed');
    expect((await queue.getJob(delayed.id!))!.data).toEqual(delayed.data);
    expect(await queue.getJobState(completed.id!)).toBe('completed');
    expect(recorded.map(([event, fields]) => [event, fields.username, fields.method])).toEqual(
      changes.map(([method]) => ['access_refused', 'admin', method]),
    );
  }, 60_000);

  it('retries a failed job, and every failed job of the queue, recording who did', async () => {
    const failed = await jobThat('fails');
    const res = await board('PUT', `/${DEADLINE_QUEUE}/${failed.id}/retry`);
    expect(res.status).toBe(204);
    expect(await queue.getJobState(failed.id!)).toBe('waiting');

    const more = [await jobThat('fails'), await jobThat('fails')];
    const all = await board('PUT', `/${DEADLINE_QUEUE}/retry/failed`);
    expect(all.status).toBe(200);
    for (const job of more) expect(await queue.getJobState(job.id!)).toBe('waiting');

    expect(recorded).toEqual([
      ['queue_job_retried', { username: 'admin', role: 'admin', queue: DEADLINE_QUEUE, job: failed.id }],
      ['queue_job_retried', { username: 'admin', role: 'admin', queue: DEADLINE_QUEUE, job: 'every failed job' }],
    ]);
  }, 60_000);

  it('answers 404 for retrying a job that does not exist, and 403 to other roles', async () => {
    expectProblem(await board('PUT', `/${DEADLINE_QUEUE}/no-such-job/retry`), 404);
    const coordinator = await t.as('coordinator.de-baronie');
    expectProblem(
      await t.request('PUT', `${BOARD_API}/${DEADLINE_QUEUE}/retry/failed`, { token: coordinator.token }),
      403,
    );
    expect(recorded.filter(([event]) => event === 'queue_job_retried')).toEqual([]);
  });

  it('allows looking and retrying failed jobs only, also inside Bull Board', () => {
    expect(boardAction('GET', '/admin/queues/api/queues', {})).toEqual({ kind: 'view' });
    expect(boardAction('HEAD', '/admin/queues', {})).toEqual({ kind: 'view' });
    expect(boardAction('put', '/api/queues/:queueName/:jobId/retry', { queueName: 'deadlines', jobId: '7' })).toEqual({
      kind: 'retry_job',
      queue: 'deadlines',
      jobId: '7',
    });
    expect(
      boardAction('PUT', '/admin/queues/api/queues/:queueName/retry/:queueStatus', {
        queueName: 'deadlines',
        queueStatus: 'failed',
      }),
    ).toEqual({ kind: 'retry_failed', queue: 'deadlines' });
    for (const [method, route] of [
      ['POST', '/api/queues/:queueName/add'],
      ['PUT', '/api/queues/:queueName/pause'],
      ['PUT', '/api/queues/:queueName/retry/:queueStatus'],
      ['DELETE', '/api/queues/:queueName/:jobId/retry'],
      ['POST', '/api/queues/:queueName/:jobId/retry'],
      ['PUT', undefined],
    ] as const)
      expect(boardAction(method, route, { queueName: 'deadlines', queueStatus: 'completed' })).toEqual({
        kind: 'refused',
      });
  });
});
