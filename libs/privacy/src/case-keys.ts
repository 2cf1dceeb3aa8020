import type { Sql } from '@baken/event-store';
import type { KeyWrapping } from './key-wrapping';
import { newDataKey } from './personal-data';

/** A write for the caller to send in the transaction that uses what it creates. */
export interface KeyStatement {
  text: string;
  params: unknown[];
}

/** The narrative key of a case in use now: its generation and the key. */
export interface CaseKey {
  gen: number;
  key: Buffer;
}

/** How long an unwrapped key is kept in memory, and how many. */
const CACHE_TTL_MS = 5 * 60_000;
const CACHE_SIZE = 5_000;

/**
 * The narrative keys of cases, one per generation, wrapped by a key-encryption key from outside the database. A case's free text is sealed with its
 * newest generation; taking a subject's name out of every text starts a new generation and destroys the older ones
 * (crypto-shredding), so the texts as they were can never be read again. Retention destroys them all.
 *
 * Unwrapped keys are kept in memory for a few minutes: a key destroyed by another process may still open texts here
 * until it expires from this cache. Destroying a key evicts it in this process at once.
 */
export class CaseKeyStore {
  private readonly cache = new Map<string, { key: Buffer; at: number }>();

  constructor(
    private readonly wrapping: KeyWrapping,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new key of generation `gen` for the case, and the statement that stores it (wrapped). */
  newKey(caseId: string, gen: number): { key: CaseKey; insert: KeyStatement } {
    const key = newDataKey();
    this.remember(caseId, gen, key);
    const wrapped = this.wrapping.wrap(key, wrapAad(caseId, gen));
    return {
      key: { gen, key },
      insert: {
        text: 'INSERT INTO privacy_case_keys (case_id, generation, wrapped_key, kek_id) VALUES ($1, $2, $3, $4)',
        params: [caseId, gen, wrapped.wrapped, wrapped.kekId],
      },
    };
  }

  /** The case's newest key that still exists, or `null` (no key yet, or all destroyed). */
  async current(sql: Sql, caseId: string): Promise<CaseKey | null> {
    const { rows } = await sql.query<WrappedCaseKey>(
      'SELECT generation, wrapped_key, kek_id FROM privacy_case_keys WHERE case_id = $1 ORDER BY generation DESC LIMIT 1',
      [caseId],
    );
    if (rows.length === 0) return null;
    const gen = Number(rows[0].generation);
    return { gen, key: this.cached(caseId, gen) ?? this.unwrap(caseId, rows[0]) };
  }

  /** The case's newest generation, destroyed or not; 0 before its first key. */
  async newestGeneration(sql: Sql, caseId: string): Promise<number> {
    const { rows } = await sql.query<{ gen: number | null }>(
      `SELECT greatest(
         (SELECT max(generation) FROM privacy_case_keys WHERE case_id = $1),
         (SELECT max(generation) FROM privacy_erased_keys WHERE kind = 'case' AND owner_id = $1)) AS gen`,
      [caseId],
    );
    return Number(rows[0]?.gen ?? 0);
  }

  /**
   * A subquery (for a `SELECT` list) of the case's newest existing key, wrapped, as JSON; `caseIdSql` names the case's
   * id column. A read that needs the case's key anyway fetches it with its own row and hands it to {@link prime}.
   */
  static newestWrappedKeyOf(caseIdSql: string): string {
    return `(SELECT json_build_object('generation', k.generation, 'wrapped_key', k.wrapped_key, 'kek_id', k.kek_id)
             FROM privacy_case_keys k WHERE k.case_id = ${caseIdSql} ORDER BY k.generation DESC LIMIT 1)`;
  }

  /** Keeps a key read with another row (see {@link newestWrappedKeyOf}), so that `load` need not read it again. */
  prime(caseId: string, wrapped: WrappedCaseKey | null): void {
    if (!wrapped || this.cached(caseId, Number(wrapped.generation))) return;
    this.unwrap(caseId, wrapped);
  }

  /** The keys of these generations that still exist (destroyed ones are absent). */
  async load(sql: Sql, caseId: string, gens: Iterable<number>): Promise<Map<number, Buffer>> {
    const keys = new Map<number, Buffer>();
    const missing: number[] = [];
    for (const gen of new Set(gens)) {
      const hit = this.cached(caseId, gen);
      if (hit) keys.set(gen, hit);
      else missing.push(gen);
    }
    if (missing.length === 0) return keys;
    const { rows } = await sql.query<WrappedCaseKey>(
      'SELECT generation, wrapped_key, kek_id FROM privacy_case_keys WHERE case_id = $1 AND generation = ANY($2::int[])',
      [caseId, missing],
    );
    for (const row of rows) keys.set(Number(row.generation), this.unwrap(caseId, row));
    return keys;
  }

  /** Destroys the case's keys of generations before `gen`: deletes their rows, and records the erasure. Irreversible. */
  async destroyBefore(tx: Sql, caseId: string, gen: number): Promise<void> {
    await tx.query(
      `WITH gone AS (DELETE FROM privacy_case_keys WHERE case_id = $1 AND generation < $2 RETURNING generation)
       INSERT INTO privacy_erased_keys (kind, owner_id, generation) SELECT 'case', $1, generation FROM gone
       ON CONFLICT DO NOTHING`,
      [caseId, gen],
    );
    for (const k of [...this.cache.keys()])
      if (k.startsWith(`${caseId}:`) && Number(k.split(':')[1]) < gen) this.cache.delete(k);
  }

  /** Destroys every key of the case (retention). Irreversible. */
  async destroyAll(tx: Sql, caseId: string): Promise<void> {
    await this.destroyBefore(tx, caseId, 2 ** 31 - 1);
  }

  private unwrap(caseId: string, row: WrappedCaseKey): Buffer {
    const gen = Number(row.generation);
    const key = this.wrapping.unwrap(row.wrapped_key, row.kek_id, wrapAad(caseId, gen));
    this.remember(caseId, gen, key);
    return key;
  }

  private cached(caseId: string, gen: number): Buffer | undefined {
    const hit = this.cache.get(`${caseId}:${gen}`);
    if (!hit) return undefined;
    if (this.now() - hit.at > CACHE_TTL_MS) {
      this.cache.delete(`${caseId}:${gen}`);
      return undefined;
    }
    return hit.key;
  }

  private remember(caseId: string, gen: number, key: Buffer): void {
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(`${caseId}:${gen}`, { key, at: this.now() });
  }
}

export interface WrappedCaseKey {
  generation: number;
  wrapped_key: unknown;
  kek_id: string | null;
}

const wrapAad = (caseId: string, gen: number) => `case-key:${caseId}:${gen}`;
