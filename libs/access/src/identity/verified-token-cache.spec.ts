import { VerifiedTokenCache } from './verified-token-cache';

const T = Date.parse('2026-03-16T09:00:00Z');

describe('VerifiedTokenCache', () => {
  it('answers a token verified a moment ago, until the maximum age', () => {
    const cache = new VerifiedTokenCache<string>(60_000);
    cache.set('token-a', { value: 'actor a', verifiedAt: T, expiresAt: T + 3_600_000 });
    expect(cache.get('token-a', T)).toBe('actor a');
    expect(cache.get('token-a', T + 59_999)).toBe('actor a');
    expect(cache.get('token-a', T + 60_000)).toBeUndefined();
    expect(cache.get('token-b', T)).toBeUndefined();
  });

  it("never answers at or after the token's expiry", () => {
    const cache = new VerifiedTokenCache<string>(60_000);
    cache.set('token', { value: 'actor', verifiedAt: T, expiresAt: T + 10_000 });
    expect(cache.get('token', T + 9_999)).toBe('actor');
    expect(cache.get('token', T + 10_000)).toBeUndefined();
    // Gone for good: a later, earlier-looking clock does not bring it back.
    expect(cache.get('token', T + 5_000)).toBeUndefined();
  });

  it('does not answer when the clock is before the verification (the clock was moved back)', () => {
    const cache = new VerifiedTokenCache<string>(60_000);
    cache.set('token', { value: 'actor', verifiedAt: T, expiresAt: T + 3_600_000 });
    expect(cache.get('token', T - 1)).toBeUndefined();
  });

  it('keeps nothing for a token that is already expired', () => {
    const cache = new VerifiedTokenCache<string>(60_000);
    cache.set('token', { value: 'actor', verifiedAt: T, expiresAt: T });
    expect(cache.get('token', T)).toBeUndefined();
  });

  it('holds at most its maximum number of entries, dropping the oldest', () => {
    const cache = new VerifiedTokenCache<string>(60_000, 2);
    for (const name of ['a', 'b', 'c']) cache.set(name, { value: name, verifiedAt: T, expiresAt: T + 3_600_000 });
    expect(cache.get('a', T)).toBeUndefined();
    expect(cache.get('b', T)).toBe('b');
    expect(cache.get('c', T)).toBe('c');
  });
});
