import { createHash } from 'node:crypto';
import type { Database, Sql } from '@baken/event-store';
import { ProblemError, ValidationProblem } from './problem';

/**
 * Idempotent writes (API.md): any POST may carry `Idempotency-Key`. A repeat with the same key and body by the same
 * actor answers what the first request answered and writes nothing; the same key with another body is refused (422).
 */
export interface Idempotency {
  key: string;
  /** Hash of method, URL and body: tells a repeat from another request under the same key. */
  requestHash: string;
}

export class IdempotencyKeyReused extends ProblemError {
  constructor() {
    super(
      422,
      'Idempotency key reused',
      'This Idempotency-Key was used before with another request. Use a new key for a new request.',
      '/problems/idempotency-key-reused',
    );
  }
}

export function requestHash(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${url}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
}

/** The request's `Idempotency-Key`, if any; a 400 when it is empty or longer than 200 characters. */
export function idempotencyOf(
  key: string | undefined,
  method: string,
  url: string,
  body: unknown,
): Idempotency | undefined {
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > 200)
    throw new ValidationProblem([{ field: 'Idempotency-Key', message: 'must be 1 to 200 characters' }]);
  return { key, requestHash: requestHash(method, url, body) };
}

/** The answer stored for the actor's key; `null` for a new key. {@link IdempotencyKeyReused} for another request. */
export async function findIdempotentResponse<T>(sql: Sql, actor: string, idempotency: Idempotency): Promise<T | null> {
  const { rows } = await sql.query<{ request_hash: string; response: T | string }>(
    'SELECT request_hash, response FROM idempotency_keys WHERE actor = $1 AND key = $2',
    [actor, idempotency.key],
  );
  if (rows.length === 0) return null;
  if (rows[0].request_hash !== idempotency.requestHash) throw new IdempotencyKeyReused();
  return typeof rows[0].response === 'string' ? (JSON.parse(rows[0].response) as T) : rows[0].response;
}

/**
 * The statement that stores the answer, to run in the transaction of the write it answers. A key used twice at once
 * fails it on the unique index ({@link isIdempotencyKeyTaken}); the caller then answers the first request's outcome.
 */
export const storeIdempotentResponse = (actor: string, idempotency: Idempotency, response: unknown) => ({
  text: 'INSERT INTO idempotency_keys (actor, key, request_hash, response) VALUES ($1, $2, $3, $4)',
  params: [actor, idempotency.key, idempotency.requestHash, JSON.stringify(response)] as unknown[],
});

export function isIdempotencyKeyTaken(error: unknown): boolean {
  const e = error as { code?: string; table?: string; constraint?: string; message?: string } | null;
  return (
    e?.code === '23505' &&
    (e.table === 'idempotency_keys' ||
      (e.constraint ?? '').startsWith('idempotency_keys') ||
      (e.message ?? '').includes('idempotency_keys'))
  );
}

/**
 * Runs `write` in a transaction that also stores its answer under the actor's key; a repeat answers the stored one.
 * Without a key it simply runs `write`. `isRepeat` tells which errors may mean that a concurrent repeat won.
 */
export async function writeIdempotently<T>(
  db: Database,
  actor: string,
  idempotency: Idempotency | undefined,
  write: (sql: Sql) => Promise<T>,
  isRepeat: (error: unknown) => boolean = isIdempotencyKeyTaken,
): Promise<T> {
  if (!idempotency) return write(db);
  const earlier = await findIdempotentResponse<T>(db, actor, idempotency);
  if (earlier !== null) return earlier;
  try {
    return await db.transaction(async (tx) => {
      const result = await write(tx);
      const { text, params } = storeIdempotentResponse(actor, idempotency, result);
      await tx.query(text, params);
      return result;
    });
  } catch (error) {
    if (isIdempotencyKeyTaken(error) || isRepeat(error)) {
      const repeat = await findIdempotentResponse<T>(db, actor, idempotency);
      if (repeat !== null) return repeat;
    }
    throw error;
  }
}
