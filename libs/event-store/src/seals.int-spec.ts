import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore, type NewEvent } from './event-store';
import { FileSealLog, merkleRoot, Sealer, SealRefused, SealSigner } from './seals';
import { openMigratedTestDatabase, type MigratedTestDatabase } from './testing';

describe.each(['postgres', 'pglite'] as const)('seals of the event log on %s', (kind) => {
  let database: MigratedTestDatabase;
  let store: PostgresEventStore;
  let dir: string;
  let log: FileSealLog;
  let sealer: Sealer;
  const event = (): NewEvent => ({ eventId: randomUUID(), type: 'Noted', data: { n: Math.random() } });

  beforeAll(async () => {
    database = await openMigratedTestDatabase({ kind });
    store = new PostgresEventStore(database.db);
    dir = mkdtempSync(join(tmpdir(), 'baken-seals-'));
    log = new FileSealLog(join(dir, 'seals.jsonl'));
    sealer = new Sealer(log, SealSigner.fromFile(join(dir, 'seal.pem')));
  });

  afterAll(async () => {
    await database?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('computes a Merkle root that depends on every head and not on their order', () => {
    const heads: [string, number, string][] = [
      ['a', 1, 'x'.repeat(64)],
      ['b', 2, 'y'.repeat(64)],
      ['c', 3, 'z'.repeat(64)],
    ];
    const root = merkleRoot(heads);
    expect(merkleRoot([...heads].reverse())).toBe(root);
    expect(merkleRoot([heads[0], heads[1], ['c', 4, 'z'.repeat(64)]])).not.toBe(root);
    expect(merkleRoot(heads.slice(0, 2))).not.toBe(root);
  });

  it('records only the heads that moved, chains each seal to the one before, and replays them all', async () => {
    await store.appendToStream('s-1', [event(), event()], { expectedVersion: 'no_stream' });
    await store.appendToStream('s-2', [event()], { expectedVersion: 'no_stream' });
    const first = await sealer.seal(database.db);
    expect(first.changes.map((c) => [c[0], c[1]]).sort()).toEqual([
      ['s-1', 2],
      ['s-2', 1],
    ]);
    await store.appendToStream('s-2', [event()], { expectedVersion: 1 });
    const second = await sealer.seal(database.db);
    expect(second.changes.map((c) => [c[0], c[1]])).toEqual([['s-2', 2]]);
    expect(second.previous).toMatch(/^[0-9a-f]{64}$/);
    const history = sealer.read();
    expect(history.problems).toEqual([]);
    expect(history.latest?.seq).toBe(2);
    expect(history.heads.get('s-2')?.map((h) => h.version)).toEqual([1, 2]);
    expect(await sealer.check(database.db, 's-1', 2)).toEqual({ status: 'matches', sealedVersion: 2 });
    expect(await sealer.check(database.db, 's-9', 0)).toEqual({ status: 'unsealed' });
  });

  it('finds an edited seal log: a changed head breaks the signature, a removed line breaks the chain', () => {
    const original = readFileSync(log.location, 'utf8');
    const lines = original.trim().split('\n');
    try {
      const forged = JSON.parse(lines[1]);
      forged.changes[0][1] = 1;
      writeFileSync(log.location, `${lines[0]}\n${JSON.stringify(forged)}\n`);
      expect(new Sealer(log, SealSigner.fromFile(join(dir, 'seal.pem'))).read().problems).toEqual(
        expect.arrayContaining([expect.stringContaining('is not signed by the seal-signing key')]),
      );
      writeFileSync(log.location, `${lines[1]}\n`);
      expect(new Sealer(log, SealSigner.fromFile(join(dir, 'seal.pem'))).read().problems).toEqual(
        expect.arrayContaining([expect.stringContaining('does not follow the seal before it')]),
      );
      // Signed with another key: not ours.
      const other = new Sealer(log, SealSigner.fromFile(join(dir, 'other.pem')));
      writeFileSync(log.location, original);
      expect(other.read().problems[0]).toMatch(/not signed by the seal-signing key/);
    } finally {
      writeFileSync(log.location, original);
    }
  });

  it('refuses to seal a truncated stream, and names it', async () => {
    await database.db.exec(`
      ALTER TABLE es_events DISABLE TRIGGER es_events_append_only;
      DELETE FROM es_events WHERE stream_id = 's-2' AND stream_version = 2;
      ALTER TABLE es_events ENABLE TRIGGER es_events_append_only;
      UPDATE es_streams SET version = 1, last_hash = (SELECT metadata->>'hash' FROM es_events WHERE stream_id = 's-2')
      WHERE stream_id = 's-2';`);
    const fresh = new Sealer(log, SealSigner.fromFile(join(dir, 'seal.pem')));
    const refused = await fresh.seal(database.db).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SealRefused);
    expect((refused as SealRefused).findings).toEqual([
      { streamId: 's-2', check: { status: 'truncated', sealedVersion: 2, version: 1 } },
    ]);
    expect(fresh.read().latest?.seq).toBe(2);
  });
});
