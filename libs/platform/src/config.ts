import { mkdirSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { InvalidConnectionUrl, parseConnectionUrl, type ConnectionUrl } from '@baken/event-store';

/** The values of `NODE_ENV` Baken knows; anything else is refused rather than taken for development. */
export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
/**
 * The only values under which demo mode, generated development secrets and the demo seed are possible. Any other
 * value, also one added to {@link NODE_ENVS} later, gets production's rules.
 */
export const DEVELOPMENT_NODE_ENVS: readonly NodeEnv[] = ['development', 'test'];
export const isProduction = (nodeEnv: NodeEnv): boolean => !DEVELOPMENT_NODE_ENVS.includes(nodeEnv);

/** Deadline periods when none are configured (DOMAIN.md "Deadlines"). */
export const DEFAULT_DEADLINE_PERIODS = {
  triageWorkingDays: 5,
  triageHighWorkingDays: 3,
  triageAcuteWorkingDays: 1,
  proposalDecisionDays: 30,
  effectFollowUpDays: 56,
  forwardFeedbackWorkingDays: 20,
} as const;

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | null;
  /**
   * A standby to read reports, case lists, history and time travel from (`DATABASE_READ_URL`); `null`: all reads
   * go to `databaseUrl`. A read that carries the position of the client's own write waits for the standby to replay
   * it, or goes to the primary.
   */
  databaseReadUrl: string | null;
  dataDir: string;
  redisUrl: string | null;
  /** Demo login with the demo users of API.md; refused in production. */
  demoMode: boolean;
  /** Seed demo cases into an empty database in demo mode (`BAKEN_SEED_DEMO`, default true). */
  seedDemo: boolean;
  tokenSecret: Uint8Array;
  /** Wraps every subject's data key (32 bytes): `BAKEN_MASTER_KEY`, or outside production a key generated into the data directory. */
  masterKey: Buffer;
  /** Key-encryption keys, the seal-signing key and the seal log: all outside the database. */
  keys: KeysConfig;
  /** Which database role serves requests (least privilege); migrations and rebuilds run as the owner. */
  databaseRoles: DatabaseRolesConfig;
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
  /** Idempotency records are kept and honoured this long (`BAKEN_IDEMPOTENCY_TTL_HOURS`, default 24). */
  idempotencyTtlHours: number;
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
   * Deadline escalations a worker process handles at once (`BAKEN_DEADLINE_JOBS`, default 32), and how many of those
   * it writes together in one statement (`BAKEN_DEADLINE_BATCH`, default the same; 1: one by one).
   */
  deadlineJobs: { concurrency: number; batchSize: number };
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
  notifications: NotificationSettings;
}

/** Who escalations reach, and how notifications are delivered to organisations' webhooks. */
export interface NotificationSettings {
  /**
   * `BAKEN_STEERING_CHAIR_ORGANISATION`, default `riec`: its members of a district's stuurploeg chair it, and hear of
   * the stuurploeg's missed deadlines.
   */
  chairOrganisation: string;
  /** `BAKEN_WEBHOOK_ATTEMPTS`, default 8: attempts per webhook delivery before it is a dead letter. */
  webhookAttempts: number;
  /** `BAKEN_WEBHOOK_BACKOFF_MS`, default 30 000: the pause before a delivery's first retry, doubled for each next one. */
  webhookBackoffMs: number;
  /** `BAKEN_WEBHOOK_TIMEOUT_MS`, default 10 000: the limit of one attempt, connecting and answering included. */
  webhookTimeoutMs: number;
  /** `BAKEN_WEBHOOK_SWEEP_MS`, default 60 000: how often pending deliveries are enqueued again from the database. */
  webhookSweepIntervalMs: number;
  /** Receivers must be `https://` (production); plain `http://` is allowed only in development and test. */
  webhookHttpsOnly: boolean;
}

