import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { canonicalJson } from './canonical-json';
import type { Database, Sql } from './db';

/** One stream's head as a seal records it: `[streamId, version, hash of the event at that version]`. */
export type SealedHead = [streamId: string, version: number, hash: string];

/**
 * A signed statement of the whole log at one moment: the Merkle root over every stream's head and the global
 * position. Each seal lists only the heads that moved since the previous seal (`changes`) and names the previous
 * seal's digest, so the seal log is itself a chain; replaying it gives every stream's head at every seal.
 */
export interface Seal {
  sealId: string;
  seq: number;
  at: string;
  /** The highest global position in the sealed snapshot. */
  globalPosition: string;
  streams: number;
  /** Merkle root (SHA-256) over every stream's head, streams in code-unit order. */
  root: string;
  /** SHA-256 of the previous seal's line; `null` for the first. */
  previous: string | null;
  /** The signing key: SHA-256 of its public key (SPKI DER), hex, first 16 characters. */
  keyId: string;
  changes: SealedHead[];
  /** Ed25519 over the canonical JSON of every other field, base64. */
  signature: string;
}

/** Where seals are kept: outside the database, append-only (a file now; WORM storage or a timestamping service later). */
export interface SealLog {
  /** Every line written so far, in order. */
  lines(): string[];
  append(line: string): void;
  readonly location: string;
}

/** A seal log in a local file: one seal per line, appended with `O_APPEND` and fsync. */
export class FileSealLog implements SealLog {
  private cache: { size: number; mtimeMs: number; lines: string[] } | null = null;

  constructor(readonly location: string) {}

  lines(): string[] {
    if (!existsSync(this.location)) return [];
    const { size, mtimeMs } = statSync(this.location);
    if (this.cache && this.cache.size === size && this.cache.mtimeMs === mtimeMs) return this.cache.lines;
    const lines = readFileSync(this.location, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    this.cache = { size, mtimeMs, lines };
    return lines;
  }

  append(line: string): void {
    mkdirSync(dirname(this.location), { recursive: true });
    const fd = openSync(this.location, 'a', 0o600);
    try {
      writeSync(fd, `${line}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/** The Ed25519 key that signs seals, from a PEM file outside the database (created, mode 0600, when absent). */
export class SealSigner {
  readonly keyId: string;
  private constructor(
    private readonly privateKey: KeyObject,
    readonly publicKey: KeyObject,
  ) {
    this.keyId = createHash('sha256')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest('hex')
      .slice(0, 16);
  }

  static fromFile(path: string): SealSigner {
    if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true });
      const { privateKey } = generateKeyPairSync('ed25519');
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    const privateKey = createPrivateKey(readFileSync(path));
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${path} does not hold an Ed25519 private key.`);
    return new SealSigner(privateKey, createPublicKey(privateKey));
  }

  sign(payload: string): string {
    return sign(null, Buffer.from(payload, 'utf8'), this.privateKey).toString('base64');
  }

  verify(payload: string, signature: string): boolean {
    return verify(null, Buffer.from(payload, 'utf8'), this.publicKey, Buffer.from(signature, 'base64'));
  }

  /** The public key (PEM), for whoever checks seals elsewhere. */
  publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }) as string;
  }
}

const sha256 = (...parts: (string | Buffer)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** Merkle root over the heads (sorted by stream id): leaves `H(0x00 ‖ stream ‖ 0x0a ‖ version ‖ 0x0a ‖ hash)`, nodes `H(0x01 ‖ left ‖ right)`. */
export function merkleRoot(heads: Iterable<SealedHead>): string {
  let level: Buffer[] = [...heads]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([stream, version, hash]) => sha256(Buffer.from([0]), `${stream}\n${version}\n${hash}`));
  if (level.length === 0) return sha256('').toString('hex');
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? sha256(Buffer.from([1]), level[i], level[i + 1]) : level[i]);
    level = next;
  }
  return level[0].toString('hex');
}

/** What the seal log says, replayed and checked: the latest seal and every head each stream had at a seal. */
export interface SealHistory {
  latest: Seal | null;
  /** Per stream, the heads recorded at seals, oldest first. */
  heads: Map<string, { version: number; hash: string }[]>;
  /** Where the seal log itself does not hold up (bad signature, broken link, wrong root); empty when sound. */
  problems: string[];
}

/** The stream's state against the latest seal. */
export type SealCheck =
  | { status: 'unsealed' }
  | { status: 'matches'; sealedVersion: number }
  | { status: 'truncated'; sealedVersion: number; version: number }
  | { status: 'rewritten'; sealedVersion: number; firstInvalidVersion: number };

