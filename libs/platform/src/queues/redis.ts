import type { RedisOptions as BullRedisOptions } from 'bullmq';
import { Redis } from 'ioredis';

/** Reconnect quickly after an outage (at most every 2 s), and keep trying for as long as the process lives. */
export const reconnectStrategy = (attempt: number): number => Math.min(attempt * 250, 2000);

/**
 * Options for BullMQ connections: BullMQ creates the clients from them (blocking ones for workers). Commands wait for
 * a reconnect rather than fail, so an enqueue right after Redis returns succeeds; callers bound the wait.
 */
export function bullConnection(url: string): BullRedisOptions {
  return { url, retryStrategy: reconnectStrategy, connectTimeout: 5_000 };
}

/** A client that watches the connection: `ready`, `close` and `end` tell whether Redis is reachable. */
export function monitorClient(url: string): Redis {
  return new Redis(url, {
    retryStrategy: reconnectStrategy,
    connectTimeout: 2_000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: true,
  });
}

/** Whether a Redis server answers PING at `url` within `timeoutMs`. Never throws. */
export async function probeRedis(url: string, timeoutMs = 1_000): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
    disconnectTimeout: 50,
  });
  client.on('error', () => undefined);
  try {
    await withTimeout(client.connect(), timeoutMs);
    return (await withTimeout(client.ping(), timeoutMs)) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://…';
  }
}

export class TimeoutError extends Error {}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