/** Deadline periods (DOMAIN.md "Deadlines") and how often open deadlines are checked against the log. */
export interface DeadlineSettings {
  /** `BAKEN_DEADLINE_TRIAGE_WORKING_DAYS`, default 5: triage is due this many working days after receipt (or a reopening). */
  triageWorkingDays: number;
  /** `BAKEN_DEADLINE_TRIAGE_HIGH_WORKING_DAYS`, default 3: triage of a signal registered with urgency `high`. */
  triageHighWorkingDays: number;
  /** `BAKEN_DEADLINE_TRIAGE_ACUTE_WORKING_DAYS`, default 1: triage of a signal registered with urgency `acute`. */
  triageAcuteWorkingDays: number;
  /** `BAKEN_DEADLINE_FORWARD_FEEDBACK_WORKING_DAYS`, default 20: the partner's feedback on a forwarded case. */
  forwardFeedbackWorkingDays: number;
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
  /** The person's name as screens show it (OpenID Connect's standard `name` claim by default). */
  displayName: string;
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

/** The largest whole number a setting takes by default; also Node's longest timer (a longer one fires at once). */
const INT32_MAX = 2_147_483_647;
/** A working-day deadline is counted day by day and retention goes back whole years: beyond these it is a typo. */
const MAX_PERIOD_DAYS = 3650;
/** The range of every deadline period, set in the environment or by an administrator (`PUT /api/admin/deadline-periods`). */
export const DEADLINE_PERIOD_LIMITS = { min: 1, max: MAX_PERIOD_DAYS } as const;
const MAX_RETENTION_YEARS = 100;

/**
 * Reads the configuration from the environment. Secrets come only from the environment (or, outside production, a
 * generated development file). Every variable goes through one of the typed readers below (`boolean`, `wholeNumber`,
 * `oneOf`, `url`, `list`, `text`): an empty value counts as unset, and a value they do not know is refused with a
 * `ConfigurationError` that names the variable, the value received and what is accepted.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', NODE_ENVS, 'development');
  const production = isProduction(nodeEnv);
  const dataDir = resolve(text(env, 'BAKEN_DATA_DIR') ?? join(process.cwd(), 'data'));
  const oidcIssuer = read(env, 'OIDC_ISSUER') !== undefined;
  const demoMode = boolean(env, 'BAKEN_DEMO', !oidcIssuer);
  if (production && demoMode) {
    throw new ConfigurationError(
      'Demo login is not allowed with NODE_ENV=production. Configure OIDC_ISSUER (and OIDC_AUDIENCE) or set BAKEN_DEMO=false.',
    );
  }
  if (!demoMode && !oidcIssuer) {
    throw new ConfigurationError(
      'Nobody could sign in: demo login is off and no identity provider is configured. Set OIDC_ISSUER and OIDC_AUDIENCE.',
    );
  }
  const secureCookie = boolean(env, 'BAKEN_COOKIE_SECURE', true);
  if (production && !secureCookie) {
    throw new ConfigurationError('BAKEN_COOKIE_SECURE=false is only for plain http://localhost outside production.');
  }
  const settings = {
    nodeEnv,
    port: wholeNumber(env, 'PORT', 3000, 0, 65_535),
    host:
      text(env, 'HOST', {
        valid: (value) => isIP(value) !== 0 || HOST_NAME.test(value),
        requirement: 'be an IP address or host name to listen on, such as 0.0.0.0, :: or localhost',
        advice: unsetFor('0.0.0.0'),
      }) ?? '0.0.0.0',
    databaseUrl: databaseUrl(env, 'DATABASE_URL', {
      requirement: 'be a PostgreSQL connection URL, postgres://user:password@host:5432/database',
      advice: 'Leave it unset to use the embedded database in BAKEN_DATA_DIR.',
    }),
    databaseReadUrl: databaseReadUrl(env),
    dataDir,
    redisUrl: url(env, 'REDIS_URL', { ...REDIS_URL, advice: 'Leave it unset to try BAKEN_LOCAL_REDIS_URL.' }),
    demoMode,
    seedDemo: boolean(env, 'BAKEN_SEED_DEMO', true),
    oidc: loadOidcConfig(env, production),
    session: {
      secureCookie,
      ttlSeconds: wholeNumber(env, 'BAKEN_SESSION_TTL_SECONDS', 8 * 3600, 1, INT32_MAX),
      idleSeconds: wholeNumber(env, 'BAKEN_SESSION_IDLE_SECONDS', 30 * 60, 1, INT32_MAX),
    },
    rateLimit: {
      enabled: boolean(env, 'BAKEN_RATE_LIMIT', true),
      windowSeconds: wholeNumber(env, 'BAKEN_RATE_LIMIT_WINDOW_SECONDS', 60, 1, INT32_MAX),
      limit: wholeNumber(env, 'BAKEN_RATE_LIMIT_MAX', 600, 1, INT32_MAX),
      loginLimit: wholeNumber(env, 'BAKEN_LOGIN_RATE_LIMIT_MAX', 10, 1, INT32_MAX),
    },
    corsOrigins: list(env, 'BAKEN_CORS_ORIGINS', [], {
      valid: isOrigin,
      requirement:
        'be a comma-separated list of origins exactly as browsers send them, such as https://baken.example.org (no path, no trailing slash)',
      advice: 'Leave it unset to switch CORS off (the web UI is served from the same origin).',
    }),
    trustProxy: trustProxy(env, 'BAKEN_TRUST_PROXY'),
    retentionYears: wholeNumber(env, 'BAKEN_RETENTION_YEARS', 5, 1, MAX_RETENTION_YEARS),
    idempotencyTtlHours: wholeNumber(env, 'BAKEN_IDEMPOTENCY_TTL_HOURS', 24, 1, 24 * 365),
    databaseRoles: {
      serveAsRuntimeRole: leastPrivilege(env, production),
      runtimeRole:
        text(env, 'BAKEN_DB_RUNTIME_ROLE', {
          valid: (value) => /^[a-z_][a-z0-9_]{0,62}$/.test(value),
          requirement: 'be a lower-case PostgreSQL role name (letters, digits, underscores)',
          advice: unsetFor('baken_runtime'),
        }) ?? 'baken_runtime',
      runtimeDatabaseUrl: databaseUrl(env, 'BAKEN_RUNTIME_DATABASE_URL', {
        requirement: 'be a PostgreSQL connection URL for the runtime role, postgres://baken_runtime:password@host/db',
        advice: 'Leave it unset to let Baken create the runtime role and connect as it with a derived password.',
      }),
    },
    bodyLimitBytes: wholeNumber(env, 'BAKEN_BODY_LIMIT_BYTES', 256 * 1024, 1, INT32_MAX),
    runSubscriptions: boolean(env, 'BAKEN_RUN_SUBSCRIPTIONS', true),
    subscriptionPollMs: wholeNumber(env, 'BAKEN_SUBSCRIPTION_POLL_MS', 250, 1, INT32_MAX),
    runWorkers: boolean(env, 'BAKEN_RUN_WORKERS', nodeEnv !== 'test'),
    deadlineJobs: deadlineJobs(env),
    localRedisUrl: localRedisUrl(env, nodeEnv),
    queuePrefix: text(env, 'BAKEN_QUEUE_PREFIX') ?? null,
    deadlines: {
      triageWorkingDays: wholeNumber(
        env,
        'BAKEN_DEADLINE_TRIAGE_WORKING_DAYS',
        DEFAULT_DEADLINE_PERIODS.triageWorkingDays,
        1,
        MAX_PERIOD_DAYS,
      ),
      triageHighWorkingDays: wholeNumber(
        env,
        'BAKEN_DEADLINE_TRIAGE_HIGH_WORKING_DAYS',
        DEFAULT_DEADLINE_PERIODS.triageHighWorkingDays,
        1,
        MAX_PERIOD_DAYS,
      ),
      triageAcuteWorkingDays: wholeNumber(
        env,
        'BAKEN_DEADLINE_TRIAGE_ACUTE_WORKING_DAYS',
        DEFAULT_DEADLINE_PERIODS.triageAcuteWorkingDays,
        1,
        MAX_PERIOD_DAYS,
      ),
      forwardFeedbackWorkingDays: wholeNumber(
        env,
        'BAKEN_DEADLINE_FORWARD_FEEDBACK_WORKING_DAYS',
        DEFAULT_DEADLINE_PERIODS.forwardFeedbackWorkingDays,
        1,
        MAX_PERIOD_DAYS,
      ),
      proposalDecisionDays: wholeNumber(
        env,
        'BAKEN_DEADLINE_PROPOSAL_DECISION_DAYS',
        DEFAULT_DEADLINE_PERIODS.proposalDecisionDays,
        1,
        MAX_PERIOD_DAYS,
      ),
      effectFollowUpDays: wholeNumber(
        env,
        'BAKEN_DEADLINE_EFFECT_FOLLOW_UP_DAYS',
        DEFAULT_DEADLINE_PERIODS.effectFollowUpDays,
        1,
        MAX_PERIOD_DAYS,
      ),
      sweepIntervalMs: wholeNumber(env, 'BAKEN_DEADLINE_SWEEP_MS', 60_000, 1, INT32_MAX),
    },
    notifications: {
      chairOrganisation:
        text(env, 'BAKEN_STEERING_CHAIR_ORGANISATION', {
          valid: (value) => ORGANISATION_ID.test(value),
          requirement: 'be an organisation id, such as riec or municipality:breda',
          advice: unsetFor('riec'),
        }) ?? 'riec',
      webhookAttempts: wholeNumber(env, 'BAKEN_WEBHOOK_ATTEMPTS', 8, 1, 50),
      webhookBackoffMs: wholeNumber(env, 'BAKEN_WEBHOOK_BACKOFF_MS', 30_000, 1, INT32_MAX),
      webhookTimeoutMs: wholeNumber(env, 'BAKEN_WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
      webhookSweepIntervalMs: wholeNumber(env, 'BAKEN_WEBHOOK_SWEEP_MS', 60_000, 1, INT32_MAX),
      webhookHttpsOnly: production,
    },
  };
  // Last, once every other value is known to be usable: outside production the secrets may be written to files.
  return {
    ...settings,
    tokenSecret: loadTokenSecret(env, dataDir, production),
    masterKey: loadMasterKey(env, dataDir, production),
    keys: loadKeysConfig(env, dataDir, production),
  };
}

export interface KeysConfig {
  /** The keyring file of key-encryption keys (`BAKEN_KEYRING_FILE`); outside production `keyring.json` in the data directory. */
  keyringFile: string;
  /** A new KEK at least this often (`BAKEN_KEK_ROTATION_DAYS`, default 90); also soon after any erasure. */
  kekRotationDays: number;
  /** How long backups are kept (`BAKEN_BACKUP_RETENTION_DAYS`, default 35): a rotated-out KEK is retired after this. */
  backupRetentionDays: number;
  /** The Ed25519 private key (PEM) that signs seals (`BAKEN_SEAL_KEY_FILE`). */
  sealKeyFile: string;
  /** The append-only seal log, one signed seal per line (`BAKEN_SEAL_LOG`). */
  sealLogFile: string;
  /** Seal the event log this often (`BAKEN_SEAL_INTERVAL_MINUTES`, default 60; 0: only on demand). */
  sealIntervalMinutes: number;
}

