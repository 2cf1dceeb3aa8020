import { caseEventSchemas } from '@baken/case-coordination';
import { PostgresEventStore, type Database } from '@baken/event-store';
import { openMigratedTestDatabase, type MigratedTestDatabase } from '@baken/event-store/testing';
import { writeReportHistoryInBulk } from './bulk-history';
import { generateReportHistory, planReportHistory, type HistoryOptions } from './report-history';

const OPTIONS: HistoryOptions = {
  firstDay: '2025-01-01',
  lastDay: '2025-12-31',
  casesPerDistrict: 15,
  now: new Date('2026-01-15T11:00:00Z'),
  seed: 99,
};

/** Everything stored about each event except the positions the database hands out. */
const log = async (db: Database) => ({
  events: (
    await db.query<{ row: string }>(
      `SELECT concat_ws(' ', stream_id, stream_version, event_id, event_type, schema_version, data::text, metadata::text, recorded_at) AS row
     FROM es_events ORDER BY stream_id, stream_version`,
    )
  ).rows.map((r) => r.row),
  streams: (await db.query('SELECT * FROM es_streams ORDER BY stream_id')).rows,
});

/** The bulk writer used by the benchmarks stores exactly what appending the same plan through the event store stores. */
describe('writing a generated history in bulk', () => {
  let appended: MigratedTestDatabase;
  let bulk: MigratedTestDatabase;

  beforeAll(async () => {
    [appended, bulk] = await Promise.all([openMigratedTestDatabase(), openMigratedTestDatabase()]);
  });

  afterAll(async () => {
    await appended?.dispose();
    await bulk?.dispose();
  });

  it('stores the same events, streams and hash chains as one append per command, in transactions of its batch size', async () => {
    const viaStore = await generateReportHistory(
      appended.db,
      new PostgresEventStore(appended.db, { schemas: caseEventSchemas() }),
      OPTIONS,
    );
    const progress: number[] = [];
    const inBulk = await writeReportHistoryInBulk(bulk.db, {
      ...OPTIONS,
      eventsPerStatement: 100,
      onProgress: (events) => progress.push(events),
    });

    expect(inBulk.events).toBe(viaStore.events);
    expect(inBulk.cases).toEqual(viaStore.cases);
    expect(viaStore.events).toBeGreaterThan(400);
    expect(await log(bulk.db)).toEqual(await log(appended.db));

    // Each statement commits on its own: a batch of at least 100 events per transaction id, in recording order.
    const { rows } = await bulk.db.query<{ txs: number; out_of_order: number }>(
      `SELECT count(DISTINCT tx_id)::int AS txs,
              count(*) FILTER (WHERE recorded_at < lag)::int AS out_of_order
       FROM (SELECT tx_id, recorded_at, lag(recorded_at) OVER (ORDER BY tx_id, global_position) FROM es_events) e`,
    );
    expect(rows[0].txs).toBe(progress.length);
    expect(rows[0].txs).toBeGreaterThanOrEqual(Math.floor(inBulk.events / 110));
    expect(rows[0].out_of_order).toBe(0);
    expect(progress[progress.length - 1]).toBe(inBulk.events);

    const store = new PostgresEventStore(bulk.db, { schemas: caseEventSchemas() });
    for (const c of inBulk.cases.slice(0, 20))
      expect(await store.verifyStream(`case-${c.caseId}`)).toMatchObject({ valid: true });
  });

  it('can leave an older history with every case closed, for reporting periods after it', () => {
    const older = planReportHistory({
      ...OPTIONS,
      firstDay: '2023-01-01',
      lastReceivedDay: '2024-12-31',
      closeEveryCase: true,
      casesPerDistrict: 100,
    });
    const usual = planReportHistory({
      ...OPTIONS,
      firstDay: '2023-01-01',
      lastReceivedDay: '2024-12-31',
      casesPerDistrict: 100,
    });
    const open = (h: typeof older) => h.cases.filter((c) => c.closures.length <= c.reopenings.length).length;
    expect(older.cases.length).toBe(400);
    expect(older.cases.every((c) => c.received.on <= '2024-12-31')).toBe(true);
    // Only the few whose story runs more than a year past the last receipt stay open; without the option, a quarter.
    expect(open(older)).toBeLessThanOrEqual(older.cases.length * 0.02);
    expect(open(usual)).toBeGreaterThan(older.cases.length * 0.1);
  });
});
