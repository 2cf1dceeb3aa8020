import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built server (`npm run build:server`): `dist/` beside `test/` in the repository root. */
export const DIST = join(
  __dirname,
  '..',
  '..',
  ...(__dirname.includes(`${join('dist', 'test')}`) ? ['..'] : []),
  'dist',
);

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL, then waits for the exit: a crash. */
  kill(): Promise<void>;
}

export interface StartOptions {
  /** Environment on top of the test defaults (NODE_ENV=test, demo users, rate limits off, no demo seed). */
  env?: NodeJS.ProcessEnv;
  port?: number;
  /** Show the process's output on the test's stderr instead of only collecting it. */
  inheritOutput?: boolean;
  /** How long to wait for `/api/health`; 60 s by default. */
  startTimeoutMs?: number;
}

/**
 * A spare port picked at random below Linux's ephemeral range (32768–60999), so that no outgoing connection of
 * this machine holds it by chance; the caller retries with another on EADDRINUSE.
 */
export function freePort(): number {
  return 20000 + Math.floor(Math.random() * 12000);
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((r) =>
    child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r()),
  );
}

function spawnNode(
  script: string,
  env: NodeJS.ProcessEnv,
  inherit: boolean,
): { child: ChildProcess; output(): string } {
  const child = spawn(process.execPath, ['--enable-source-maps', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: string[] = [];
  let size = 0;
  const collect = (chunk: Buffer) => {
    if (inherit) process.stderr.write(chunk);
    // Keep the last ~2 MB: enough to explain a failure, bounded under long loads.
    chunks.push(chunk.toString('utf8'));
    size += chunk.length;
    while (size > 2_000_000 && chunks.length > 1) size -= chunks.shift()!.length;
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return { child, output: () => chunks.join('') };
}

/** The environment of a spawned server; a data directory of its own (removed with `removeDataDir`) unless one is given. */
function baseEnv(
  databaseUrl: string,
  extra: NodeJS.ProcessEnv = {},
): { env: NodeJS.ProcessEnv; removeDataDir(): void } {
  const ownDir = extra.BAKEN_DATA_DIR ? null : mkdtempSync(join(tmpdir(), 'baken-proc-'));
  const env = {
    ...process.env,
    NODE_OPTIONS: '',
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    BAKEN_SEED_DEMO: 'false',
    BAKEN_RATE_LIMIT: 'false',
    ...(ownDir ? { BAKEN_DATA_DIR: ownDir } : {}),
    ...extra,
  };
  return { env, removeDataDir: () => ownDir && rmSync(ownDir, { recursive: true, force: true }) };
}

export async function waitForHealth(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the API exited with code ${child.exitCode}:\n${output().slice(-4000)}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the API did not come up within ${timeoutMs / 1000} s:\n${output().slice(-4000)}`);
}

/** Starts the built API (`dist/apps/api/src/main.js`) as its own process on `databaseUrl`; resolves once it is healthy. */
export async function startApiProcess(databaseUrl: string, options: StartOptions = {}): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startApiProcessOnce(databaseUrl, options);
    } catch (error) {
      const taken = /EADDRINUSE/.test((error as Error).message);
      if (!taken || options.port !== undefined || attempt >= 3) throw error;
    }
  }
}

async function startApiProcessOnce(databaseUrl: string, options: StartOptions): Promise<ServerProcess> {
  const port = options.port ?? freePort();
  const { env, removeDataDir } = baseEnv(databaseUrl, { PORT: String(port), ...options.env });
  const { child, output } = spawnNode(join(DIST, 'apps', 'api', 'src', 'main.js'), env, options.inheritOutput ?? false);
  child.once('exit', removeDataDir);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, output, options.startTimeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    port,
    child,
    output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

/** Starts the built worker (`dist/apps/worker/src/main.js`); resolves once it has printed `readyPattern` (or after `settleMs`). */
export async function startWorkerProcess(
  databaseUrl: string,
  options: StartOptions & { readyPattern?: RegExp; settleMs?: number } = {},
): Promise<Omit<ServerProcess, 'url' | 'port'>> {
  const { env, removeDataDir } = baseEnv(databaseUrl, options.env);
  const { child, output } = spawnNode(
    join(DIST, 'apps', 'worker', 'src', 'main.js'),
    env,
    options.inheritOutput ?? false,
  );
  child.once('exit', removeDataDir);
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the worker exited with code ${child.exitCode}:\n${output().slice(-4000)}`);
    if (
      options.readyPattern
        ? options.readyPattern.test(output())
        : Date.now() > deadline - (options.startTimeoutMs ?? 60_000) + (options.settleMs ?? 2000)
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (options.readyPattern && !options.readyPattern.test(output())) {
    child.kill('SIGKILL');
    throw new Error(`the worker did not print ${options.readyPattern} in time:\n${output().slice(-4000)}`);
  }
  return {
    child,
    output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

/** A demo user's bearer token from a running API. */
export async function demoToken(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/demo-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!res.ok) throw new Error(`demo login as ${username} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
