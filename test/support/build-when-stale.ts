import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs);
}

/** Runs `npm run <script>` when `built` (relative to the repository root) is missing or older than any of `sources`. */
export function buildWhenStale(built: string, sources: string[], script: string, why: string): void {
  const target = join(ROOT, built);
  const paths = sources.map((s) => join(ROOT, s));
  const stale = !existsSync(target) || paths.some((s) => existsSync(s) && newestChange(s) > statSync(target).mtimeMs);
  if (!stale) return;
  console.log(`\nBuilding ${why} (npm run ${script})…`);
  execFileSync('npm', ['run', '--silent', script], { cwd: ROOT, stdio: 'inherit' });
}
