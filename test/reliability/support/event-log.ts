import { Client } from 'pg';
import { CaseNarrative, CaseReadModelProjection, caseEventSchemas, type OpenCase } from '@baken/case-coordination';
import { PostgresEventStore, type Sql } from '@baken/event-store';
import { CaseKeyStore, type KeyWrapping } from '@baken/privacy';

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface KeyedWrites {
  /** Events whose metadata carries the Idempotency-Key. */
  events: number;
  /** Distinct commands (command ids) among them: more than one means the command was executed twice. */
  commands: number;
}

/** What the log holds per Idempotency-Key (the command runner copies the key into every event's metadata). */
export async function writesByIdempotencyKey(url: string): Promise<Map<string, KeyedWrites>> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ key: string; events: number; commands: number }>(
      `SELECT metadata->>'idempotencyKey' AS key, count(*)::int AS events, count(DISTINCT metadata->>'commandId')::int AS commands
       FROM es_events WHERE metadata ? 'idempotencyKey' GROUP BY 1`,
    );
    return new Map(rows.map((r) => [r.key, { events: r.events, commands: r.commands }]));
  });
}

/** Ids of every case that has a stream in the log. */
export async function caseIdsInLog(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ stream_id: string }>(
      `SELECT stream_id FROM es_streams WHERE stream_type = 'case' ORDER BY 1`,
    );
    return rows.map((r) => r.stream_id.replace(/^case-/, ''));
  });
}

export interface ReadModelComparison {
  table: string;
  live: unknown[];
  rebuilt: unknown[];
}

const INLINE_READ_MODELS = ['case_list', 'case_details'] as const;

/**
 * Rebuilds the inline read models (case list and case detail) from the log and returns them beside the live rows.
 * The rebuild writes into temporary tables of the same names, which shadow the real ones for this session only
 * (`pg_temp` comes first on the search path), through the projection the command side itself uses. Everything is
 * read in one REPEATABLE READ snapshot and rolled back, so a process still writing cannot make the two differ and
 * nothing in the database changes. The free text of the case details is compared opened (sealed, it differs by its
 * random IVs): `keys` unwrap the API's data keys.
 */
export async function compareInlineReadModelsWithRebuild(
  url: string,
  keys: KeyWrapping,
): Promise<ReadModelComparison[]> {
  return withClient(url, async (client) => {
    const sql: Sql = {
      query: async <T>(text: string, params?: unknown[]) => ({ rows: (await client.query(text, params)).rows as T[] }),
      exec: async (text: string) => {
        await client.query(text);
      },
    };
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    try {
      for (const table of INLINE_READ_MODELS) {
        await client.query(`CREATE TEMP TABLE ${table} (LIKE public.${table} INCLUDING ALL) ON COMMIT DROP`);
      }
      const narrative = new CaseNarrative(
        new CaseKeyStore(keys),
        new PostgresEventStore(sql as never, { schemas: caseEventSchemas() }),
      );
      const projection = new CaseReadModelProjection(narrative);
      const { rows: streams } = await client.query<{ stream_id: string }>(
        `SELECT stream_id FROM es_streams WHERE stream_type = 'case' ORDER BY stream_id`,
      );
      for (const { stream_id } of streams) {
        const snapshot = await projection.foldFromStream(sql, stream_id.replace(/^case-/, ''));
        if (snapshot) await projection.apply(sql, snapshot.state, snapshot.version);
      }
      const opened = async (row: unknown) => {
        const r = row as { state?: OpenCase };
        return r.state ? { ...r, state: (await narrative.openState(sql, r.state)).state } : r;
      };
      const comparisons: ReadModelComparison[] = [];
      for (const table of INLINE_READ_MODELS) {
        const rows = async (qualified: string) =>
          (
            await client.query<{ row: unknown }>(`SELECT to_jsonb(t) AS row FROM ${qualified} t ORDER BY case_id`)
          ).rows.map((r) => r.row);
        const open = async (list: unknown[]) => (table === 'case_details' ? Promise.all(list.map(opened)) : list);
        comparisons.push({
          table,
          live: await open(await rows(`public.${table}`)),
          rebuilt: await open(await rows(`pg_temp.${table}`)),
        });
      }
      return comparisons;
    } finally {
      await client.query('ROLLBACK');
    }
  });
}
