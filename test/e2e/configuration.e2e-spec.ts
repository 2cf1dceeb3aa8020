import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConfigurationError, loadConfig } from '@baken/platform';

const ROOT = join(__dirname, '..', '..');
const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');
/** A production environment that passes every check; each test breaks one thing. */
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://db/baken',
  BAKEN_MASTER_KEY: MASTER_KEY,
  OIDC_ISSUER: 'https://login.example.org/realms/zwb',
  OIDC_AUDIENCE: 'https://baken.example.org/api',
  BAKEN_KEYRING_FILE: '/run/secrets/baken/keyring.json',
  BAKEN_SEAL_KEY_FILE: '/run/secrets/baken/seal-signing-key.pem',
  BAKEN_SEAL_LOG: '/var/lib/baken-seals/seals.jsonl',
};

describe('configuration from the environment', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'baken-config-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('accepts a complete production configuration', () => {
    const config = loadConfig(PRODUCTION);
    expect(config).toMatchObject({
      demoMode: false,
      masterKey: Buffer.alloc(32, 7),
      retentionYears: 5,
      corsOrigins: [],
      trustProxy: false,
      session: { secureCookie: true, ttlSeconds: 28800, idleSeconds: 1800 },
      rateLimit: { enabled: true, windowSeconds: 60, limit: 600, loginLimit: 10 },
      oidc: {
        issuer: PRODUCTION.OIDC_ISSUER,
        audience: PRODUCTION.OIDC_AUDIENCE,
        algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
        clientId: null,
        claims: {
          username: 'sub',
          role: 'baken_role',
          districts: 'baken_districts',
          municipality: 'baken_municipality',
          organisation: 'baken_organisation',
          roleValues: {},
        },
      },
    });
  });

  it.each<[string, NodeJS.ProcessEnv, RegExp]>([
    [
      'demo login in production',
      { ...PRODUCTION, BAKEN_DEMO: 'true' },
      /Demo login is not allowed with NODE_ENV=production/,
    ],
    ['production without a master key', { ...PRODUCTION, BAKEN_MASTER_KEY: undefined }, /BAKEN_MASTER_KEY is not set/],
    [
      'production without a keyring file outside the database',
      { ...PRODUCTION, BAKEN_KEYRING_FILE: undefined },
      /BAKEN_KEYRING_FILE is not set\. In production it names the keyring file/,
    ],
    [
      'production without a seal-signing key',
      { ...PRODUCTION, BAKEN_SEAL_KEY_FILE: undefined },
      /BAKEN_SEAL_KEY_FILE is not set/,
    ],
    ['production without a seal log', { ...PRODUCTION, BAKEN_SEAL_LOG: undefined }, /BAKEN_SEAL_LOG is not set/],
    [
      'a master key that is not 32 bytes',
      { ...PRODUCTION, BAKEN_MASTER_KEY: Buffer.alloc(16).toString('base64') },
      /32 bytes/,
    ],
    [
      'no way to sign in at all',
      { NODE_ENV: 'test', BAKEN_DEMO: 'false', BAKEN_DATA_DIR: '/nonexistent' },
      /Nobody could sign in/,
    ],
    [
      'an issuer over plain http',
      { ...PRODUCTION, OIDC_ISSUER: 'http://login.example.org' },
      /OIDC_ISSUER must use https/,
    ],
    ['a plain-http provider allowed in production', { ...PRODUCTION, OIDC_ALLOW_HTTP: 'true' }, /OIDC_ALLOW_HTTP/],
    ['an issuer without an audience', { ...PRODUCTION, OIDC_AUDIENCE: '' }, /OIDC_AUDIENCE is required/],
    ['the algorithm none', { ...PRODUCTION, OIDC_ALGORITHMS: 'RS256,none' }, /refused: none/],
    ['a symmetric algorithm', { ...PRODUCTION, OIDC_ALGORITHMS: 'HS256' }, /refused: HS256/],
    ['a client without a redirect URI', { ...PRODUCTION, OIDC_CLIENT_ID: 'baken' }, /OIDC_REDIRECT_URI is required/],
    ['a role map without "="', { ...PRODUCTION, OIDC_ROLE_MAP: 'stuurploeg' }, /OIDC_ROLE_MAP/],
    [
      'a rate limit that is not a number',
      { ...PRODUCTION, BAKEN_RATE_LIMIT_MAX: 'lots' },
      /BAKEN_RATE_LIMIT_MAX must be a whole number/,
    ],
    ['a retention period of zero years', { ...PRODUCTION, BAKEN_RETENTION_YEARS: '0' }, /BAKEN_RETENTION_YEARS/],
    [
      'a flag that is neither true nor false',
      { ...PRODUCTION, BAKEN_RATE_LIMIT: 'yes' },
      /BAKEN_RATE_LIMIT must be true or false/,
    ],
  ])('refuses %s', (_, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigurationError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads the settings the operator gives', () => {
    const config = loadConfig({
      ...PRODUCTION,
      BAKEN_CORS_ORIGINS: 'https://a.example, https://b.example',
      BAKEN_TRUST_PROXY: '1',
      BAKEN_RETENTION_YEARS: '7',
      OIDC_ROLE_MAP: 'stuurploeg=steering_group, zorgcoordinator=coordinator',
      OIDC_CLAIM_ROLE: 'realm_access.roles',
      OIDC_CLIENT_ID: 'baken',
      OIDC_REDIRECT_URI: 'https://baken.example.org/api/auth/callback',
      OIDC_RESOURCE: 'https://baken.example.org/api',
    });
    expect(config).toMatchObject({
      corsOrigins: ['https://a.example', 'https://b.example'],
      trustProxy: 1,
      retentionYears: 7,
      oidc: {
        clientId: 'baken',
        resource: 'https://baken.example.org/api',
        claims: {
          role: 'realm_access.roles',
          roleValues: { stuurploeg: 'steering_group', zorgcoordinator: 'coordinator' },
        },
      },
    });
  });

  it('generates a development master key into the data directory once, readable only by its owner', () => {
    const first = loadConfig({ NODE_ENV: 'development', BAKEN_DATA_DIR: dataDir }).masterKey;
    expect(first).toHaveLength(32);
    expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    expect(loadConfig({ NODE_ENV: 'development', BAKEN_DATA_DIR: dataDir }).masterKey.equals(first)).toBe(true);
    expect(Buffer.from(readFileSync(join(dataDir, 'master.key'), 'utf8'), 'base64').equals(first)).toBe(true);
  });
});

