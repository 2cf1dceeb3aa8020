import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { COORDINATOR, ok, signalBody } from './support/cases';
import { dumpDatabase, queryDatabase } from './support/database';
import { expectProblem } from './support/problems';
import { TEST_NOW, useTestApp } from './support/test-app';

const MASTER_KEY = Buffer.alloc(32, 11);
const HOUR_MS = 3600 * 1000;

/** A name that only these requests carry: its body hash is what a copy of the table could be searched for. */
const body = signalBody({ subjects: [{ role: 'victim', name: 'Marthe Oudegeest-Brouwer' }] });
/** What the records used to hold: the SHA-256 of method, URL and body, which anyone can compute for a guessed body. */
const plainHash = createHash('sha256')
  .update(`POST /api/signals\n${JSON.stringify(body)}`)
  .digest('hex');
/** What they hold now: an HMAC of it under a key derived from the master key (HKDF-SHA-256, info `baken:idempotency`). */
const fingerprint = createHmac(
  'sha256',
  Buffer.from(hkdfSync('sha256', MASTER_KEY, Buffer.alloc(0), 'baken:idempotency', 32)),
)
  .update(plainHash)
  .digest('hex');

/** Idempotency records (API.md): keyed fingerprints of the request, honoured and kept for 24 hours by default. */
describe('idempotency records', () => {
  const app = useTestApp({ env: { BAKEN_MASTER_KEY: MASTER_KEY.toString('base64') } });
  let firstCaseId: string;

  /** A fresh demo token: the clock moves past the 8 hours a token lives. */
  const signIn = async (username: string) =>
    ok(await app().request('POST', '/api/auth/demo-login', { body: { username } }), 200, 'sign in').body
      .accessToken as string;
  const post = async (key: string, requestBody: unknown, username = COORDINATOR) =>
    app().request('POST', '/api/signals', {
      body: requestBody,
      headers: { 'idempotency-key': key },
      token: await signIn(username),
    });
  const register = (key: string) => post(key, body);

  const record = async (key: string) =>
    (
      await queryDatabase<{ actor: string; request_hmac: string; expires_at: Date; response: { caseId: string } }>(
        app().database.url,
        'SELECT actor, request_hmac, expires_at, response FROM idempotency_keys WHERE key = $1',
        [key],
      )
    )[0];
  const caseCount = async () =>
    (await queryDatabase<{ n: number }>(app().database.url, 'SELECT count(*)::int AS n FROM case_list'))[0].n;

  beforeAll(async () => {
    firstCaseId = ok(await register('intake-1'), 201, 'register').body.caseId;
  });

  it('stores an HMAC of the request under a key derived from the master key, never its plain SHA-256', async () => {
    const stored = await record('intake-1');
    expect(stored.actor).toBe(COORDINATOR);
    expect(stored.response.caseId).toBe(firstCaseId);
    expect(stored.request_hmac).not.toBe(plainHash);
    expect(stored.request_hmac).toBe(fingerprint);
    expect(await dumpDatabase(app().database.url)).not.toContain(plainHash);
  });

  it('keeps the record for 24 hours from the request', async () => {
    expect(new Date((await record('intake-1')).expires_at).getTime()).toBe(TEST_NOW.getTime() + 24 * HOUR_MS);
  });

  it('answers a repeat within the 24 hours as the first time and writes nothing', async () => {
    const before = await caseCount();
    app().clock.advance(23 * HOUR_MS);
    const again = ok(await register('intake-1'), 201, 'repeat');
    expect(again.body.caseId).toBe(firstCaseId);
    expect(await caseCount()).toBe(before);
    expectProblem(await post('intake-1', { ...body, summary: 'Another signal.' }), 422);
  });

  it('no longer honours an expired record: a repeat after 24 hours is a new request, with a new record', async () => {
    const before = await caseCount();
    app().clock.set(new Date(TEST_NOW.getTime() + 24 * HOUR_MS));
    const late = ok(await register('intake-1'), 201, 'repeat after expiry');
    expect(late.body.caseId).not.toBe(firstCaseId);
    expect(await caseCount()).toBe(before + 1);
    const renewed = await record('intake-1');
    expect(renewed.response.caseId).toBe(late.body.caseId);
    expect(new Date(renewed.expires_at).getTime()).toBe(TEST_NOW.getTime() + 48 * HOUR_MS);
  });

  it("deletes other actors' expired records as requests come in", async () => {
    ok(await post('liaison-1', signalBody(), 'liaison.breda'), 201, 'liaison registers');
    expect(await record('liaison-1')).toBeDefined();
    app().clock.advance(25 * HOUR_MS);
    ok(await register('intake-2'), 201, 'a later request by someone else');
    expect(await record('liaison-1')).toBeUndefined();
    expect(await record('intake-2')).toBeDefined();
  });
});
