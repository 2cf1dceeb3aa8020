import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { eventStoreMigrations, migrate, openDatabase } from '@baken/event-store';
import { createTestDatabase } from '@baken/event-store/testing';
import { startApiProcess } from '../support/api-process';
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

/** `POST /api/signals` with its inline projection, 50 connections, against pgbench at 16 clients; and the API's memory. */
export async function benchHttp(ctx: BenchContext): Promise<void> {
  const database = await createTestDatabase('baken_bench');
  const api = { ...(await startApiProcess(database.url)), databaseUrl: database.url };
  try {
    const login = await fetch(`${api.url}/api/auth/demo-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'coordinator.de-baronie' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const body = JSON.stringify({
      district: 'de-baronie',
      municipality: 'breda',
      receivedOn: '2026-01-05',
      source: { type: 'police' },
      forms: ['labour'],
      summary: PAYLOAD.conclusions,
      subjects: [{ role: 'victim', name: 'Meting Persoon', nationality: 'Pools' }],
    });
    const load = (seconds: number) =>
      autocannon({
        url: `${api.url}/api/signals`,
        method: 'POST',
        connections: 50,
        duration: seconds,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body,
      });
    // Not measured: the first requests compile the hot paths and prepare each pooled connection's statements, which
    // pgbench (one statement, prepared up front) does not pay for either.
    const warmUp = await load(ctx.quick ? 1 : 2);
    if (warmUp.non2xx > 0 || warmUp.errors > 0)
      throw new Error(`autocannon saw ${warmUp.non2xx} non-2xx answers and ${warmUp.errors} errors while warming up`);
    ctx.log(`http: autocannon POST /api/signals, 50 connections, ${ctx.seconds} s`);
    const meter = cpuMeter(api.child.pid!, database.name);
    const result = await load(ctx.seconds);
    const cpu = meter();
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`autocannon saw ${result.non2xx} non-2xx answers and ${result.errors} errors`);
    const rss = peakRssMb(api.child.pid!);
    // Cores busy ÷ requests per second = CPU time per request.
    const msPerRequest = (cores: number) => ((cores * 1000) / result.requests.average).toFixed(2);
    const cpuLine =
      `API process ${(cpu.apiCores * 100).toFixed(0)} % of a core (${msPerRequest(cpu.apiCores)} ms CPU per request), ` +
      `its PostgreSQL backends ${(cpu.postgresCores * 100).toFixed(0)} % (${msPerRequest(cpu.postgresCores)} ms per request)`;
    ctx.log(`http: ${cpuLine}`);

    ctx.log(`http: pgbench baseline, 16 clients, ${ctx.seconds} s`);
    const db = await openDatabase({ url: api.databaseUrl });
    await migrate(db, eventStoreMigrations);
    await db.exec(
      'CREATE TABLE IF NOT EXISTS bench_rows (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, data jsonb NOT NULL)',
    );
    await db.close();
    const data = JSON.stringify(PAYLOAD).replace(/'/g, "''").replace(/":/g, '": ');
    const base = await pgbench(
      api.databaseUrl,
      `INSERT INTO bench_rows (data) VALUES ('${data}'::jsonb);\n`,
      16,
      ctx.seconds,
      join(tmpdir(), 'baken-bench-http.sql'),
    );

    const perSecond = result.requests.average;
    const ratio = perSecond / base;
    ctx.figures.push({
      id: 'http-register-signal',
      figure: 'HTTP `POST /api/signals` with inline projection, 50 connections',
      measured: `${perSecond.toFixed(0)} req/s, p99 ${result.latency.p99} ms`,
      baseline: `pgbench, 16 clients: ${base.toFixed(0)} tps`,
      ratio,
      goal: '≥ 0.25, p99 ≤ 50 ms',
      met: ratio >= 0.25 && result.latency.p99 <= 50,
      note: `CPU during the load: ${cpuLine}; the machine has ${availableParallelism()} cores for the API, PostgreSQL and autocannon together.`,
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
    await api.stop();
    await database.drop();
  }
}

export const benchmarks = { http: benchHttp };
