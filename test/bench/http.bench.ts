import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createTestDatabase, eventStoreMigrations, migrate, openDatabase } from '@baken/event-store';
import { startApiProcess } from '../support/api-process';
import { pgbench, type BenchContext } from './harness';
import { PAYLOAD } from './store.bench';

/** Peak resident memory of a process, from /proc (Linux). */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

/** `POST /api/signals` with its inline projection, 50 connections, against pgbench at 16 clients; and the API's memory. */
export async function benchHttp(ctx: BenchContext): Promise<void> {
  const database = await createTestDatabase('baken_bench');
  const api = { ...(await startApiProcess(database.url)), databaseUrl: database.url };
  try {
    const login = await fetch(`${api.url}/api/auth/demo-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'coordinator.de-baronie' }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const body = JSON.stringify({
      district: 'de-baronie', municipality: 'breda', receivedOn: '2026-01-05', source: { type: 'police' }, forms: ['labour'],
      summary: PAYLOAD.conclusions, subjects: [{ role: 'victim', name: 'Meting Persoon', nationality: 'Pools' }],
    });
    ctx.log(`http: autocannon POST /api/signals, 50 connections, ${ctx.seconds} s`);
    const result = await autocannon({
      url: `${api.url}/api/signals`, method: 'POST', connections: 50, duration: ctx.seconds,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body,
    });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`autocannon saw ${result.non2xx} non-2xx answers and ${result.errors} errors`);
    const rss = peakRssMb(api.child.pid!);

    ctx.log(`http: pgbench baseline, 16 clients, ${ctx.seconds} s`);
    const db = await openDatabase({ url: api.databaseUrl });
    await migrate(db, eventStoreMigrations);
    await db.exec('CREATE TABLE IF NOT EXISTS bench_rows (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, data jsonb NOT NULL)');
    await db.close();
    const data = JSON.stringify(PAYLOAD).replace(/'/g, "''").replace(/":/g, '": ');
    const base = await pgbench(api.databaseUrl, `INSERT INTO bench_rows (data) VALUES ('${data}'::jsonb);\n`, 16, ctx.seconds, join(tmpdir(), 'baken-bench-http.sql'));

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
