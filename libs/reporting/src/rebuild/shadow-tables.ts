import type { Sql, StoredEvent } from '@baken/event-store';

/**
 * A projection whose tables can be rebuilt beside the live ones and swapped in when the rebuild commits. Declared next
 * to the projection's definition (`SubscriberDefinition` plus this), and used by `rebuildProjection` when present.
 */
export interface ShadowRebuild {
  /** The projection's tables, unqualified, as its SQL names them. */
  tables: readonly string[];
  /**
   * Indexes the projection does not read while it writes (the reports' indexes): built once, by sorting, after the
   * last batch instead of row by row. Every other index — primary keys, the lookups the projection does — is there
   * from the start.
   */
  deferredIndexes: readonly string[];
  /** Applies a batch to the fresh tables, when that can be done more cheaply than the live `handle` does it. */
  handle?: (tx: Sql, events: StoredEvent[]) => Promise<void>;
}

interface IndexDefinition {
  name: string;
  definition: string;
  /** `ALTER TABLE … ADD CONSTRAINT …` body when the index backs a constraint (primary key, unique). */
  constraint: string | null;
}

interface ShadowTable {
  table: string;
  /** The schema the live table is in. */
  liveSchema: string;
  indexes: IndexDefinition[];
}

/**
 * Shadow tables for one rebuild, all inside the rebuild's transaction: created empty in a schema of their own that
 * goes first on the search path, so the projection's unqualified SQL writes to them while reports go on reading the
 * live tables; at the end they get their deferred indexes and statistics and take the live tables' place. A rebuild
 * that fails rolls all of it back. Rebuilds of one projection never overlap (they lock its checkpoint row first), so
 * the schema name can be fixed.
 */
export class ShadowTables {
  private constructor(
    private readonly schema: string,
    private readonly tables: ShadowTable[],
    private readonly deferred: ReadonlySet<string>,
    private readonly searchPath: string,
  ) {}

  static async create(tx: Sql, projection: string, spec: ShadowRebuild): Promise<ShadowTables> {
    const live: ShadowTable[] = [];
    for (const table of spec.tables) {
      const liveSchema = await schemaOf(tx, table);
      live.push({ table, liveSchema, indexes: await indexesOf(tx, liveSchema, table) });
    }
    const missing = spec.deferredIndexes.filter((name) => !live.some((t) => t.indexes.some((i) => i.name === name)));
    if (missing.length)
      throw new Error(`Indexes to defer not found on ${spec.tables.join(', ')}: ${missing.join(', ')}`);

    const schema = quoteIdentifier(`rebuild_${projection.replace(/[^a-z0-9_]/gi, '_')}`.toLowerCase());
    const deferred = new Set(spec.deferredIndexes);
    await tx.exec(`CREATE SCHEMA ${schema}`);
    for (const { table, liveSchema, indexes } of live) {
      await tx.exec(
        `CREATE TABLE ${schema}.${quoteIdentifier(table)} (LIKE ${quoteIdentifier(liveSchema)}.${quoteIdentifier(table)} INCLUDING ALL EXCLUDING INDEXES)`,
      );
      for (const index of indexes.filter((i) => !deferred.has(i.name))) await createIndex(tx, schema, table, index);
    }
    const { rows } = await tx.query<{ path: string }>(`SELECT current_setting('search_path') AS path`);
    await tx.query(`SELECT set_config('search_path', $1, true)`, [`${schema}, ${rows[0].path}`]);
    return new ShadowTables(schema, live, deferred, rows[0].path);
  }

