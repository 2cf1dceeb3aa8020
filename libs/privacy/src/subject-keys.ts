import type { Sql } from '@baken/event-store';
import { newDataKey, openBytes, sealBytes, type SealedPersonalData } from './personal-data';

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
];

/**
 * Per-subject data keys, wrapped by the master key. Erasing a subject deletes its key (crypto-shredding): the
 * events keep their ciphertext and their hashes, but nothing can read it any more.
 */
export class SubjectKeyStore {
  constructor(private readonly masterKey: Buffer) {}

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
    const wrapped = subjectIds.map((subjectId, i) =>
      JSON.stringify(sealBytes(this.masterKey, keys[i], `key:${subjectId}`)),
    );
    return {
      keys,
      insert: {
        text: 'INSERT INTO privacy_subject_keys (subject_id, wrapped_key) SELECT * FROM unnest($1::uuid[], $2::jsonb[])',
        params: [[...subjectIds], wrapped],
      },
    };
  }

  /** Data keys of the given subjects that still exist (erased subjects are absent from the map). */
  async load(sql: Sql, subjectIds: readonly string[]): Promise<Map<string, Buffer>> {
    const keys = new Map<string, Buffer>();
    if (subjectIds.length === 0) return keys;
    const { rows } = await sql.query<{ subject_id: string; wrapped_key: SealedPersonalData | string }>(
      'SELECT subject_id, wrapped_key FROM privacy_subject_keys WHERE subject_id = ANY($1::uuid[]) AND wrapped_key IS NOT NULL',
      [subjectIds],
    );
    for (const row of rows) {
      const wrapped =
        typeof row.wrapped_key === 'string' ? (JSON.parse(row.wrapped_key) as SealedPersonalData) : row.wrapped_key;
      keys.set(row.subject_id, openBytes(this.masterKey, wrapped, `key:${row.subject_id}`));
    }
    return keys;
  }

  /** Destroys the subject's key. Irreversible. */
  async erase(tx: Sql, subjectId: string): Promise<void> {
    await tx.query('UPDATE privacy_subject_keys SET wrapped_key = NULL, erased_at = now() WHERE subject_id = $1', [
      subjectId,
    ]);
  }
}
