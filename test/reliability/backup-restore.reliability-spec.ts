import {
  checkTransactionIds,
  eventStoreMigrations,
  migrate,
  openDatabase,
  PostgresEventStore,
  readCheckpoint,
  Subscription,
  subscriptionLag,
  type Database,
  type EventStore,
} from '@baken/event-store';
import { rebuildProjection, REPORT_FACT_TABLES, ReportFactsProjection, reportingMigrations } from '@baken/reporting';
import { generateReportHistory } from '@baken/reporting/testing';
import { startApiProcess } from '../support/api-process';
import { createPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';
import {
  backupDir,
  baseBackup,
  logicalDump,
  logicalRestore,
  runAsPostgres,
  runCli,
  setTransactionIdEpoch,
  type BackupDir,
} from './support/backup-tools';
import { auditWitness, WITNESS, witnessMigration, witnessSubscription } from './support/backup-witness';

/**
 * Restore caveat: after restoring a backup taken while events were being appended and subscribers were
 * part-way through the log, a checkpointed subscriber receives every event exactly once and in log order, the
 * reporting projection equals a rebuild, and every hash chain verifies — for a physical backup (pg_basebackup) and
 * for a logical dump (pg_dump/pg_restore) once the transaction-id epoch has been moved on as docs/OPERATIONS.md says.
 * The logical path also shows what happens without that step: the check refuses, and new events would be skipped.
 *
 * The source cluster is put in transaction-id epoch 3 first, as a production server is after some years of wrapping
 * around, so that a restore into a fresh cluster (epoch 0) is behind the log every time, not only by chance.
 */

// Clusters, backups and a CLI run on a shared machine: allow more than the default in hooks and tests alike.
jest.setTimeout(120_000);

const SOURCE_EPOCH = 3;
const NOW = new Date('2026-01-15T11:00:00Z');
const history = (seed: number, casesPerDistrict: number) => ({
  firstDay: '2025-01-01',
  lastDay: '2025-12-31',
  now: NOW,
  seed,
  casesPerDistrict,
  commandsPerTransaction: 3,
});
const facts = new ReportFactsProjection().definition();

/** The reporting projection run as the worker runs it: a checkpointed subscription. */
const projectionSubscription = (db: Database, store: EventStore) =>
  new Subscription({
    db,
    store,
    subscriberId: facts.name,
    eventTypes: facts.eventTypes,
    batchSize: 100,
    pollIntervalMs: 20,
    handle: facts.handle,
  });

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const countEvents = async (db: Database) =>
  Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM es_events')).rows[0].n);

async function projectionTables(db: Database): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of REPORT_FACT_TABLES)
    tables[table] = (await db.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t ORDER BY 1`)).rows.map(
      (r) => r.row,
    );
  return tables;
}

async function brokenChains(db: Database, store: EventStore): Promise<string[]> {
  const { rows } = await db.query<{ stream_id: string }>(
    'SELECT stream_id FROM es_streams UNION SELECT DISTINCT stream_id FROM es_events',
  );
  const broken: string[] = [];
  for (const { stream_id: streamId } of rows) if (!(await store.verifyStream(streamId)).valid) broken.push(streamId);
  return broken;
}

describe('backup and restore: subscribers neither skip nor repeat an event', () => {
  const clusters: PrivatePostgres[] = [];
  const dirs: BackupDir[] = [];
  const databases: Database[] = [];
  let physicalBackup: string;
  let dumpFile: string;
  /** Events in the source's log when the backups started and when both had finished. */
  let eventsAtStart = 0;
  let eventsAtEnd = 0;

  const open = async (url: string) => {
    const db = await openDatabase({ url, poolSize: 6 });
    databases.push(db);
    return db;
  };
  const close = async (db: Database) => {
    databases.splice(databases.indexOf(db), 1);
    await db.close();
  };

  beforeAll(async () => {
    const source = createPrivatePostgres();
    clusters.push(source);
    await setTransactionIdEpoch(source, SOURCE_EPOCH);
    await runAsPostgres('createdb', ['-h', '127.0.0.1', '-p', String(source.port), '-U', 'postgres', 'drill']);
    const db = await open(source.url('drill'));
    await migrate(db, [...eventStoreMigrations, ...reportingMigrations, witnessMigration]);
    const store = new PostgresEventStore(db);

    const first = await generateReportHistory(db, store, history(1, 5));
    // The witness stops part-way through the first history and stays there: the backups catch it with events still to
    // deliver. The projection runs freely and is wherever it is when the backups read it.
    const witness = witnessSubscription(db, store, { holdAfter: Math.floor(first.events / 3) });
    const projection = projectionSubscription(db, store);
    witness.start();
    projection.start();

    // Keep appending, in small transactions, for as long as the backups run.
    let backupsDone = false;
    let appendFailure: unknown;
    const stop = new Error('backups done');
    const appending = generateReportHistory(db, store, {
      ...history(2, 200),
      afterTransaction: async () => {
        if (backupsDone) throw stop;
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
    }).catch((error: unknown) => {
      if (error !== stop) appendFailure = error;
    });
    await waitFor('appends under way', async () => {
      if (appendFailure) throw appendFailure;
      return (await countEvents(db)) > first.events + 20;
    });
    await waitFor(
      'the witness held back',
      async () => Number((await readCheckpoint(db, WITNESS))?.globalPosition ?? 0) > 0,
    );

    eventsAtStart = await countEvents(db);
    const [physical, logical] = [backupDir(), backupDir()];
    dirs.push(physical, logical);
    try {
      [physicalBackup, dumpFile] = await Promise.all([
        baseBackup(source, physical),
        logicalDump(source, 'drill', logical),
      ]);
    } finally {
      backupsDone = true;
      await appending;
      eventsAtEnd = await countEvents(db);
      await witness.stop();
      await projection.stop();
      await close(db);
    }
    if (appendFailure) throw appendFailure;
    // The original is gone: each restore must stand on its own.
    source.destroy();
    clusters.splice(clusters.indexOf(source), 1);
  });

  afterAll(async () => {
    await Promise.allSettled(databases.map((db) => db.close()));
    for (const cluster of clusters) {
      try {
        cluster.destroy();
      } catch (error) {
        console.error('Could not remove a private cluster', error);
      }
    }
    for (const dir of dirs) dir.remove();
  });

  /**
   * On a restored database: the witness resumes from its restored checkpoint while new events are appended, then
   * the whole log must have reached it exactly once and in order, the projection must equal a rebuild, and every
   * hash chain must verify.
   */
  async function resumeAndAudit(url: string): Promise<void> {
    const db = await open(url);
    try {
      const store = new PostgresEventStore(db);
      const restored = await countEvents(db);
      expect(restored).toBeGreaterThan(0);
      // The premise: the backup holds events the witness had not yet received.
      expect(await subscriptionLag(db, WITNESS)).toBeGreaterThan(0);

      const witness = witnessSubscription(db, store);
      const projection = projectionSubscription(db, store);
      witness.start();
      projection.start();
      let added = 0;
      try {
        added = (await generateReportHistory(db, store, history(3, 3))).events;
        await waitFor(
          'the subscribers caught up',
          async () =>
            (await subscriptionLag(db, WITNESS)) === 0 &&
            (await subscriptionLag(db, facts.name, facts.eventTypes)) === 0,
        );
      } finally {
        await witness.stop();
        await projection.stop();
      }

      expect(await countEvents(db)).toBe(restored + added);
      const audit = await auditWitness(db);
      expect({ repeated: audit.repeated, skipped: audit.skipped, unknown: audit.unknown }).toEqual({
        repeated: [],
        skipped: [],
        unknown: [],
      });
      expect(audit).toMatchObject({ inLogOrder: true, delivered: restored + added, logged: restored + added });

      const live = await projectionTables(db);
      expect(live.reporting_facts.length).toBeGreaterThan(0);
      await rebuildProjection(db, store, facts);
      expect(await projectionTables(db)).toEqual(live);

      expect(await brokenChains(db, store)).toEqual([]);
    } finally {
      await close(db);
    }
  }

  it('took both backups while events were being appended', () => {
    expect(eventsAtEnd).toBeGreaterThan(eventsAtStart);
  });

  it('physical backup (pg_basebackup): keeps the transaction-id counter, so subscribers carry on as if nothing happened', async () => {
    const restoredCluster = createPrivatePostgres({ dataDir: physicalBackup });
    clusters.push(restoredCluster);
    const url = restoredCluster.url('drill');

    const db = await open(url);
    const check = await checkTransactionIds(db);
    await close(db);
    expect(check).toMatchObject({ ok: true, currentEpoch: String(SOURCE_EPOCH) });

    await resumeAndAudit(url);
  });

  it('logical dump (pg_dump/pg_restore): refused until the epoch is moved on with pg_resetwal, then exactly once', async () => {
    const restoredCluster = createPrivatePostgres();
    clusters.push(restoredCluster);
    await logicalRestore(restoredCluster, 'drill', dumpFile);
    const url = restoredCluster.url('drill');

    // Straight after the restore the new cluster's counter (epoch 0) is behind the restored tx_id values.
    const probe = await open(url);
    const before = await checkTransactionIds(probe);
    await close(probe);
    expect(before).toMatchObject({ ok: false, currentEpoch: '0', requiredEpoch: String(SOURCE_EPOCH + 1) });
    const refused = await runCli(url, ['restore-check']);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`pg_resetwal -e ${SOURCE_EPOCH + 1} <data directory>`);
    // The API refuses to start on it too, before anything is written, and says what to do.
    await expect(startApiProcess(url)).rejects.toThrow(`pg_resetwal -e ${SOURCE_EPOCH + 1}`);

    await showWhatGoesWrongWithoutTheEpoch(restoredCluster);

    // The procedure: stop, move the epoch on, start, check.
    await setTransactionIdEpoch(restoredCluster, before.requiredEpoch!);
    const passed = await runCli(url, ['restore-check']);
    expect(passed.output).toContain('OK: the next transaction id');
    expect(passed.code).toBe(0);

    await resumeAndAudit(url);
  });

  /**
   * Without the epoch step, on a copy of the restored database: the witness receives nothing, neither the restored
   * events it had not yet had (their tx_id is above every running transaction's, so `readAll` holds them back) nor
   * the new ones (their tx_id sorts before its checkpoint, so it has passed them for good).
   */
  async function showWhatGoesWrongWithoutTheEpoch(cluster: PrivatePostgres): Promise<void> {
    await runAsPostgres('createdb', [
      '-h',
      '127.0.0.1',
      '-p',
      String(cluster.port),
      '-U',
      'postgres',
      '-T',
      'drill',
      'drill_unfixed',
    ]);
    const db = await open(cluster.url('drill_unfixed'));
    try {
      const store = new PostgresEventStore(db);
      const witness = witnessSubscription(db, store);
      const pending = await subscriptionLag(db, WITNESS);
      expect(pending).toBeGreaterThan(0);
      const checkpoint = (await readCheckpoint(db, WITNESS))!;

      const { events: added } = await generateReportHistory(db, store, history(4, 1));
      expect(await witness.runOnce()).toBe(0);
      await witness.stop();

      expect(added).toBeGreaterThan(0);
      const newBehindCheckpoint = await db.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM es_events e
         WHERE NOT EXISTS (SELECT 1 FROM drill_deliveries d WHERE d.event_id = e.event_id)
           AND (e.tx_id, e.global_position) < ($1::xid8, $2::bigint)`,
        [checkpoint.txId, checkpoint.globalPosition],
      );
      // Every new event sorts before the checkpoint: skipped for good, and the restored backlog is still waiting.
      expect(Number(newBehindCheckpoint.rows[0].n)).toBe(added);
      expect(await subscriptionLag(db, WITNESS)).toBe(pending);
    } finally {
      await close(db);
      await runAsPostgres('dropdb', [
        '-h',
        '127.0.0.1',
        '-p',
        String(cluster.port),
        '-U',
        'postgres',
        '--force',
        'drill_unfixed',
      ]);
    }
  }
});
