import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
const built = join(root, 'dist/apps/api/src/main.js');
const sources = ['apps/api', 'apps/worker', 'apps/cli', 'libs', 'package-lock.json', '.swcrc'].map((p) => join(root, p));

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs);
}

/** Jest global setup of the fault drills: they run the built API and worker as processes, so build them when stale. */
export default function buildServer(): void {
  const stale = !existsSync(built) || sources.some((s) => existsSync(s) && newestChange(s) > statSync(built).mtimeMs);
  if (!stale) return;
  console.log('\nBuilding the server for the fault drills (npm run build:server)…');
  execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'inherit' });
}