/** The built server, started as operators start it: it must refuse to run with demo login in production. */
describe('starting the built server in production', () => {
  const cache = join(ROOT, 'node_modules', '.cache');
  let build: string;

  beforeAll(async () => {
    mkdirSync(cache, { recursive: true });
    // Inside node_modules, so the built files resolve their packages as the real build does.
    build = mkdtempSync(join(cache, 'baken-config-build-'));
    await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'swc'), ['apps/api', 'libs', '-d', build, '--quiet'], {
      cwd: ROOT,
    });
  }, 60_000);

  afterAll(() => {
    if (build && existsSync(build)) rmSync(build, { recursive: true, force: true });
  });

  const start = (env: NodeJS.ProcessEnv) =>
    new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'baken-prod-'));
      const child = spawn(process.execPath, [join(build, 'apps', 'api', 'src', 'main.js')], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, BAKEN_DATA_DIR: dataDir, PORT: '0', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`The server did not exit: ${stderr}`));
      }, 30_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        rmSync(dataDir, { recursive: true, force: true });
        resolve({ code, stderr });
      });
    });

  it('exits with status 1 and says why when demo login is on with NODE_ENV=production', async () => {
    const { code, stderr } = await start({ NODE_ENV: 'production', BAKEN_MASTER_KEY: MASTER_KEY });
    expect(code).toBe(1);
    expect(stderr).toContain('Baken cannot start: Demo login is not allowed with NODE_ENV=production.');
  }, 40_000);

  it('exits with status 1 and says why when the master key is missing in production', async () => {
    const { code, stderr } = await start({ ...PRODUCTION, BAKEN_MASTER_KEY: '' });
    expect(code).toBe(1);
    expect(stderr).toContain('Baken cannot start: BAKEN_MASTER_KEY is not set.');
  }, 40_000);
});