/** The log no longer matches the latest seal: it is not sealed again (that would make the change look legitimate). */
export class SealRefused extends Error {
  constructor(readonly findings: { streamId: string; check: SealCheck }[]) {
    super(
      `The event log no longer matches the latest seal: ${findings
        .slice(0, 5)
        .map((f) => describeSealCheck(f.streamId, f.check))
        .join('; ')}${findings.length > 5 ? `; and ${findings.length - 5} more` : ''}`,
    );
  }
}

export function describeSealCheck(streamId: string, check: SealCheck): string {
  switch (check.status) {
    case 'truncated':
      return `${streamId} was truncated: sealed at version ${check.sealedVersion}, it now ends at ${check.version}`;
    case 'rewritten':
      return check.firstInvalidVersion === check.sealedVersion
        ? `${streamId} was rewritten at version ${check.sealedVersion}: it no longer holds the event that was sealed`
        : `${streamId} was rewritten: the event sealed at version ${check.sealedVersion} is no longer there; the change lies between versions ${check.firstInvalidVersion} and ${check.sealedVersion}`;
    case 'matches':
      return `${streamId} matches its seal at version ${check.sealedVersion}`;
    default:
      return `${streamId} has not been sealed yet`;
  }
}

/** Key of the transaction-level advisory lock that lets one process at a time seal. */
const SEAL_LOCK_KEY = 7_322_418_530_184_203_003n;

/**
 * Seals the event log (`seal`) and checks streams against the latest seal (`check`). The seal-signing key and the
 * seal log are outside the database, so the database's owner can rewrite a hash chain but not the seal that
 * recorded its head.
 */
export class Sealer {
  private history: { lines: number; value: SealHistory } | null = null;

  constructor(
    private readonly log: SealLog,
    private readonly signer: SealSigner,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The public key that verifies the seals (PEM). */
  publicKeyPem(): string {
    return this.signer.publicKeyPem();
  }

  /** The seal log replayed, each seal's signature, link and root checked. */
  read(): SealHistory {
    const lines = this.log.lines();
    if (this.history && this.history.lines === lines.length) return this.history.value;
    const heads = new Map<string, { version: number; hash: string }[]>();
    const current = new Map<string, SealedHead>();
    const problems: string[] = [];
    let latest: Seal | null = null;
    let previousDigest: string | null = null;
    for (const [i, line] of lines.entries()) {
      let seal: Seal;
      try {
        seal = JSON.parse(line) as Seal;
      } catch {
        problems.push(`line ${i + 1} of the seal log is not a seal`);
        break;
      }
      const { signature, ...signed } = seal;
      if (seal.keyId !== this.signer.keyId || !this.signer.verify(canonicalJson(signed)!, signature))
        problems.push(`seal ${seal.seq} is not signed by the seal-signing key ${this.signer.keyId}`);
      if (seal.previous !== previousDigest) problems.push(`seal ${seal.seq} does not follow the seal before it`);
      for (const head of seal.changes) {
        current.set(head[0], head);
        const list = heads.get(head[0]) ?? [];
        list.push({ version: head[1], hash: head[2] });
        heads.set(head[0], list);
      }
      if (merkleRoot(current.values()) !== seal.root)
        problems.push(`seal ${seal.seq}: its root does not match its heads`);
      previousDigest = sha256(line).toString('hex');
      latest = seal;
    }
    const value = { latest, heads, problems };
    this.history = { lines: lines.length, value };
    return value;
  }

  /**
   * Seals now: in one REPEATABLE READ snapshot under an advisory lock, reads every stream's head, checks that every
   * sealed stream still holds the event it was sealed with, and appends a signed seal to the seal log.
   * @throws {@link SealRefused} when a sealed stream was truncated or rewritten since.
   */
  async seal(db: Database): Promise<Seal> {
    return db.transaction(async (tx) => {
      await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [SEAL_LOCK_KEY.toString()]);
      const history = this.read();
      if (history.problems.length)
        throw new Error(`The seal log at ${this.log.location} does not hold up: ${history.problems.join('; ')}`);
      const { rows } = await tx.query<{ stream_id: string; version: number; last_hash: string }>(
        'SELECT stream_id, version, last_hash FROM es_streams',
      );
      const { rows: position } = await tx.query<{ position: string | null }>(
        'SELECT max(global_position)::text AS position FROM es_events',
      );
      const now = new Map(rows.map((r) => [r.stream_id, r] as const));
      const sealed = latestHeads(history);
      const findings = await checkAgainst(tx, sealed, (streamId) => now.get(streamId)?.version ?? 0);
      if (findings.length) throw new SealRefused(findings);
      const changes: SealedHead[] = [];
      for (const r of rows) {
        const before = sealed.get(r.stream_id);
        if (!before || before.version !== r.version) changes.push([r.stream_id, r.version, r.last_hash]);
      }
      const heads = new Map<string, SealedHead>();
      for (const [streamId, head] of sealed) heads.set(streamId, [streamId, head.version, head.hash]);
      for (const change of changes) heads.set(change[0], change);
      const seq = (history.latest?.seq ?? 0) + 1;
      const lines = this.log.lines();
      const unsigned: Omit<Seal, 'signature'> = {
        sealId: `seal-${String(seq).padStart(6, '0')}`,
        seq,
        at: this.now().toISOString(),
        globalPosition: position[0].position ?? '0',
        streams: heads.size,
        root: merkleRoot(heads.values()),
        previous: lines.length ? sha256(lines[lines.length - 1]).toString('hex') : null,
        keyId: this.signer.keyId,
        changes,
      };
      const seal: Seal = { ...unsigned, signature: this.signer.sign(canonicalJson(unsigned)!) };
      this.log.append(JSON.stringify(seal));
      return seal;
    });
  }

