import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

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
  const canonical = canonicalize({
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata,
    recordedAt: event.recordedAt.toISOString(),
  });
  if (canonical === undefined) throw new Error(`Event ${event.eventId} cannot be canonicalised`);
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}
