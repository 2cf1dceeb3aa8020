import { signatureHeader, verifySignature } from './webhook-signature';

const SECRET = 'whsec_test-secret';
const BODY = '{"id":"1","kind":"case_forwarded"}';
const AT = new Date('2026-12-05T08:00:00.000Z');

describe('the webhook signature', () => {
  it('is t=<unix seconds>,v1=<HMAC-SHA256 of "<t>.<body>">', () => {
    // echo -n '1796457600.{"id":"1","kind":"case_forwarded"}' | openssl dgst -sha256 -hmac whsec_test-secret
    expect(signatureHeader(SECRET, BODY, AT)).toBe(
      `t=1796457600,v1=b2aa7af7299af09f9a95f66583810526028eb107d89d71f9a2661c1d14b7b869`,
    );
  });

  it('verifies with the same secret and body within the tolerance', () => {
    const header = signatureHeader(SECRET, BODY, AT);
    expect(verifySignature(SECRET, BODY, header, new Date(AT.getTime() + 299_000))).toBe(true);
  });

  it('refuses another secret, another body, an old timestamp or a malformed header', () => {
    const header = signatureHeader(SECRET, BODY, AT);
    expect(verifySignature('whsec_other', BODY, header, AT)).toBe(false);
    expect(verifySignature(SECRET, `${BODY} `, header, AT)).toBe(false);
    expect(verifySignature(SECRET, BODY, header, new Date(AT.getTime() + 301_000))).toBe(false);
    expect(verifySignature(SECRET, BODY, 'v1=abc', AT)).toBe(false);
    expect(verifySignature(SECRET, BODY, undefined, AT)).toBe(false);
  });
});
