import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openDatabase, PostgresEventStore } from '@baken/event-store';
import { demoToken, startApiProcess, type ServerProcess } from '../support/api-process';
import { CommandLedger } from './support/command-ledger';
import { writesByIdempotencyKey } from './support/event-log';
import { eventually, exchange, explain, is2xx, sleep, type Exchange } from './support/http';
import { startStandbyCluster, type StandbyCluster } from './support/standby-cluster';

const COORDINATOR = 'coordinator.de-baronie';
/** The clients' limit: an answer later than this counts as a hang. */
const CLIENT_TIMEOUT_MS = 20_000;
const WRITERS = 4;

const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const signal = (n: string) => ({
  district: 'de-baronie',
  municipality: 'breda',
  receivedOn: yesterday,
  source: { type: 'police', organisation: 'Politie Zeeland-West-Brabant' },
  forms: ['labour'],
  vulnerabilities: [],
  summary: `Failover drill signal ${n}.`,
  subjects: [],
});

async function rows<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * A primary with a synchronous standby serves the API through a multi-host DATABASE_URL. Under load the standby is
 * promoted and the old primary stopped as if it crashed. Every command answered 2xx must be in the new primary's
 * log; every other one answered 503 with Retry-After; the same API process carries on against the new primary, its
 * subscribers resume where they were, and every hash chain still verifies.
 */