  /** One stream against the latest seal; `version` is how many events it has now. */
  async check(sql: Sql, streamId: string, version: number): Promise<SealCheck> {
    const history = this.read();
    const heads = history.heads.get(streamId);
    if (!heads?.length) return { status: 'unsealed' };
    const findings = await checkAgainst(sql, new Map([[streamId, heads.at(-1)!]]), () => version, history);
    return findings[0]?.check ?? { status: 'matches', sealedVersion: heads.at(-1)!.version };
  }

  /** Every sealed stream against the latest seal; `versions` gives each stream's event count now (0: gone). */
  async checkAll(sql: Sql, versions: (streamId: string) => number): Promise<{ streamId: string; check: SealCheck }[]> {
    const history = this.read();
    return checkAgainst(sql, latestHeads(history), versions, history);
  }
}

function latestHeads(history: SealHistory): Map<string, { version: number; hash: string }> {
  const heads = new Map<string, { version: number; hash: string }>();
  for (const [streamId, list] of history.heads) heads.set(streamId, list.at(-1)!);
  return heads;
}

/**
 * Streams that no longer hold what was sealed: fewer events than the sealed version (truncated), or another event at
 * a sealed version (rewritten; the first version named is one past the last sealed head that still matches).
 */
async function checkAgainst(
  sql: Sql,
  sealed: Map<string, { version: number; hash: string }>,
  versions: (streamId: string) => number,
  history?: SealHistory,
): Promise<{ streamId: string; check: SealCheck }[]> {
  const findings: { streamId: string; check: SealCheck }[] = [];
  const present: [string, number, string][] = [];
  for (const [streamId, head] of sealed) {
    const version = versions(streamId);
    if (version < head.version)
      findings.push({ streamId, check: { status: 'truncated', sealedVersion: head.version, version } });
    else present.push([streamId, head.version, head.hash]);
  }
  for (let i = 0; i < present.length; i += 5000) {
    const batch = present.slice(i, i + 5000);
    const { rows } = await sql.query<{ stream_id: string; stream_version: number; hash: string | null }>(
      `SELECT e.stream_id, e.stream_version, e.metadata->>'hash' AS hash
       FROM unnest($1::text[], $2::int[]) AS s(stream_id, version)
       JOIN es_events e ON e.stream_id = s.stream_id AND e.stream_version = s.version`,
      [batch.map((h) => h[0]), batch.map((h) => h[1])],
    );
    const found = new Map(rows.map((r) => [r.stream_id, r.hash]));
    for (const [streamId, sealedVersion, hash] of batch) {
      if (found.get(streamId) === hash) continue;
      const earlier = history?.heads.get(streamId) ?? [];
      let firstInvalidVersion = 1;
      for (const head of earlier.slice(0, -1).reverse()) {
        const { rows: at } = await sql.query<{ hash: string | null }>(
          "SELECT metadata->>'hash' AS hash FROM es_events WHERE stream_id = $1 AND stream_version = $2",
          [streamId, head.version],
        );
        if (at[0]?.hash === head.hash) {
          firstInvalidVersion = head.version + 1;
          break;
        }
      }
      findings.push({ streamId, check: { status: 'rewritten', sealedVersion, firstInvalidVersion } });
    }
  }
  return findings;
}
