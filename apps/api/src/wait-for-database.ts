import { Client } from 'pg';
import { findHost, parseConnectionUrl } from '@baken/event-store';
import { toProblem } from '@baken/platform';

export interface WaitForDatabaseOptions {
  /** Give up after this long; 60 s by default. */
  timeoutMs?: number;
  /** Pause between attempts; 1 s by default. */
  intervalMs?: number;
  log?: (message: string) => void;
}

export class DatabaseUnreachable extends Error {}

/** `host:port/database` of a connection string, without the credentials, for messages. */
export function describeDatabase(url: string): string {
  try {
    const hosts = parseConnectionUrl(url);
    if (hosts.selectsHost) return hosts.describe();
  } catch {
    // Not one pg understands either; new URL() decides below.
  }
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/**
 * Waits until PostgreSQL at `url` accepts a connection. A process that starts together with its database (a
 * compose file, a host reboot) or while it restarts then comes up by itself instead of exiting. Only "not reachable
 * yet" is waited for (refused, reset, starting up, shutting down); anything else — a wrong password, a database that
 * does not exist — fails at once, with what to check.
 */
export async function waitForDatabase(url: string, options: WaitForDatabaseOptions = {}): Promise<void> {
  const { timeoutMs = 60_000, intervalMs = 1_000, log = () => undefined } = options;
  const where = describeDatabase(url);
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    let client: Client | undefined;
    try {
      client = new Client({
        connectionString: await serverOf(url, Math.min(10_000, timeoutMs)),
        connectionTimeoutMillis: Math.min(10_000, timeoutMs),
      });
      client.on('error', () => undefined);
      await client.connect();
      await client.query('SELECT 1');
      if (attempt > 1) log(`The database at ${where} is reachable.`);
      return;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (toProblem(error).status !== 503) {
        throw new DatabaseUnreachable(
          `the database at ${where} refused the connection: ${message}. Check DATABASE_URL.`,
        );
      }
      if (Date.now() + intervalMs > deadline) {
        throw new DatabaseUnreachable(
          `the database at ${where} was not reachable within ${Math.round(timeoutMs / 1000)} s (${message}). Check DATABASE_URL and that PostgreSQL is running.`,
        );
      }
      if (attempt === 1)
        log(`Waiting for the database at ${where} (${message}); retrying for up to ${Math.round(timeoutMs / 1000)} s.`);
    } finally {
      await client?.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * The single-host URL to try: `url` itself, or of a multi-host URL the first server that suits its
 * `target_session_attrs`, after one round over all of them. When none does yet (a failover in progress) it fails like
 * an unreachable server (08001), and is waited for.
 */
async function serverOf(url: string, connectTimeoutMs: number): Promise<string> {
  let hosts;
  try {
    hosts = parseConnectionUrl(url);
  } catch {
    return url;
  }
  if (!hosts.selectsHost) return url;
  return findHost(hosts, { timeoutMs: 0, connectTimeoutMs });
}
