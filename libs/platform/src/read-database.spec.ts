import type { Database, Sql } from '@baken/event-store';
import { readingAtLeast, ReplicaReadDatabase } from './read-database';

/** A database that answers every statement with `answer(text)` and remembers what it was asked. */
function fake(answer: (text: string) => unknown[] | Error): Database & { asked: string[] } {
  const asked: string[] = [];
  const query = async <T>(text: string): Promise<{ rows: T[] }> => {
    asked.push(text);
    const rows = answer(text);
    if (rows instanceof Error) throw rows;
    return { rows: rows as T[] };
  };
  return {
    asked,
    kind: 'postgres',
    query,
    exec: async (text) => void (await query(text)),
    transaction: async <T>(fn: (tx: Sql) => Promise<T>) => fn({ query, exec: async () => undefined }),
    tryLock: async () => null,
    close: async () => undefined,
  };
}

const READ = 'SELECT case_id FROM case_list';
const isReplayCheck = (text: string) => text.includes('pg_last_wal_replay_lsn');

describe('reads from a standby', () => {
  it('reads from the standby as it is without a position', async () => {
    const primary = fake(() => [{ from: 'primary' }]);
    const standby = fake(() => [{ from: 'standby' }]);
    const db = new ReplicaReadDatabase(primary, standby);
    expect((await db.query(READ)).rows).toEqual([{ from: 'standby' }]);
    expect(primary.asked).toEqual([]);
  });

  it('waits for the standby to replay the position, once per request, then reads there', async () => {
    let polls = 0;
    const primary = fake(() => [{ from: 'primary' }]);
    const standby = fake((text) => (isReplayCheck(text) ? [{ replayed: ++polls >= 3 }] : [{ from: 'standby' }]));
    const db = new ReplicaReadDatabase(primary, standby, { waitMs: 1_000, pollMs: 1 });
    await readingAtLeast('0/3000060', async () => {
      expect((await db.query(READ)).rows).toEqual([{ from: 'standby' }]);
      expect((await db.transaction((tx) => tx.query(READ))).rows).toEqual([{ from: 'standby' }]);
    });
    expect(polls).toBe(3);
    expect(primary.asked).toEqual([]);
  });

  it('reads from the primary when the standby has not replayed the position in time', async () => {
    const primary = fake(() => [{ from: 'primary' }]);
    const standby = fake((text) => (isReplayCheck(text) ? [{ replayed: false }] : [{ from: 'standby' }]));
    const db = new ReplicaReadDatabase(primary, standby, { waitMs: 30, pollMs: 5 });
    const started = Date.now();
    const rows = await readingAtLeast('0/3000060', () => db.query(READ));
    expect(rows.rows).toEqual([{ from: 'primary' }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(standby.asked.filter((text) => !isReplayCheck(text))).toEqual([]);
  });

  it.each([
    ['a standby that is no standby any more (NULL)', [{ replayed: null }], '0/3000060'],
    ['a position that is none', [{ replayed: true }], 'latest'],
  ])('reads from the primary for %s', async (_what, replay, position) => {
    const primary = fake(() => [{ from: 'primary' }]);
    const standby = fake((text) => (isReplayCheck(text) ? replay : [{ from: 'standby' }]));
    const db = new ReplicaReadDatabase(primary, standby);
    expect((await readingAtLeast(position, () => db.query(READ))).rows).toEqual([{ from: 'primary' }]);
  });

  it('reads from the primary when the standby is away or cancels the read, and not for other errors', async () => {
    const primary = fake(() => [{ from: 'primary' }]);
    const away = fake(() => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect((await new ReplicaReadDatabase(primary, away).query(READ)).rows).toEqual([{ from: 'primary' }]);
    const conflict = fake(() => Object.assign(new Error('conflict with recovery'), { code: '40001' }));
    expect((await new ReplicaReadDatabase(primary, conflict).query(READ)).rows).toEqual([{ from: 'primary' }]);
    const wrong = fake(() => Object.assign(new Error('syntax error'), { code: '42601' }));
    await expect(new ReplicaReadDatabase(primary, wrong).query(READ)).rejects.toThrow('syntax error');
  });
});
