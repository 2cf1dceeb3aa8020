import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, type Database } from '@baken/event-store';
import {
  FileKeyring,
  KeyCustody,
  KeyWrapping,
  openBytes,
  privacyMigrations,
  SubjectKeyStore,
  type SealedPersonalData,
} from '@baken/privacy';
import { createPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';

/**
 * The erasure drill of docs/SECURITY.md: erase a subject, rotate, retire — then read the raw table files and WAL
 * segments of the cluster, as someone with a copy of the disk (or a backup) and the keyring would, for any wrapped
 * copy of the erased subject's data key that a remaining key-encryption key can unwrap. There must be none.
 *
 * Before the retirement the same scan must find the erased key (its copies in WAL and old pages, wrapped by the
 * KEKs of the time): that shows the scan can see what it looks for, and that retiring is what makes it unreadable.
 */
describe('key erasure drill: raw files and WAL hold no readable key of an erased subject', () => {
  let pg: PrivatePostgres;
  let db: Database;
  let dir: string;
  let keyring: FileKeyring;
  let wrapping: KeyWrapping;
  let custody: KeyCustody;
  const erased = randomUUID();
  const kept = randomUUID();

  beforeAll(async () => {
    pg = createPrivatePostgres({ settings: { full_page_writes: 'on', wal_level: 'replica' } });
    db = await openDatabase({ url: pg.url(), poolSize: 2 });
    await migrate(db, privacyMigrations);
    dir = mkdtempSync(join(tmpdir(), 'baken-keyring-'));
    keyring = new FileKeyring(join(dir, 'keyring.json'));
    wrapping = new KeyWrapping(keyring);
    custody = new KeyCustody(wrapping, { rotationDays: 90, backupRetentionDays: 35 });
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    pg?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Every file of the cluster's databases and its WAL. */
  function clusterFiles(): string[] {
    const files: string[] = [];
    const walk = (path: string) => {
      for (const name of readdirSync(path)) {
        const full = join(path, name);
        if (statSync(full).isDirectory()) walk(full);
        else files.push(full);
      }
    };
    walk(join(pg.dataDir, 'base'));
    walk(join(pg.dataDir, 'pg_wal'));
    return files;
  }

  /**
   * Wrapped keys as jsonb lays them out on disk: the object's values in key order (iv, alg, tag, ciphertext), raw.
   * For each, which subject's key a live KEK of the keyring opens it as.
   */
  function readableKeys(subjects: string[]): { subject: string; kek: string; file: string }[] {
    const pattern = /([A-Za-z0-9+/]{16})A256GCM([A-Za-z0-9+/]{22}==)([A-Za-z0-9+/]{43}=)/g;
    const keks = keyring.list().filter((k) => !k.retiredAt);
    const found: { subject: string; kek: string; file: string }[] = [];
    for (const file of clusterFiles()) {
      const text = readFileSync(file).toString('latin1');
      for (const match of text.matchAll(pattern)) {
        const sealed: SealedPersonalData = { alg: 'A256GCM', iv: match[1], tag: match[2], ciphertext: match[3] };
        for (const kek of keks)
          for (const subject of subjects) {
            try {
              openBytes(keyring.get(kek.id)!, sealed, `key:${subject}`);
              found.push({ subject, kek: kek.id, file: file.slice(pg.dataDir.length + 1) });
            } catch {
              // Not wrapped by this KEK for this subject.
            }
          }
      }
    }
    return found;
  }

  const checkpoint = () => db.exec('CHECKPOINT');

  it('erases, rotates and retires; afterwards no copy anywhere opens, while the kept subject still does', async () => {
    const keys = new SubjectKeyStore(wrapping);
    await db.transaction((tx) => keys.createMany(tx, [erased, kept]));
    await checkpoint();
    // A scheduled rotation while both live: now both are wrapped by two KEKs, in the WAL and in old row versions.
    await custody.rotate(db, new Date());
    await db.transaction((tx) => keys.erase(tx, erased));
    expect(await keys.load(db, [erased, kept])).toEqual(new Map([[kept, expect.any(Buffer)]]));
    await db.exec('VACUUM privacy_subject_keys');
    await checkpoint();

    // The erased key's row is gone, but its bytes are still on disk, wrapped by KEKs the keyring still has.
    const before = readableKeys([erased, kept]);
    expect(before.filter((f) => f.subject === erased).length).toBeGreaterThan(0);

    // After the erasure a rotation is due; the KEKs of before are retired once the backups of their time are gone.
    expect(await custody.rotationDue(db, new Date())).toMatch(/erased/);
    await custody.rotate(db, new Date());
    const retired = await custody.retireDue(db, new Date(), { force: true });
    expect(retired).toHaveLength(2);
    await checkpoint();

    const after = readableKeys([erased, kept]);
    expect(after.filter((f) => f.subject === erased)).toEqual([]);
    // The scan still finds what it can open: the kept subject's key, wrapped by the current KEK.
    expect(after.filter((f) => f.subject === kept).map((f) => f.kek)).toContain(keyring.current().id);
    expect((await keys.load(db, [kept])).size).toBe(1);
  }, 120_000);

  it('refuses a keyring that does not hold the KEKs of the database: a wrong file, or a new one made in its place', async () => {
    await custody.assertKeyringMatches(db, keyring.path);
    const elsewhere = new FileKeyring(join(dir, 'other-keyring.json'));
    const wrong = new KeyCustody(new KeyWrapping(elsewhere), { rotationDays: 90, backupRetentionDays: 35 });
    await expect(wrong.assertKeyringMatches(db, elsewhere.path)).rejects.toThrow(
      new RegExp(`does not hold the key-encryption key\\(s\\) ${keyring.current().id} that wrap 1 data key`),
    );
  });

  it('never retires a KEK that still wraps a live key, and not before the backup retention without force', async () => {
    const keys = new SubjectKeyStore(wrapping);
    const current = keyring.current().id;
    // A process that had not yet seen the last rotation wraps with the KEK before it.
    const stale = new KeyWrapping({
      current: () => ({ id: current, key: keyring.get(current)! }),
      get: (id) => keyring.get(id),
      list: () => keyring.list(),
      rotate: () => {
        throw new Error('not here');
      },
      retire: () => {
        throw new Error('not here');
      },
    });
    await custody.rotate(db, new Date());
    const late = randomUUID();
    await db.transaction((tx) => new SubjectKeyStore(stale).createMany(tx, [late]));
    expect(await custody.retireDue(db, new Date())).toEqual([]);
    const retired = await custody.retireDue(db, new Date(), { force: true });
    expect(retired).toEqual([current]);
    // Wrapped again before the KEK went: still readable.
    expect((await keys.load(db, [late])).size).toBe(1);
  }, 60_000);
});