export interface DatabaseRolesConfig {
  /**
   * Serve through the runtime role (`BAKEN_DB_LEAST_PRIVILEGE`, default true): started with an owner's or a
   * superuser's `DATABASE_URL`, Baken migrates with it and then connects as the runtime role. Operator commands
   * (migrations, rebuilds) switch it off and act as the owner.
   */
  serveAsRuntimeRole: boolean;
  /** The runtime role's name (`BAKEN_DB_RUNTIME_ROLE`, default `baken_runtime`). */
  runtimeRole: string;
  /** Connect as this URL to serve (`BAKEN_RUNTIME_DATABASE_URL`), instead of the derived runtime role's. */
  runtimeDatabaseUrl: string | null;
}

/** Serving as the owner or a superuser is only for development: production always serves as the runtime role. */
function leastPrivilege(env: NodeJS.ProcessEnv, production: boolean): boolean {
  const on = boolean(env, 'BAKEN_DB_LEAST_PRIVILEGE', true);
  if (production && !on)
    throw new ConfigurationError(
      'BAKEN_DB_LEAST_PRIVILEGE=false is only for development: in production API and workers serve as the runtime role.',
    );
  return on;
}

/** Files outside the database; in production each must be named, so that they live where the operator chose. */
function loadKeysConfig(env: NodeJS.ProcessEnv, dataDir: string, production: boolean): KeysConfig {
  const file = (name: string, fallback: string, what: string): string => {
    const configured = text(env, name);
    if (configured) return resolve(configured);
    if (production)
      throw new ConfigurationError(
        `${name} is not set. In production it names ${what}, on a volume outside the database and its backups.`,
      );
    return join(dataDir, fallback);
  };
  return {
    keyringFile: file(
      'BAKEN_KEYRING_FILE',
      'keyring.json',
      'the keyring file of key-encryption keys (created if absent)',
    ),
    kekRotationDays: wholeNumber(env, 'BAKEN_KEK_ROTATION_DAYS', 90, 1, MAX_PERIOD_DAYS),
    backupRetentionDays: wholeNumber(env, 'BAKEN_BACKUP_RETENTION_DAYS', 35, 0, MAX_PERIOD_DAYS),
    sealKeyFile: file(
      'BAKEN_SEAL_KEY_FILE',
      'seal-signing-key.pem',
      'the Ed25519 seal-signing key (created if absent)',
    ),
    sealLogFile: file('BAKEN_SEAL_LOG', 'seals.jsonl', 'the seal log (created if absent)'),
    sealIntervalMinutes: wholeNumber(env, 'BAKEN_SEAL_INTERVAL_MINUTES', 60, 0, 7 * 24 * 60),
  };
}

