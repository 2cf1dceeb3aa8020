import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** `prevHash` of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** What the hash of one event covers: everything stored about it except its own hash and its global position. */
export interface HashableEvent {
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  /** The event's metadata, including `prevHash`; a `hash` property, if present, is left out. */
  metadata: Record<string, unknown>;
  recordedAt: Date;
}

/**
 * `sha256hex(prevHash + canonicalize({streamId, streamVersion, eventId, type, schemaVersion, data, metadata
 * without hash, recordedAt as ISO 8601}))`, canonicalised with RFC 8785 (JCS) so that key order and number
 * formatting cannot change the result. Global position and transaction id are not covered: they are assigned by
 * the database and do not change what happened.
 */
export function hashEvent(prevHash: string, event: HashableEvent): string {
  const { hash: _ownHash, ...metadata } = event.metadata;
  return hashCanonicalEvent(prevHash, {
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    dataJson: canonical(event.data, event.eventId),
    metadataJson: canonical(metadata, event.eventId),
    recordedAt: event.recordedAt.toISOString(),
  });
}

/** An event whose data and metadata are canonical JSON already (see {@link canonicalJson}). */
export interface CanonicalEvent {
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  /** `canonicalJson(data)`. */
  dataJson: string;
  /** `canonicalJson(metadata)` with `prevHash` and without `hash`. */
  metadataJson: string;
  /** ISO 8601, as `Date.prototype.toISOString` writes it. */
  recordedAt: string;
}

/**
 * {@link hashEvent} for an event whose parts are canonical already: the append hashes the same text it sends to
 * the database instead of canonicalising the event a second time. The outer object is written by hand with its
 * keys in JCS order (all ASCII, sorted by code unit), which is byte for byte what canonicalising it would give.
 */
export function hashCanonicalEvent(prevHash: string, event: CanonicalEvent): string {
  const canonical =
    `{"data":${event.dataJson},"eventId":${JSON.stringify(event.eventId)},"metadata":${event.metadataJson},` +
    `"recordedAt":${JSON.stringify(event.recordedAt)},"schemaVersion":${integer(event.schemaVersion)},` +
    `"streamId":${JSON.stringify(event.streamId)},"streamVersion":${integer(event.streamVersion)},"type":${JSON.stringify(event.type)}}`;
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

function canonical(value: unknown, eventId: string): string {
  const json = canonicalJson(value);
  if (json === undefined) throw new Error(`Event ${eventId} cannot be canonicalised`);
  return json;
}

function integer(n: number): string {
  if (!Number.isSafeInteger(n)) throw new TypeError(`Expected an integer, got ${n}`);
  return String(n);
}
