import { caseEventSchemas } from '@baken/case-coordination';
import { PostgresEventStore, Subscription } from '@baken/event-store';
import { openMigratedTestDatabase, type MigratedTestDatabase } from '@baken/event-store/testing';
import { ReportFactsProjection, REPORT_FACT_TABLES } from './facts/report-facts.projection';
import { rebuildProjection } from './rebuild/projection-rebuild';
import { reportingMigrations } from './reporting.migrations';
import { flowReport } from './reports/flow/flow.report';
import { interventionEffectsReport } from './reports/intervention-effects/intervention-effects.report';
import { quarterlyTargetsReport } from './reports/quarterly-targets/quarterly-targets.report';
import { generateReportHistory } from './testing/report-history';

const DISTRICTS = ['de-baronie', 'de-markiezaten', 'hart-van-brabant', 'zeeland'];
const NOW = new Date('2026-01-15T11:00:00Z');

/** The same history on embedded PGlite and on PostgreSQL gives the same tables and the same reports. */
describe('reporting on PGlite and on PostgreSQL', () => {
  const databases: Record<'pglite' | 'postgres', MigratedTestDatabase | undefined> = {
    pglite: undefined,
    postgres: undefined,
  };
  const definition = new ReportFactsProjection().definition();

  const prepare = async (kind: 'pglite' | 'postgres') => {
    const database = await openMigratedTestDatabase({ kind, migrations: reportingMigrations });
    databases[kind] = database;
    const store = new PostgresEventStore(database.db, { schemas: caseEventSchemas() });
    await generateReportHistory(database.db, store, {
      firstDay: '2025-01-01',
      lastDay: '2025-12-31',
      casesPerDistrict: 12,
      now: NOW,
      seed: 42,
    });
    const subscription = new Subscription({
      db: database.db,
      store,
      subscriberId: definition.name,
      eventTypes: definition.eventTypes,
      batchSize: 64,
      handle: definition.handle,
    });
    try {
      await subscription.runOnce();
    } finally {
      await subscription.stop();
    }
    return { db: database.db, store };
  };

  const reports = async (db: MigratedTestDatabase['db']) => ({
    targets: await quarterlyTargetsReport(db, {
      year: 2025,
      quarter: 3,
      asOf: '2025-08-20',
      asKnownAt: new Date('2025-08-20T20:00:00Z'),
      districts: DISTRICTS,
    }),
    effects: await interventionEffectsReport(db, {
      from: '2025-01-01',
      to: '2025-12-31',
      districts: DISTRICTS,
      form: null,
      asKnownAt: null,
    }),
    flow: await flowReport(db, {
      from: '2025-01-01',
      to: '2025-12-31',
      districts: DISTRICTS,
      asKnownAt: null,
      openCasesOn: '2025-12-31',
    }),
  });

  const tables = async (db: MigratedTestDatabase['db']) => {
    const out: Record<string, unknown[]> = {};
    for (const table of REPORT_FACT_TABLES)
      out[table] = (await db.query(`SELECT t::text AS row FROM ${table} t ORDER BY 1`)).rows;
    return out;
  };

  afterAll(async () => {
    await databases.pglite?.dispose();
    await databases.postgres?.dispose();
  });

  it('projects, reports and rebuilds alike', async () => {
    const pglite = await prepare('pglite');
    const postgres = await prepare('postgres');
    const onPglite = await reports(pglite.db);
    expect(onPglite.flow.signalsReceived).toBeGreaterThan(20);
    expect(onPglite.effects.rows.length).toBeGreaterThan(3);
    expect(onPglite).toEqual(await reports(postgres.db));
    const before = await tables(pglite.db);
    expect(before).toEqual(await tables(postgres.db));

    await rebuildProjection(pglite.db, pglite.store, definition, { batchSize: 100 });
    expect(await tables(pglite.db)).toEqual(before);
  }, 120_000);
});
