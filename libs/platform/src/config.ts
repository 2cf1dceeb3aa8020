import { mkdirSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';

export interface AppConfig {
  nodeEnv: string;
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | null;
  dataDir: string;
  redisUrl: string | null;
  /** Demo login with the demo users of API.md; refused in production. */
  demoMode: boolean;
  tokenSecret: Uint8Array;
  /** Wraps every subject's data key (32 bytes): `BAKEN_MASTER_KEY`, or outside production a key generated into the data directory. */
  masterKey: Buffer;
  /** The organisation's OpenID provider; `null` when none is configured (demo login only). */
  oidc: OidcConfig | null;
  session: SessionConfig;
  rateLimit: RateLimitConfig;
  /** Origins allowed to call the API from a browser; empty means CORS is off (the web UI is served from the same origin). */
  corsOrigins: string[];
  /** Which proxies' `X-Forwarded-For` to believe for the client address (rate limits): Fastify's `trustProxy`. */
  trustProxy: boolean | number | string;
  /** Subjects of cases closed longer than this many years are erased by the retention job. */
  retentionYears: number;
  bodyLimitBytes: number;
  /** Run the asynchronous subscribers (projections, workflow) in this process. */
  runSubscriptions: boolean;
  subscriptionPollMs: number;
  /**
   * Run the BullMQ processors and the deadline sweeper in this process (`BAKEN_RUN_WORKERS`). On by default,
   * except under `NODE_ENV=test`, where a test asks for them: a running worker appends system events to cases.
   */
  runWorkers: boolean;
  /**
   * Redis tried when `REDIS_URL` is not set (`BAKEN_LOCAL_REDIS_URL`, default `redis://127.0.0.1:6379`; none under
   * `NODE_ENV=test` or `production`). Unreachable at start: background work runs in-process, with a warning.
   */
  localRedisUrl: string | null;
  /**
   * Prefix of every queue key in Redis (`BAKEN_QUEUE_PREFIX`). `null` (the default): a random prefix stored in the
   * database at its first migration, so every process on one database shares the queues and two databases sharing a
   * Redis never take each other's jobs.
   */
  queuePrefix: string | null;
  deadlines: DeadlineSettings;
}

/** Deadline periods (DOMAIN.md "Deadlines") and how often open deadlines are checked against the log. */
export interface DeadlineSettings {
  /** `BAKEN_DEADLINE_TRIAGE_WORKING_DAYS`, default 5: triage is due this many working days after receipt (or a reopening). */
  triageWorkingDays: number;
  /** `BAKEN_DEADLINE_PROPOSAL_DECISION_DAYS`, default 30: a steering-group decision is due this many days after submission. */
  proposalDecisionDays: number;
  /** `BAKEN_DEADLINE_EFFECT_FOLLOW_UP_DAYS`, default 56: an effect is due this many days after an intervention was executed. */
  effectFollowUpDays: number;
  /** `BAKEN_DEADLINE_SWEEP_MS`, default 60 000: how often open, passed deadlines are (re)enqueued from the log. */
  sweepIntervalMs: number;
}

/** Where the claims of an access token are read from; each is a claim name or a dotted path (`realm_access.roles`). */
export interface OidcClaimMapping {
  username: string;
  role: string;
  districts: string;
  municipality: string;
  organisation: string;
  /** Provider role values mapped to ours (`stuurploeg` → `steering_group`); values not listed are taken as they are. */
  roleValues: Record<string, string>;
}

export interface OidcConfig {
  issuer: string;
  /** Required `aud` of access tokens for this API. */
  audience: string;
  /** Accepted signature algorithms; never `none` or a symmetric one. */
  algorithms: string[];
  /** The provider's key set; discovered from the issuer's metadata when absent. */
  jwksUri: string | null;
  /** The backend-for-frontend's client registration; without it only bearer tokens are accepted. */
  clientId: string | null;
  clientSecret: string | null;
  redirectUri: string | null;
  scopes: string;
  /** Sent as the `resource` parameter (RFC 8707) when set, so the provider issues an access token for this API. */
  resource: string | null;
  claims: OidcClaimMapping;
  /** Plain-HTTP provider (a local test provider); refused in production. */
  allowInsecureHttp: boolean;
  clockToleranceSeconds: number;
}

export interface SessionConfig {
  /** `Secure` on the session cookie; may be switched off only outside production (plain http://localhost). */
  secureCookie: boolean;
  /** Absolute lifetime of a browser session. */
  ttlSeconds: number;
  /** A session unused this long ends. */
  idleSeconds: number;
}

export interface RateLimitConfig {
  enabled: boolean;
  windowSeconds: number;
  /** Requests per client address, route and window. */
  limit: number;
  /** The same for the sign-in routes. */
  loginLimit: number;
}

export class ConfigurationError extends Error {}

/** Reads the configuration from the environment. Secrets come only from the environment (or, outside production, a generated development file). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  const dataDir = resolve(env.BAKEN_DATA_DIR ?? join(process.cwd(), 'data'));
  const demoMode = (env.BAKEN_DEMO ?? (env.OIDC_ISSUER ? 'false' : 'true')) === 'true';
  if (production && demoMode) {
    throw new ConfigurationError('Demo login is not allowed with NODE_ENV=production. Configure OIDC_ISSUER (and OIDC_AUDIENCE) or set BAKEN_DEMO=false.');
  }
  if (!demoMode && !env.OIDC_ISSUER) {
    throw new ConfigurationError('Nobody could sign in: demo login is off and no identity provider is configured. Set OIDC_ISSUER and OIDC_AUDIENCE.');
  }
  if (production && env.BAKEN_COOKIE_SECURE === 'false') {
    throw new ConfigurationError('BAKEN_COOKIE_SECURE=false is only for plain http://localhost outside production.');
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigurationError(`PORT must be a port number, got "${env.PORT}".`);
  return {
    nodeEnv,
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    dataDir,
    redisUrl: env.REDIS_URL || null,
    demoMode,
    tokenSecret: loadTokenSecret(env, dataDir, production),
    masterKey: loadMasterKey(env, dataDir, production),
    oidc: loadOidcConfig(env, production),
    session: {
      secureCookie: flag(env, 'BAKEN_COOKIE_SECURE', true),
      ttlSeconds: positiveInteger(env, 'BAKEN_SESSION_TTL_SECONDS', 8 * 3600),
      idleSeconds: positiveInteger(env, 'BAKEN_SESSION_IDLE_SECONDS', 30 * 60),
    },
    rateLimit: {
      enabled: flag(env, 'BAKEN_RATE_LIMIT', true),
      windowSeconds: positiveInteger(env, 'BAKEN_RATE_LIMIT_WINDOW_SECONDS', 60),
      limit: positiveInteger(env, 'BAKEN_RATE_LIMIT_MAX', 600),
      loginLimit: positiveInteger(env, 'BAKEN_LOGIN_RATE_LIMIT_MAX', 10),
    },
    corsOrigins: list(env.BAKEN_CORS_ORIGINS),
    trustProxy: parseTrustProxy(env.BAKEN_TRUST_PROXY),
    retentionYears: positiveInteger(env, 'BAKEN_RETENTION_YEARS', 5),
    bodyLimitBytes: Number(env.BAKEN_BODY_LIMIT_BYTES ?? 256 * 1024),
    runSubscriptions: (env.BAKEN_RUN_SUBSCRIPTIONS ?? 'true') === 'true',
    subscriptionPollMs: Number(env.BAKEN_SUBSCRIPTION_POLL_MS ?? 250),
    runWorkers: (env.BAKEN_RUN_WORKERS ?? (nodeEnv === 'test' ? 'false' : 'true')) === 'true',
    localRedisUrl: localRedisUrl(env, nodeEnv),
    queuePrefix: env.BAKEN_QUEUE_PREFIX || null,
    deadlines: {
      triageWorkingDays: positiveInteger(env, 'BAKEN_DEADLINE_TRIAGE_WORKING_DAYS', 5),
      proposalDecisionDays: positiveInteger(env, 'BAKEN_DEADLINE_PROPOSAL_DECISION_DAYS', 30),
      effectFollowUpDays: positiveInteger(env, 'BAKEN_DEADLINE_EFFECT_FOLLOW_UP_DAYS', 56),
      sweepIntervalMs: positiveInteger(env, 'BAKEN_DEADLINE_SWEEP_MS', 60_000),
    },
  };
}

function localRedisUrl(env: NodeJS.ProcessEnv, nodeEnv: string): string | null {
  const value = env.BAKEN_LOCAL_REDIS_URL;
  if (value !== undefined) return value === '' || value === 'off' ? null : value;
  return nodeEnv === 'test' || nodeEnv === 'production' ? null : 'redis://127.0.0.1:6379';
}

function loadTokenSecret(env: NodeJS.ProcessEnv, dataDir: string, production: boolean): Uint8Array {
  if (env.BAKEN_TOKEN_SECRET) return new TextEncoder().encode(env.BAKEN_TOKEN_SECRET);
  if (production) return randomBytes(32);
  const file = join(dataDir, 'token.secret');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(file, secret.toString('base64'), { mode: 0o600 });
  return secret;
}

/**
 * The key that wraps every subject's data key: `BAKEN_MASTER_KEY` (base64 of 32 bytes). Outside production a
 * development key is generated once into the data directory when none is given.
 */
function loadMasterKey(env: NodeJS.ProcessEnv, dataDir: string, production: boolean): Buffer {
  if (env.BAKEN_MASTER_KEY) {
    const key = Buffer.from(env.BAKEN_MASTER_KEY, 'base64');
    if (key.length !== 32) throw new ConfigurationError('BAKEN_MASTER_KEY must be 32 bytes in base64 (44 characters), e.g. from `openssl rand -base64 32`.');
    return key;
  }
  if (production) throw new ConfigurationError('BAKEN_MASTER_KEY is not set. In production set it to 32 random bytes in base64, e.g. from `openssl rand -base64 32`.');
  const file = join(dataDir, 'master.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

const SAFE_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

function loadOidcConfig(env: NodeJS.ProcessEnv, production: boolean): OidcConfig | null {
  if (!env.OIDC_ISSUER) return null;
  const allowInsecureHttp = flag(env, 'OIDC_ALLOW_HTTP', false);
  if (production && allowInsecureHttp) throw new ConfigurationError('OIDC_ALLOW_HTTP=true is only for a local test provider, never in production.');
  const issuer = url(env, 'OIDC_ISSUER', allowInsecureHttp)!;
  if (!env.OIDC_AUDIENCE) throw new ConfigurationError('OIDC_AUDIENCE is required with OIDC_ISSUER: the `aud` access tokens for this API carry.');
  const algorithms = list(env.OIDC_ALGORITHMS ?? 'RS256,PS256,ES256,EdDSA');
  const unsafe = algorithms.filter((a) => !SAFE_ALGORITHMS.includes(a));
  if (unsafe.length || algorithms.length === 0) {
    throw new ConfigurationError(`OIDC_ALGORITHMS may only list asymmetric signature algorithms (${SAFE_ALGORITHMS.join(', ')}); refused: ${unsafe.join(', ') || '(empty)'}.`);
  }
  const clientId = env.OIDC_CLIENT_ID || null;
  const redirectUri = url(env, 'OIDC_REDIRECT_URI', allowInsecureHttp);
  if (clientId && !redirectUri) throw new ConfigurationError('OIDC_REDIRECT_URI is required with OIDC_CLIENT_ID: the API\'s /api/auth/callback as the browser reaches it.');
  return {
    issuer,
    audience: env.OIDC_AUDIENCE,
    algorithms,
    jwksUri: url(env, 'OIDC_JWKS_URI', allowInsecureHttp),
    clientId,
    clientSecret: env.OIDC_CLIENT_SECRET || null,
    redirectUri,
    scopes: env.OIDC_SCOPES ?? 'openid profile',
    resource: env.OIDC_RESOURCE || null,
    claims: {
      username: env.OIDC_CLAIM_USERNAME || 'sub',
      role: env.OIDC_CLAIM_ROLE || 'baken_role',
      districts: env.OIDC_CLAIM_DISTRICTS || 'baken_districts',
      municipality: env.OIDC_CLAIM_MUNICIPALITY || 'baken_municipality',
      organisation: env.OIDC_CLAIM_ORGANISATION || 'baken_organisation',
      roleValues: Object.fromEntries(list(env.OIDC_ROLE_MAP).map((pair) => {
        const [from, to] = pair.split('=').map((s) => s.trim());
        if (!from || !to) throw new ConfigurationError(`OIDC_ROLE_MAP must read "providerValue=role,…", got "${pair}".`);
        return [from, to];
      })),
    },
    allowInsecureHttp,
    clockToleranceSeconds: positiveInteger(env, 'OIDC_CLOCK_TOLERANCE_SECONDS', 30, true),
  };
}

function url(env: NodeJS.ProcessEnv, name: string, allowHttp: boolean): string | null {
  const value = env[name];
  if (!value) return null;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigurationError(`${name} must be an absolute URL, got "${value}".`);
  }
  if (parsed.protocol !== 'https:' && !(allowHttp && parsed.protocol === 'http:')) {
    throw new ConfigurationError(`${name} must use https (got "${value}").`);
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (value !== 'true' && value !== 'false') throw new ConfigurationError(`${name} must be true or false, got "${value}".`);
  return value === 'true';
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, zeroAllowed = false): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < (zeroAllowed ? 0 : 1)) throw new ConfigurationError(`${name} must be a whole number${zeroAllowed ? '' : ' above 0'}, got "${value}".`);
  return n;
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
