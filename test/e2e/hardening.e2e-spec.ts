import { SecurityEvents, type SecurityEvent } from '@baken/access';
import { Browser } from './support/browser';
import { driveCase, signalBody } from './support/cases';
import { queryDatabase } from './support/database';
import { expectProblem } from './support/problems';
import { startTestApp, type TestApp } from './support/test-app';
import { startRedisServer, type RedisServer } from '../integration/deadlines/support/redis-server';

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: {
        BAKEN_RATE_LIMIT: 'true',
        BAKEN_RATE_LIMIT_MAX: '8',
        BAKEN_LOGIN_RATE_LIMIT_MAX: '3',
        BAKEN_RATE_LIMIT_WINDOW_SECONDS: '5',
      },
    });
  }, 60_000);
  afterAll(() => t?.close());

  it('allows few sign-in attempts per address: the next one answers 429 problem details with Retry-After', async () => {
    for (let i = 0; i < 3; i++)
      expectProblem(await t.request('POST', '/api/auth/demo-login', { body: { username: `guess-${i}` } }), 401);
    const blocked = await t.request('POST', '/api/auth/demo-login', { body: { username: 'auditor' } });
    expectProblem(blocked, 429);
    expect(blocked.body.type).toBe('/problems/rate-limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('lets the address sign in again once the window has passed', async () => {
    const deadline = Date.now() + 20_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await t.request('POST', '/api/auth/demo-login', { body: { username: 'auditor' } })).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
  }, 30_000);

  it('allows more on other routes, per route, and says how many are left', async () => {
    const first = await t.request('GET', '/api/health');
    expect(first.status).toBe(200);
    expect(first.headers['x-ratelimit-limit']).toBe('8');
    for (let i = 1; i < 8; i++) expect((await t.request('GET', '/api/health')).status).toBe(200);
    expectProblem(await t.request('GET', '/api/health'), 429);
    expect((await t.request('GET', '/api/auth/session')).status).toBe(401);
  });
});

