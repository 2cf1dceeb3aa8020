import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, setAnalysis, writeReport, type BenchContext } from './harness';

type Benchmark = (ctx: BenchContext) => Promise<void>;

/** Every `*.bench.js` beside this file exports `benchmarks: Record<name, fn>`; they run in file-name order. */
function discoverBenchmarks(): Record<string, Benchmark> {
  const all: Record<string, Benchmark> = {};
  for (const file of readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js'))
    .sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Object.assign(all, (require(join(__dirname, file)) as { benchmarks?: Record<string, Benchmark> }).benchmarks ?? {});
  }
  return all;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const only = args.filter((a) => !a.startsWith('--'));
  const ctx = createContext(quick);
  const root = join(__dirname, '..', '..', '..');
  const benchmarks = discoverBenchmarks();
  const unknown = only.filter((name) => !benchmarks[name]);
  if (unknown.length)
    throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`);
  for (const [name, bench] of Object.entries(benchmarks)) {
    if (only.length && !only.includes(name)) continue;
    ctx.log(`== ${name}`);
    await bench(ctx);
  }
  for (const f of ctx.figures)
    ctx.log(`${f.figure}: ${f.measured} vs ${f.baseline} → ratio ${f.ratio.toFixed(2)} (goal ${f.goal})`);
  setAnalysis(readFileSync(join(root, 'test', 'bench', 'analysis.md'), 'utf8'));
  if (!only.length) writeReport(ctx.figures, quick, join(root, 'docs'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
