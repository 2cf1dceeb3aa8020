import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries the signature of a webhook delivery. */
export const SIGNATURE_HEADER = 'Baken-Signature';
/** The header that names the delivery: the same on every attempt, so a receiver can ignore a repeat. */
export const DELIVERY_HEADER = 'Baken-Delivery';

/**
 * `Baken-Signature: t=<unix seconds>,v1=<hex>`: HMAC-SHA256 with the organisation's signing secret (its UTF-8 bytes)
 * over `<t>.<body>`, the body exactly as sent. Signed anew on every attempt, so `t` is the time of that attempt and a
 * receiver can refuse old ones (replays) besides checking the signature.
 */
export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, t, body)}`;
}

const hmac = (secret: string, t: number, body: string) =>
  createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${t}.${body}`).digest('hex');

/**
 * What a receiver does (and the tests): whether `header` signs `body` with `secret`, at most `toleranceSeconds` from
 * `now`. Compares in constant time.
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string | undefined,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const t = Number(match[1]);
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  return timingSafeEqual(Buffer.from(match[2], 'hex'), Buffer.from(hmac(secret, t, body), 'hex'));
}
