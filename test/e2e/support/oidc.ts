import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export interface TestProviderOptions {
  audience: string;
  /** Account id → the claims the provider puts in its tokens. */
  accounts: Record<string, Record<string, unknown>>;
  /** The API's callback, registered for the backend-for-frontend client `baken-web`. */
  redirectUri: string;
  clientSecret: string;
}

export interface TestProvider {
  issuer: string;
  /** The provider's signing key: tests sign their own tokens with it to vary one claim at a time. */
  privateKey: CryptoKey;
  kid: string;
  /** An access token for the account, from a real authorization-code flow with PKCE (public test client). */
  accessToken(account: string, options?: { resource?: string }): Promise<string>;
  /** Plays the user at the provider: follows `authorizationUrl` through the login page; returns the redirect back to the app. */
  signIn(authorizationUrl: string, account: string): Promise<URL>;
  stop(): Promise<void>;
}

const CLI_REDIRECT = 'http://127.0.0.1/test-client/callback';

/** Starts `oidc-provider` in its own Node process on a spare port (see `oidc-provider.mjs`). */
export async function startTestProvider(options: TestProviderOptions): Promise<TestProvider> {
  const kid = 'test-key-1';
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const settings = {
    jwks: { keys: [jwk] },
    audience: options.audience,
    accounts: options.accounts,
    clients: [
      {
        client_id: 'baken-web',
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      {
        client_id: 'test-cli',
        token_endpoint_auth_method: 'none',
        redirect_uris: [CLI_REDIRECT],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
  };
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc-provider.mjs')], {
    env: { ...process.env, NODE_OPTIONS: '', OIDC_TEST_SETTINGS: JSON.stringify(settings) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The test OpenID provider did not start: ${stderr}`)), 15_000);
    child.once('exit', (code) => reject(new Error(`The test OpenID provider exited with ${code}: ${stderr}`)));
    child.stdout!.once('data', (d: Buffer) => {
      clearTimeout(timer);
      resolve((JSON.parse(d.toString().split('\n')[0]) as { issuer: string }).issuer);
    });
  });

  const signIn = async (authorizationUrl: string, account: string): Promise<URL> => {
    const jar = new Map<string, string>();
    const go = async (url: string | URL) => {
      const res = await fetch(new URL(url, issuer), {
        redirect: 'manual',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair.indexOf('=');
        jar.set(pair.slice(0, i), pair.slice(i + 1));
      }
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location)
        throw new Error(`The provider answered ${res.status} at ${url}: ${await res.text()}`);
      return location;
    };
    const interaction = await go(authorizationUrl);
    const resume = await go(`${interaction}/login?user=${encodeURIComponent(account)}`);
    return new URL(await go(resume));
  };

  return {
    issuer,
    privateKey,
    kid,
    signIn,
    async accessToken(account, { resource } = {}) {
      const verifier = randomBytes(32).toString('base64url');
      const query = new URLSearchParams({
        client_id: 'test-cli',
        response_type: 'code',
        scope: 'openid profile',
        redirect_uri: CLI_REDIRECT,
        state: randomBytes(8).toString('hex'),
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
        ...(resource ? { resource } : {}),
      });
      const back = await signIn(`${issuer}/auth?${query}`, account);
      const res = await fetch(`${issuer}/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: back.searchParams.get('code') ?? '',
          redirect_uri: CLI_REDIRECT,
          client_id: 'test-cli',
          code_verifier: verifier,
          ...(resource ? { resource } : {}),
        }),
      });
      const body = (await res.json()) as { access_token?: string };
      if (!body.access_token) throw new Error(`No access token from the provider: ${JSON.stringify(body)}`);
      return body.access_token;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
