/** One HTTP request and what became of it, as a drill records it. */
export interface Exchange {
  method: string;
  path: string;
  /** Undefined when no answer came: connection refused or reset, or the time limit passed. */
  status?: number;
  contentType?: string;
  retryAfter?: string;
  body?: unknown;
  /** Why there was no answer. */
  error?: string;
  /** `Date.now()` when the request was sent, and how long it took to answer or fail. */
  startedAt: number;
  ms: number;
}

export interface ExchangeOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** A request that has no answer after this long counts as hanging; 20 s by default. */
  timeoutMs?: number;
}

/**
 * Sends one request and never throws: a transport failure (the process was killed, the port is closed) or a
 * timeout is recorded as an exchange without a status, so a drill can classify every request it sent.
 */
export async function exchange(
  baseUrl: string,
  method: string,
  path: string,
  options: ExchangeOptions = {},
): Promise<Exchange> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const startedAt = Date.now();
  const record: Exchange = { method, path, startedAt, ms: 0 };
  try {
    const res = await fetch(baseUrl + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
    });
    record.status = res.status;
    record.contentType = res.headers.get('content-type') ?? undefined;
    record.retryAfter = res.headers.get('retry-after') ?? undefined;
    const text = await res.text();
    try {
      record.body = text ? JSON.parse(text) : undefined;
    } catch {
      record.body = text;
    }
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    record.status = undefined;
    record.error = e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.cause?.message ?? e.message);
  }
  record.ms = Date.now() - startedAt;
  return record;
}

export const is2xx = (x: Exchange) => x.status !== undefined && x.status >= 200 && x.status < 300;

/** A short line per exchange for failure messages. */
export function explain(x: Exchange): string {
  const answer = x.status === undefined ? `no answer (${x.error})` : `${x.status} ${x.contentType ?? ''}`;
  const detail = x.body && typeof x.body === 'object' ? ` ${JSON.stringify(x.body).slice(0, 300)}` : '';
  return `${x.method} ${x.path} → ${answer} after ${x.ms} ms${detail}`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Checked before every attempt: a reason to stop waiting at once (e.g. the process died), or undefined. */
  giveUp?: () => string | undefined;
}

/** Polls `check` until it returns a value other than undefined; throws with `what` after the timeout (30 s). */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  options: EventuallyOptions = {},
): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 250, giveUp } = options;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const reason = giveUp?.();
    if (reason) throw new Error(`${what}: gave up, ${reason}`);
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(intervalMs);
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s${last ? ` (last error: ${String(last)})` : ''}`);
}
