/**
 * Read-your-writes with a standby (ADR 65): after a command the API answers the primary's WAL position in
 * `Baken-Position`; reads sent with the latest of these as `Baken-Min-Position` see the user's own writes even when
 * they are answered from a standby that lags.
 */
export const POSITION_HEADER = 'Baken-Position';
export const MIN_POSITION_HEADER = 'Baken-Min-Position';

const LSN = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i;

/** A PostgreSQL LSN as `pg_lsn` prints it (`16/B374D848`) as a number to compare; `null` when it is not one. */
export function lsnValue(lsn: string): bigint | null {
  const m = LSN.exec(lsn.trim());
  return m ? (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`) : null;
}

/** The later of two positions; a value that is no LSN never replaces a known one. */
export function laterPosition(known: string | null, answered: string): string | null {
  const next = lsnValue(answered);
  if (next === null) return known;
  const current = known === null ? null : lsnValue(known);
  return current === null || next > current ? answered.trim() : known;
}
