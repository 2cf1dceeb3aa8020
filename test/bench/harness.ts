import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const run = promisify(execFile);

export interface Figure {
  id: string;
  figure: string;
  measured: string;
  baseline: string;
  /** measured ÷ baseline in the unit the goal uses (higher is better unless `lowerIsBetter`). */
  ratio: number;
  goal: string;
  met: boolean;
  note?: string;
}

export interface BenchContext {
  quick: boolean;
  /** Seconds per timed phase. */
  seconds: number;
  figures: Figure[];
  log(message: string): void;
}

export function createContext(quick: boolean): BenchContext {
  return {
    quick,
    seconds: quick ? 1 : 10,
    figures: [],
    log: (message) => process.stdout.write(`${new Date().toISOString().slice(11, 19)}  ${message}\n`),
  };
}

/** Runs `fn` repeatedly in `workers` parallel loops for `seconds`; returns operations per second. */
export async function throughput(
  seconds: number,
  workers: number,
  fn: (worker: number, i: number) => Promise<void>,
): Promise<{ perSecond: number; count: number }> {
  const end = Date.now() + seconds * 1000;
  let count = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; Date.now() < end; i++) {
        await fn(w, i);
        count++;
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: count / elapsed, count };
}

/** Median wall time of `fn` over `repeat` runs, in milliseconds. */
export async function medianMs(repeat: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * Medians of several timed functions run in turns, one call each per round, so that a slow moment of the shared
 * machine lands on all of them alike instead of on whichever ran then.
 */
export async function alternatingMediansMs(
  repeat: number,
  fns: readonly (() => Promise<unknown>)[],
): Promise<number[]> {
  const times = fns.map(() => [] as number[]);
  for (let i = 0; i < repeat; i++) {
    for (const [n, fn] of fns.entries()) times[n].push(await medianMs(1, fn));
  }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]);
}

/** pgbench with a custom script; returns transactions per second. */
export async function pgbench(
  url: string,
  script: string,
  clients: number,
  seconds: number,
  file: string,
): Promise<number> {
  writeFileSync(file, script);
  const { stdout } = await run(
    'pgbench',
    [
      '-n',
      '-M',
      'prepared',
      '-c',
      String(clients),
      '-j',
      String(Math.min(clients, 2)),
      '-T',
      String(seconds),
      '-f',
      file,
      url,
    ],
    { maxBuffer: 1 << 24 },
  );
  const m = /tps = ([\d.]+)/.exec(stdout);
  if (!m) throw new Error(`pgbench gave no tps:\n${stdout}`);
  return Number(m[1]);
}

export function writeReport(figures: Figure[], quick: boolean, docsDir: string): void {
  if (quick) return;
  const json = { measuredAt: new Date().toISOString(), machine: machineLine(), figures };
  writeFileSync(join(docsDir, 'benchmarks.json'), JSON.stringify(json, null, 2) + '\n');
  const rows = figures.map(
    (f) =>
      `| ${f.figure} | ${f.measured} | ${f.baseline} | ${f.ratio.toFixed(2)} | ${f.goal} | ${f.met ? 'met' : '**not met**'} |`,
  );
  const notes = figures.filter((f) => f.note).map((f) => `- **${f.figure}**: ${f.note}`);
  const md = `# Benchmarks

Measured by \`npm run bench\` on ${json.measuredAt.slice(0, 10)} (${json.machine}). Every figure is a ratio to a
baseline measured in the same run on the same machine: absolute numbers drift on this shared machine, ratios much
less. Raw numbers: [benchmarks.json](benchmarks.json). \`npm run bench -- --quick\` is the smoke version CI runs; it
asserts no numbers.

| figure | measured | baseline (same run) | ratio | goal | |
|---|---|---|---|---|---|
${rows.join('\n')}

${notes.length ? `## Notes\n\n${notes.join('\n')}\n` : ''}`;
  writeFileSync(join(docsDir, 'BENCHMARKS.md'), md + BENCHMARK_ANALYSIS);
}

function machineLine(): string {
  return `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** Hand-written analysis appended to the generated table; kept in `analysis.md` beside the harness. */
let BENCHMARK_ANALYSIS = '';
export function setAnalysis(text: string): void {
  BENCHMARK_ANALYSIS = text;
}
