import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SignJWT } from 'jose';
import { loadConfig } from '@baken/platform';
import { createApp } from '../../apps/api/src/create-app';
import { Browser } from './support/browser';
import { ok } from './support/cases';
import { queryDatabase } from './support/database';
import { expectProblem } from './support/problems';
import { useTestApp } from './support/test-app';

const TOKEN_SECRET = 'demo token secret of this test';
const MASTER_KEY = Buffer.alloc(32, 3).toString('base64');
const HOUR = 3600;

/** Demo tokens end at logout, in every API process, and always expire. */
describe('demo tokens: logout revokes them, and every one expires', () => {
  const app = useTestApp({ env: { BAKEN_TOKEN_SECRET: TOKEN_SECRET, BAKEN_MASTER_KEY: MASTER_KEY } });

  const signIn = async (username = 'coordinator.de-baronie') =>
    ok(await app().request('POST', '/api/auth/demo-login', { body: { username } }), 200, 'demo login').body
      .accessToken as string;
  const cases = (token: string) => app().request('GET', '/api/cases', { token });
  const logout = (token: string) => app().request('POST', '/api/auth/logout', { token });

  it('refuses the bearer token after POST /api/auth/logout with it, though it was used a moment before', async () => {
    const token = await signIn();
    ok(await cases(token), 200, 'before logout');
    expect((await logout(token)).status).toBe(204);
    expectProblem(await cases(token), 401);
    // Other tokens of the same user still work: logout ends this token, not the user.
    ok(await cases(await signIn()), 200, 'another token');
  });

  it('keeps the revocation until the token would have expired, and no longer', async () => {
    const token = await signIn('analyst');
    expect((await logout(token)).status).toBe(204);
    const [row] = await queryDatabase<{ expires_at: Date }>(
      app().database.url,
      'SELECT expires_at FROM access_revoked_tokens ORDER BY expires_at DESC LIMIT 1',
    );
    expect(new Date(row.expires_at).getTime()).toBe(Math.floor(app().clock.now().getTime() / 1000 + 8 * HOUR) * 1000);
  });

  it('refuses the token in another API process on the same database too, whatever that process remembered', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baken-e2e-second-'));
    let second: NestFastifyApplication | undefined;
    try {
      second = await createApp(
        loadConfig({
          NODE_ENV: 'test',
          DATABASE_URL: app().database.url,
          BAKEN_DATA_DIR: dataDir,
          BAKEN_RATE_LIMIT: 'false',
          BAKEN_TOKEN_SECRET: TOKEN_SECRET,
          BAKEN_MASTER_KEY: MASTER_KEY,
        }),
        { clock: app().clock, logger: false },
      );
      const token = await signIn();
      const onSecond = () =>
        second!.inject({ method: 'GET', url: '/api/cases', headers: { authorization: `Bearer ${token}` } });
      // The second process has just verified the token and keeps it verified for a while.
      expect((await onSecond()).statusCode).toBe(200);
      expect((await logout(token)).status).toBe(204);
      expect((await onSecond()).statusCode).toBe(401);
    } finally {
      await second?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("revokes the token issued with a browser's session when the browser logs out", async () => {
    const browser = new Browser(app());
    const login = await browser.post('/api/auth/demo-login', { username: 'coordinator.de-baronie' });
    const token = login.body.accessToken as string;
    ok(await cases(token), 200, 'token works');
    const out = await browser.post('/api/auth/logout', {}, { 'x-csrf-token': login.body.csrfToken });
    expect(out.status).toBe(204);
    expectProblem(await cases(token), 401);
  });

  it("revokes the browser's previous token when it signs in again", async () => {
    const browser = new Browser(app());
    const login = async () =>
      (await browser.post('/api/auth/demo-login', { username: 'coordinator.zeeland' })).body.accessToken as string;
    const first = await login();
    ok(await cases(first), 200, 'first token works');
    const second = await login();
    expectProblem(await cases(first), 401);
    ok(await cases(second), 200, 'second token works');
  });

  it('answers logout 204 for a token that is not valid, changing nothing', async () => {
    expect((await logout('not.a.token')).status).toBe(204);
    expect((await app().request('POST', '/api/auth/logout')).status).toBe(204);
  });

  describe('tokens signed with the demo key itself', () => {
    const now = () => Math.floor(app().clock.now().getTime() / 1000);
    const craft = (claims: { exp?: number; iat?: number; jti?: string }) => {
      const jwt = new SignJWT({ role: 'coordinator', districts: ['de-baronie'], organisation: 'care_coordinator' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject('coordinator.de-baronie')
        .setIssuer('urn:baken:demo')
        .setAudience('baken-api');
      if (claims.jti !== undefined) jwt.setJti(claims.jti);
      if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
      if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
      return jwt.sign(new TextEncoder().encode(TOKEN_SECRET));
    };

    it('accepts one with an id, an issue time and an expiry within 8 hours', async () => {
      ok(await cases(await craft({ jti: 'crafted-1', iat: now(), exp: now() + HOUR })), 200, 'well-formed token');
    });

    it.each<[string, () => { exp?: number; iat?: number; jti?: string }]>([
      ['without an expiry', () => ({ jti: 'crafted-2', iat: now() })],
      ['without an id', () => ({ iat: now(), exp: now() + HOUR })],
      ['without an issue time', () => ({ jti: 'crafted-3', exp: now() + HOUR })],
      ['that lives longer than 8 hours', () => ({ jti: 'crafted-4', iat: now(), exp: now() + 30 * 24 * HOUR })],
      ['issued more than 8 hours ago', () => ({ jti: 'crafted-5', iat: now() - 9 * HOUR, exp: now() + HOUR })],
    ])('refuses one %s (401)', async (_, claims) => {
      expectProblem(await cases(await craft(claims())), 401);
    });
  });
});
