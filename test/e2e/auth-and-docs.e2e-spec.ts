import { DEMO_USERS as API_DEMO_USERS } from '@baken/access';
import { ConfigurationError, loadConfig } from '@baken/platform';
import { DEMO_USERS as LOGIN_SCREEN_USERS } from '../../apps/web/src/login/demo-users';
import { expectProblem } from './support/problems';
import { useTestApp } from './support/test-app';

const DEMO_USERS: [string, string, string[]][] = [
  ['coordinator.zeeland', 'coordinator', ['zeeland']],
  ['coordinator.de-markiezaten', 'coordinator', ['de-markiezaten']],
  ['coordinator.de-baronie', 'coordinator', ['de-baronie']],
  ['coordinator.hart-van-brabant', 'coordinator', ['hart-van-brabant']],
  ['liaison.breda', 'liaison', ['de-baronie']],
  ['partner.police-avim', 'partner', []],
  ['partner.labour-inspectorate', 'partner', []],
  ['steering.zeeland', 'steering_group', ['zeeland']],
  ['steering.de-markiezaten', 'steering_group', ['de-markiezaten']],
  ['steering.de-baronie', 'steering_group', ['de-baronie']],
  ['steering.hart-van-brabant', 'steering_group', ['hart-van-brabant']],
  ['steering2.de-baronie', 'steering_group', ['de-baronie']],
  ['analyst', 'analyst', []],
  ['auditor', 'auditor', []],
  ['admin', 'admin', []],
];

/** API.md v2: every user acts for one organisation; the stuurploeg of each district has its competent members. */
const V2_DEMO_USERS: [string, string, string[], string][] = [
  ['coordinator.de-baronie', 'coordinator', ['de-baronie'], 'care_coordinator'],
  ['liaison.breda', 'liaison', ['de-baronie'], 'municipality:breda'],
  ['partner.gemeente-breda', 'partner', [], 'municipality:breda'],
  ['partner.opvang', 'partner', [], 'shelter:sterk-huis'],
  ['programme.lead', 'programme_lead', [], 'riec'],
  ['steering2.de-baronie', 'steering_group', ['de-baronie'], 'police_avim'],
  ...[
    ['zeeland', 'middelburg'],
    ['de-markiezaten', 'roosendaal'],
    ['de-baronie', 'breda'],
    ['hart-van-brabant', 'tilburg'],
  ].flatMap(([d, mayor]): [string, string, string[], string][] => [
    [`steering.${d}`, 'steering_group', [d], 'riec'],
    [`steering.${d}.gemeente`, 'steering_group', [d], `municipality:${mayor}`],
    [`steering.${d}.om`, 'steering_group', [d], 'public_prosecutor'],
    [`steering.${d}.politie`, 'steering_group', [d], 'police_avim'],
    [`steering.${d}.nla`, 'steering_group', [d], 'labour_inspectorate'],
    [`steering.${d}.belastingdienst`, 'steering_group', [d], 'tax_authority'],
  ]),
];

describe('authentication, health and API documents', () => {
  const app = useTestApp();

  it.each(V2_DEMO_USERS)('signs in %s as %s of %j for the organisation %s', async (username, role, districts, org) => {
    const res = await app().request('POST', '/api/auth/demo-login', { body: { username } });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({
      username,
      role,
      districts,
      municipality: role === 'liaison' ? 'breda' : null,
      organisation: org,
      // A person's name to show instead of the login name.
      displayName: expect.stringMatching(/^\p{Lu}\p{L}+ .+/u),
    });
  });

  it('offers every demo user of the API on the login screen, and no other', () => {
    expect(LOGIN_SCREEN_USERS.map((u) => u.value).sort()).toEqual(API_DEMO_USERS.map((u) => u.username).sort());
  });

  it.each(DEMO_USERS)('signs in the demo user %s as %s', async (username, role, districts) => {
    const res = await app().request('POST', '/api/auth/demo-login', { body: { username } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'csrfToken', 'user']);
    expect(res.body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(res.body.csrfToken).toMatch(/^[\w-]{43}$/);
    expect(Object.keys(res.body.user).sort()).toEqual([
      'displayName',
      'districts',
      'municipality',
      'organisation',
      'role',
      'username',
    ]);
    expect(res.body.user).toMatchObject({ username, role, districts });
    expect((await app().request('GET', '/api/cases', { token: res.body.accessToken })).status).toBe(
      ['analyst', 'admin'].includes(role) ? 403 : 200,
    );
  });

  it('gives the liaison its municipality and a partner its organisation', async () => {
    expect(
      (await app().request('POST', '/api/auth/demo-login', { body: { username: 'liaison.breda' } })).body.user
        .municipality,
    ).toBe('breda');
    expect(
      (await app().request('POST', '/api/auth/demo-login', { body: { username: 'partner.police-avim' } })).body.user
        .organisation,
    ).toBe('police_avim');
  });

  it('refuses a demo login without a username (400) or with an unknown one (401)', async () => {
    expectProblem(await app().request('POST', '/api/auth/demo-login', { body: {} }), 400, 'username');
    expectProblem(
      await app().request('POST', '/api/auth/demo-login', { body: { username: 'coordinator.utrecht' } }),
      401,
    );
  });

  it('refuses to configure demo mode with NODE_ENV=production', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', BAKEN_TOKEN_SECRET: 's' }),
    ).toThrow(ConfigurationError);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        BAKEN_DEMO: 'true',
        OIDC_ISSUER: 'https://idp.example',
        BAKEN_TOKEN_SECRET: 's',
      }),
    ).toThrow(ConfigurationError);
  });

  it('answers the health checks without a token', async () => {
    expect(await app().request('GET', '/api/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await app().request('GET', '/api/health/ready')).toMatchObject({
      status: 200,
      body: { status: 'ready', checks: { database: 'up' } },
    });
  });

  it('publishes an OpenAPI 3 document with every signal and case endpoint', async () => {
    const res = await app().request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const paths = Object.keys(res.body.paths).map((p) => p.replace(/\{[^}]+\}/g, '{}'));
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/signals',
        '/api/cases',
        '/api/cases/{}',
        '/api/cases/{}/history',
        '/api/cases/{}/assign',
        '/api/cases/{}/triage',
        '/api/cases/{}/care-table-meetings',
        '/api/cases/{}/proposals',
        '/api/cases/{}/proposals/{}/submit',
        '/api/cases/{}/proposals/{}/decision',
        '/api/cases/{}/interventions',
        '/api/cases/{}/interventions/{}/execution',
        '/api/cases/{}/interventions/{}/effects',
        '/api/cases/{}/subjects',
        '/api/cases/{}/close',
        '/api/cases/{}/reopen',
        '/api/cases/{}/subjects/{}/personal-data',
      ]),
    );
  });

  it('serves the interactive API docs', async () => {
    const res = await app().request('GET', '/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });

  it('sends security headers and no stack trace on errors', async () => {
    const res = await app().request('GET', '/api/cases/not-a-uuid', { token: (await app().as('auditor')).token });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.text).not.toMatch(/\.ts:\d+|at .+\(/);
  });
});
