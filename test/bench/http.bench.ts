import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { eventStoreMigrations, migrate, openDatabase } from '@baken/event-store';
import { createTestDatabase } from '@baken/event-store/testing';
import { startApiProcess, startWorkerProcess, type ServerProcess } from '../support/api-process';
import { captureTemplate, startFloorServer } from './floor';
import { openLoop, type OpenLoopResult } from './open-loop';
import { describeProfile, selfTimeByOwner } from './profile';
import { pgbench, type BenchContext } from './harness';
import { PAYLOAD } from './store.bench';

/** Peak resident memory of a process, from /proc (Linux). */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

const TICKS_PER_SECOND = 100;

/** CPU time (user + system) of a process so far, in seconds; 0 when it is gone. */
function cpuSeconds(pid: number): number {
  try {
    // Fields after the command name, which may itself contain spaces: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** PostgreSQL backends serving `database` (their process title names it). */
function backendsOf(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres:') && title.includes(` ${database} `)) pids.push(Number(entry));
    } catch {
      /* gone meanwhile */
    }
  }
  return pids;
}

/**
 * Where the CPU went while the load ran: the API process, and the PostgreSQL backends of the benchmark's database
 * (not PostgreSQL's shared background processes, nor anything else on the machine).
 */
function cpuMeter(apiPid: number, database: string): () => { apiCores: number; postgresCores: number } {
  const started = process.hrtime.bigint();
  const api0 = cpuSeconds(apiPid);
  const backends0 = new Map(backendsOf(database).map((pid) => [pid, cpuSeconds(pid)]));
  return () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const api = cpuSeconds(apiPid) - api0;
    let postgres = 0;
    for (const pid of backendsOf(database)) postgres += cpuSeconds(pid) - (backends0.get(pid) ?? 0);
    return { apiCores: api / seconds, postgresCores: postgres / seconds };
  };
}

/**
 * Waits (at most three minutes) until a process and the database's backends together use less than 5 % of a core,
 * two seconds running.
 */