const REDIS_URL = {
  protocols: ['redis:', 'rediss:'],
  secret: true,
  requirement: 'be a Redis URL, redis://host:6379 or rediss://host:6380',
};

/** `off` (or an empty value) means none, also outside test and production. */
function localRedisUrl(env: NodeJS.ProcessEnv, nodeEnv: NodeEnv): string | null {
  const value = env.BAKEN_LOCAL_REDIS_URL;
  if (value !== undefined) {
    if (value === '' || value === 'off') return null;
    return url(env, 'BAKEN_LOCAL_REDIS_URL', {
      ...REDIS_URL,
      requirement: `${REDIS_URL.requirement}, or off`,
      advice: 'Set it to off to run background work in-process.',
    });
  }
  return nodeEnv === 'test' || nodeEnv === 'production' ? null : 'redis://127.0.0.1:6379';
}

function loadTokenSecret(env: NodeJS.ProcessEnv, dataDir: string, production: boolean): Uint8Array {
  const configured = text(env, 'BAKEN_TOKEN_SECRET');
  if (configured) return new TextEncoder().encode(configured);
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
 * development key is generated once into the data directory when none is given. The value is never shown.
 */
function loadMasterKey(env: NodeJS.ProcessEnv, dataDir: string, production: boolean): Buffer {
  const configured = text(env, 'BAKEN_MASTER_KEY');
  if (configured) {
    const key = Buffer.from(configured, 'base64');
    if (key.length !== 32)
      throw new ConfigurationError(
        'BAKEN_MASTER_KEY must be 32 bytes in base64 (44 characters), e.g. from `openssl rand -base64 32`.',
      );
    return key;
  }
  if (production)
    throw new ConfigurationError(
      'BAKEN_MASTER_KEY is not set. In production set it to 32 random bytes in base64, e.g. from `openssl rand -base64 32`.',
    );
  const file = join(dataDir, 'master.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

const SAFE_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];
const DEFAULT_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];
/** A claim name (which may itself contain dots, e.g. a URL) or a dotted path into nested claims. */
const CLAIM = {
  valid: (value: string) => /^\S+$/.test(value),
  requirement: 'be a claim name or a dotted path such as realm_access.roles, without spaces',
};
/** RFC 6749 scope tokens, separated by single spaces. */
const SCOPES = /^[\x21\x23-\x5b\x5d-\x7e]+(?: [\x21\x23-\x5b\x5d-\x7e]+)*$/;

function loadOidcConfig(env: NodeJS.ProcessEnv, production: boolean): OidcConfig | null {
  if (read(env, 'OIDC_ISSUER') === undefined) return null;
  const allowInsecureHttp = boolean(env, 'OIDC_ALLOW_HTTP', false);
  if (production && allowInsecureHttp)
    throw new ConfigurationError('OIDC_ALLOW_HTTP=true is only for a local test provider, never in production.');
  const providerUrl = (name: string) =>
    url(env, name, {
      protocols: allowInsecureHttp ? ['https:', 'http:'] : ['https:'],
      requirement: `use https: an absolute URL such as https://login.example.org/realms/baken${allowInsecureHttp ? ' (or http://)' : ''}`,
      advice: allowInsecureHttp
        ? ''
        : 'Plain http:// only for a local test provider, with OIDC_ALLOW_HTTP=true outside production.',
    });
  const issuer = providerUrl('OIDC_ISSUER')!;
  const audience = text(env, 'OIDC_AUDIENCE');
  if (!audience)
    throw new ConfigurationError(
      'OIDC_AUDIENCE is required with OIDC_ISSUER: the `aud` access tokens for this API carry.',
    );
  const algorithms = list(env, 'OIDC_ALGORITHMS', DEFAULT_ALGORITHMS, {
    valid: (algorithm) => SAFE_ALGORITHMS.includes(algorithm),
    nonEmpty: true,
    requirement: `list only asymmetric signature algorithms, comma-separated, from ${SAFE_ALGORITHMS.join(', ')}`,
    advice: unsetFor(DEFAULT_ALGORITHMS.join(',')),
  });
  const clientId = text(env, 'OIDC_CLIENT_ID') ?? null;
  const redirectUri = providerUrl('OIDC_REDIRECT_URI');
  if (clientId && !redirectUri)
    throw new ConfigurationError(
      "OIDC_REDIRECT_URI is required with OIDC_CLIENT_ID: the API's /api/auth/callback as the browser reaches it.",
    );
  const claim = (name: string, fallback: string) =>
    text(env, name, { ...CLAIM, advice: unsetFor(fallback) }) ?? fallback;
  return {
    issuer,
    audience,
    algorithms,
    jwksUri: providerUrl('OIDC_JWKS_URI'),
    clientId,
    clientSecret: text(env, 'OIDC_CLIENT_SECRET') ?? null,
    redirectUri,
    scopes:
      text(env, 'OIDC_SCOPES', {
        valid: (value) => SCOPES.test(value) && value.split(' ').includes('openid'),
        requirement: 'be scopes separated by single spaces, including openid (the sign-in expects an ID token)',
        advice: unsetFor('"openid profile"'),
      }) ?? 'openid profile',
    resource: url(env, 'OIDC_RESOURCE', {
      protocols: 'any',
      requirement: 'be an absolute URI (RFC 8707), such as https://baken.example.org/api',
      advice: 'Leave it unset to send no resource parameter.',
    }),
    claims: {
      username: claim('OIDC_CLAIM_USERNAME', 'sub'),
      role: claim('OIDC_CLAIM_ROLE', 'baken_role'),
      districts: claim('OIDC_CLAIM_DISTRICTS', 'baken_districts'),
      municipality: claim('OIDC_CLAIM_MUNICIPALITY', 'baken_municipality'),
      organisation: claim('OIDC_CLAIM_ORGANISATION', 'baken_organisation'),
      displayName: claim('OIDC_CLAIM_NAME', 'name'),
      roleValues: Object.fromEntries(
        list(env, 'OIDC_ROLE_MAP', [], {
          valid: (pair) => /^[^=]*[^=\s][^=]*=[^=]*[^=\s][^=]*$/.test(pair),
          requirement: 'read "providerValue=role,…", such as stuurploeg=steering_group,zorgcoordinator=coordinator',
          advice: "Leave it unset to take the provider's role values as they are.",
        }).map((pair) => pair.split('=').map((s) => s.trim())),
      ),
    },
    allowInsecureHttp,
    clockToleranceSeconds: wholeNumber(env, 'OIDC_CLOCK_TOLERANCE_SECONDS', 30, 0, INT32_MAX),
  };
}

/** Fastify's `trustProxy`: `true`, `false`, a number of hops, or the addresses of the proxies (proxy-addr's forms). */
function trustProxy(env: NodeJS.ProcessEnv, name: string): boolean | number | string {
  const value = read(env, name);
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
  if (value.split(',').every((entry) => isProxyAddress(entry.trim()))) return value;
  return refuse(
    name,
    'be true, false, a number of proxy hops, or a comma-separated list of proxy addresses: IP addresses, ranges such as 10.0.0.0/8, loopback, linklocal, uniquelocal',
    quoted(value),
    'Leave it unset to trust no proxy.',
  );
}

function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, range, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length) return false;
  if (range === undefined) return true;
  if (/^\d+$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  if (family !== 4 || isIP(range) !== 4) return false;
  // A netmask such as 255.255.0.0: its ones must be contiguous.
  const hostBits = 2 ** 32 - 1 - range.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  return (hostBits & (hostBits + 1)) === 0;
}

