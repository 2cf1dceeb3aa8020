import { loadConfig } from '@baken/platform';
import { Browser } from './support/browser';
import { signalBody } from './support/cases';
import { queryDatabase } from './support/database';
import { expectProblem } from './support/problems';
import { startTestApp, useTestApp, type TestApp } from './support/test-app';

const SESSION = '__Host-baken_session';
const MINUTE = 60_000;

/** The web UI's contract: demo login sets the session cookie, the session endpoint, CSRF tokens on changes, logout. */
describe('browser sessions (backend-for-frontend, demo mode)', () => {
  const app = useTestApp();

  async function signIn(username = 'coordinator.de-baronie') {
    const browser = new Browser(app());
    const res = await browser.post('/api/auth/demo-login', { username });
    expect(res.status).toBe(200);
    return { browser, res, csrfToken: res.body.csrfToken as string };
  }

  it('answers demo login with the bearer token, the user and a CSRF token, and sets an httpOnly, Secure, SameSite=Strict cookie', async () => {
    const { res, browser } = await signIn();
    expect(res.body).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      user: {
        username: 'coordinator.de-baronie',
        role: 'coordinator',
        districts: ['de-baronie'],
        municipality: null,
        organisation: 'care_coordinator',
        displayName: 'Anouk de Vries',
      },
      csrfToken: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(res.setCookies).toEqual([
      expect.objectContaining({
        name: SESSION,
        path: '/',
        httpOnly: true,
        secure: true,
        sameSite: 'Strict',
        maxAge: 8 * 3600,
      }),
    ]);
    expect(browser.jar.get(SESSION)).toMatch(/^[\w-]{43}$/);
    expect(res.text).not.toContain(browser.jar.get(SESSION));
  });

  it('tells the browser who is signed in (with the name to show), the same CSRF token and the mode', async () => {
    const { browser, csrfToken } = await signIn('partner.police-avim');
    const res = await browser.get('/api/auth/session');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: {
        username: 'partner.police-avim',
        role: 'partner',
        districts: [],
        municipality: null,
        organisation: 'police_avim',
        displayName: 'Ruud Jansen',
      },
      csrfToken,
      mode: 'demo',
    });
  });

  it('answers 401 on the session endpoint without a session, or with an unknown cookie', async () => {
    expectProblem(await new Browser(app()).get('/api/auth/session'), 401);
    expectProblem(await new Browser(app()).get('/api/auth/session', { cookie: `${SESSION}=${'x'.repeat(43)}` }), 401);
    expectProblem(await new Browser(app()).get('/api/cases', { cookie: `${SESSION}=not-a-session` }), 401);
  });

  it('reads with the cookie alone', async () => {
    const { browser } = await signIn();
    const res = await browser.get('/api/cases');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1 });
  });

  it('refuses a change authenticated by the cookie without the CSRF token, or with another one (403), and writes nothing', async () => {
    const { browser, csrfToken } = await signIn();
    const before = (await browser.get('/api/cases')).body.total;
    expectProblem(await browser.post('/api/signals', signalBody()), 403);
    expectProblem(
      await browser.post('/api/signals', signalBody(), {
        'x-csrf-token': csrfToken.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      }),
      403,
    );
    const { csrfToken: otherSessionsToken } = await signIn();
    expectProblem(await browser.post('/api/signals', signalBody(), { 'x-csrf-token': otherSessionsToken }), 403);
    expectProblem(
      await browser.delete(
        `/api/cases/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/subjects/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/personal-data`,
      ),
      403,
    );
    expect((await browser.get('/api/cases')).body.total).toBe(before);
  });

  it("accepts a change with the session's CSRF token", async () => {
    const { browser, csrfToken } = await signIn();
    const res = await browser.post('/api/signals', signalBody(), { 'x-csrf-token': csrfToken });
    expect(res.status).toBe(201);
    expect((await browser.get(`/api/cases/${res.body.caseId}`)).body.status).toBe('signal_received');
  });

  it('needs no CSRF token for a bearer request, cookie or not', async () => {
    const { browser, res } = await signIn();
    const created = await browser.post('/api/signals', signalBody(), {
      authorization: `Bearer ${res.body.accessToken}`,
    });
    expect(created.status).toBe(201);
  });

  it("prefers a bad bearer token over a good cookie: 401, never the cookie's user", async () => {
    const { browser } = await signIn();
    expectProblem(await browser.get('/api/cases', { authorization: 'Bearer nonsense' }), 401);
  });

  it('logs out with the CSRF token: 204, the cookie cleared, the session gone on the server', async () => {
    const { browser, csrfToken } = await signIn();
    const cookie = browser.cookieHeader();
    expectProblem(await browser.post('/api/auth/logout'), 403);
    expect((await browser.get('/api/auth/session')).status).toBe(200);
    const res = await browser.post('/api/auth/logout', undefined, { 'x-csrf-token': csrfToken });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.setCookies).toEqual([expect.objectContaining({ name: SESSION, value: '', path: '/' })]);
    expect(browser.jar.has(SESSION)).toBe(false);
    expectProblem(await new Browser(app()).get('/api/auth/session', { cookie }), 401);
    expectProblem(await new Browser(app()).get('/api/cases', { cookie }), 401);
  });

  it('answers 204 to a logout without a session, and clears the cookie anyway', async () => {
    const res = await new Browser(app()).post('/api/auth/logout');
    expect(res.status).toBe(204);
    expect(res.setCookies.map((c) => c.name)).toEqual([SESSION]);
  });

  it("gives every sign-in a new session id and ends the browser's previous session", async () => {
    const { browser } = await signIn();
    const first = browser.cookieHeader();
    await browser.post('/api/auth/demo-login', { username: 'auditor' });
    expect(browser.cookieHeader()).not.toBe(first);
    expect((await browser.get('/api/auth/session')).body.user.username).toBe('auditor');
    expectProblem(await new Browser(app()).get('/api/auth/session', { cookie: first }), 401);
  });

  it('keeps only a hash of the session id in the database', async () => {
    const { browser } = await signIn('steering.zeeland');
    const id = browser.jar.get(SESSION)!;
    const rows = await queryDatabase<{ session_hash: string }>(
      app().database.url,
      'SELECT session_hash FROM access_sessions',
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(id);
  });

  it('ends a session that has not been used for 30 minutes', async () => {
    const { browser } = await signIn();
    app().clock.advance(29 * MINUTE);
    expect((await browser.get('/api/auth/session')).status).toBe(200);
    app().clock.advance(29 * MINUTE);
    expect((await browser.get('/api/cases')).status).toBe(200);
    app().clock.advance(31 * MINUTE);
    expectProblem(await browser.get('/api/cases'), 401);
  });
});

