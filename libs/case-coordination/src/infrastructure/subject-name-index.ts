import { createHmac, hkdfSync } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Sql } from '@baken/event-store';
import { CONFIG, type AppConfig } from '@baken/platform';
import type { Statement } from '@baken/event-store';

/** A subject's name as it is matched: without accents, case, punctuation or extra spaces. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface IndexedSubject {
  subjectId: string;
  caseId: string;
  name?: string | null;
  birthDate?: string | null;
}

/**
 * A keyed blind index of subjects' names (DOMAIN.md "Personal data"; issue: search by a subject's exact name): an
 * HMAC of the normalised name, and of the name with the birth date, under a key derived from the master key — which
 * is not in the database. The database can confirm a guessed name only with that key; no name is ever decrypted to
 * search. Erasing a subject deletes its entries with its key.
 */
@Injectable()
export class SubjectNameIndex {
  private readonly key: Buffer;

  constructor(@Inject(CONFIG) config: AppConfig) {
    this.key = Buffer.from(hkdfSync('sha256', config.masterKey, Buffer.alloc(0), 'baken:subject-name-index', 32));
  }

  /** The index entries of a name: by name alone, and by name and birth date when it is known. */
  tokens(name: string, birthDate?: string | null): Buffer[] {
    const normalised = normaliseName(name);
    if (!normalised) return [];
    const mac = (text: string) => createHmac('sha256', this.key).update(text).digest();
    return [mac(`name:${normalised}`), ...(birthDate ? [mac(`name+birth:${normalised}|${birthDate}`)] : [])];
  }

  /** The insert of the subjects' entries, to send with the command's events; `null` when none has a name. */
  insert(subjects: readonly IndexedSubject[]): Statement | null {
    const rows = subjects.flatMap((s) =>
      s.name ? this.tokens(s.name, s.birthDate).map((token) => [token, s.subjectId, s.caseId] as const) : [],
    );
    if (rows.length === 0) return null;
    return {
      text: `INSERT INTO subject_name_index (token, subject_id, case_id)
             SELECT * FROM unnest($1::bytea[], $2::uuid[], $3::uuid[]) ON CONFLICT DO NOTHING`,
      params: [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
    };
  }

  async forget(tx: Sql, subjectId: string): Promise<void> {
    await tx.query('DELETE FROM subject_name_index WHERE subject_id = $1', [subjectId]);
  }

  /** The cases with a subject of exactly this name (and birth date, when given). */
  async casesNamed(sql: Sql, name: string, birthDate?: string | null): Promise<string[]> {
    const tokens = this.tokens(name, birthDate);
    const token = tokens.at(-1);
    if (!token) return [];
    const { rows } = await sql.query<{ case_id: string }>(
      'SELECT DISTINCT case_id::text AS case_id FROM subject_name_index WHERE token = $1',
      [token],
    );
    return rows.map((r) => r.case_id);
  }

  /** Other cases sharing an entry with a subject of this case. */
  async casesSharingSubjects(sql: Sql, caseId: string): Promise<string[]> {
    const { rows } = await sql.query<{ case_id: string }>(
      `SELECT DISTINCT other.case_id::text AS case_id
       FROM subject_name_index mine JOIN subject_name_index other ON other.token = mine.token
       WHERE mine.case_id = $1 AND other.case_id <> $1`,
      [caseId],
    );
    return rows.map((r) => r.case_id);
  }
}