function isOrigin(value: string): boolean {
  try {
    const parsed = new URL(value);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.origin === value;
  } catch {
    return false;
  }
}

/** An organisation id (DOMAIN.md "Organisations"): `riec`, `municipality:breda`, `shelter:sterk-huis`. */
const ORGANISATION_ID = /^(?:[a-z_]+|(?:municipality|shelter):[a-z0-9]+(?:-[a-z0-9]+)*)$/;

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

// The readers. Each takes the variable's name and what to do when it is unset, and refuses any other value.

/** A variable's value; an empty one counts as unset (`VAR=` in an env file). */
function read(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function refuse(name: string, requirement: string, received: string, advice: string): never {
  throw new ConfigurationError(`${name} must ${requirement}, got ${received}.${advice ? ` ${advice}` : ''}`);
}

const quoted = (value: string) => JSON.stringify(value);
const unsetFor = (fallback: string) => `Leave it unset for the default, ${fallback}.`;

/** Exactly `true` or `false`. */
function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = read(env, name);
  if (value === undefined) return fallback;
  if (value !== 'true' && value !== 'false')
    refuse(name, 'be true or false', quoted(value), unsetFor(String(fallback)));
  return value === 'true';
}

/** Decimal digits only (no sign, fraction, exponent or spaces), from `min` to `max`. */
function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const value = read(env, name);
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max))
    refuse(name, `be a whole number from ${min} to ${max}`, quoted(value), unsetFor(String(fallback)));
  return n;
}