async function untilIdle(pid: number, database: string, what: string, ctx: BenchContext): Promise<void> {
  const started = Date.now();
  let quietSeconds = 0;
  while (quietSeconds < 2) {
    const meter = cpuMeter(pid, database);
    await new Promise((r) => setTimeout(r, 1_000));
    const { apiCores, postgresCores } = meter();
    quietSeconds = apiCores + postgresCores < 0.05 ? quietSeconds + 1 : 0;
    if (Date.now() - started > 180_000) {
      ctx.log(`http: ${what} is still busy after three minutes; measuring anyway`);
      return;
    }
  }
  ctx.log(`http: ${what}: done after ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** The API as `npm run start:api` runs it: no projections or job processors in the process. */
const API_ONLY = { BAKEN_RUN_SUBSCRIPTIONS: 'false', BAKEN_RUN_WORKERS: 'false' };

/** Seconds of load before anything is measured: a fresh process needs about a minute to reach its steady CPU. */
const WARM_UP_SECONDS = Number(process.env.BAKEN_BENCH_WARM_UP_S ?? 60);

/**
 * `POST /api/signals` with its inline projection at 50 connections, against the floor for a command of its shape (a
 * bare Fastify route doing the same writes as one statement, `floor-server.ts`) in the same run; its p99 at a fixed
 * rate of a quarter of the floor's throughput; the floor against pgbench into an events-shaped table; and the API's
 * memory.
 */
export async function benchHttp(ctx: BenchContext): Promise<void> {
  const database = await createTestDatabase('baken_bench');
  // Shared by the API and the profiled API after it: one keyring and one set of signing keys for the one database.
  const dataDir = mkdtempSync(join(tmpdir(), 'baken-bench-'));
  // Deployed as `start:api` beside `start:worker`: the API answers requests, a worker process runs the asynchronous
  // projections (on the same two cores).
  const api = {
    ...(await startApiProcess(database.url, { env: { BAKEN_DATA_DIR: dataDir, ...API_ONLY } })),
    databaseUrl: database.url,
  };
  const worker = await startWorkerProcess(database.url, {
    readyPattern: /Worker started/,
    env: { BAKEN_DATA_DIR: dataDir, BAKEN_RUN_SUBSCRIPTIONS: 'true', BAKEN_RUN_WORKERS: 'false' },
  });
  let floor: ServerProcess | undefined;
  try {
    const accessToken = await demoToken(api.url);
    const body = JSON.stringify({
      district: 'de-baronie',
      municipality: 'breda',
      receivedOn: '2026-01-05',
      source: { type: 'police' },
      forms: ['labour'],
      summary: PAYLOAD.conclusions,
      subjects: [{ role: 'victim', name: 'Meting Persoon', nationality: 'Pools' }],
    });
    const load = async (url: string, seconds: number, what: string) => {
      const result = await autocannon({
        url: `${url}/api/signals`,
        method: 'POST',
        connections: 50,
        duration: seconds,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body,
      });
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`autocannon saw ${result.non2xx} non-2xx answers and ${result.errors} errors (${what})`);
      return result;
    };
    // Not measured: the first requests compile the hot paths and prepare each pooled connection's statements, which
    // pgbench (one statement, prepared up front) does not pay for either.
    const warmUp = ctx.quick ? 1 : WARM_UP_SECONDS;
    ctx.log(`http: warming the API up for ${warmUp} s`);
    await load(api.url, warmUp, 'API warm-up');
    ctx.log(`http: autocannon POST /api/signals, 50 connections, ${ctx.seconds} s`);
    const meter = cpuMeter(api.child.pid!, database.name);
    const workerCpu0 = cpuSeconds(worker.child.pid!);
    const workerStarted = process.hrtime.bigint();
    const result = await load(api.url, ctx.seconds, 'API');
    const cpu = meter();
    const workerCores =
      (cpuSeconds(worker.child.pid!) - workerCpu0) / (Number(process.hrtime.bigint() - workerStarted) / 1e9);
    const rss = peakRssMb(api.child.pid!);

    await untilIdle(worker.child.pid!, database.name, 'the worker, projecting the API’s events', ctx);
    ctx.log('http: the floor (one statement behind a bare Fastify route), warming up, then 50 connections');
    floor = await startFloorServer(database.url, await captureTemplate(database.url));
    await load(floor.url, ctx.quick ? 1 : Math.min(WARM_UP_SECONDS, 20), 'floor warm-up');
    const floorMeter = cpuMeter(floor.child.pid!, database.name);
    const floorResult = await load(floor.url, ctx.seconds, 'floor');
    const floorCpu = floorMeter();
    await floor.stop();
    floor = undefined;

    const fixedRate = Math.max(1, Math.round(floorResult.requests.average / 4));
    ctx.log(
      `http: the API at a fixed ${fixedRate} req/s (a quarter of the floor), ${ctx.seconds} s, on a database of its own`,
    );
    const atRate = await atFixedRate(ctx, body, fixedRate);

    const perRequest = (cores: number, rate: number) => ((cores * 1000) / rate).toFixed(2);
    const cpuLine = (who: string, c: { apiCores: number; postgresCores: number }, rate: number) =>
      `${who} ${(c.apiCores * 100).toFixed(0)} % of a core (${perRequest(c.apiCores, rate)} ms CPU per request), ` +
      `its PostgreSQL backends ${(c.postgresCores * 100).toFixed(0)} % (${perRequest(c.postgresCores, rate)} ms per request)`;
    const apiCpu =
      cpuLine('API process', cpu, result.requests.average) +
      `; the worker process (projections) ${(workerCores * 100).toFixed(0)} % (${perRequest(workerCores, result.requests.average)} ms per request)`;
    const floorCpuLine = cpuLine('floor process', floorCpu, floorResult.requests.average);
    ctx.log(`http: ${apiCpu}; ${floorCpuLine}`);

    ctx.log(`http: pgbench baselines, 16 clients, ${ctx.seconds} s each`);
    const db = await openDatabase({ url: api.databaseUrl });
    await migrate(db, eventStoreMigrations);
    await db.exec(
      `CREATE TABLE IF NOT EXISTS bench_rows (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, data jsonb NOT NULL);
       CREATE TABLE IF NOT EXISTS bench_events (LIKE es_events INCLUDING ALL);`,
    );
    await db.close();
    // Quotes doubled for SQL; `":` spaced out, or pgbench would read `:name` in the JSON as one of its variables.
    const literal = (value: unknown) => JSON.stringify(value).replace(/'/g, "''").replace(/":/g, '": ');
    const rowsBase = await pgbench(
      api.databaseUrl,
      `INSERT INTO bench_rows (data) VALUES ('${literal(PAYLOAD)}'::jsonb);\n`,
      16,
      ctx.seconds,
      join(tmpdir(), 'baken-bench-http.sql'),
    );
    // The event's JSON is parsed on every insert (a parameter in it), as a JSON parameter is; a fresh event id and
    // stream per insert, into a table with es_events' columns, defaults and indexes.
    const eventsBase = await pgbench(
      api.databaseUrl,
      `\\set n random(1, 1000000000)
INSERT INTO bench_events (stream_id, stream_version, event_id, event_type, data, metadata, recorded_at)
VALUES ('case-' || gen_random_uuid(), 1, gen_random_uuid(), 'SignalRegistered',
        replace('${literal(PAYLOAD)}', '"conclusions"', '"c' || :n::text || '"')::jsonb, '{"actor": {"username": "pgbench"}}', now());
`,
      16,
      ctx.seconds,
      join(tmpdir(), 'baken-bench-http-events.sql'),
    );

    // The floor's registrations are events too: the worker projects them before the API is profiled.
    await untilIdle(worker.child.pid!, database.name, 'the worker, projecting the floor’s events', ctx);
    ctx.log("http: where the API's time goes: a second API process under the same load, with a CPU profile");
    const where = await profileApi(
      database.url,
      dataDir,
      accessToken,
      body,
      ctx.quick ? 1 : Math.min(WARM_UP_SECONDS, 20),
      ctx.seconds,
    );
    ctx.log(`http: API self time by package: ${where}`);

    const perSecond = result.requests.average;
    const floorPerSecond = floorResult.requests.average;
    const ratio = perSecond / floorPerSecond;
    ctx.figures.push({
      id: 'http-register-signal',
      figure: 'HTTP `POST /api/signals` with inline projection, 50 connections, against the floor',
      measured: `${perSecond.toFixed(0)} req/s, p99 ${result.latency.p99} ms`,
      baseline: `the floor (bare Fastify, one statement): ${floorPerSecond.toFixed(0)} req/s, p99 ${floorResult.latency.p99} ms`,
      ratio,
      goal: '≥ 0.5',
      met: ratio >= 0.5,
      note:
        `CPU during the load: ${apiCpu}; ${floorCpuLine}. The machine has ${availableParallelism()} cores for the API, ` +
        `PostgreSQL and autocannon together. The API was warmed up for ${warmUp} s first. Where the API's CPU goes ` +
        `(self time by package, from a CPU profile of a second run under the same load): ${where}.`,
    });
    ctx.figures.push({
      id: 'http-register-signal-fixed-rate',
      figure: 'HTTP `POST /api/signals` at a fixed rate of a quarter of the floor',
      measured: `p99 ${atRate.latency.p99} ms, p50 ${atRate.latency.p50} ms, max ${atRate.latency.max} ms at ${atRate.answered.toFixed(0)} req/s`,
      baseline: `${fixedRate} req/s asked (floor ÷ 4)`,
      ratio: atRate.latency.p99 / 30,
      goal: 'p99 ≤ 30 ms (ratio is p99 ÷ 30 ms)',
      met: atRate.latency.p99 <= 30,
      note: 'An open loop (`open-loop.ts`): requests go out at even intervals whatever the answers do, over at most 50 connections, and each latency counts from when its request was due. The worker had projected the earlier loads’ events first.',
    });
    ctx.figures.push({
      id: 'http-floor',
      figure: 'The floor for a registration (bare Fastify route, one statement of CTEs), 50 connections',
      measured: `${floorPerSecond.toFixed(0)} req/s`,
      baseline: `pgbench into an es_events-shaped table, 16 clients: ${eventsBase.toFixed(0)} tps (into bench_rows: ${rowsBase.toFixed(0)} tps)`,
      ratio: floorPerSecond / eventsBase,
      goal: 'none: the reference Baken is measured against',
      met: true,
    });
    ctx.figures.push({
      id: 'api-memory',
      figure: 'API memory under the HTTP load',
      measured: `${rss.toFixed(0)} MB peak RSS`,
      baseline: '—',
      ratio: rss / 300,
      goal: '≤ 300 MB (ratio is RSS ÷ 300 MB)',
      met: rss <= 300,
    });
  } finally {
    await floor?.stop();
    await api.stop();
    await worker.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The API's latency at a fixed rate, in the steady state: a fresh API and worker on a database of their own (the
 * saturating loads before leave the worker a backlog of minutes and the tables bloated), warmed up, the worker caught
 * up, then an open loop at `rate`.
 */
async function atFixedRate(ctx: BenchContext, body: string, rate: number): Promise<OpenLoopResult> {
  const database = await createTestDatabase('baken_bench');
  const dataDir = mkdtempSync(join(tmpdir(), 'baken-bench-'));
  const api = await startApiProcess(database.url, { env: { BAKEN_DATA_DIR: dataDir, ...API_ONLY } });
  const worker = await startWorkerProcess(database.url, {
    readyPattern: /Worker started/,
    env: { BAKEN_DATA_DIR: dataDir, BAKEN_RUN_SUBSCRIPTIONS: 'true', BAKEN_RUN_WORKERS: 'false' },
  });
  try {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${await demoToken(api.url)}` };
    const url = `${api.url}/api/signals`;
    await openLoop({ url, method: 'POST', headers, body, rate, seconds: ctx.quick ? 1 : 20, connections: 50 });
    await untilIdle(worker.child.pid!, database.name, 'the worker, projecting the warm-up’s events', ctx);
    const result = await openLoop({ url, method: 'POST', headers, body, rate, seconds: ctx.seconds, connections: 50 });
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`the open loop saw ${result.non2xx} non-2xx answers and ${result.errors} errors`);
    return result;
  } finally {
    await api.stop();
    await worker.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function demoToken(url: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/demo-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'coordinator.de-baronie' }),
  });
  return ((await login.json()) as { accessToken: string }).accessToken;
}

/** Loads a fresh API process started with `--cpu-prof` and answers its self time by package, busiest first. */
async function profileApi(
  databaseUrl: string,
  dataDir: string,
  accessToken: string,
  body: string,
  warmUpSeconds: number,
  seconds: number,
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'baken-profile-'));
  const api = await startApiProcess(databaseUrl, {
    env: { BAKEN_DATA_DIR: dataDir, NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}`, ...API_ONLY },
  });
  try {
    const options = {
      url: `${api.url}/api/signals`,
      method: 'POST',
      connections: 50,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body,
    };
    await autocannon({ ...options, duration: warmUpSeconds });
    await autocannon({ ...options, duration: seconds });
  } finally {
    await api.stop();
  }
  try {
    // The last seconds of the load, and the few milliseconds of shutting down after it.
    return describeProfile(selfTimeByOwner(dir, seconds));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const benchmarks = { http: benchHttp };
