import { caseEventSchemas } from '@baken/case-coordination';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PostgresEventStore } from '@baken/event-store';
import { openMigratedTestDatabase, TEST_SERVER_URL, type MigratedTestDatabase } from '@baken/event-store/testing';
import { ReportFactsProjection, REPORT_FACT_TABLES } from '../facts/report-facts.projection';
import { reportingMigrations } from '../reporting.migrations';
import { generateReportHistory } from '../testing/report-history';
import { rebuildProjection } from './projection-rebuild';

/**
 * A rebuild replaces the live reporting tables by fresh ones: they must keep the live tables' owner (later migrations
 * run as that role) and every privilege, grant option included, when an administrator runs the rebuild as another role.
 */
describe('rebuilt reporting tables keep owner and privileges', () => {
  const suffix = randomBytes(4).toString('hex');
  const owner = `baken_owner_${suffix}`;
  const reader = `baken_reader_${suffix}`;
  let database: MigratedTestDatabase;

  beforeAll(async () => {
    database = await openMigratedTestDatabase({ migrations: reportingMigrations });
    await database.db.exec(`CREATE ROLE ${owner}; CREATE ROLE ${reader}`);
    for (const table of REPORT_FACT_TABLES) {
      await database.db.exec(
        `ALTER TABLE ${table} OWNER TO ${owner}; GRANT SELECT ON ${table} TO ${reader} WITH GRANT OPTION`,
      );
    }
  }, 60_000);

  afterAll(async () => {
    await database?.dispose();
    const admin = new Client({ connectionString: TEST_SERVER_URL });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${owner}`).catch(() => undefined);
    await admin.query(`DROP ROLE IF EXISTS ${reader}`).catch(() => undefined);
    await admin.end();
  });

  const rights = () =>
    database.db.query<{ table: string; owner: string; acl: string }>(
      `SELECT relname AS table, pg_get_userbyid(relowner) AS owner, relacl::text AS acl FROM pg_class
     WHERE relname = ANY($1) AND relkind = 'r' ORDER BY relname`,
      [[...REPORT_FACT_TABLES]],
    );

  it('carries them over to the swapped-in tables', async () => {
    const store = new PostgresEventStore(database.db, { schemas: caseEventSchemas() });
    await generateReportHistory(database.db, store, {
      firstDay: '2025-01-01',
      lastDay: '2025-03-31',
      casesPerDistrict: 3,
      now: new Date('2025-04-01T10:00:00Z'),
      seed: 7,
    });
    const before = (await rights()).rows;
    expect(before.map((r) => r.owner)).toEqual(REPORT_FACT_TABLES.map(() => owner));

    const result = await rebuildProjection(database.db, store, new ReportFactsProjection().definition());

    expect(result.events).toBeGreaterThan(0);
    const after = (await rights()).rows;
    expect(after.map((r) => r.owner)).toEqual(before.map((r) => r.owner));
    for (const row of after) expect(row.acl).toContain(`${reader}=r*/`);
  }, 60_000);
});