/** One of `values`, spelled exactly so. */
function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, values: readonly T[], fallback: T): T {
  const value = read(env, name);
  if (value === undefined) return fallback;
  if (!(values as readonly string[]).includes(value))
    refuse(name, `be one of ${values.join(', ')}`, quoted(value), unsetFor(fallback));
  return value as T;
}

interface Rule {
  valid(value: string): boolean;
  /** What the value must be, after "must": "be …". */
  requirement: string;
  /** What to do instead, e.g. leave it unset for the default. */
  advice: string;
}

/** Free text, or text that passes `rule`; `undefined` when unset. */
function text(env: NodeJS.ProcessEnv, name: string, rule?: Rule): string | undefined {
  const value = read(env, name);
  if (value !== undefined && rule && !rule.valid(value)) refuse(name, rule.requirement, quoted(value), rule.advice);
  return value;
}

/**
 * An absolute URL with one of `protocols` (and a `//` authority part), or with `any` any absolute URI; `null` when
 * unset. Of a `secret` one (it may hold a password) the
 * message shows only the scheme.
 */
function url(
  env: NodeJS.ProcessEnv,
  name: string,
  rule: Omit<Rule, 'valid'> & { protocols: string[] | 'any'; secret?: boolean },
): string | null {
  const value = read(env, name);
  if (value === undefined) return null;
  let parsed: URL | null = null;
  try {
    parsed = new URL(value);
  } catch {
    // Not an absolute URL.
  }
  const known =
    parsed &&
    (rule.protocols === 'any' ||
      (rule.protocols.includes(parsed.protocol) && value.toLowerCase().startsWith(`${parsed.protocol}//`)));
  if (!known) {
    const received = !rule.secret
      ? quoted(value)
      : parsed
        ? `a value starting ${quoted(parsed.protocol)} (the rest is not shown)`
        : 'a value that is not a URL (not shown)';
    refuse(name, rule.requirement, received, rule.advice);
  }
  return value;
}

