import type { Sql } from '@baken/event-store';
import { KeyringError, type KekRecord } from './keyring';
import { keysByKek, rewrapAll, type KeyWrapping } from './key-wrapping';

const DAY_MS = 24 * 3600 * 1000;

export interface KeyCustodyPolicy {
  /** A new KEK at least this often. */
  rotationDays: number;
  /** A rotated-out KEK is retired this long after it was rotated out: backups older than that are gone by then. */
  backupRetentionDays: number;
}

export interface KekStatus extends KekRecord {
  /** Live data keys it wraps now. */
  wraps: number;
  /** When it will be retired (rotated out + backup retention); absent while current or once retired. */
  retiresAt?: string;
}

/**
 * Rotation and retirement of the key-encryption keys. Rotating makes a new KEK current and wraps every live data key
 * again with it; retiring destroys a rotated-out KEK once no backup can still need it. Together they bound how long an
 * erased key stays readable anywhere: a wrapped key that survives in WAL, an archive, a backup or an old table page
 * was wrapped by a KEK that is retired within `rotation after the erasure + backup retention`.
 */
export class KeyCustody {
  constructor(
    private readonly wrapping: KeyWrapping,
    private readonly policy: KeyCustodyPolicy,
  ) {}

  async status(sql: Sql, now: Date): Promise<{ keks: KekStatus[]; legacyKeys: number; rotationDue: string | null }> {
    const counts = await keysByKek(sql);
    const keks = this.wrapping.keks.list().map((kek) => ({
      ...kek,
      wraps: counts.get(kek.id) ?? 0,
      ...(kek.rotatedOutAt && !kek.retiredAt ? { retiresAt: this.retirementOf(kek).toISOString() } : {}),
    }));
    return { keks, legacyKeys: counts.get(null) ?? 0, rotationDue: await this.rotationDue(sql, now) };
  }

  /**
   * Why a rotation is due now, or `null`: the current KEK is older than the rotation period, a data key was erased
   * since it became current (its wrapped copies in WAL and backups are then bound to an older KEK that will be
   * retired), or keys are still wrapped by the master key of before the keyring.
   */
  async rotationDue(sql: Sql, now: Date): Promise<string | null> {
    const current = this.wrapping.keks.list().find((k) => k.id === this.wrapping.keks.current().id)!;
    if (now.getTime() - new Date(current.createdAt).getTime() >= this.policy.rotationDays * DAY_MS)
      return `the current key-encryption key is older than ${this.policy.rotationDays} days`;
    // Erasures and rotations by the database's clock: an erasure since the current KEK was rotated in (or any, for
    // the keyring's first KEK).
    const { rows } = await sql.query<{ erased: boolean; legacy: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM privacy_erased_keys
                      WHERE erased_at >= coalesce((SELECT rotated_at FROM privacy_kek_rotations WHERE kek_id = $1),
                                                  '-infinity'::timestamptz)) AS erased,
              EXISTS (SELECT 1 FROM privacy_subject_keys WHERE kek_id IS NULL)
           OR EXISTS (SELECT 1 FROM privacy_case_keys WHERE kek_id IS NULL) AS legacy`,
      [current.id],
    );
    if (rows[0].erased) return 'a data key was erased since the current key-encryption key was made';
    if (rows[0].legacy) return 'data keys are still wrapped by the master key';
    return null;
  }

  /**
   * Refuses a keyring that cannot open the database's keys: a wrong `BAKEN_KEYRING_FILE` (or a new, empty one
   * created in its place) would otherwise start and fail on every read of personal data.
   */
  async assertKeyringMatches(sql: Sql, location: string): Promise<void> {
    const counts = await keysByKek(sql);
    const known = new Set(this.wrapping.keks.list().map((k) => k.id));
    const missing = [...counts].filter(([id]) => id !== null && !known.has(id));
    if (missing.length === 0) return;
    const keys = missing.reduce((n, [, count]) => n + count, 0);
    throw new KeyringError(
      `The keyring ${location} does not hold the key-encryption key(s) ${missing.map(([id]) => id).join(', ')} that wrap ${keys} data key(s) in this database. ` +
        'Point BAKEN_KEYRING_FILE at the keyring of this deployment (every process must share it), or restore it from its backup.',
    );
  }

  /** A new current KEK, and every live data key wrapped again by it. */
  async rotate(
    sql: Sql,
    now: Date,
    onProgress?: (done: number) => void,
  ): Promise<{ kekId: string; rewrapped: number }> {
    const kekId = this.wrapping.keks.rotate(now);
    // Recorded first: an erasure from here on counts against this KEK.
    await sql.query('INSERT INTO privacy_kek_rotations (kek_id, rewrapped) VALUES ($1, 0)', [kekId]);
    const rewrapped = await rewrapAll(sql, this.wrapping, onProgress);
    await sql.query('UPDATE privacy_kek_rotations SET rewrapped = $2 WHERE kek_id = $1', [kekId, rewrapped]);
    return { kekId, rewrapped };
  }

  /**
   * Retires every rotated-out KEK whose backup retention has passed (or all rotated-out ones with `force`, when the
   * backups are known to be gone). Keys a process still wrapped with it after the rotation are wrapped again first;
   * a KEK that still wraps a live key is never retired.
   */
  async retireDue(sql: Sql, now: Date, options: { force?: boolean } = {}): Promise<string[]> {
    const due = this.wrapping.keks
      .list()
      .filter((k) => k.rotatedOutAt && !k.retiredAt && (options.force || this.retirementOf(k) <= now));
    if (due.length === 0) return [];
    await rewrapAll(sql, this.wrapping);
    const counts = await keysByKek(sql);
    const retired: string[] = [];
    for (const kek of due) {
      if ((counts.get(kek.id) ?? 0) > 0) continue;
      this.wrapping.keks.retire(kek.id, now);
      retired.push(kek.id);
    }
    return retired;
  }

  private retirementOf(kek: KekRecord): Date {
    return new Date(new Date(kek.rotatedOutAt!).getTime() + this.policy.backupRetentionDays * DAY_MS);
  }
}
