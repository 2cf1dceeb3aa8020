import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PostgresEventStore, type StoredEvent } from '@baken/event-store';
import { openMigratedTestDatabase, TEST_SERVER_URL, type MigratedTestDatabase } from '@baken/event-store/testing';
import { rebuildProjection } from '@baken/reporting';
import { generateReportHistory } from '@baken/reporting/testing';
import { caseEventSchemas } from '../infrastructure/case-event-schemas';
import type { CaseEvent, DeadlineKind } from '../domain';
import {
  CASE_ID,
  caseClosed,
  careTableMeetingRecorded,
  coordinatorAssigned,
  deadlineMissed,
  interventionExecuted,
  interventionPlanned,
  INTERVENTION_ID,
  proposalDecided,
  proposalDrafted,
  proposalSubmitted,
  signalRegistered,
  signalTriaged,
} from '../domain/testing/case.fixtures';
import { deadlineRules } from './deadline-rules';
import type { DeadlineScheduler } from './deadline-scheduler';
import { deadlineMigrations } from './deadlines.migrations';
import { DeadlinesProjection } from './deadlines.projection';
import { DEADLINE_TABLES, DeadlinesSubscriber } from './deadlines.subscriber';
import { createDeadlineWorkflow, type DeadlineJob } from './deadlines.workflow';
import { DEFAULT_DEADLINE_PERIODS, DutchPublicHolidays } from '@baken/platform';

const OTHER_CASE = '9b1d3f0a-5c2e-4d7f-8a6b-1e2f3a4b5c6d';

/**
 * Records what would be enqueued, taking every deadline as passed; the queue itself, and that only passed deadlines
 * are enqueued, are tested on Redis in test/integration/deadlines.
 */
class RecordingScheduler {
  readonly scheduled: DeadlineJob[] = [];
  isDue(): boolean {
    return true;
  }
  async schedule(job: DeadlineJob): Promise<boolean> {
    this.scheduled.push(job);
    return true;
  }
}

describe.each(['postgres', 'pglite'] as const)('the deadlines projection on %s', (kind) => {
  let database: MigratedTestDatabase;
  let store: PostgresEventStore;
  let scheduler: RecordingScheduler;
  let subscriber: DeadlinesSubscriber;

  beforeAll(async () => {
    database = await openMigratedTestDatabase({ kind, migrations: deadlineMigrations });
    store = new PostgresEventStore(database.db, { clock: () => new Date('2024-05-31T08:00:00Z') });
    const workflow = createDeadlineWorkflow(deadlineRules(DEFAULT_DEADLINE_PERIODS, new DutchPublicHolidays()));
    scheduler = new RecordingScheduler();
    subscriber = new DeadlinesSubscriber(
      workflow,
      new DeadlinesProjection(),
      scheduler as unknown as DeadlineScheduler,
    );
  }, 60_000);

  afterAll(async () => {
    await database?.dispose();
  });

  const append = (caseId: string, events: CaseEvent[]) =>
    store.appendToStream(
      `case-${caseId}`,
      events.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data })),
      { expectedVersion: 'any' },
    );
  const rows = async () =>
    (
      await database.db.query<Record<string, unknown>>(
        `SELECT case_id, reference, district, kind, ref, started_on::text, due_on::text, coordinator, lead_partner, status, ended_on::text, missed_at
     FROM deadlines ORDER BY case_id, due_on, kind`,
      )
    ).rows;
  const states = async () =>
    (await database.db.query<Record<string, unknown>>('SELECT case_id, state FROM deadline_cases ORDER BY case_id'))
      .rows;
  /** All deadline events of the log; waits while another transaction on the server holds the newest ones back. */
  const readAllEventually = async (count: number) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const events = await store.readAll({ eventTypes: subscriber.eventTypes });
      if (events.length >= count || Date.now() > deadline) return events;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const handleInBatches = async (events: StoredEvent[], size: number) => {
    for (let i = 0; i < events.length; i += size)
      await database.db.transaction((tx) => subscriber.handle(tx, events.slice(i, i + size)));
  };

  it('derives every deadline with its owner and status from the log, also across batches', async () => {
    await append(CASE_ID, [
      signalRegistered(),
      coordinatorAssigned(),
      signalTriaged(),
      careTableMeetingRecorded(),
      proposalDrafted(),
      proposalSubmitted(),
      proposalDecided(),
      interventionPlanned(),
      interventionExecuted(),
      deadlineMissed({ kind: 'effect_follow_up', ref: INTERVENTION_ID, dueOn: '2024-05-28' }),
    ]);
    await append(OTHER_CASE, [
      signalRegistered({ caseId: OTHER_CASE, reference: 'BAR-2024-0043' }),
      caseClosed({ closedOn: '2024-03-05' }),
    ]);
    const events = await readAllEventually(10);
    expect(events).toHaveLength(10);
    await handleInBatches(events, 3);

    expect(await rows()).toEqual([
      expect.objectContaining({
        case_id: CASE_ID,
        kind: 'triage',
        ref: CASE_ID,
        due_on: '2024-03-11',
        coordinator: 'user-coordinator-baronie-1',
        status: 'done',
        ended_on: '2024-03-07',
        missed_at: null,
      }),
      expect.objectContaining({
        case_id: CASE_ID,
        kind: 'proposal_decision',
        due_on: '2024-04-17',
        status: 'done',
        ended_on: '2024-03-25',
      }),
      expect.objectContaining({
        case_id: CASE_ID,
        kind: 'effect_follow_up',
        ref: INTERVENTION_ID,
        started_on: '2024-04-02',
        due_on: '2024-05-28',
        lead_partner: 'labour_inspectorate',
        status: 'open',
        ended_on: null,
        missed_at: new Date('2024-05-31T08:00:00Z'),
      }),
      expect.objectContaining({
        case_id: OTHER_CASE,
        reference: 'BAR-2024-0043',
        kind: 'triage',
        status: 'cancelled',
        ended_on: '2024-03-05',
      }),
    ]);
    // Only deadlines still open at the end of their batch are enqueued: the first triage was done in its own batch,
    // the other case's triage was still open when its batch ended (the closure came in the next one).
    expect(scheduler.scheduled.map((j) => [j.caseId, j.kind])).toEqual([
      [CASE_ID, 'effect_follow_up'],
      [OTHER_CASE, 'triage'],
    ]);
  }, 60_000);

  it('rebuilds to exactly the rows the live subscriber wrote', async () => {
    const live = { rows: await rows(), states: await states() };
    const events = await readAllEventually(10);
    await database.db.transaction(async (tx) => {
      await subscriber.reset(tx);
      await subscriber.handle(tx, events);
    });
    expect({ rows: await rows(), states: await states() }).toEqual(live);
  }, 60_000);
});

