import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/** One key-encryption key (KEK) as the keyring describes it; `key` is absent once it is retired. */
export interface KekRecord {
  id: string;
  /** 32 bytes, base64; gone once retired. */
  key?: string;
  createdAt: string;
  /** When a newer KEK took over and the keys it wrapped were wrapped again by the newer one. */
  rotatedOutAt?: string;
  /** When its key material was destroyed: what it wrapped (in backups, WAL, old table pages) is unreadable now. */
  retiredAt?: string;
}

/**
 * The key-encryption keys that wrap the subjects' and cases' data keys. They never live in the database: a
 * keyring file (or a KMS/Vault behind this same port) holds them. New data keys are wrapped by `current()`; a wrapped
 * key names the KEK that wrapped it, which `get` finds as long as it is not retired.
 */
export interface KeyEncryptionKeys {
  /** The KEK that wraps new data keys now. */
  current(): { id: string; key: Buffer };
  /** The KEK with this id; `undefined` when it is retired or unknown. */
  get(id: string): Buffer | undefined;
  /** Every KEK, the retired ones without their key material. */
  list(): KekRecord[];
  /** Makes a new KEK the current one and marks the others rotated out (at `at`); returns the new id. */
  rotate(at: Date): string;
  /** Destroys the KEK's key material. Irreversible. */
  retire(id: string, at: Date): void;
}

export class KeyringError extends Error {}

const KEY_BYTES = 32;
/** How often a process looks at the file for a rotation done by another process. */
const RELOAD_AFTER_MS = 1_000;

/**
 * A keyring in a JSON file outside the database, readable by the service account only (mode 0600). Every process
 * of a deployment points at the same file (a mounted secret volume); a rotation written by one process is seen by the
 * others within a second. Writes replace the file atomically (write, fsync, rename).
 */
export class FileKeyring implements KeyEncryptionKeys {
  private records: KekRecord[] = [];
  private keys = new Map<string, Buffer>();
  private loadedStamp = '';
  private checkedAt = 0;

  constructor(
    readonly path: string,
    private readonly now: () => number = Date.now,
  ) {
    if (!existsSync(path)) {
      this.records = [newRecord(new Date(this.now()))];
      this.save();
    }
    this.load();
    if (!this.records.some((r) => r.key))
      throw new KeyringError(
        `The keyring ${path} holds no usable key-encryption key (all retired). Restore the keyring file from its backup; without a key nothing personal can be read.`,
      );
  }

  current(): { id: string; key: Buffer } {
    this.refresh();
    const live = this.records.filter((r) => r.key && !r.rotatedOutAt);
    const record = live.at(-1) ?? this.records.filter((r) => r.key).at(-1)!;
    return { id: record.id, key: this.keys.get(record.id)! };
  }

  get(id: string): Buffer | undefined {
    if (!this.keys.has(id)) this.refresh(true);
    return this.keys.get(id);
  }

  list(): KekRecord[] {
    this.refresh();
    return this.records.map(({ key: _key, ...rest }) => ({ ...rest }));
  }

  rotate(at: Date): string {
    this.refresh(true);
    for (const r of this.records) if (r.key && !r.rotatedOutAt) r.rotatedOutAt = at.toISOString();
    const record = newRecord(at);
    this.records.push(record);
    this.save();
    this.load();
    return record.id;
  }

  retire(id: string, at: Date): void {
    this.refresh(true);
    const record = this.records.find((r) => r.id === id);
    if (!record) throw new KeyringError(`No key-encryption key ${id} in ${this.path}.`);
    if (this.current().id === id) throw new KeyringError(`${id} is the current key-encryption key; rotate first.`);
    delete record.key;
    record.retiredAt ??= at.toISOString();
    this.save();
    this.load();
  }

  private refresh(force = false): void {
    const now = this.now();
    if (!force && now - this.checkedAt < RELOAD_AFTER_MS) return;
    this.checkedAt = now;
    if (stamp(this.path) !== this.loadedStamp) this.load();
  }

  private load(): void {
    let parsed: { keys?: KekRecord[] };
    try {
      this.loadedStamp = stamp(this.path);
      parsed = JSON.parse(readFileSync(this.path, 'utf8')) as { keys?: KekRecord[] };
    } catch (error) {
      throw new KeyringError(`The keyring ${this.path} cannot be read: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed.keys)) throw new KeyringError(`The keyring ${this.path} has no "keys" list.`);
    const keys = new Map<string, Buffer>();
    for (const record of parsed.keys) {
      if (!record.key) continue;
      const key = Buffer.from(record.key, 'base64');
      if (key.length !== KEY_BYTES)
        throw new KeyringError(`Key-encryption key ${record.id} in ${this.path} is not ${KEY_BYTES} bytes.`);
      keys.set(record.id, key);
    }
    this.records = parsed.keys;
    this.keys = keys;
  }

  private save(): void {
    const tmp = join(dirname(this.path), `.keyring-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify({ keys: this.records }, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.path);
  }
}

/** Changes whenever the file is replaced (a new inode on every write) or edited. */
function stamp(path: string): string {
  const { ino, mtimeMs, size } = statSync(path);
  return `${ino}:${mtimeMs}:${size}`;
}

function newRecord(at: Date): KekRecord {
  const stamp = at.toISOString().slice(0, 10).replaceAll('-', '');
  return {
    id: `kek-${stamp}-${randomBytes(4).toString('hex')}`,
    key: randomBytes(KEY_BYTES).toString('base64'),
    createdAt: at.toISOString(),
  };
}

/** A data key wrapped by a KEK, as stored in a key table: the sealed bytes and the KEK's id. */
export interface WrappedKeyRow {
  wrapped_key: unknown;
  /** `null` for keys wrapped before the keyring, by the master key. */
  kek_id: string | null;
}

/** A keyring held in memory only: for tests and benchmarks, where nothing must outlive the process. */
export class MemoryKeyring implements KeyEncryptionKeys {
  private readonly records: (KekRecord & { bytes?: Buffer })[] = [];

  constructor(at = new Date()) {
    this.rotate(at);
  }

  current(): { id: string; key: Buffer } {
    const record = this.records.filter((r) => r.bytes).at(-1)!;
    return { id: record.id, key: record.bytes! };
  }

  get(id: string): Buffer | undefined {
    return this.records.find((r) => r.id === id)?.bytes;
  }

  list(): KekRecord[] {
    return this.records.map(({ bytes: _b, key: _k, ...rest }) => ({ ...rest }));
  }

  rotate(at: Date): string {
    for (const r of this.records) if (r.bytes && !r.rotatedOutAt) r.rotatedOutAt = at.toISOString();
    const { key, ...record } = newRecord(at);
    this.records.push({ ...record, bytes: Buffer.from(key!, 'base64') });
    return record.id;
  }

  retire(id: string, at: Date): void {
    const record = this.records.find((r) => r.id === id);
    if (!record) throw new KeyringError(`No key-encryption key ${id}.`);
    if (this.current().id === id) throw new KeyringError(`${id} is the current key-encryption key; rotate first.`);
    delete record.bytes;
    record.retiredAt ??= at.toISOString();
  }
}
