import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../../../..');

/** The server code compiled as `npm run build:server` does, into a temporary directory (the shared `dist/` stays untouched). */
export interface WorkerBuild {
  readonly main: string;
  remove(): void;
}

export async function buildWorker(): Promise<WorkerBuild> {
  const dir = mkdtempSync(join(tmpdir(), 'baken-worker-build-'));
  await promisify(execFile)(
    join(ROOT, 'node_modules/.bin/swc'),
    ['apps/api', 'apps/cli', 'apps/worker', 'libs', '-d', dir, '--quiet'],
    { cwd: ROOT },
  );
  // Packages resolve from the build's own directory upwards, as they would from dist/.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { main: join(dir, 'apps/worker/src/main.js'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A running `apps/worker` process. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything it wrote so far, for failure messages. */
  output(): string;
  /** Sends `signal` and waits until the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  readonly running: boolean;
}

export function startWorker(build: WorkerBuild, env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', build.main], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const closed = new Promise<void>((done) => child.once('close', () => done()));
  return {
    child,
    pid: child.pid!,
    output: () => output,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await closed;
    },
  };
}
