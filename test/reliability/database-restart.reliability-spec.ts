import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { demoToken, DIST, freePort, startApiProcess, waitForHealth, type ServerProcess } from '../support/api-process';
import { createPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';
import { CommandLedger } from './support/command-ledger';
import { writesByIdempotencyKey } from './support/event-log';
import { eventually, exchange, explain, is2xx, sleep, type Exchange } from './support/http';

const COORDINATOR = 'coordinator.de-baronie';
/** No request may take longer than this, whatever the database is doing. */
const ANSWER_WITHIN_MS = 15_000;
/** How long the database stays stopped. */
const DOWNTIME_MS = 4_000;

const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const signal = (n: string) => ({
  district: 'de-baronie',
  municipality: 'breda',
  receivedOn: yesterday,
  source: { type: 'police', organisation: 'Politie Zeeland-West-Brabant' },
  forms: ['labour'],
  vulnerabilities: [],
  summary: `Database restart drill signal ${n}.`,
  subjects: [],
});

/**
 * A private PostgreSQL instance is restarted, and then stopped for a few seconds, while commands and reads keep
 * coming. While it is away requests answer 503 problem details (never 500, never hanging) and readiness says not
 * ready; once it is back the same API process serves again without being restarted, its asynchronous subscribers
 * resume, and no command that was answered 2xx is missing from the log.
 */
describe('database restart: PostgreSQL goes away under load and comes back', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'baken-dbrestart-'));
  let pg: PrivatePostgres | undefined;
  let api: ServerProcess | undefined;
  let databaseUrl: string;

  beforeAll(async () => {
    pg = createPrivatePostgres();
    const admin = new Client({ connectionString: pg.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE baken');
    await admin.end();
    databaseUrl = pg.url('baken');
    api = await startApiProcess(databaseUrl, {
      env: {
        BAKEN_DATA_DIR: dataDir,
        BAKEN_MASTER_KEY: randomBytes(32).toString('base64'),
        BAKEN_SUBSCRIPTION_POLL_MS: '100',
      },
    });
  }, 120_000);

  afterAll(async () => {
    await api?.kill();
    pg?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('answers 503 problem details while it is away and recovers by itself', async () => {
    const { url, child } = api!;
    const pid = child.pid;
    const token = await demoToken(url, COORDINATOR);
    const ledger = new CommandLedger('dbrestart');
    const reads: Exchange[] = [];
    const probes: Exchange[] = [];
    const seeded = await ledger.send(url, token, '/api/signals', signal('seed'));
    expect(seeded.status).toBe(201);
    const seededId = (seeded.body as { caseId: string }).caseId;

    let running = true;
    // After an answer that is not 2xx, pause a little: a client backs off instead of spinning on 503s.
    const pace = (x: Exchange) => sleep(is2xx(x) ? 0 : 50);
    const writer = async (n: number) => {
      for (let round = 0; running; round++) {
        const registered = await ledger.send(url, token, '/api/signals', signal(`${n}.${round}`));
        await pace(registered);
        if (!is2xx(registered)) continue;
        const caseId = (registered.body as { caseId: string }).caseId;
        await pace(
          await ledger.send(url, token, `/api/cases/${caseId}/assign`, { coordinator: COORDINATOR }, { ifMatch: 1 }),
        );
      }
    };
    const reader = async (paths: string[]) => {
      for (let round = 0; running; round++) {
        const read = await exchange(url, 'GET', paths[round % paths.length], { token });
        reads.push(read);
        await pace(read);
      }
    };
    const prober = async () => {
      while (running) {
        probes.push(await exchange(url, 'GET', '/api/health/ready'));
        await sleep(100);
      }
    };
    const load = Promise.all([
      writer(1),
      writer(2),
      writer(3),
      reader(['/api/cases?pageSize=20', `/api/cases/${seededId}`]),
      reader([`/api/cases/${seededId}/history`, '/api/projections']),
      prober(),
    ]);
    const all = () => [...ledger.sent, ...reads];
    const died = () =>
      child.exitCode !== null || child.signalCode !== null
        ? `the API process exited (${child.exitCode ?? child.signalCode})`
        : undefined;
    const recovered = (what: string, since: number) =>
      eventually(
        what,
        async () =>
          ledger.sent.some((c) => c.startedAt > since && is2xx(c)) && reads.some((r) => r.startedAt > since && is2xx(r))
            ? true
            : undefined,
        {
          timeoutMs: 60_000,
          intervalMs: 100,
          giveUp: died,
        },
      );

    try {
      await sleep(1_500);
      pg!.restart();
      await recovered('commands and reads succeed again after the restart', Date.now());

      pg!.stop();
      const downFrom = Date.now();
      await sleep(DOWNTIME_MS);
      const downUntil = Date.now();
      pg!.start();
      const upAt = Date.now();
      await recovered('commands and reads succeed again after the database was down', upAt);
      await sleep(500);
      running = false;
      await load;

      // Never a 500, never a transport error or a hang: every request was answered, in time.
      expect(
        all()
          .filter((x) => x.status === undefined || (x.status >= 500 && x.status !== 503))
          .map(explain),
      ).toEqual([]);
      expect(
        all()
          .filter((x) => x.ms > ANSWER_WITHIN_MS)
          .map(explain),
      ).toEqual([]);
      // Every refusal is problem details; a 503 says when to come back.
      const refusals = all().filter((x) => !is2xx(x));
      expect(refusals.filter((x) => !/^application\/problem\+json/.test(x.contentType ?? '')).map(explain)).toEqual([]);
      expect(refusals.filter((x) => x.status === 503 && !x.retryAfter).map(explain)).toEqual([]);
      expect(refusals.filter((x) => x.status !== 503 && x.status !== undefined).map(explain)).toEqual([]);

      // The load really met the outage: commands and reads sent while the database was stopped answered 503.
      const duringOutage = (x: Exchange) => x.startedAt > downFrom + 500 && x.startedAt + x.ms < downUntil;
      expect(ledger.sent.filter(duringOutage).filter((x) => x.status === 503).length).toBeGreaterThan(0);
      expect(reads.filter(duringOutage).filter((x) => x.status === 503).length).toBeGreaterThan(0);
      // Readiness said so, naming the database, and says ready again now.
      const notReady = probes.filter(duringOutage);
      expect(notReady.length).toBeGreaterThan(0);
      for (const probe of notReady) {
        expect({ probe: explain(probe), status: probe.status }).toEqual({ probe: explain(probe), status: 503 });
        expect((probe.body as { checks?: Record<string, string> }).checks?.database).toBe('down');
      }
      expect((await exchange(url, 'GET', '/api/health/ready')).status).toBe(200);

      // The same process served throughout: no restart was needed.
      expect(child.exitCode).toBeNull();
      expect(child.signalCode).toBeNull();
      expect(child.pid).toBe(pid);

      // No command answered 2xx is missing.
      const logged = await writesByIdempotencyKey(databaseUrl);
      expect(
        ledger
          .withFate('answered_2xx')
          .filter((c) => !logged.has(c.key))
          .map(explain),
      ).toEqual([]);

      // The asynchronous subscribers resumed: they catch up with a command made after the outage.
      const last = await ledger.send(url, token, '/api/signals', signal('after'));
      expect(last.status).toBe(201);
      await eventually(
        'asynchronous projections caught up after the outage',
        async () => {
          const res = await exchange(url, 'GET', '/api/projections', { token });
          const rows = res.body as { name: string; lag: number; status: string }[];
          return res.status === 200 && rows.length > 0 && rows.every((p) => p.lag === 0 && p.status === 'running')
            ? rows
            : undefined;
        },
        { giveUp: died },
      );
    } catch (error) {
      const last = (xs: Exchange[]) => xs.slice(-5).map(explain).join('\n');
      console.error(
        `Database restart drill failed. Last commands:\n${last(ledger.sent)}\nLast reads:\n${last(reads)}\nAPI output:\n${api!.output().slice(-4000)}`,
      );
      throw error;
    } finally {
      running = false;
      await load;
    }
  }, 120_000);

  it('lets an API process started while the database is down wait for it, instead of exiting', async () => {
    pg!.stop();
    const port = freePort();
    const late = spawn(process.execPath, [join(DIST, 'apps', 'api', 'src', 'main.js')], {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        BAKEN_DATA_DIR: dataDir,
        BAKEN_SEED_DEMO: 'false',
        BAKEN_RATE_LIMIT: 'false',
        BAKEN_RUN_SUBSCRIPTIONS: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    late.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    late.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => late.once('exit', resolve));
    try {
      await eventually(
        'the new process waiting for the database',
        async () => (/Waiting for the database at 127\.0\.0\.1:\d+\/baken/.test(output) ? true : undefined),
        {
          timeoutMs: 60_000,
          intervalMs: 100,
          giveUp: () => (late.exitCode !== null ? `it exited with code ${late.exitCode}:\n${output}` : undefined),
        },
      );
      pg!.start();
      await waitForHealth(`http://127.0.0.1:${port}`, late, () => output);
      expect((await exchange(`http://127.0.0.1:${port}`, 'GET', '/api/health/ready')).status).toBe(200);
    } finally {
      late.kill('SIGKILL');
      await exited;
    }
  }, 120_000);
});
