import { createHash } from 'node:crypto';

export interface VerifiedToken<T> {
  value: T;
  /** Instant (ms, on the application's clock) at which the token was verified. */
  verifiedAt: number;
  /** The token's `exp` in ms; the entry is never used at or after it. */
  expiresAt: number;
}

/**
 * Tokens verified a moment ago, by a hash of the token (never the token itself), so that a client sending the same
 * bearer token on every request does not pay for a signature check each time. An entry is used only while the
 * application's clock is between the verification and the earlier of the token's expiry and `maxAgeMs` later; any
 * other time (the clock moved back, the token expired) means a full verification again. It only ever saves a check
 * that would have succeeded: refusals are never cached.
 */
export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, VerifiedToken<T>>();

  constructor(
    private readonly maxAgeMs = 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(token: string, now: number): T | undefined {
    const key = keyOf(token);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now >= entry.verifiedAt && now < entry.expiresAt && now - entry.verifiedAt < this.maxAgeMs) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(token: string, entry: VerifiedToken<T>): void {
    if (!(entry.expiresAt > entry.verifiedAt)) return;
    const key = keyOf(token);
    this.entries.delete(key);
    this.entries.set(key, entry);
    // Oldest first: a Map iterates in insertion order.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}

function keyOf(token: string): string {
  return createHash('sha256').update(token).digest('base64');
}