describe('failover: the synchronous standby becomes the primary under load', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'baken-failover-'));
  let cluster: StandbyCluster | undefined;
  let api: ServerProcess | undefined;

  beforeAll(async () => {
    cluster = await startStandbyCluster();
    api = await startApiProcess(cluster.url(), {
      env: {
        BAKEN_DATA_DIR: dataDir,
        BAKEN_MASTER_KEY: randomBytes(32).toString('base64'),
        BAKEN_SUBSCRIPTION_POLL_MS: '100',
      },
    });
  }, 120_000);

  afterAll(async () => {
    await api?.kill();
    cluster?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('loses no acknowledged command and serves on from the new primary', async () => {
    const { url, child } = api!;
    const newPrimary = cluster!.standby.url(cluster!.database);
    const token = await demoToken(url, COORDINATOR);
    const ledger = new CommandLedger('failover');
    const send = (n: string) => ledger.send(url, token, '/api/signals', signal(n));
    expect((await send('seed')).status).toBe(201);

    let running = true;
    const writer = async (n: number) => {
      for (let round = 0; running; round++) {
        const answer = await send(`${n}.${round}`);
        // A client backs off after a refusal instead of spinning on 503s.
        if (!is2xx(answer)) await sleep(100);
      }
    };
    const reads: Exchange[] = [];
    const reader = async () => {
      while (running) {
        const read = await exchange(url, 'GET', '/api/cases?pageSize=20', { token });
        reads.push(read);
        await sleep(is2xx(read) ? 20 : 100);
      }
    };
    const load = Promise.all([...Array.from({ length: WRITERS }, (_, i) => writer(i + 1)), reader()]);
    const died = () =>
      child.exitCode !== null || child.signalCode !== null
        ? `the API process exited (${child.exitCode ?? child.signalCode})`
        : undefined;
    const served = (since: number) => ledger.sent.some((c) => c.startedAt > since && is2xx(c));

    let failedOverAt = 0;
    try {
      await eventually('commands served before the failover', async () => (served(0) ? true : undefined), {
        giveUp: died,
      });
      await sleep(1_500);
      const beforeFailover = ledger.withFate('answered_2xx').length;
      await cluster!.promote();
      await cluster!.stopPrimary();
      failedOverAt = Date.now();
      await eventually('commands served by the new primary', async () => (served(failedOverAt) ? true : undefined), {
        timeoutMs: 45_000,
        intervalMs: 100,
        giveUp: died,
      });
      await sleep(1_500);
      running = false;
      await load;

      // The load met the failover, on both sides of it.
      expect(beforeFailover).toBeGreaterThan(0);
      expect(ledger.sent.filter((c) => c.startedAt > failedOverAt && is2xx(c)).length).toBeGreaterThan(0);
      expect(reads.filter((r) => r.startedAt > failedOverAt && is2xx(r)).length).toBeGreaterThan(0);
      // Commands in flight when the old primary went (its commits waiting for the promoted standby) were refused.
      expect(ledger.sent.filter((c) => c.status === 503).length).toBeGreaterThan(0);

      // Every command and read was answered in time, 2xx or 503 problem details with Retry-After: never a 500, never
      // a hang.
      const all = [...ledger.sent, ...reads];
      const refused = all.filter((c) => !is2xx(c));
      expect(all.filter((c) => c.status === undefined || c.ms > CLIENT_TIMEOUT_MS).map(explain)).toEqual([]);
      expect(refused.filter((c) => c.status !== 503 || !c.retryAfter).map(explain)).toEqual([]);
      expect(refused.filter((c) => !/^application\/problem\+json/.test(c.contentType ?? '')).map(explain)).toEqual([]);

      // Nothing acknowledged was lost: each 2xx command is in the new primary's log, once.
      const logged = await writesByIdempotencyKey(newPrimary);
      const acknowledged = ledger.withFate('answered_2xx');
      expect(acknowledged.filter((c) => !logged.has(c.key)).map(explain)).toEqual([]);
      expect(acknowledged.filter((c) => logged.get(c.key)!.commands !== 1).map(explain)).toEqual([]);

      // The same process serves on: no restart was needed.
      expect(died()).toBeUndefined();
      const after = await send('after');
      expect(after.status).toBe(201);
      expect((await writesByIdempotencyKey(newPrimary)).has(after.key)).toBe(true);

      // The subscribers resumed from their checkpoints on the new primary and caught up.
      await eventually(
        'asynchronous projections caught up on the new primary',
        async () => {
          const res = await exchange(url, 'GET', '/api/projections', { token });
          const list = res.body as { name: string; lag: number; status: string }[];
          return res.status === 200 && list.length > 0 && list.every((p) => p.lag === 0 && p.status === 'running')
            ? list
            : undefined;
        },
        { timeoutMs: 30_000, giveUp: died },
      );
      // Without skips or duplicates: the case list (inline) and the reporting cases (asynchronous) hold exactly the
      // cases of the log, each once.
      const inLog = (
        await rows<{ id: string }>(
          newPrimary,
          "SELECT replace(stream_id, 'case-', '') AS id FROM es_streams WHERE stream_type = 'case' ORDER BY 1",
        )
      ).map((r) => r.id);
      expect(inLog.length).toBeGreaterThanOrEqual(acknowledged.length + 1);
      for (const table of ['case_list', 'reporting_cases']) {
        const ids = (await rows<{ id: string }>(newPrimary, `SELECT case_id AS id FROM ${table} ORDER BY 1`)).map(
          (r) => r.id,
        );
        expect({ table, ids }).toEqual({ table, ids: inLog });
      }

      // Every case's hash chain verifies on the new primary.
      const db = await openDatabase({ url: newPrimary, poolSize: 2 });
      try {
        const store = new PostgresEventStore(db);
        const broken: string[] = [];
        for (const id of inLog) {
          const verification = await store.verifyStream(`case-${id}`);
          if (!verification.valid) broken.push(`${id}: ${JSON.stringify(verification)}`);
        }
        expect(broken).toEqual([]);
      } finally {
        await db.close();
      }
    } catch (error) {
      const last = (xs: Exchange[]) => xs.slice(-8).map(explain).join('\n');
      console.error(
        `Failover drill failed (failover at ${failedOverAt}). Last commands:\n${last(ledger.sent)}\nAPI output:\n${api!.output().slice(-5000)}`,
      );
      throw error;
    } finally {
      running = false;
      await load;
    }
  }, 120_000);
});
