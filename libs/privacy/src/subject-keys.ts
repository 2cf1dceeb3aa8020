import type { Sql } from '@baken/event-store';
import type { KeyWrapping } from './key-wrapping';
import { newDataKey } from './personal-data';

export const privacyMigrations = [
  {
    id: 'privacy/001-subject-keys',
    sql: `
      CREATE TABLE IF NOT EXISTS privacy_subject_keys (
        subject_id uuid PRIMARY KEY,
        wrapped_key jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz
      );`,
  },
  {
    id: 'privacy/002-retention-runs',
    sql: `
      CREATE TABLE IF NOT EXISTS privacy_retention_runs (
        run_id uuid PRIMARY KEY,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL,
        retention_years int NOT NULL,
        closed_before date NOT NULL,
        cases_erased int NOT NULL,
        subjects_erased int NOT NULL,
        case_ids uuid[] NOT NULL,
        failures jsonb NOT NULL DEFAULT '[]'
      );`,
  },
  {
    id: 'privacy/003-case-keys',
    // The narrative keys of cases, one row per generation; a destroyed key keeps its row without the key.
    sql: `
      CREATE TABLE IF NOT EXISTS privacy_case_keys (
        case_id uuid NOT NULL,
        generation int NOT NULL,
        wrapped_key jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        PRIMARY KEY (case_id, generation)
      );`,
  },
  {
    id: 'privacy/004-keys-wrapped-by-keks',
    // Data keys name the key-encryption key (outside the database) that wrapped them; NULL: the master key, until
    // the first rotation wraps them again. Erasing deletes the row: a row that merely lost its key kept the old row
    // version in the table file until VACUUM. What was erased when is kept in privacy_erased_keys, without key.
    // Autovacuum picks the key tables up after any deleted row, not after 20 % of the table.
    sql: `
      ALTER TABLE privacy_subject_keys ADD COLUMN IF NOT EXISTS kek_id text;
      ALTER TABLE privacy_case_keys ADD COLUMN IF NOT EXISTS kek_id text;
      CREATE TABLE IF NOT EXISTS privacy_erased_keys (
        kind text NOT NULL CHECK (kind IN ('subject', 'case')),
        owner_id uuid NOT NULL,
        generation int NOT NULL DEFAULT 0,
        erased_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, owner_id, generation)
      );
      INSERT INTO privacy_erased_keys (kind, owner_id, generation, erased_at)
        SELECT 'subject', subject_id, 0, coalesce(erased_at, now()) FROM privacy_subject_keys WHERE wrapped_key IS NULL
        ON CONFLICT DO NOTHING;
      INSERT INTO privacy_erased_keys (kind, owner_id, generation, erased_at)
        SELECT 'case', case_id, generation, coalesce(erased_at, now()) FROM privacy_case_keys WHERE wrapped_key IS NULL
        ON CONFLICT DO NOTHING;
      DELETE FROM privacy_subject_keys WHERE wrapped_key IS NULL;
      DELETE FROM privacy_case_keys WHERE wrapped_key IS NULL;
      ALTER TABLE privacy_subject_keys ALTER COLUMN wrapped_key SET NOT NULL, DROP COLUMN erased_at;
      ALTER TABLE privacy_case_keys ALTER COLUMN wrapped_key SET NOT NULL, DROP COLUMN erased_at;
      ALTER TABLE privacy_subject_keys SET (autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0);
      ALTER TABLE privacy_case_keys SET (autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0);`,
  },
  {
    id: 'privacy/005-kek-rotations',
    // When each KEK became current, by the database's clock (as erasures are): an erasure after it makes a rotation due.
    sql: `
      CREATE TABLE IF NOT EXISTS privacy_kek_rotations (
        kek_id text PRIMARY KEY,
        rotated_at timestamptz NOT NULL DEFAULT now(),
        rewrapped int NOT NULL
      );`,
  },
];

/**
 * Per-subject data keys, wrapped by a key-encryption key from outside the database. Erasing a subject deletes its
 * key (crypto-shredding): the events keep their ciphertext and their hashes, but nothing can read it any more.
 */
export class SubjectKeyStore {
  constructor(private readonly wrapping: KeyWrapping) {}

  /** Creates and stores a new data key for the subject, in the caller's transaction. */
  async create(tx: Sql, subjectId: string): Promise<Buffer> {
    return (await this.createMany(tx, [subjectId]))[0];
  }

  /** Creates and stores a new data key for each subject, in the caller's transaction and in one statement; keys in the order of `subjectIds`. */
  async createMany(tx: Sql, subjectIds: readonly string[]): Promise<Buffer[]> {
    const { keys, insert } = this.newKeys(subjectIds);
    if (insert) await tx.query(insert.text, insert.params);
    return keys;
  }

  /**
   * New data keys for the subjects, and the statement that stores them (wrapped), for the caller to run in the
   * transaction that uses the keys — on its own, or combined with its other writes. `null` for no subjects.
   */
  newKeys(subjectIds: readonly string[]): { keys: Buffer[]; insert: { text: string; params: unknown[] } | null } {
    if (subjectIds.length === 0) return { keys: [], insert: null };
    const keys = subjectIds.map(() => newDataKey());
    const wrapped = subjectIds.map((subjectId, i) => this.wrapping.wrap(keys[i], `key:${subjectId}`));
    return {
      keys,
      insert: {
        text: 'INSERT INTO privacy_subject_keys (subject_id, wrapped_key, kek_id) SELECT * FROM unnest($1::uuid[], $2::jsonb[], $3::text[])',
        params: [[...subjectIds], wrapped.map((w) => w.wrapped), wrapped.map((w) => w.kekId)],
      },
    };
  }

  /** Data keys of the given subjects that still exist (erased subjects are absent from the map). */
  async load(sql: Sql, subjectIds: readonly string[]): Promise<Map<string, Buffer>> {
    const keys = new Map<string, Buffer>();
    if (subjectIds.length === 0) return keys;
    const { rows } = await sql.query<{ subject_id: string; wrapped_key: unknown; kek_id: string | null }>(
      'SELECT subject_id, wrapped_key, kek_id FROM privacy_subject_keys WHERE subject_id = ANY($1::uuid[])',
      [subjectIds],
    );
    for (const row of rows)
      keys.set(row.subject_id, this.wrapping.unwrap(row.wrapped_key, row.kek_id, `key:${row.subject_id}`));
    return keys;
  }

  /** Destroys the subject's key: deletes its row, and records that (and when) it was erased. Irreversible. */
  async erase(tx: Sql, subjectId: string): Promise<void> {
    await tx.query(
      `WITH gone AS (DELETE FROM privacy_subject_keys WHERE subject_id = $1 RETURNING subject_id)
       INSERT INTO privacy_erased_keys (kind, owner_id) VALUES ('subject', $1) ON CONFLICT DO NOTHING`,
      [subjectId],
    );
  }
}
