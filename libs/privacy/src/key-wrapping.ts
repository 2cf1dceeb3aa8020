import type { Sql } from '@baken/event-store';
import type { KeyEncryptionKeys } from './keyring';
import { openBytes, sealBytes, type SealedPersonalData } from './personal-data';

/** A data key wrapped for storage: the sealed bytes (JSON text) and the id of the KEK that wrapped them. */
export interface Wrapped {
  wrapped: string;
  kekId: string;
}

/** A data key whose KEK is retired or unknown: it cannot be unwrapped any more. */
export class KeyUnavailable extends Error {}

/**
 * Wraps data keys with the current key-encryption key and unwraps them with the one that wrapped them. Rows written
 * before the keyring existed have no KEK id: the master key wrapped them, until the first rotation wraps them again.
 */
export class KeyWrapping {
  constructor(
    readonly keks: KeyEncryptionKeys,
    private readonly legacyMasterKey: Buffer | null = null,
  ) {}

  wrap(key: Buffer, aad: string): Wrapped {
    const kek = this.keks.current();
    return { wrapped: JSON.stringify(sealBytes(kek.key, key, aad)), kekId: kek.id };
  }

  unwrap(wrapped: unknown, kekId: string | null, aad: string): Buffer {
    const kek = kekId === null ? this.legacyMasterKey : this.keks.get(kekId);
    if (!kek)
      throw new KeyUnavailable(
        kekId === null
          ? 'A data key wrapped by the master key was found, but no master key is configured.'
          : `The key-encryption key ${kekId} is retired or not in the keyring. Every process of a deployment must use the same keyring (BAKEN_KEYRING_FILE).`,
      );
    const sealed =
      typeof wrapped === 'string' ? (JSON.parse(wrapped) as SealedPersonalData) : (wrapped as SealedPersonalData);
    return openBytes(kek, sealed, aad);
  }
}

/** A table of wrapped data keys: how to find its rows and the AAD each one was wrapped with. */
interface KeyTable {
  name: string;
  /** Columns that identify a row (selected as text), and their types. */
  id: string[];
  types: string[];
  aad(row: Record<string, string>): string;
}

export const KEY_TABLES: readonly KeyTable[] = [
  { name: 'privacy_subject_keys', id: ['subject_id'], types: ['uuid'], aad: (r) => `key:${r.subject_id}` },
  {
    name: 'privacy_case_keys',
    id: ['case_id', 'generation'],
    types: ['uuid', 'int'],
    aad: (r) => `case-key:${r.case_id}:${r.generation}`,
  },
];

const REWRAP_BATCH = 500;

/**
 * Wraps every data key that the current KEK did not wrap again with the current one, in batches of 500, each its
 * own statement. A row changed meanwhile (erased) is left alone. Returns how many keys were wrapped again.
 */
export async function rewrapAll(sql: Sql, wrapping: KeyWrapping, onProgress?: (done: number) => void): Promise<number> {
  let done = 0;
  for (const table of KEY_TABLES) {
    const cols = table.id.map((c) => `${c}::text AS ${c}`).join(', ');
    for (;;) {
      const current = wrapping.keks.current().id;
      const { rows } = await sql.query<Record<string, string> & { wrapped_key: unknown; kek_id: string | null }>(
        `SELECT ${cols}, wrapped_key, kek_id FROM ${table.name}
         WHERE kek_id IS DISTINCT FROM $1 ORDER BY ${table.id.join(', ')} LIMIT ${REWRAP_BATCH}`,
        [current],
      );
      if (rows.length === 0) break;
      const rewrapped = rows.map((row) => {
        const aad = table.aad(row);
        const wrapped = wrapping.wrap(wrapping.unwrap(row.wrapped_key, row.kek_id, aad), aad);
        if (wrapped.kekId !== current) throw new Error('The keyring was rotated during the rotation; run it again.');
        return wrapped;
      });
      const match = table.id.map((c, i) => `k.${c} = u.c${i}::${table.types[i]}`).join(' AND ');
      const idArrays = table.id.map((c) => rows.map((r) => r[c]));
      await sql.query(
        `UPDATE ${table.name} k SET wrapped_key = u.w::jsonb, kek_id = $1
         FROM unnest(${table.id.map((_, i) => `$${i + 4}::text[]`).join(', ')}, $2::text[], $3::text[])
           AS u(${table.id.map((_, i) => `c${i}`).join(', ')}, w, old)
         WHERE ${match} AND k.kek_id IS NOT DISTINCT FROM u.old`,
        [current, rewrapped.map((w) => w.wrapped), rows.map((r) => r.kek_id), ...idArrays],
      );
      done += rows.length;
      onProgress?.(done);
    }
  }
  return done;
}

/** How many live data keys each KEK wraps (`null`: the master key, before the first rotation). */
export async function keysByKek(sql: Sql): Promise<Map<string | null, number>> {
  const counts = new Map<string | null, number>();
  for (const table of KEY_TABLES) {
    const { rows } = await sql.query<{ kek_id: string | null; n: string }>(
      `SELECT kek_id, count(*) AS n FROM ${table.name} GROUP BY kek_id`,
    );
    for (const row of rows) counts.set(row.kek_id, (counts.get(row.kek_id) ?? 0) + Number(row.n));
  }
  return counts;
}
