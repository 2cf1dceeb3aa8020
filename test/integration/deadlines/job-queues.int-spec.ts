import type { Database } from '@baken/event-store';
import { loadConfig } from '@baken/platform';
import { JobQueues } from '../../../libs/platform/src/queues/job-queues';
import { JobRegistry, type JobOutcome } from '../../../libs/platform/src/queues/job-registry';
import { startRedisServer, waitFor, type RedisServer } from './support/redis-server';

/** The queue plumbing on a real Redis: de-duplication by job id, retries of failed jobs, jobs that are not due yet. */
describe('job queues on Redis', () => {
  let redis: RedisServer;
  let queues: JobQueues;
  const runs: string[] = [];
  let failuresLeft = 0;
  let notBefore = 0;

  beforeAll(async () => {
    redis = await startRedisServer();
    const registry = new JobRegistry();
    registry.defineQueue({ name: 'test', jobs: ['record', 'flaky', 'wait'], attempts: 1 });
    registry.handle('test', 'record', async (data: { id: string }): Promise<JobOutcome> => {
      runs.push(data.id);
      return { status: 'done' };
    });
    registry.handle('test', 'flaky', async (data: { id: string }): Promise<JobOutcome> => {
      runs.push(data.id);
      if (failuresLeft-- > 0) throw new Error('the database is down');
      return { status: 'done' };
    });
    registry.handle('test', 'wait', async (data: { id: string }): Promise<JobOutcome> => {
      runs.push(data.id);
      return Date.now() < notBefore ? { status: 'later', at: new Date(notBefore) } : { status: 'done' };
    });
    const config = loadConfig({
      NODE_ENV: 'test',
      REDIS_URL: redis.url,
      BAKEN_RUN_WORKERS: 'true',
      BAKEN_QUEUE_PREFIX: 'job-queues-test',
    });
    // The database is only asked for the key prefix, which the configuration gives here.
    queues = new JobQueues(config, null as unknown as Database, registry);
    await queues.onModuleInit();
    await queues.onApplicationBootstrap();
  }, 30_000);

  afterAll(async () => {
    await queues?.onModuleDestroy();
    await redis?.stop();
  }, 30_000);

  const ran = (id: string) => runs.filter((r) => r === id).length;

  it('runs a job once however often it is enqueued with the same id', async () => {
    const adds = await Promise.all(
      [1, 2, 3].map(() => queues.add('test', 'record', { id: 'job-same' }, { jobId: 'job-same' })),
    );
    expect(adds).toEqual([true, true, true]);
    await waitFor(() => ran('job-same') > 0, 20_000, 'the job did not run');
    expect(await queues.add('test', 'record', { id: 'job-same' }, { jobId: 'job-same', retryFailed: true })).toBe(true);
    await queues.add('test', 'record', { id: 'job-marker-1' }, { jobId: 'job-marker-1' });
    await waitFor(() => ran('job-marker-1') > 0, 20_000, 'the marker job did not run');
    expect(ran('job-same')).toBe(1);
  }, 60_000);

  it('retries a job that failed for good when a sweep enqueues it again, and not otherwise', async () => {
    failuresLeft = 1;
    await queues.add('test', 'flaky', { id: 'job-flaky' }, { jobId: 'job-flaky' });
    await waitFor(() => ran('job-flaky') === 1, 20_000, 'the flaky job did not run');
    await queues.add('test', 'flaky', { id: 'job-flaky' }, { jobId: 'job-flaky' });
    await queues.add('test', 'record', { id: 'job-marker-2' }, { jobId: 'job-marker-2' });
    await waitFor(() => ran('job-marker-2') > 0, 20_000, 'the marker job did not run');
    expect(ran('job-flaky')).toBe(1);

    await queues.add('test', 'flaky', { id: 'job-flaky' }, { jobId: 'job-flaky', retryFailed: true });
    await waitFor(() => ran('job-flaky') === 2, 20_000, 'the failed job was not retried');
  }, 60_000);

  it('puts a job that is not due yet back until it is', async () => {
    notBefore = Date.now() + 1_500;
    await queues.add('test', 'wait', { id: 'job-wait' }, { jobId: 'job-wait' });
    await waitFor(() => ran('job-wait') >= 2, 15_000, 'the job did not come back');
    expect(Date.now()).toBeGreaterThanOrEqual(notBefore);
  }, 30_000);

  it('refuses to start while a declared job has no handler', async () => {
    const registry = new JobRegistry();
    registry.defineQueue({ name: 'incomplete', jobs: ['handled', 'forgotten'] });
    registry.handle('incomplete', 'handled', async () => ({ status: 'done' }));
    const config = loadConfig({
      NODE_ENV: 'test',
      REDIS_URL: redis.url,
      BAKEN_RUN_WORKERS: 'true',
      BAKEN_QUEUE_PREFIX: 'job-queues-incomplete',
    });
    const incomplete = new JobQueues(config, null as unknown as Database, registry);
    try {
      await incomplete.onModuleInit();
      await expect(incomplete.onApplicationBootstrap()).rejects.toThrow(
        'job "forgotten" on queue "incomplete" has no handler',
      );
    } finally {
      await incomplete.onModuleDestroy();
    }
  });

  it('refuses a job name the queue does not declare', async () => {
    await expect(queues.add('test', 'unknown', {}, { jobId: 'x' })).rejects.toThrow('not declared');
  });

  it('answers false at once while Redis is down, and reports the queue down', async () => {
    await redis.stop();
    await waitFor(() => !queues.redisAvailable, 10_000, 'the outage went unnoticed');
    const started = Date.now();
    expect(await queues.add('test', 'record', { id: 'job-lost' }, { jobId: 'job-lost' })).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await queues.status()).toEqual([{ queue: 'test', state: 'down' }]);
    await redis.start();
    await waitFor(() => queues.redisAvailable, 15_000, 'Redis did not come back');
    expect(await queues.status()).toEqual([{ queue: 'test', state: 'up' }]);
  }, 40_000);
});