/**
 * `projections-rebuild` writes the deadlines into fresh tables and swaps them in (see `ShadowTables`): they must hold
 * what the live subscriber wrote, batch by batch, and be the tables the migrations made — every index, constraint,
 * default — with the live tables' owner and privileges.
 */
describe.each(['postgres', 'pglite'] as const)('rebuilding the deadlines projection on %s', (kind) => {
  const reader = `baken_deadline_reader_${randomBytes(4).toString('hex')}`;
  let database: MigratedTestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await openMigratedTestDatabase({ kind, migrations: deadlineMigrations });
    store = new PostgresEventStore(database.db, { schemas: caseEventSchemas() });
    await generateReportHistory(database.db, store, {
      firstDay: '2024-01-01',
      lastDay: '2024-06-30',
      casesPerDistrict: 25,
      now: new Date('2024-07-01T10:00:00Z'),
      seed: 11,
    });
    if (kind === 'postgres')
      await database.db.exec(`CREATE ROLE ${reader}; GRANT SELECT ON deadlines TO ${reader} WITH GRANT OPTION`);
  }, 120_000);

  afterAll(async () => {
    await database?.dispose();
    if (kind !== 'postgres') return;
    const admin = new Client({ connectionString: TEST_SERVER_URL });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${reader}`).catch(() => undefined);
    await admin.end();
  });

  const append = (caseId: string, events: CaseEvent[]) =>
    store.appendToStream(
      `case-${caseId}`,
      events.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data })),
      { expectedVersion: 'any' },
    );
  const contents = async () => ({
    deadlines: (
      await database.db.query<Record<string, unknown>>(
        `SELECT deadline_id, case_id, reference, district, kind, ref, started_on::text, due_on::text, coordinator,
                lead_partner, owner_username, status, ended_on::text, missed_at::text
         FROM deadlines ORDER BY deadline_id`,
      )
    ).rows,
    states: (await database.db.query('SELECT case_id, state FROM deadline_cases ORDER BY case_id')).rows,
  });
  /** What the migrations made of the tables, and who may read them. */
  const definitions = async () => ({
    indexes: (
      await database.db.query(
        `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename = ANY($1) ORDER BY indexname`,
        [[...DEADLINE_TABLES]],
      )
    ).rows,
    constraints: (
      await database.db.query(
        `SELECT conrelid::regclass::text AS table, conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
         WHERE conrelid = ANY(ARRAY[to_regclass('deadlines'), to_regclass('deadline_cases')]) ORDER BY conname`,
      )
    ).rows,
    columns: (
      await database.db.query(
        `SELECT table_name, column_name, ordinal_position, data_type, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = ANY($1) ORDER BY table_name, ordinal_position`,
        [[...DEADLINE_TABLES]],
      )
    ).rows,
    rights: (
      await database.db.query<{ relname: string; owner: string; acl: string | null }>(
        `SELECT relname, pg_get_userbyid(relowner) AS owner, relacl::text AS acl FROM pg_class
         WHERE relname = ANY($1) AND relkind = 'r' ORDER BY relname`,
        [[...DEADLINE_TABLES]],
      )
    ).rows,
  });

  it('leaves the rows the live subscriber wrote, in tables defined as the migrations left them', async () => {
    const scheduler = new RecordingScheduler();
    const subscriber = new DeadlinesSubscriber(
      createDeadlineWorkflow(deadlineRules(DEFAULT_DEADLINE_PERIODS, new DutchPublicHolidays())),
      new DeadlinesProjection(),
      scheduler as unknown as DeadlineScheduler,
    );
    const readAll = () => store.readAll({ eventTypes: subscriber.eventTypes, limit: 100_000 });
    const handleFrom = async (events: StoredEvent[], from: number) => {
      // Small batches, so that many deadlines are completed in a later batch than the one that opened them.
      for (let i = from; i < events.length; i += 40)
        await database.db.transaction((tx) => subscriber.handle(tx, events.slice(i, i + 40)));
    };
    const history = await readAll();
    await handleFrom(history, 0);
    // Decisions long after the openings: missed deadlines, recorded twice (the first counts), also of deadlines done
    // already (nothing to record), and coordinators assigned twice (the last counts).
    const derived = (await contents()).deadlines as {
      case_id: string;
      kind: DeadlineKind;
      ref: string;
      due_on: string;
      status: string;
    }[];
    const open = derived.filter((d) => d.status === 'open');
    const missed = open.slice(0, 6);
    const triage = open.filter((d) => d.kind === 'triage').slice(0, 3);
    expect(triage.length).toBeGreaterThan(0);
    const missedEvent = (d: (typeof derived)[number]) =>
      [d.case_id, deadlineMissed({ kind: d.kind, ref: d.ref, dueOn: d.due_on })] as const;
    const assignedEvent = (coordinator: string) => (d: (typeof derived)[number]) =>
      [d.case_id, coordinatorAssigned({ coordinator })] as const;
    // Spaced out so that a rebuild in batches of 5 sees the first and the second decision about a deadline in
    // different batches, which it applies at its end in the order of the batches.
    const late: (readonly [string, CaseEvent])[] = [
      ...missed.map(missedEvent),
      ...derived
        .filter((d) => d.status === 'done')
        .slice(0, 3)
        .map(missedEvent),
      ...triage.map(assignedEvent('user-coordinator-late-1')),
      ...missed.map(missedEvent),
      ...triage.map(assignedEvent('user-coordinator-late-2')),
    ];
    for (const [caseId, event] of late) await append(caseId, [event]);
    const events = await readAll();
    expect(events.length).toBe(history.length + late.length);
    await handleFrom(events, history.length);
    const live = await contents();
    expect(live.deadlines.filter((d) => d.missed_at !== null)).toHaveLength(6);
    expect(live.deadlines.filter((d) => d.coordinator === 'user-coordinator-late-2')).toHaveLength(triage.length);
    expect(live.deadlines.length).toBeGreaterThan(100);
    expect(new Set(live.deadlines.map((d) => d.status))).toEqual(new Set(['open', 'done', 'cancelled', 'replaced']));
    const defined = await definitions();
    if (kind === 'postgres')
      expect(defined.rights.find((r) => r.relname === 'deadlines')!.acl).toContain(`${reader}=r*/`);
    const oids = await database.db.query(`SELECT to_regclass('deadlines')::oid::text AS oid`);
    const enqueued = scheduler.scheduled.length;

    const result = await rebuildProjection(database.db, store, subscriber, { batchSize: 5 });

    expect(result.events).toBe(events.length);
    expect(await contents()).toEqual(live);
    expect(await definitions()).toEqual(defined);
    // Fresh tables took the live ones' place; the escalations were enqueued when the deadlines were first derived.
    expect((await database.db.query(`SELECT to_regclass('deadlines')::oid::text AS oid`)).rows).not.toEqual(oids.rows);
    expect(scheduler.scheduled.length).toBe(enqueued);
  }, 120_000);
});