  /** Builds the deferred indexes, gathers statistics, and replaces the live tables by the shadow ones. */
  async swap(tx: Sql): Promise<void> {
    for (const { table, indexes } of this.tables) {
      const rewritten = await compactIfUpdated(tx, this.schema, table);
      for (const index of indexes.filter((i) => rewritten || this.deferred.has(i.name)))
        await createIndex(tx, this.schema, table, index);
      // Statistics from a small sample, so that reports plan well from the first query on; autovacuum refines them
      // later. The default sample would cost a tenth of the whole rebuild.
      await tx.exec(`SET LOCAL default_statistics_target = 10; ANALYZE ${this.schema}.${quoteIdentifier(table)}`);
    }
    // The live tables are locked only from here to the commit: reports read them until now. All of them in one
    // statement, before the first is dropped: taking them one by one, between drops, could deadlock with a report
    // that holds one of them and waits for another.
    const live = this.tables.map(({ table, liveSchema }) => `${quoteIdentifier(liveSchema)}.${quoteIdentifier(table)}`);
    await tx.exec(`LOCK TABLE ${live.join(', ')} IN ACCESS EXCLUSIVE MODE`);
    for (const { table, liveSchema } of this.tables) {
      // The successor gets the live table's owner (later migrations run as that role) and its privileges (e.g. a
      // reporting role's), grant option included.
      const { rows: steps } = await tx.query<{ step: string }>(
        `SELECT sql AS step FROM (
           SELECT 1 AS n, format('GRANT %s ON %s TO %s%s', a.privilege_type, $2::text,
                         CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END,
                         CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END) AS sql
           FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = to_regclass($1)
           UNION ALL
           SELECT 2, format('ALTER TABLE %s OWNER TO %I', $2::text, pg_get_userbyid(c.relowner))
           FROM pg_class c WHERE c.oid = to_regclass($1) AND pg_get_userbyid(c.relowner) <> current_user
         ) steps ORDER BY n`,
        [`${quoteIdentifier(liveSchema)}.${quoteIdentifier(table)}`, `${this.schema}.${quoteIdentifier(table)}`],
      );
      for (const { step } of steps) await tx.exec(step);
      await tx.exec(`DROP TABLE ${quoteIdentifier(liveSchema)}.${quoteIdentifier(table)}`);
      await tx.exec(`ALTER TABLE ${this.schema}.${quoteIdentifier(table)} SET SCHEMA ${quoteIdentifier(liveSchema)}`);
    }
    await tx.exec(`DROP SCHEMA ${this.schema}`);
    await tx.query(`SELECT set_config('search_path', $1, true)`, [this.searchPath]);
  }
}

/**
 * A shadow table whose rows the projection updated while it wrote them (spells are closed after they were opened) holds
 * every superseded row version until vacuum runs after the commit, and an index built over it now indexes those too:
 * a range index over spells built right after a rebuild of a million events found 75,000 dead open spells for every
 * date. Such a table is copied once, live rows only, before its indexes are built. Returns whether it was; its indexes
 * are gone then, all of them to be built.
 */
async function compactIfUpdated(tx: Sql, schema: string, table: string): Promise<boolean> {
  const qualified = `${schema}.${quoteIdentifier(table)}`;
  const { rows } = await tx.query<{ updated: string }>(
    `SELECT pg_stat_get_xact_tuples_updated(to_regclass($1))::text AS updated`,
    [qualified],
  );
  if (Number(rows[0].updated) === 0) return false;
  const written = `${schema}.${quoteIdentifier(`${table}_written`)}`;
  await tx.exec(`ALTER TABLE ${qualified} RENAME TO ${quoteIdentifier(`${table}_written`)}`);
  await tx.exec(`CREATE TABLE ${qualified} (LIKE ${written} INCLUDING ALL EXCLUDING INDEXES)`);
  await tx.exec(`INSERT INTO ${qualified} SELECT * FROM ${written}`);
  await tx.exec(`DROP TABLE ${written}`);
  return true;
}

async function schemaOf(tx: Sql, table: string): Promise<string> {
  const { rows } = await tx.query<{ schema: string | null }>(
    `SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass($1)`,
    [quoteIdentifier(table)],
  );
  if (!rows[0]?.schema)
    throw new Error(`Table ${table} does not exist: run the migrations first (npm run cli -- migrate).`);
  return rows[0].schema;
}

async function indexesOf(tx: Sql, schema: string, table: string): Promise<IndexDefinition[]> {
  const { rows } = await tx.query<{ name: string; definition: string; constraint: string | null }>(
    `SELECT ic.relname AS name, pg_get_indexdef(i.indexrelid) AS definition,
            CASE WHEN con.oid IS NOT NULL THEN format('CONSTRAINT %I %s', con.conname, pg_get_constraintdef(con.oid)) END AS constraint
     FROM pg_index i
     JOIN pg_class ic ON ic.oid = i.indexrelid
     JOIN pg_class t ON t.oid = i.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = t.oid AND con.contype IN ('p', 'u', 'x')
     WHERE n.nspname = $1 AND t.relname = $2
     ORDER BY ic.relname`,
    [schema, table],
  );
  return rows;
}

/** The live index's own definition, pointed at the shadow table: the same name, columns, method and predicate. */
async function createIndex(tx: Sql, schema: string, table: string, index: IndexDefinition): Promise<void> {
  if (index.constraint) {
    await tx.exec(`ALTER TABLE ${schema}.${quoteIdentifier(table)} ADD ${index.constraint}`);
    return;
  }
  const onTable = / ON (ONLY )?(\S+) USING /;
  if (!onTable.test(index.definition))
    throw new Error(`Cannot read the definition of index ${index.name}: ${index.definition}`);
  await tx.exec(index.definition.replace(onTable, ` ON ${schema}.${quoteIdentifier(table)} USING `));
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