/**
 * A PostgreSQL connection URL, also libpq's multi-host form (`postgres://u@h1:5432,h2:5432/db?target_session_attrs=…`,
 * which `URL` cannot parse): then the URL as it reads for its first host is checked, and the host list itself.
 */
function databaseUrl(env: NodeJS.ProcessEnv, name: string, rule: Omit<Rule, 'valid'>): string | null {
  const value = read(env, name);
  if (value === undefined) return null;
  let parsed: ConnectionUrl | null = null;
  try {
    parsed = parseConnectionUrl(value);
  } catch (error) {
    if (!(error instanceof InvalidConnectionUrl) || !/^postgres(ql)?:\/\/[^/?#]*,/i.test(value)) parsed = null;
    else
      refuse(
        name,
        `${rule.requirement}, or for several servers postgres://user:password@host1:5432,host2:5432/database?target_session_attrs=read-write`,
        `a multi-host URL where ${error.message} (the rest is not shown)`,
        rule.advice,
      );
  }
  const single = parsed?.selectsHost ? parsed.urlFor(parsed.hosts[0]) : value;
  url({ [name]: single }, name, { ...rule, protocols: ['postgres:', 'postgresql:'], secret: true });
  return value;
}

/** `DATABASE_READ_URL`: only beside a `DATABASE_URL` (the embedded database has no standby). */
function databaseReadUrl(env: NodeJS.ProcessEnv): string | null {
  const value = databaseUrl(env, 'DATABASE_READ_URL', {
    requirement: 'be a PostgreSQL connection URL of a standby, postgres://user:password@standby:5432/database',
    advice: 'Leave it unset to read from DATABASE_URL.',
  });
  if (value !== null && read(env, 'DATABASE_URL') === undefined)
    throw new ConfigurationError('DATABASE_READ_URL is set without DATABASE_URL: reads from a standby need a primary.');
  return value;
}

/** Comma-separated items, each trimmed and passing `rule`; empty items are dropped. */
function list(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: readonly string[],
  rule: Rule & { nonEmpty?: boolean },
): string[] {
  const value = read(env, name);
  if (value === undefined) return [...fallback];
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const refused = items.filter((item) => !rule.valid(item));
  if (refused.length || (rule.nonEmpty && items.length === 0)) {
    refuse(name, rule.requirement, `${quoted(value)} (refused: ${refused.join(', ') || 'an empty list'})`, rule.advice);
  }
  return items;
}

function deadlineJobs(env: NodeJS.ProcessEnv): AppConfig['deadlineJobs'] {
  const concurrency = wholeNumber(env, 'BAKEN_DEADLINE_JOBS', 32, 1, 1_000);
  return { concurrency, batchSize: wholeNumber(env, 'BAKEN_DEADLINE_BATCH', concurrency, 1, 1_000) };
}
