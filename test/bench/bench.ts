import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, setAnalysis, writeReport } from './harness';
import { benchAppend, benchReadAll } from './store.bench';
import { benchTimeTravel } from './time-travel.bench';
import { benchHttp } from './http.bench';

const BENCHMARKS: Record<string, (ctx: ReturnType<typeof createContext>) => Promise<void>> = {
  append: benchAppend,
  'read-all': benchReadAll,
  'time-travel': benchTimeTravel,
  http: benchHttp,
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const only = args.filter((a) => !a.startsWith('--'));
  const ctx = createContext(quick);
  const root = join(__dirname, '..', '..', '..');
  for (const [name, bench] of Object.entries(BENCHMARKS)) {
    if (only.length && !only.includes(name)) continue;
    ctx.log(`== ${name}`);
    await bench(ctx);
  }
  for (const f of ctx.figures) ctx.log(`${f.figure}: ${f.measured} vs ${f.baseline} → ratio ${f.ratio.toFixed(2)} (goal ${f.goal})`);
  setAnalysis(readFileSync(join(root, 'test', 'bench', 'analysis.md'), 'utf8'));
  if (!only.length) writeReport(ctx.figures, quick, join(root, 'docs'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
