import { hkdfSync } from 'node:crypto';
import { openDatabase, parseConnectionUrl, withCredentials, type Database, type Sql } from '@baken/event-store';

/**
 * What the runtime role may do beyond reading. Every other table in `public`: read and write its rows
 * (read models, keys, sessions). No table: `TRUNCATE`, DDL, triggers — the role owns nothing.
 */
const TABLE_RIGHTS: Record<string, readonly string[]> = {
  es_events: ['SELECT', 'INSERT'],
  es_streams: ['SELECT', 'INSERT', 'UPDATE'],
  access_log: ['SELECT', 'INSERT'],
  privacy_retention_runs: ['SELECT', 'INSERT'],
  privacy_erased_keys: ['SELECT', 'INSERT'],
  privacy_kek_rotations: ['SELECT', 'INSERT', 'UPDATE'],
  notification_webhook_changes: ['SELECT', 'INSERT'],
  schema_migrations: ['SELECT'],
};
const DEFAULT_RIGHTS = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];

/** Serialises grants with migrations and other processes starting on the same database. */
const ROLES_LOCK_KEY = 7_322_418_530_184_203_002n;

export class RuntimeRoleError extends Error {}

/** The runtime role's password, derived from the master key: every process of a deployment knows it, none stores it. */
export function runtimeRolePassword(masterKey: Buffer): string {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'baken:database-runtime-role', 24)).toString(
    'base64url',
  );
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * Creates the runtime role if it does not exist (LOGIN, no superuser, no role or database creation, owns nothing) and
 * grants it exactly {@link TABLE_RIGHTS} on every table of `public`: append to the event log and the access log, no
 * `UPDATE` or `DELETE` there, no `TRUNCATE` or DDL anywhere. Run as the owner (or a superuser) after migrating; safe to
 * run again and from several processes at once. `password: null` leaves an existing role's password alone.
 */
export async function ensureRuntimeRole(db: Database, role: string, password: string | null): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new RuntimeRoleError(`"${role}" is not a usable role name.`);
  // Roles belong to the cluster, not the database: processes on other databases may create or alter it at the same
  // moment. PostgreSQL then answers "tuple concurrently updated" or "already exists"; try again.
  for (let attempt = 1; ; attempt++) {
    try {
      await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [ROLES_LOCK_KEY.toString()]);
        await createRole(tx, role, password);
        await grant(tx, role);
      });
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      const retry = code === '42710' || code === '23505' || code === 'XX000' || code === '40001' || code === '40P01';
      if (!retry || attempt >= 8) {
        if (code === '42501')
          throw new RuntimeRoleError(
            `The database user of DATABASE_URL may not create or grant to the role ${role}: ${(error as Error).message}. ` +
              'Run `npm run cli -- db-roles` as a superuser once, or set BAKEN_RUNTIME_DATABASE_URL to a role made for serving.',
          );
        throw error;
      }
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
    }
  }
}

async function createRole(tx: Sql, role: string, password: string | null): Promise<void> {
  const { rows } = await tx.query<{ n: string }>('SELECT count(*) AS n FROM pg_roles WHERE rolname = $1', [role]);
  const options = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';
  if (Number(rows[0].n) === 0)
    await tx.exec(
      `CREATE ROLE ${quoteIdent(role)} ${options}${password === null ? '' : ` PASSWORD ${quoteLiteral(password)}`}`,
    );
}

async function grant(tx: Sql, role: string): Promise<void> {
  const r = quoteIdent(role);
  const { rows } = await tx.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  const statements = [
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `REVOKE CREATE ON SCHEMA public FROM ${r}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    ...rows.map(
      ({ name }) => `GRANT ${(TABLE_RIGHTS[name] ?? DEFAULT_RIGHTS).join(', ')} ON ${quoteIdent(name)} TO ${r}`,
    ),
  ];
  await tx.exec(statements.join(';\n'));
}

/** Sets the runtime role's password (when the derived one no longer matches, e.g. after a new master key). */
export async function setRuntimeRolePassword(db: Sql, role: string, password: string): Promise<void> {
  await db.exec(`ALTER ROLE ${quoteIdent(role)} PASSWORD ${quoteLiteral(password)}`);
}

/** Who a connection acts as, and whether that is too much to serve with. */
export async function describeConnection(
  sql: Sql,
): Promise<{ user: string; superuser: boolean; ownsEventLog: boolean }> {
  const { rows } = await sql.query<{ user: string; superuser: boolean; owns: boolean }>(
    `SELECT current_user AS user,
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
            coalesce((SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c
                      WHERE c.relname = 'es_events' AND c.relnamespace = 'public'::regnamespace), false) AS owns`,
  );
  return { user: rows[0].user, superuser: rows[0].superuser, ownsEventLog: rows[0].owns };
}

/** A connection URL for `role` (with `password`) to the same server and database as `ownerUrl`. */
export function runtimeUrl(ownerUrl: string, role: string, password: string): string {
  // libpq's multi-host URLs (primary and standby) are no WHATWG URLs: replace the credentials, keep every host.
  if (severalHosts(ownerUrl)) return withCredentials(ownerUrl, role, password);
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}

function severalHosts(url: string): boolean {
  try {
    return parseConnectionUrl(url).selectsHost;
  } catch {
    return false;
  }
}

/**
 * Opens the pool that serves: as the runtime role. Its password is set once more when the server refuses it
 * (28P01), e.g. after a new master key. Refuses to hand out a pool that is a superuser's or the owner's.
 */
export async function openRuntimeDatabase(
  owner: Database,
  url: string,
  role: string,
  password: string | null,
): Promise<Database> {
  const connect = async () => {
    const db = await openDatabase({ url });
    try {
      await db.query('SELECT 1');
      return db;
    } catch (error) {
      await db.close();
      throw error;
    }
  };
  let db: Database;
  try {
    db = await connect().catch(async (error: unknown) => {
      if ((error as { code?: string }).code !== '28P01' || password === null) throw error;
      await setRuntimeRolePassword(owner, role, password);
      return connect();
    });
  } catch (error) {
    throw new RuntimeRoleError(
      `Cannot connect as the runtime role ${role}: ${(error as Error).message}. Allow it in pg_hba.conf ` +
        '(scram-sha-256 with the derived password; see infra/PRODUCTION.md, "Database roles"), or set ' +
        'BAKEN_RUNTIME_DATABASE_URL to a role made for serving.',
    );
  }
  await assertLeastPrivilege(db);
  return db;
}

export async function assertLeastPrivilege(db: Sql): Promise<void> {
  const who = await describeConnection(db);
  if (who.superuser || who.ownsEventLog)
    throw new RuntimeRoleError(
      `Refusing to serve as ${who.user}: it is ${who.superuser ? 'a superuser' : 'the owner of the event log'}. ` +
        'Serve through a role made for it (BAKEN_RUNTIME_DATABASE_URL) or let Baken create one (BAKEN_DB_LEAST_PRIVILEGE=true).',
    );
}
