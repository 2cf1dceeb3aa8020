import { PostgresEventStore } from '@baken/event-store';
import { openMigratedTestDatabase, type MigratedTestDatabase } from '@baken/event-store/testing';
import { reportingMigrations } from '../reporting.migrations';
import type { TargetCommand } from './target.decide';
import type { TargetFields } from './target.events';
import {
  executeTargetCommand,
  listTargets,
  targetHistory,
  targetsAsKnownAt,
  TargetExists,
  TargetRetired,
} from './target-definition';

jest.setTimeout(30_000);

const ADMIN = { username: 'admin', role: 'admin' };
const fields: TargetFields = {
  title: 'Signalen',
  event: 'signal_received',
  period: 'quarter',
  forms: null,
  vulnerabilities: null,
  interventionTypes: null,
  interventionLevels: null,
  organisations: null,
  minimum: 1,
  validFrom: null,
  validUntil: null,
};
const at = (minute: number) => new Date(Date.UTC(2026, 3, 15, 10, minute));

describe.each(['postgres', 'pglite'] as const)('targets as events on %s', (kind) => {
  let database: MigratedTestDatabase;
  let store: PostgresEventStore;
  const run = (command: TargetCommand, minute: number) =>
    database.db.transaction((tx) => executeTargetCommand(store, tx, command, at(minute), ADMIN));
  const change = (targetId: string, minimum: number, minute: number) =>
    run(
      { type: 'ChangeTarget', targetId, fields: { ...fields, minimum }, reason: `naar ${minimum}`, by: 'admin' },
      minute,
    );

  beforeAll(async () => {
    database = await openMigratedTestDatabase({ kind, migrations: reportingMigrations, poolSize: 4 });
    store = new PostgresEventStore(database.db);
  });

  afterAll(async () => {
    await database?.dispose();
  });

  it('holds the seeded norms as versions written by the migration, the labour norm conditioned in a second', async () => {
    expect(
      (await targetHistory(database.db, 'proposals-sexual-criminal')).map((v) => [v.version, v.kind, v.at, v.by]),
    ).toEqual([[1, 'defined', '1970-01-01T00:00:00.000Z', 'actieprogramma']]);
    const labour = await targetHistory(database.db, 'labour-inspections');
    expect(labour.map((v) => [v.version, v.kind, v.target.organisations])).toEqual([
      [1, 'defined', null],
      [2, 'changed', ['labour_inspectorate']],
    ]);
    const beforeMigration = new Date(Date.parse(labour[1].at) - 1);
    expect((await targetsAsKnownAt(database.db, beforeMigration)).map((t) => [t.id, t.version])).toEqual([
      ['proposals-sexual-criminal', 1],
      ['labour-inspections', 1],
    ]);
  });

  it('changes a seeded norm: a new version in its own stream, the view and the versions in step', async () => {
    await change('proposals-sexual-criminal', 2, 1);
    expect(await store.readStream('target-proposals-sexual-criminal')).toEqual([
      expect.objectContaining({ type: 'TargetChanged', streamVersion: 1, recordedAt: at(1) }),
    ]);
    expect(
      (await targetsAsKnownAt(database.db, at(0))).find((t) => t.id === 'proposals-sexual-criminal'),
    ).toMatchObject({ version: 1, minimum: 1 });
    expect(
      (await targetsAsKnownAt(database.db, at(1))).find((t) => t.id === 'proposals-sexual-criminal'),
    ).toMatchObject({ version: 2, minimum: 2, changedBy: 'admin', changedAt: at(1).toISOString() });
    expect(await targetsAsKnownAt(database.db, new Date('2100-01-01T00:00:00Z'))).toEqual(
      await listTargets(database.db),
    );
  });

  it('leaves out a target defined after asKnownAt', async () => {
    await run({ type: 'DefineTarget', targetId: 'signals', fields, by: 'admin' }, 10);
    expect((await targetsAsKnownAt(database.db, at(9))).map((t) => t.id)).not.toContain('signals');
    expect((await targetsAsKnownAt(database.db, at(10))).map((t) => t.id)).toContain('signals');
  });

  // PGlite is one connection: nothing runs concurrently there.
  (kind === 'postgres' ? it : it.skip)('keeps every one of concurrent changes, as consecutive versions', async () => {
    await Promise.all([3, 4, 5, 6].map((minimum) => change('signals', minimum, 20)));
    const history = await targetHistory(database.db, 'signals');
    expect(history.map((v) => v.version)).toEqual([1, 2, 3, 4, 5]);
    expect(
      history
        .slice(1)
        .map((v) => v.target.minimum)
        .sort(),
    ).toEqual([3, 4, 5, 6]);
    expect((await store.readStream('target-signals')).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5]);
  });

  it('defines an id once, also when two define it at once', async () => {
    const results = await Promise.allSettled(
      [1, 2].map(() => run({ type: 'DefineTarget', targetId: 'twice', fields, by: 'admin' }, 30)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(TargetExists) });
  });

  it('refuses to change a retired target, and rolls back what it refused', async () => {
    await run(
      { type: 'RetireTarget', targetId: 'twice', lastDay: null, reason: 'weg', by: 'admin', today: '2026-04-15' },
      40,
    );
    await expect(change('twice', 9, 41)).rejects.toBeInstanceOf(TargetRetired);
    const history = await targetHistory(database.db, 'twice');
    expect(history.map((v) => [v.version, v.kind, v.target.retiredOn])).toEqual([
      [1, 'defined', null],
      [2, 'retired', '2026-04-14'],
    ]);
  });
});