describe('browser sessions with an absolute lifetime and a plain-http cookie', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { BAKEN_COOKIE_SECURE: 'false', BAKEN_SESSION_TTL_SECONDS: '600', BAKEN_SESSION_IDLE_SECONDS: '3600' },
    });
  }, 60_000);
  afterAll(() => t?.close());

  it('names the cookie without the __Host- prefix and leaves out Secure when configured for http://localhost', async () => {
    const res = await new Browser(t).post('/api/auth/demo-login', { username: 'auditor' });
    expect(res.setCookies).toEqual([
      expect.objectContaining({ name: 'baken_session', httpOnly: true, sameSite: 'Strict', maxAge: 600 }),
    ]);
    expect(res.setCookies[0].secure).toBeFalsy();
  });

  it('ends a session after its absolute lifetime, however busy', async () => {
    const browser = new Browser(t);
    await browser.post('/api/auth/demo-login', { username: 'auditor' });
    for (let i = 0; i < 3; i++) {
      t.clock.advance(3 * MINUTE);
      expect((await browser.get('/api/auth/session')).status).toBe(200);
    }
    t.clock.advance(2 * MINUTE);
    expectProblem(await browser.get('/api/auth/session'), 401);
  });

  it('refuses an insecure cookie in production', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        BAKEN_DEMO: 'false',
        OIDC_ISSUER: 'https://idp.example',
        OIDC_AUDIENCE: 'a',
        BAKEN_MASTER_KEY: Buffer.alloc(32).toString('base64'),
        BAKEN_COOKIE_SECURE: 'false',
      }),
    ).toThrow(/BAKEN_COOKIE_SECURE/);
  });
});
