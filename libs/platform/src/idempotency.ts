import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Database, Sql } from '@baken/event-store';
import type { Clock } from './clock';
import type { AppConfig } from './config';
import { ProblemError, ValidationProblem } from './problem';
import { CLOCK, CONFIG } from './tokens';

/**
 * Idempotent writes (API.md): any POST may carry `Idempotency-Key`. A repeat with the same key and body by the same
 * actor within `BAKEN_IDEMPOTENCY_TTL_HOURS` (default 24) answers what the first request answered and writes nothing;
 * the same key with another body is refused (422). After that the key is forgotten: a repeat is a new request.
 */
export interface Idempotency {
  key: string;
  /**
   * SHA-256 of method, URL and body: tells a repeat from another request under the same key. It stays in memory;
   * what is stored is its HMAC ({@link IdempotencyRecords}), so that a copy of the table cannot confirm a guessed body.
   */
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

/** The HKDF `info` of the key that request fingerprints are made with; no other key is derived with it. */
export const IDEMPOTENCY_KEY_INFO = 'baken:idempotency';

/** The key of request fingerprints: HKDF-SHA-256 of the master key, so it needs no setting of its own. */
export function idempotencyKeyOf(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), IDEMPOTENCY_KEY_INFO, 32));
}

/** What `idempotency_keys.request_hmac` holds: HMAC-SHA-256 of the request's hash under the fingerprint key. */
export function requestFingerprint(fingerprintKey: Buffer, idempotency: Idempotency): string {
  return createHmac('sha256', fingerprintKey).update(idempotency.requestHash).digest('hex');
}

export function isIdempotencyKeyTaken(error: unknown): boolean {
  const e = error as { code?: string; table?: string; constraint?: string; message?: string } | null;
  return (
    e?.code === '23505' &&
    (e.table === 'idempotency_keys' ||
      (e.constraint ?? '').startsWith('idempotency_keys') ||
      (e.message ?? '').includes('idempotency_keys'))
  );
}

/** At most this many expired records are deleted by one look-up. */
const EXPIRED_PER_LOOKUP = 100;

/**
 * The stored answers to idempotent requests (`idempotency_keys`). A record holds the request's keyed fingerprint and
 * expires `BAKEN_IDEMPOTENCY_TTL_HOURS` after it was written: an expired record is never answered, and every look-up
 * deletes the actor's expired record for the key and a bounded batch of other expired ones, so that the table holds
 * no more than a day's requests (by default).
 */
@Injectable()
export class IdempotencyRecords {
  private readonly fingerprintKey: Buffer;
  private readonly ttlMs: number;

  constructor(
    @Inject(CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.fingerprintKey = idempotencyKeyOf(config.masterKey);
    this.ttlMs = config.idempotencyTtlHours * 3600 * 1000;
  }

  /** The answer stored for the actor's key; `null` for a new or expired key. {@link IdempotencyKeyReused} for another request. */
  async find<T>(sql: Sql, actor: string, idempotency: Idempotency): Promise<T | null> {
    const { rows } = await sql.query<{ request_hmac: string; response: T | string }>(
      `WITH expired AS (
         DELETE FROM idempotency_keys
          WHERE expires_at <= $3
            AND ((actor = $1 AND key = $2)
                 OR (actor, key) IN (SELECT actor, key FROM idempotency_keys WHERE expires_at <= $3
                                      ORDER BY expires_at LIMIT $4 FOR UPDATE SKIP LOCKED)))
       SELECT request_hmac, response FROM idempotency_keys WHERE actor = $1 AND key = $2 AND expires_at > $3`,
      [actor, idempotency.key, this.clock.now(), EXPIRED_PER_LOOKUP],
    );
    if (rows.length === 0) return null;
    if (rows[0].request_hmac !== requestFingerprint(this.fingerprintKey, idempotency)) throw new IdempotencyKeyReused();
    return typeof rows[0].response === 'string' ? (JSON.parse(rows[0].response) as T) : rows[0].response;
  }

  /**
   * The statement that stores the answer, to run in the transaction of the write it answers. A key used twice at once
   * fails it on the unique index ({@link isIdempotencyKeyTaken}); the caller then answers the first request's outcome.
   */
  store(actor: string, idempotency: Idempotency, response: unknown): { text: string; params: unknown[] } {
    return {
      text: 'INSERT INTO idempotency_keys (actor, key, request_hmac, response, expires_at) VALUES ($1, $2, $3, $4, $5)',
      params: [
        actor,
        idempotency.key,
        requestFingerprint(this.fingerprintKey, idempotency),
        JSON.stringify(response),
        new Date(this.clock.now().getTime() + this.ttlMs),
      ],
    };
  }

  /**
   * Runs `write` in a transaction that also stores its answer under the actor's key; a repeat answers the stored one.
   * Without a key it simply runs `write`. `isRepeat` tells which errors may mean that a concurrent repeat won.
   */
  async write<T>(
    db: Database,
    actor: string,
    idempotency: Idempotency | undefined,
    write: (sql: Sql) => Promise<T>,
    isRepeat: (error: unknown) => boolean = isIdempotencyKeyTaken,
  ): Promise<T> {
    if (!idempotency) return write(db);
    const earlier = await this.find<T>(db, actor, idempotency);
    if (earlier !== null) return earlier;
    try {
      return await db.transaction(async (tx) => {
        const result = await write(tx);
        const { text, params } = this.store(actor, idempotency, result);
        await tx.query(text, params);
        return result;
      });
    } catch (error) {
      if (isIdempotencyKeyTaken(error) || isRepeat(error)) {
        const repeat = await this.find<T>(db, actor, idempotency);
        if (repeat !== null) return repeat;
      }
      throw error;
    }
  }
}
