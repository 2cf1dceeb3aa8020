import { openDatabase, type Database } from '../db';
import { createTestDatabase, type TestDatabase } from '../testing';
import { eventStoreMigrations, migrate, MigrationChanged, type Migration } from './index';

describe('migrate', () => {
  let server: TestDatabase;
  const opened: Database[] = [];
  const open = async () => {
    const db = await openDatabase({ url: server.url, poolSize: 2 });
    opened.push(db);
    return db;
  };

  beforeAll(async () => {
    server = await createTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
    await server?.drop();
  });

  const readModels: Migration[] = [
    {
      id: 'case-coordination/001-case-list',
      sql: 'CREATE TABLE case_list (case_id uuid PRIMARY KEY); CREATE INDEX ON case_list (case_id);',
    },
  ];

  it('applies each migration once when four processes start at the same time', async () => {
    const processes = await Promise.all([open(), open(), open(), open()]);

    const applied = await Promise.all(processes.map((db) => migrate(db, [...eventStoreMigrations, ...readModels])));

    const all = [
      'case-coordination/001-case-list',
      'event-store/001-event-store',
      'event-store/002-no-stream-foreign-key',
      'event-store/003-streams-are-never-deleted',
      'event-store/004-require-stream-moved',
    ];
    expect(applied.flat().sort()).toEqual(all);
    const { rows } = await processes[0].query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
    expect(rows.map((row) => row.id)).toEqual(all);
  });

  it('applies migrations added later, and refuses one that was changed after it was applied', async () => {
    const db = await open();
    const later: Migration = {
      id: 'case-coordination/002-case-detail',
      sql: 'CREATE TABLE case_detail (case_id uuid PRIMARY KEY)',
    };

    expect(await migrate(db, [...eventStoreMigrations, ...readModels, later])).toEqual([
      'case-coordination/002-case-detail',
    ]);
    expect(await migrate(db, [...eventStoreMigrations, ...readModels, later])).toEqual([]);

    const changed = { ...later, sql: 'CREATE TABLE case_detail (case_id text PRIMARY KEY)' };
    await expect(migrate(db, [...eventStoreMigrations, ...readModels, changed])).rejects.toBeInstanceOf(
      MigrationChanged,
    );
  });

  it('rolls back every migration of a run when one fails', async () => {
    const db = await open();
    const broken: Migration[] = [
      { id: 'test/001-fine', sql: 'CREATE TABLE fine (id int)' },
      { id: 'test/002-broken', sql: 'CREATE TABLE broken (id nonexistent_type)' },
    ];

    await expect(migrate(db, [...eventStoreMigrations, ...broken])).rejects.toThrow(/nonexistent_type/);

    const { rows } = await db.query("SELECT 1 FROM schema_migrations WHERE id LIKE 'test/%'");
    expect(rows).toEqual([]);
    expect((await db.query("SELECT to_regclass('fine') AS t")).rows).toEqual([{ t: null }]);
  });

  it('refuses two migrations with the same id', async () => {
    const db = await open();
    await expect(migrate(db, [...eventStoreMigrations, ...eventStoreMigrations])).rejects.toThrow(
      /Duplicate migration id/,
    );
  });
});
