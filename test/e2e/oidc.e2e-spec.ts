import { createHmac, createPublicKey, KeyObject, webcrypto } from 'node:crypto';
import { decodeJwt, generateKeyPair, SignJWT } from 'jose';
import { DemoTokenService } from '@baken/access';
import { Browser } from './support/browser';
import { bodies, signalBody } from './support/cases';
import { queryDatabase } from './support/database';
import { startTestProvider, type TestProvider } from './support/oidc';
import { expectProblem } from './support/problems';
import { startTestApp, type TestApp } from './support/test-app';

const AUDIENCE = 'https://baken.test/api';
const REDIRECT_URI = 'http://localhost:3000/api/auth/callback';
const HOUR = 3600_000;

/** The provider's accounts carry claims under the organisation's own names, mapped by configuration. */
const ACCOUNTS = {
  'j.devries': {
    preferred_username: 'j.devries@baronie.example',
    name: 'Jolanda de Vries',
    groups: ['offline_access', 'zorgcoordinator'],
    districts: ['de-baronie'],
  },
  'a.smit': { preferred_username: 'a.smit@riec.example', groups: ['auditors'] },
  'p.bakker': { preferred_username: 'p.bakker@politie.example', groups: ['ketenpartner'], org: 'police_avim' },
  'x.nobody': { preferred_username: 'x.nobody@example.org', groups: ['offline_access'] },
};

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('OpenID Connect against a real provider', () => {
  let provider: TestProvider;
  let t: TestApp;

  beforeAll(async () => {
    provider = await startTestProvider({
      audience: AUDIENCE,
      accounts: ACCOUNTS,
      redirectUri: REDIRECT_URI,
      clientSecret: 'web-client-secret',
    });
    t = await startTestApp({
      now: new Date(),
      env: {
        BAKEN_DEMO: 'false',
        OIDC_ISSUER: provider.issuer,
        OIDC_AUDIENCE: AUDIENCE,
        OIDC_ALLOW_HTTP: 'true',
        OIDC_CLIENT_ID: 'baken-web',
        OIDC_CLIENT_SECRET: 'web-client-secret',
        OIDC_REDIRECT_URI: REDIRECT_URI,
        OIDC_CLAIM_USERNAME: 'preferred_username',
        OIDC_CLAIM_ROLE: 'groups',
        OIDC_ROLE_MAP: 'zorgcoordinator=coordinator,auditors=auditor,ketenpartner=partner,stuurploeg=steering_group',
        OIDC_CLAIM_DISTRICTS: 'districts',
        OIDC_CLAIM_ORGANISATION: 'org',
      },
    });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  const bearer = (token: string) => ({ token });
  /** A token signed with the provider's own key, so that only the claim a test changes is wrong. */
  const selfSigned = (claims: Record<string, unknown>, header: Record<string, unknown> = {}) => {
    const now = Math.floor(t.clock.now().getTime() / 1000);
    return new SignJWT({
      preferred_username: 'j.devries@baronie.example',
      groups: ['zorgcoordinator'],
      districts: ['de-baronie'],
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: provider.kid, typ: 'at+jwt', ...header })
      .setIssuer(String(claims.iss ?? provider.issuer))
      .setAudience(String(claims.aud ?? AUDIENCE))
      .setSubject('j.devries')
      .setIssuedAt(now)
      .setExpirationTime(Number(claims.exp ?? now + 600))
      .sign(provider.privateKey);
  };

  describe('bearer tokens', () => {
    it("accepts the provider's access token and maps its claims to the user", async () => {
      const token = await provider.accessToken('j.devries');
      expect(decodeJwt(token)).toMatchObject({
        iss: provider.issuer,
        aud: AUDIENCE,
        groups: ['offline_access', 'zorgcoordinator'],
      });
      const created = await t.request('POST', '/api/signals', { ...bearer(token), body: signalBody() });
      expect(created.status).toBe(201);
      const history = await t.request('GET', `/api/cases/${created.body.caseId}/history`, bearer(token));
      expect(history.body.events[0].actor).toEqual({ username: 'j.devries@baronie.example', role: 'coordinator' });
    });

    it('knows the coordinators who signed in, so a case can be assigned to them by username', async () => {
      const token = await provider.accessToken('j.devries');
      const { caseId } = (await t.request('POST', '/api/signals', { ...bearer(token), body: signalBody() })).body;
      const assigned = await t.request('POST', `/api/cases/${caseId}/assign`, {
        ...bearer(token),
        body: { coordinator: 'j.devries@baronie.example' },
      });
      expect(assigned.status).toBe(200);
      expect((await t.request('GET', `/api/cases/${caseId}`, bearer(token))).body).toMatchObject({
        status: 'in_triage',
        coordinator: 'j.devries@baronie.example',
      });
      // The same people are offered to choose from, by the name the provider gave; no demo user without demo mode.
      const coordinators = await t.request('GET', '/api/people?role=coordinator&district=de-baronie', bearer(token));
      expect(coordinators.body).toEqual({
        items: [
          {
            username: 'j.devries@baronie.example',
            displayName: 'Jolanda de Vries',
            role: 'coordinator',
            organisation: null,
            districts: ['de-baronie'],
          },
        ],
      });
      const stranger = await t.request('POST', `/api/cases/${caseId}/assign`, {
        ...bearer(token),
        body: { coordinator: 'never.signed.in@example.org' },
      });
      expect(stranger.status).toBe(409);
    });

    it("applies the mapped role's scope: the auditor reads the case, a partner not involved gets 404", async () => {
      const coordinator = await provider.accessToken('j.devries');
      const { caseId } = (await t.request('POST', '/api/signals', { ...bearer(coordinator), body: signalBody() })).body;
      expect(
        (await t.request('GET', `/api/cases/${caseId}`, bearer(await provider.accessToken('a.smit')))).status,
      ).toBe(200);
      expectProblem(
        await t.request('GET', `/api/cases/${caseId}`, bearer(await provider.accessToken('p.bakker'))),
        404,
      );
    });

    it('counts a stuurploeg vote for the organisation the token names, and refuses one for no or an unknown organisation', async () => {
      const coordinator = bearer(await provider.accessToken('j.devries'));
      const { caseId } = (await t.request('POST', '/api/signals', { ...coordinator, body: signalBody() })).body;
      const at = `/api/cases/${caseId}`;
      const steps: [string, object][] = [
        ['/assign', { coordinator: 'j.devries@baronie.example' }],
        ['/triage', bodies.triage()],
        ['/care-table-meetings', bodies.meeting()],
      ];
      for (const [path, body] of steps)
        expect((await t.request('POST', at + path, { ...coordinator, body })).status).toBe(200);
      const { proposalId } = (await t.request('POST', `${at}/proposals`, { ...coordinator, body: bodies.proposal() }))
        .body;
      await t.request('POST', `${at}/proposals/${proposalId}/submit`, { ...coordinator, body: bodies.submit() });
      const member = (org?: string) =>
        selfSigned({
          preferred_username: `member.${org ?? 'none'}@riec.example`,
          groups: ['stuurploeg'],
          ...(org === undefined ? {} : { org }),
        });
      const vote = async (org?: string) =>
        t.request('POST', `${at}/proposals/${proposalId}/decision`, {
          token: await member(org),
          body: bodies.decide(),
        });
      expectProblem(await vote(), 403);
      expectProblem(await vote('gemeente-nergenshuizen'), 403);
      expect((await vote('riec')).body.proposalStatus).toBe('submitted');
      const proposal = (await t.request('GET', at, coordinator)).body.proposals[0];
      expect(proposal.votes).toEqual([
        expect.objectContaining({ username: 'member.riec@riec.example', organisation: 'riec' }),
      ]);
    });

    it("accepts a token signed with the provider's key and the right claims (the control for the refusals below)", async () => {
      expect((await t.request('GET', '/api/cases', bearer(await selfSigned({})))).status).toBe(200);
    });

    it('refuses a tampered token (401)', async () => {
      const token = await provider.accessToken('p.bakker');
      const [header, payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = [header, b64({ ...claims, groups: ['auditors'] }), signature].join('.');
      expectProblem(await t.request('GET', '/api/cases', bearer(forged)), 401);
      const flipped = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
      expectProblem(await t.request('GET', '/api/cases', bearer(flipped)), 401);
    });

    it('refuses an unsigned token (alg: none)', async () => {
      const claims = decodeJwt(await selfSigned({}));
      expectProblem(
        await t.request('GET', '/api/cases', bearer(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`)),
        401,
      );
    });

    it("refuses an HS256 token keyed with the provider's public key (algorithm confusion)", async () => {
      const pem = createPublicKey(KeyObject.from(provider.privateKey as unknown as webcrypto.CryptoKey))
        .export({ type: 'spki', format: 'pem' })
        .toString();
      const claims = decodeJwt(await selfSigned({}));
      const unsigned = `${b64({ alg: 'HS256', typ: 'JWT', kid: provider.kid })}.${b64(claims)}`;
      const forged = `${unsigned}.${createHmac('sha256', pem).update(unsigned).digest('base64url')}`;
      expectProblem(await t.request('GET', '/api/cases', bearer(forged)), 401);
    });

    it('refuses a token of another issuer, even signed with the right key', async () => {
      expectProblem(
        await t.request('GET', '/api/cases', bearer(await selfSigned({ iss: 'https://idp.elsewhere.example' }))),
        401,
      );
    });

    it('refuses a token for another audience, from the provider itself or signed with its key', async () => {
      const other = await provider.accessToken('j.devries', { resource: 'https://other.test/api' });
      expect(decodeJwt(other).aud).toBe('https://other.test/api');
      expectProblem(await t.request('GET', '/api/cases', bearer(other)), 401);
      expectProblem(await t.request('GET', '/api/cases', bearer(await selfSigned({ aud: 'baken-web' }))), 401);
    });

    it('refuses an expired token', async () => {
      const token = await provider.accessToken('j.devries');
      expect((await t.request('GET', '/api/cases', bearer(token))).status).toBe(200);
      const now = t.clock.now();
      t.clock.advance(2 * HOUR);
      try {
        expectProblem(await t.request('GET', '/api/cases', bearer(token)), 401);
      } finally {
        t.clock.set(now);
      }
      const past = Math.floor(now.getTime() / 1000) - 3600;
      expectProblem(await t.request('GET', '/api/cases', bearer(await selfSigned({ exp: past }))), 401);
    });

    it('refuses a token signed with a key the provider does not publish', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const token = await new SignJWT({ groups: ['auditors'] })
        .setProtectedHeader({ alg: 'RS256', kid: provider.kid })
        .setIssuer(provider.issuer)
        .setAudience(AUDIENCE)
        .setSubject('x')
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
      expectProblem(await t.request('GET', '/api/cases', bearer(token)), 401);
    });

    it('refuses a genuine token that carries no Baken role', async () => {
      expectProblem(await t.request('GET', '/api/cases', bearer(await provider.accessToken('x.nobody'))), 401);
    });

    it('refuses demo login and demo tokens when demo mode is off', async () => {
      expectProblem(await t.request('POST', '/api/auth/demo-login', { body: { username: 'auditor' } }), 404);
      const demo = await new DemoTokenService(new TextEncoder().encode('anything')).issue(
        { username: 'auditor', role: 'auditor', districts: [], municipality: null, organisation: null },
        t.clock.now(),
      );
      expectProblem(await t.request('GET', '/api/cases', bearer(demo)), 401);
    });
  });

  describe('browser sign-in (authorization code with PKCE, backend-for-frontend)', () => {
    async function startLogin(browser: Browser, returnTo = '/cases') {
      const res = await browser.get(`/api/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
      expect(res.status).toBe(302);
      return { res, authorizationUrl: new URL(res.headers.location) };
    }

    async function signIn(account: string, returnTo = '/cases') {
      const browser = new Browser(t);
      const { authorizationUrl } = await startLogin(browser, returnTo);
      const back = await provider.signIn(authorizationUrl.href, account);
      const callback = await browser.get(back.pathname + back.search);
      return { browser, callback, back };
    }

    it('redirects to the provider with PKCE (S256), state and nonce, and keeps the pending sign-in in a Lax cookie', async () => {
      const { res, authorizationUrl } = await startLogin(new Browser(t));
      expect(authorizationUrl.origin + authorizationUrl.pathname).toBe(`${provider.issuer}/auth`);
      expect(Object.fromEntries(authorizationUrl.searchParams)).toMatchObject({
        client_id: 'baken-web',
        response_type: 'code',
        redirect_uri: REDIRECT_URI,
        scope: 'openid profile',
        code_challenge: expect.stringMatching(/^[\w-]{43}$/),
        code_challenge_method: 'S256',
        state: expect.any(String),
        nonce: expect.any(String),
      });
      expect(res.setCookies).toEqual([
        expect.objectContaining({
          name: '__Host-baken_login',
          httpOnly: true,
          secure: true,
          sameSite: 'Lax',
          path: '/',
        }),
      ]);
    });

    it("signs the user in: the session cookie is set, the provider's tokens never reach the browser", async () => {
      const { browser, callback } = await signIn('j.devries', '/cases/overview?tab=2');
      expect(callback.status).toBe(303);
      expect(callback.headers.location).toBe('/cases/overview?tab=2');
      expect(callback.setCookies).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            name: '__Host-baken_session',
            httpOnly: true,
            secure: true,
            sameSite: 'Strict',
            path: '/',
          }),
          expect.objectContaining({ name: '__Host-baken_login', value: '' }),
        ]),
      );
      expect(JSON.stringify(callback.headers) + callback.text).not.toMatch(/eyJ[\w-]+\.eyJ/);
      const session = await browser.get('/api/auth/session');
      expect(session.body).toEqual({
        user: {
          username: 'j.devries@baronie.example',
          role: 'coordinator',
          districts: ['de-baronie'],
          municipality: null,
          organisation: null,
          displayName: 'Jolanda de Vries',
        },
        csrfToken: expect.stringMatching(/^[\w-]{43}$/),
        mode: 'oidc',
      });
    });

    it('works with the cookie and its CSRF token, and logs out', async () => {
      const { browser } = await signIn('j.devries');
      const { csrfToken } = (await browser.get('/api/auth/session')).body;
      expect((await browser.get('/api/cases')).status).toBe(200);
      expectProblem(await browser.post('/api/signals', signalBody()), 403);
      expect((await browser.post('/api/signals', signalBody(), { 'x-csrf-token': csrfToken })).status).toBe(201);
      expect((await browser.post('/api/auth/logout', undefined, { 'x-csrf-token': csrfToken })).status).toBe(204);
      expectProblem(await browser.get('/api/auth/session'), 401);
    });

    it("keeps the provider's tokens on the server, encrypted", async () => {
      await signIn('a.smit');
      const rows = await queryDatabase<{ tokens: unknown }>(
        t.database.url,
        `SELECT tokens FROM access_sessions WHERE mode = 'oidc'`,
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const { tokens } of rows) {
        expect(tokens).toEqual({
          alg: 'A256GCM',
          iv: expect.any(String),
          ciphertext: expect.any(String),
          tag: expect.any(String),
        });
        expect(JSON.stringify(tokens)).not.toMatch(/eyJ[\w-]+\.eyJ/);
      }
    });

    it("refuses a callback without the pending sign-in's cookie, with another state, or replayed (401)", async () => {
      const a = new Browser(t);
      const backA = await provider.signIn((await startLogin(a)).authorizationUrl.href, 'j.devries');
      expectProblem(await new Browser(t).get(backA.pathname + backA.search), 401);

      const b = new Browser(t);
      const backB = await provider.signIn((await startLogin(b)).authorizationUrl.href, 'j.devries');
      backB.searchParams.set('state', 'forged-state');
      expectProblem(await b.get(backB.pathname + backB.search), 401);

      const c = new Browser(t);
      const { authorizationUrl } = await startLogin(c);
      const pendingCookie = c.cookieHeader();
      const backC = await provider.signIn(authorizationUrl.href, 'j.devries');
      expect((await c.get(backC.pathname + backC.search)).status).toBe(303);
      expectProblem(await new Browser(t).get(backC.pathname + backC.search, { cookie: pendingCookie }), 401);
      expect((await c.get('/api/auth/session')).status).toBe(200);
    });

    it('never redirects off the site after signing in', async () => {
      for (const target of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
        const { callback } = await signIn('a.smit', target);
        expect(callback.headers.location).toBe('/');
      }
    });

    it('refuses a user the provider knows but who has no Baken role', async () => {
      const { callback, browser } = await signIn('x.nobody');
      expectProblem(callback, 401);
      expect(callback.body.detail).toMatch(/no Baken role/);
      expect(browser.jar.has('__Host-baken_session')).toBe(false);
    });
  });
});

describe('OpenID Connect with the provider unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { BAKEN_DEMO: 'false', OIDC_ISSUER: 'http://127.0.0.1:9', OIDC_AUDIENCE: AUDIENCE, OIDC_ALLOW_HTTP: 'true' },
    });
  }, 60_000);
  afterAll(() => t?.close());

  it('answers 503, not 401 or 500, when the keys cannot be fetched', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ groups: ['x'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k' })
      .setIssuer('http://127.0.0.1:9')
      .setAudience(AUDIENCE)
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    expectProblem(await t.request('GET', '/api/cases', { token }), 503);
  });

  it('has no browser sign-in without a client registration (404)', async () => {
    expectProblem(await new Browser(t).get('/api/auth/login'), 404);
  });
});
