/**
 * A real OpenID provider for the tests: the certified `oidc-provider` package, in its own Node process (it is an
 * ES module with its own web framework, which Jest's module system would have to compile), on a spare port.
 *
 * Settings come as JSON in OIDC_TEST_SETTINGS: `{ jwks, clients, accounts, audience }`. Every account's claims go
 * into its ID token and, through `extraTokenClaims`, into its JWT access tokens. The login page is replaced by
 * `GET /interaction/:uid/login?user=<account>`, which signs the account in and grants what was asked for, as a user
 * typing a username and pressing "allow" would. Prints `{"issuer": "http://127.0.0.1:<port>"}` once listening.
 */
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const settings = JSON.parse(process.env.OIDC_TEST_SETTINGS ?? '{}');
const accounts = settings.accounts ?? {};
const claimNames = [...new Set(Object.values(accounts).flatMap((claims) => Object.keys(claims)))];

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  jwks: settings.jwks,
  clients: settings.clients,
  cookies: { keys: ['oidc-test-cookie-key'] },
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: claimNames },
  conformIdTokenClaims: false,
  findAccount: (_ctx, id) =>
    accounts[id] ? { accountId: id, claims: () => ({ sub: id, ...accounts[id] }) } : undefined,
  extraTokenClaims: (_ctx, token) => (token.accountId ? accounts[token.accountId] : undefined),
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => settings.audience,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource) => ({
        scope: 'api',
        audience: resource,
        accessTokenFormat: 'jwt',
        accessTokenTTL: 3600,
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
});

provider.use(async (ctx, next) => {
  const login = /^\/interaction\/([^/]+)\/login$/.exec(ctx.path);
  if (login) {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const accountId = String(ctx.query.user ?? '');
    if (!accounts[accountId]) {
      ctx.status = 400;
      ctx.body = `unknown user ${accountId}`;
      return;
    }
    const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
    grant.addOIDCScope(String(details.params.scope ?? 'openid'));
    grant.addResourceScope(String(details.params.resource ?? settings.audience), 'api');
    const grantId = await grant.save();
    ctx.respond = false;
    await provider.interactionFinished(
      ctx.req,
      ctx.res,
      { login: { accountId }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  if (/^\/interaction\/[^/]+$/.test(ctx.path)) {
    ctx.type = 'html';
    ctx.body = `<form action="${ctx.path}/login"><input name="user"><button>Sign in</button></form>`;
    return;
  }
  await next();
});

server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
