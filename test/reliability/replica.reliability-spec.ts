import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { demoToken, startApiProcess, type ServerProcess } from '../support/api-process';
import { startStandbyCluster, type StandbyCluster } from './support/standby-cluster';

const COORDINATOR = 'coordinator.de-baronie';
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const signal = (n: string) => ({
  district: 'de-baronie',
  municipality: 'breda',
  receivedOn: yesterday,
  source: { type: 'police', organisation: 'Politie Zeeland-West-Brabant' },
  forms: ['labour'],
  vulnerabilities: [],
  summary: `Replica read drill signal ${n}.`,
  subjects: [],
});

interface Answer {
  status: number;
  body: unknown;
  position: string | null;
  ms: number;
}

async function call(
  baseUrl: string,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; minPosition?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.minPosition) headers['baken-min-position'] = options.minPosition;
  const started = Date.now();
  const res = await fetch(baseUrl + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? JSON.parse(text) : undefined,
    position: res.headers.get('baken-position'),
    ms: Date.now() - started,
  };
}

/** Delays the standby's replay of each commit (`recovery_min_apply_delay`): a lag the drill controls. */
async function delayReplay(cluster: StandbyCluster, delay: string): Promise<void> {
  const client = new Client({ connectionString: cluster.standby.url() });
  await client.connect();
  try {
    await client.query(`ALTER SYSTEM SET recovery_min_apply_delay = '${delay}'`);
    await client.query('SELECT pg_reload_conf()');
  } finally {
    await client.end();
  }
}

/**
 * The API reads case lists, cases, history and reports from a streaming standby (`DATABASE_READ_URL`). A client
 * that sends back the position of its own write (`Baken-Min-Position`) always reads that write: from the standby
 * once it has replayed it, else from the primary. Without a read URL nothing changes: no position, reads from the
 * primary.
 */
describe('reads from a standby with read-your-writes', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'baken-replica-'));
  const masterKey = randomBytes(32).toString('base64');
  let cluster: StandbyCluster | undefined;
  let api: ServerProcess | undefined;
  let token: string;

  beforeAll(async () => {
    cluster = await startStandbyCluster();
    api = await startApiProcess(cluster.url(), {
      env: {
        BAKEN_DATA_DIR: dataDir,
        BAKEN_MASTER_KEY: masterKey,
        DATABASE_READ_URL: cluster.standby.url(cluster.database),
      },
    });
    token = await demoToken(api.url, COORDINATOR);
  }, 120_000);

  afterAll(async () => {
    await api?.kill();
    cluster?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const register = async (n: string) => {
    const answer = await call(api!.url, token, 'POST', '/api/signals', { body: signal(n) });
    expect(answer.status).toBe(201);
    expect(answer.position).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    return { caseId: (answer.body as { caseId: string }).caseId, position: answer.position! };
  };
  const listed = (answer: Answer, caseId: string) =>
    (answer.body as { items: { caseId: string }[] }).items.some((item) => item.caseId === caseId);

  it('finds its own write at once with the position, also while the standby lags behind', async () => {
    try {
      // A standby seconds behind: without the position the new case is not there yet (the premise: reads do go to
      // the standby); with it the read waits its bounded second and then reads from the primary.
      await delayReplay(cluster!, '3s');
      const { caseId, position } = await register('lagging');
      expect((await call(api!.url, token, 'GET', `/api/cases/${caseId}`)).status).toBe(404);
      const own = await call(api!.url, token, 'GET', `/api/cases/${caseId}`, { minPosition: position });
      expect(own.status).toBe(200);
      expect(own.ms).toBeGreaterThanOrEqual(900);
      const list = await call(api!.url, token, 'GET', '/api/cases?pageSize=100', { minPosition: position });
      expect(listed(list, caseId)).toBe(true);
    } finally {
      await delayReplay(cluster!, '0');
    }
  }, 60_000);

  it('always finds its own write: case, list, history and the case as it was, right after each command', async () => {
    const missed: string[] = [];
    const waited: number[] = [];
    for (let i = 0; i < 15; i++) {
      const { caseId, position } = await register(`own-${i}`);
      const read = (path: string) => call(api!.url, token, 'GET', path, { minPosition: position });
      const [detail, list, history, asOf] = await Promise.all([
        read(`/api/cases/${caseId}`),
        read('/api/cases?pageSize=100'),
        read(`/api/cases/${caseId}/history`),
        read(`/api/cases/${caseId}?version=1`),
      ]);
      waited.push(detail.ms);
      if (detail.status !== 200) missed.push(`case ${caseId}: ${detail.status}`);
      if (!listed(list, caseId)) missed.push(`list without ${caseId}`);
      if (history.status !== 200 || !JSON.stringify(history.body).includes('SignalRegistered'))
        missed.push(`history of ${caseId}: ${history.status}`);
      if (asOf.status !== 200) missed.push(`case ${caseId} at version 1: ${asOf.status}`);
    }
    expect(missed).toEqual([]);
    // The premise: the standby caught up within the bound and served reads (a fallback to the primary waits 1 s).
    expect(Math.min(...waited)).toBeLessThan(900);
  }, 60_000);

  it('reads reports from the standby, and a malformed position from the primary', async () => {
    expect((await call(api!.url, token, 'GET', '/api/reports/flow')).status).toBe(200);
    expect((await call(api!.url, token, 'GET', '/api/reports/quarterly-targets')).status).toBe(200);
    const { caseId } = await register('malformed');
    expect((await call(api!.url, token, 'GET', `/api/cases/${caseId}`, { minPosition: 'not-a-position' })).status).toBe(
      200,
    );
  }, 30_000);

  it('without a read URL answers no position and reads from the primary, as before', async () => {
    const plain = await startApiProcess(cluster!.url(), {
      env: { BAKEN_DATA_DIR: dataDir, BAKEN_MASTER_KEY: masterKey, BAKEN_RUN_SUBSCRIPTIONS: 'false' },
    });
    try {
      const plainToken = await demoToken(plain.url, COORDINATOR);
      const answer = await call(plain.url, plainToken, 'POST', '/api/signals', { body: signal('plain') });
      expect(answer.status).toBe(201);
      expect(answer.position).toBeNull();
      const caseId = (answer.body as { caseId: string }).caseId;
      expect((await call(plain.url, plainToken, 'GET', `/api/cases/${caseId}`)).status).toBe(200);
    } finally {
      await plain.kill();
    }
  }, 90_000);
});
