import { openDatabase, type Database } from '@baken/event-store';
import { DATABASE, ensureRuntimeRole } from '@baken/platform';
import { driveCase } from './support/cases';
import { queryDatabase } from './support/database';
import { useTestApp } from './support/test-app';

/**
 * Started with a superuser's DATABASE_URL (the local default), Baken migrates with it and then serves through the
 * runtime role: whatever runs through the serving pool — a bug, an injected statement — cannot change or remove
 * history, switch the append-only triggers off, or change the schema.
 */
describe('least privilege: the API serves as the runtime role', () => {
  const app = useTestApp();
  const serving = () => app().app.get<Database>(DATABASE);

  /** The SQLSTATE a statement fails with through the serving pool, or `ok`. */
  async function outcome(sql: string): Promise<string> {
    try {
      await serving().exec(sql);
      return 'ok';
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  }

  beforeAll(async () => {
    await driveCase(app(), 'in_execution');
  });

  it('connects as a role that is neither a superuser nor the owner of any table', async () => {
    const [who] = (
      await serving().query<{ user: string; superuser: boolean; owns: string }>(
        `SELECT current_user AS user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
                (SELECT count(*) FROM pg_tables WHERE tableowner = current_user)::text AS owns`,
      )
    ).rows;
    expect(who).toEqual({ user: 'baken_runtime', superuser: false, owns: '0' });
    const [owner] = await queryDatabase<{ owner: string }>(
      app().database.url,
      "SELECT tableowner AS owner FROM pg_tables WHERE tablename = 'es_events'",
    );
    expect(owner.owner).not.toBe('baken_runtime');
  });

  it.each([
    ['update an event', "UPDATE es_events SET data = '{}' WHERE stream_version = 1"],
    ['delete an event', 'DELETE FROM es_events WHERE stream_version = 1'],
    ['truncate the event log', 'TRUNCATE es_events'],
    ['delete a stream row', 'DELETE FROM es_streams'],
    ['change the access log', "UPDATE access_log SET username = 'nobody'"],
    ['delete from the access log', 'DELETE FROM access_log'],
    ['rewrite who changed a webhook', "UPDATE notification_webhook_changes SET username = 'nobody'"],
    ['delete who changed a webhook', 'DELETE FROM notification_webhook_changes'],
    ['switch the append-only trigger off', 'ALTER TABLE es_events DISABLE TRIGGER es_events_append_only'],
    ['switch every trigger off for the session', 'SET session_replication_role = replica'],
    ['drop a read model', 'DROP TABLE case_list'],
    ['create a table', 'CREATE TABLE public.side_door (x int)'],
    ['change the migrations record', "DELETE FROM schema_migrations WHERE id LIKE 'event-store/%'"],
  ])('may not %s', async (_what, sql) => {
    expect(await outcome(sql)).toMatch(/^(42501)$/);
  });

  it('still appends, reads and keeps its read models: the product works through it', async () => {
    const c = await driveCase(app(), 'effect_recorded');
    const [events] = await queryDatabase<{ n: string }>(
      app().database.url,
      'SELECT count(*)::text AS n FROM es_events WHERE stream_id = $1',
      [`case-${c.caseId}`],
    );
    expect(Number(events.n)).toBe(c.version);
  });

  it('grants again what a role lost when db-roles runs as the owner (as every start does)', async () => {
    await queryDatabase(app().database.url, 'REVOKE SELECT ON case_list FROM baken_runtime');
    expect(await outcome('SELECT count(*) FROM case_list')).toBe('42501');
    const owner = await openDatabase({ url: app().database.url, poolSize: 1 });
    try {
      await ensureRuntimeRole(owner, 'baken_runtime', null);
    } finally {
      await owner.close();
    }
    expect(await outcome('SELECT count(*) FROM case_list')).toBe('ok');
    expect(await outcome('DELETE FROM es_events')).toBe('42501');
  });
});