describe('CORS, security headers and error answers', () => {
  let t: TestApp;
  let withCors: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    withCors = await startTestApp({ env: { BAKEN_CORS_ORIGINS: 'https://ui.example.org' } });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await withCors?.close();
  });

  const preflight = (app: TestApp, origin: string) =>
    app.request('OPTIONS', '/api/cases', {
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-csrf-token' },
    });

  it('answers no cross-origin request by default: CORS is off', async () => {
    expect((await preflight(t, 'https://ui.example.org')).headers['access-control-allow-origin']).toBeUndefined();
    const token = (await t.as('auditor')).token;
    const res = await t.request('GET', '/api/cases', { token, headers: { origin: 'https://evil.example' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows exactly the configured origins when CORS is switched on', async () => {
    const allowed = await preflight(withCors, 'https://ui.example.org');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://ui.example.org');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    expect(allowed.headers['access-control-allow-headers']).toMatch(/X-CSRF-Token/i);
    expect((await preflight(withCors, 'https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends the security headers on API answers, and forbids caching them', async () => {
    const res = await t.request('GET', '/api/cases', { token: (await t.as('auditor')).token });
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'strict-transport-security': expect.stringMatching(/max-age=(\d{8,}|3\d{7}); includeSubDomains/),
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    const csp = res.headers['content-security-policy'];
    for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"])
      expect(csp).toContain(directive);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('answers an unexpected failure with a bare 500 problem: no stack trace, no SQL, no table name', async () => {
    const token = (await t.as('auditor')).token;
    await queryDatabase(t.database.url, 'ALTER TABLE case_list RENAME TO case_list_hidden');
    try {
      const res = await t.request('GET', '/api/cases', { token });
      expectProblem(res, 500);
      expect(res.body).toEqual({
        type: 'about:blank',
        title: 'Internal server error',
        status: 500,
        detail: expect.any(String),
      });
      expect(res.text).not.toMatch(/case_list|relation|SELECT|\.ts:\d+|node_modules|at \S+ \(/);
    } finally {
      await queryDatabase(t.database.url, 'ALTER TABLE case_list_hidden RENAME TO case_list');
    }
  });
});

describe('security events', () => {
  let t: TestApp;
  let events: [SecurityEvent, Record<string, unknown>][];
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t?.close());
  beforeEach(() => {
    events = [];
    jest
      .spyOn(t.app.get(SecurityEvents), 'record')
      .mockImplementation((event, fields = {}) => void events.push([event, fields]));
  });
  afterEach(() => jest.restoreAllMocks());

  it('records failed and successful sign-ins, without the attempted username or any token', async () => {
    await t.request('POST', '/api/auth/demo-login', { body: { username: 'secret-guess' } });
    const ok = await t.request('POST', '/api/auth/demo-login', { body: { username: 'steering.zeeland' } });
    await t.request('GET', '/api/cases', { token: `${ok.body.accessToken}x` });
    await t.request('GET', '/api/cases');
    expect(events).toEqual([
      ['authentication_failed', expect.objectContaining({ by: 'demo', reason: 'not a demo user' })],
      [
        'authentication_succeeded',
        expect.objectContaining({ by: 'demo', username: 'steering.zeeland', role: 'steering_group' }),
      ],
      ['authentication_failed', expect.objectContaining({ by: 'bearer', method: 'GET', path: '/api/cases' })],
      ['authentication_failed', expect.objectContaining({ by: 'none' })],
    ]);
    expect(JSON.stringify(events)).not.toContain('secret-guess');
    expect(JSON.stringify(events)).not.toContain(ok.body.accessToken.slice(0, 20));
  });

  it('records refused access to a case, to lists and to the audit log', async () => {
    const c = await driveCase(t, 'signal_received');
    events = [];
    await (await t.as('coordinator.zeeland')).get(`/api/cases/${c.caseId}`);
    await (
      await t.as('coordinator.zeeland')
    ).post(`/api/cases/${c.caseId}/assign`, { coordinator: 'coordinator.zeeland' });
    await (await t.as('analyst')).get('/api/cases');
    await (await t.as('admin')).get('/api/audit/access-log');
    expect(events.filter(([event]) => event === 'access_refused')).toEqual([
      [
        'access_refused',
        {
          username: 'coordinator.zeeland',
          role: 'coordinator',
          caseId: c.caseId,
          action: 'read',
          decision: 'not_found',
          caseExists: true,
        },
      ],
      [
        'access_refused',
        {
          username: 'coordinator.zeeland',
          role: 'coordinator',
          caseId: c.caseId,
          action: 'AssignCoordinator',
          decision: 'not_found',
          caseExists: true,
        },
      ],
      ['access_refused', { username: 'analyst', role: 'analyst', action: 'list_cases', decision: 'deny' }],
      ['access_refused', { username: 'admin', role: 'admin', action: 'read_access_log', decision: 'deny' }],
    ]);
  });

  it('records a refused CSRF token and a logout', async () => {
    const browser = new Browser(t);
    const { csrfToken } = (await browser.post('/api/auth/demo-login', { username: 'auditor' })).body;
    events = [];
    await browser.post('/api/signals', signalBody());
    const logout = await browser.post('/api/auth/logout', undefined, { 'x-csrf-token': csrfToken });
    expect(logout.headers['clear-site-data']).toBe('"cache", "storage"');
    expect(events).toEqual([
      ['csrf_token_refused', expect.objectContaining({ username: 'auditor', method: 'POST', path: '/api/signals' })],
      ['session_ended', expect.objectContaining({ username: 'auditor', reason: 'logout' })],
    ]);
  });
});

describe('Content Security Policy', () => {
  let redis: RedisServer;
  let t: TestApp;
  beforeAll(async () => {
    redis = await startRedisServer();
    t = await startTestApp({ env: { REDIS_URL: redis.url } });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  }, 30_000);

  const directives = (policy: string) =>
    new Map(
      policy
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .filter(([name]) => name)
        .map(([name, ...values]) => [name, values]),
    );
  const page = async (path: string, token?: string) => {
    const res = await t.request('GET', path, { token });
    return { res, policy: directives(res.headers['content-security-policy'] ?? '') };
  };

  it('allows no inline script or style on the web UI, the API, its documentation or the queue board', async () => {
    const admin = (await t.as('admin')).token;
    const auditor = (await t.as('auditor')).token;
    for (const [path, token] of [
      ['/', undefined],
      ['/casussen', undefined],
      ['/api/cases', auditor],
      ['/api/docs', undefined],
      ['/api/docs/', undefined],
      ['/admin/queues', admin],
      ['/admin/queues/queue/deadlines', admin],
    ] as const) {
      const { res, policy } = await page(path, token);
      const header = res.headers['content-security-policy'];
      expect({ path, header }).toEqual({ path, header: expect.stringContaining("default-src 'self'") });
      expect({ path, header }).toEqual({ path, header: expect.not.stringMatching(/'unsafe-(inline|eval|hashes)'/) });
      for (const directive of ['script-src', 'style-src']) {
        const sources = policy.get(directive) ?? [];
        expect({ path, directive, sources }).toEqual({ path, directive, sources: expect.arrayContaining(["'self'"]) });
        for (const source of sources)
          expect({ path, directive, source }).toEqual({
            path,
            directive,
            source: expect.stringMatching(/^'(self|nonce-[A-Za-z0-9+/=]+|sha256-[A-Za-z0-9+/=]+)'$/),
          });
      }
      expect({ path, scriptAttributes: policy.get('script-src-attr') }).toEqual({ path, scriptAttributes: ["'none'"] });
    }
  });

  it.each([
    ['/api/docs', false],
    ['/admin/queues', true],
  ])('serves %s with a nonce of its own, fresh for every answer, on every inline element', async (path, admin) => {
    const token = admin ? (await t.as('admin')).token : undefined;
    const first = await page(path, token);
    const second = await page(path, token);
    expect(first.res.status).toBe(200);
    expect(first.res.headers['content-type']).toMatch(/^text\/html/);
    const nonceOf = (policy: Map<string, string[]>, directive: string) =>
      policy
        .get(directive)
        ?.find((s) => s.startsWith("'nonce-"))
        ?.slice("'nonce-".length, -1);
    const nonce = nonceOf(first.policy, 'script-src');
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
    expect(nonceOf(first.policy, 'style-src')).toBe(nonce);
    expect(nonceOf(second.policy, 'script-src')).not.toBe(nonce);

    const html = first.res.text;
    const inline = [...html.matchAll(/<(script|style)\b[^>]*>/gi)].map((m) => m[0]);
    expect(inline.length).toBeGreaterThan(0);
    for (const tag of inline) expect(tag).toContain(`nonce="${nonce}"`);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/fonts\.googleapis\.com/);
    // Bull Board's page sets <base href>; every other page may not.
    expect(first.policy.get('base-uri')).toEqual(admin ? ["'self'"] : ["'none'"]);
  });
});
