import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  ConfigurationError,
  DEFAULT_DEADLINE_PERIODS,
  DEVELOPMENT_NODE_ENVS,
  isProduction,
  loadConfig,
  NODE_ENVS,
  type AppConfig,
} from './config';

const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');
/** Both secrets given and a data directory that does not exist: loading the configuration touches no file. */
const BASE: NodeJS.ProcessEnv = {
  NODE_ENV: 'test',
  BAKEN_DATA_DIR: '/nonexistent/baken',
  BAKEN_MASTER_KEY: MASTER_KEY,
  BAKEN_TOKEN_SECRET: 'token secret',
  BAKEN_KEYRING_FILE: '/nonexistent/keys/keyring.json',
  BAKEN_SEAL_KEY_FILE: '/nonexistent/keys/seal-signing-key.pem',
  BAKEN_SEAL_LOG: '/nonexistent/seals/seals.jsonl',
};
const OIDC: NodeJS.ProcessEnv = {
  OIDC_ISSUER: 'https://login.example.org/realms/baken',
  OIDC_AUDIENCE: 'https://baken.example.org/api',
};

const load = (env: NodeJS.ProcessEnv) => loadConfig({ ...BASE, ...env });

function refusal(env: NodeJS.ProcessEnv): ConfigurationError {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error(`Accepted ${JSON.stringify(env)}`);
}

interface Variable {
  name: string;
  read: (config: AppConfig) => unknown;
  /** Further variables the case needs (an identity provider, a client registration). */
  with?: NodeJS.ProcessEnv;
  /** The value when unset or empty (under NODE_ENV=test); absent where that would read or write a file. */
  unset?: unknown;
  accepted: Array<[string, unknown]>;
  refused: string[];
  /** A part of the message that says what is accepted. */
  accepts: string;
  /** A value that may hold a password: the message must not show it. */
  secret?: boolean;
}

const bool = (
  name: string,
  read: (config: AppConfig) => boolean,
  unset: boolean,
  more: Partial<Variable> = {},
): Variable => ({
  name,
  read,
  unset,
  accepted: [
    ['true', true],
    ['false', false],
  ],
  refused: ['yes', 'no', 'TRUE', 'False', '1', '0', 'on', ' true'],
  accepts: 'be true or false',
  ...more,
});

const wholeNumber = (
  name: string,
  read: (config: AppConfig) => number,
  unset: number,
  min: number,
  max: number,
  more: Partial<Variable> = {},
): Variable => ({
  name,
  read,
  unset,
  accepted: [
    [String(min), min],
    [String(max), max],
    [String(unset), unset],
  ],
  refused: [
    String(max + 1),
    ...(min > 0 ? [String(min - 1)] : []),
    '-1',
    'fast',
    '1.5',
    '1e3',
    '0x10',
    ' 5',
    '5 ',
    '5s',
  ],
  accepts: `be a whole number from ${min} to ${max}`,
  ...more,
});

const claim = (
  name: string,
  field: 'username' | 'role' | 'districts' | 'municipality' | 'organisation' | 'displayName',
  unset: string,
): Variable => ({
  name,
  with: OIDC,
  read: (c) => (c.oidc!.claims as unknown as Record<string, unknown>)[field],
  unset,
  accepted: [
    ['realm_access.roles', 'realm_access.roles'],
    ['https://baken.example.org/role', 'https://baken.example.org/role'],
  ],
  refused: ['realm access', 'role\t'],
  accepts: 'be a claim name or a dotted path',
});

const VARIABLES: Variable[] = [
  {
    name: 'NODE_ENV',
    with: OIDC,
    read: (c) => c.nodeEnv,
    unset: 'development',
    accepted: [
      ['development', 'development'],
      ['test', 'test'],
      ['production', 'production'],
    ],
    refused: ['Production', 'PRODUCTION', 'prod', 'staging', 'dev', ' production'],
    accepts: 'be one of development, test, production',
  },
  wholeNumber('PORT', (c) => c.port, 3000, 0, 65_535),
  {
    name: 'HOST',
    read: (c) => c.host,
    unset: '0.0.0.0',
    accepted: [
      ['127.0.0.1', '127.0.0.1'],
      ['::', '::'],
      ['localhost', 'localhost'],
      ['api.baken.internal', 'api.baken.internal'],
    ],
    refused: ['http://localhost', '0.0.0.0:3000', '[::]', 'local host', '-api'],
    accepts: 'be an IP address or host name',
  },
  {
    name: 'DATABASE_URL',
    read: (c) => c.databaseUrl,
    unset: null,
    secret: true,
    accepted: [
      ['postgres://baken:secret@db:5432/baken', 'postgres://baken:secret@db:5432/baken'],
      ['postgresql:///baken?host=/run/postgresql', 'postgresql:///baken?host=/run/postgresql'],
      [
        'postgres://baken:secret@db1:5432,db2:5432/baken?target_session_attrs=read-write',
        'postgres://baken:secret@db1:5432,db2:5432/baken?target_session_attrs=read-write',
      ],
    ],
    refused: [
      'mysql://baken:secret@db/baken',
      'db:5432/baken',
      'baken:secret@db',
      'postgres:baken',
      'postgres://baken:secret@db1:5432,db2:x/baken',
      'postgres://baken:secret@db1,db2/baken?target_session_attrs=writable',
    ],
    accepts: 'be a PostgreSQL connection URL',
  },
  {
    name: 'BAKEN_DATA_DIR',
    read: (c) => c.dataDir,
    unset: join(process.cwd(), 'data'),
    accepted: [
      ['/srv/baken', '/srv/baken'],
      ['var/baken', resolve('var/baken')],
    ],
    refused: [],
    accepts: '',
  },
  {
    name: 'REDIS_URL',
    read: (c) => c.redisUrl,
    unset: null,
    secret: true,
    accepted: [
      ['redis://:secret@redis:6379', 'redis://:secret@redis:6379'],
      ['rediss://redis.example.org:6380/2', 'rediss://redis.example.org:6380/2'],
    ],
    refused: ['http://redis:6379', 'redis:6379', 'localhost:6379', 'cache.internal'],
    accepts: 'be a Redis URL',
  },
  {
    name: 'BAKEN_LOCAL_REDIS_URL',
    read: (c) => c.localRedisUrl,
    unset: null,
    secret: true,
    accepted: [
      ['off', null],
      ['redis://127.0.0.1:6380', 'redis://127.0.0.1:6380'],
    ],
    refused: ['on', 'false', 'localhost:6379', 'http://127.0.0.1:6379'],
    accepts: 'or off',
  },
  {
    name: 'BAKEN_QUEUE_PREFIX',
    read: (c) => c.queuePrefix,
    unset: null,
    accepted: [
      ['baken-a1b2c3d4', 'baken-a1b2c3d4'],
      ['{baken}', '{baken}'],
    ],
    refused: [],
    accepts: '',
  },
  bool('BAKEN_DEMO', (c) => c.demoMode, false, { with: OIDC }),
  bool('BAKEN_SEED_DEMO', (c) => c.seedDemo, true),
  {
    name: 'BAKEN_TOKEN_SECRET',
    read: (c) => Buffer.from(c.tokenSecret).toString(),
    accepted: [
      ['s', 's'],
      ['a longer secret', 'a longer secret'],
    ],
    refused: [],
    accepts: '',
  },
  {
    name: 'BAKEN_MASTER_KEY',
    read: (c) => c.masterKey,
    secret: true,
    accepted: [[MASTER_KEY, Buffer.alloc(32, 7)]],
    refused: [Buffer.alloc(16).toString('base64'), Buffer.alloc(33).toString('base64'), 'not a key'],
    accepts: '32 bytes in base64',
  },
  bool('BAKEN_COOKIE_SECURE', (c) => c.session.secureCookie, true),
  wholeNumber('BAKEN_SESSION_TTL_SECONDS', (c) => c.session.ttlSeconds, 8 * 3600, 1, 2_147_483_647),
  wholeNumber('BAKEN_SESSION_IDLE_SECONDS', (c) => c.session.idleSeconds, 30 * 60, 1, 2_147_483_647),
  bool('BAKEN_RATE_LIMIT', (c) => c.rateLimit.enabled, true),
  wholeNumber('BAKEN_RATE_LIMIT_WINDOW_SECONDS', (c) => c.rateLimit.windowSeconds, 60, 1, 2_147_483_647),
  wholeNumber('BAKEN_RATE_LIMIT_MAX', (c) => c.rateLimit.limit, 600, 1, 2_147_483_647),
  wholeNumber('BAKEN_LOGIN_RATE_LIMIT_MAX', (c) => c.rateLimit.loginLimit, 10, 1, 2_147_483_647),
  {
    name: 'BAKEN_CORS_ORIGINS',
    read: (c) => c.corsOrigins,
    unset: [],
    accepted: [
      ['https://a.example, https://b.example', ['https://a.example', 'https://b.example']],
      ['http://localhost:5173', ['http://localhost:5173']],
      [',', []],
    ],
    refused: [
      'https://a.example/',
      'https://a.example/app',
      'https://A.example',
      'https://a.example:443',
      'a.example',
      '*',
      'ftp://a.example',
      'https://a.example,b.example',
    ],
    accepts: 'be a comma-separated list of origins',
  },
  {
    name: 'BAKEN_TRUST_PROXY',
    read: (c) => c.trustProxy,
    unset: false,
    accepted: [
      ['true', true],
      ['false', false],
      ['1', 1],
      ['0', 0],
      ['10.0.0.1', '10.0.0.1'],
      ['::1', '::1'],
      ['loopback', 'loopback'],
      [
        '10.0.0.0/8, 192.168.0.0/255.255.0.0, fd00::/8, uniquelocal',
        '10.0.0.0/8, 192.168.0.0/255.255.0.0, fd00::/8, uniquelocal',
      ],
    ],
    refused: [
      'yes',
      'TRUE',
      '-1',
      '1.5',
      'proxy.example.org',
      '10.0.0.0/33',
      'fd00::/129',
      '10.0.0.0/255.0.255.0',
      '10.0.0.1,',
      '10.0.0.1/8/8',
      'local',
    ],
    accepts: 'be true, false, a number of proxy hops, or a comma-separated list of proxy addresses',
  },
  wholeNumber('BAKEN_RETENTION_YEARS', (c) => c.retentionYears, 5, 1, 100),
  wholeNumber('BAKEN_IDEMPOTENCY_TTL_HOURS', (c) => c.idempotencyTtlHours, 24, 1, 8760),
  wholeNumber('BAKEN_BODY_LIMIT_BYTES', (c) => c.bodyLimitBytes, 256 * 1024, 1, 2_147_483_647),
  bool('BAKEN_RUN_SUBSCRIPTIONS', (c) => c.runSubscriptions, true),
  wholeNumber('BAKEN_SUBSCRIPTION_POLL_MS', (c) => c.subscriptionPollMs, 250, 1, 2_147_483_647),
  bool('BAKEN_RUN_WORKERS', (c) => c.runWorkers, false),
  wholeNumber('BAKEN_DEADLINE_TRIAGE_WORKING_DAYS', (c) => c.deadlines.triageWorkingDays, 5, 1, 3650),
  wholeNumber('BAKEN_DEADLINE_PROPOSAL_DECISION_DAYS', (c) => c.deadlines.proposalDecisionDays, 30, 1, 3650),
  wholeNumber('BAKEN_DEADLINE_EFFECT_FOLLOW_UP_DAYS', (c) => c.deadlines.effectFollowUpDays, 56, 1, 3650),
  wholeNumber('BAKEN_DEADLINE_TRIAGE_HIGH_WORKING_DAYS', (c) => c.deadlines.triageHighWorkingDays, 3, 1, 3650),
  wholeNumber('BAKEN_DEADLINE_TRIAGE_ACUTE_WORKING_DAYS', (c) => c.deadlines.triageAcuteWorkingDays, 1, 1, 3650),
  wholeNumber(
    'BAKEN_DEADLINE_FORWARD_FEEDBACK_WORKING_DAYS',
    (c) => c.deadlines.forwardFeedbackWorkingDays,
    20,
    1,
    3650,
  ),
  wholeNumber('BAKEN_DEADLINE_SWEEP_MS', (c) => c.deadlines.sweepIntervalMs, 60_000, 1, 2_147_483_647),
  wholeNumber('BAKEN_DEADLINE_JOBS', (c) => c.deadlineJobs.concurrency, 32, 1, 1000),
  wholeNumber('BAKEN_DEADLINE_BATCH', (c) => c.deadlineJobs.batchSize, 32, 1, 1000),
  {
    name: 'BAKEN_STEERING_CHAIR_ORGANISATION',
    read: (c) => c.notifications.chairOrganisation,
    unset: 'riec',
    accepted: [
      ['riec', 'riec'],
      ['municipality:breda', 'municipality:breda'],
    ],
    refused: ['RIEC', 'municipality:', 'riec,police_avim', 'municipality:Breda'],
    accepts: 'be an organisation id',
  },
  wholeNumber('BAKEN_WEBHOOK_ATTEMPTS', (c) => c.notifications.webhookAttempts, 8, 1, 50),
  wholeNumber('BAKEN_WEBHOOK_BACKOFF_MS', (c) => c.notifications.webhookBackoffMs, 30_000, 1, 2_147_483_647),
  wholeNumber('BAKEN_WEBHOOK_TIMEOUT_MS', (c) => c.notifications.webhookTimeoutMs, 10_000, 100, 120_000),
  wholeNumber('BAKEN_WEBHOOK_SWEEP_MS', (c) => c.notifications.webhookSweepIntervalMs, 60_000, 1, 2_147_483_647),
  {
    name: 'OIDC_ISSUER',
    with: OIDC,
    read: (c) => c.oidc!.issuer,
    accepted: [
      ['https://idp.example/realms/zwb', 'https://idp.example/realms/zwb'],
      ['HTTPS://idp.example', 'HTTPS://idp.example'],
    ],
    refused: ['http://login.example.org', 'login.example.org', '/realms/zwb', 'ftp://login.example.org'],
    accepts: 'use https',
  },
  bool('OIDC_ALLOW_HTTP', (c) => c.oidc!.allowInsecureHttp, false, { with: OIDC }),
  {
    name: 'OIDC_ALGORITHMS',
    with: OIDC,
    read: (c) => c.oidc!.algorithms,
    unset: ['RS256', 'PS256', 'ES256', 'EdDSA'],
    accepted: [
      ['RS256', ['RS256']],
      ['ES256, EdDSA', ['ES256', 'EdDSA']],
    ],
    refused: ['HS256', 'RS256,none', 'rs256', ','],
    accepts: 'list only asymmetric signature algorithms',
  },
  {
    name: 'OIDC_CLIENT_ID',
    with: { ...OIDC, OIDC_REDIRECT_URI: 'https://baken.example.org/api/auth/callback' },
    read: (c) => c.oidc!.clientId,
    unset: null,
    accepted: [['baken', 'baken']],
    refused: [],
    accepts: '',
  },
  {
    name: 'OIDC_CLIENT_SECRET',
    with: OIDC,
    read: (c) => c.oidc!.clientSecret,
    unset: null,
    accepted: [['s3cret', 's3cret']],
    refused: [],
    accepts: '',
  },
  ...['OIDC_REDIRECT_URI', 'OIDC_JWKS_URI'].map((name): Variable => ({
    name,
    with: OIDC,
    read: (c) => (name === 'OIDC_JWKS_URI' ? c.oidc!.jwksUri : c.oidc!.redirectUri),
    unset: null,
    accepted: [['https://baken.example.org/x', 'https://baken.example.org/x']],
    refused: ['http://baken.example.org/x', '/api/auth/callback', 'baken.example.org'],
    accepts: 'use https',
  })),
  {
    name: 'OIDC_SCOPES',
    with: OIDC,
    read: (c) => c.oidc!.scopes,
    unset: 'openid profile',
    accepted: [
      ['openid', 'openid'],
      ['openid email roles', 'openid email roles'],
    ],
    refused: ['profile', 'openid,profile', 'openid  profile', ' openid'],
    accepts: 'including openid',
  },
  {
    name: 'OIDC_RESOURCE',
    with: OIDC,
    read: (c) => c.oidc!.resource,
    unset: null,
    accepted: [
      ['https://baken.example.org/api', 'https://baken.example.org/api'],
      ['api://baken', 'api://baken'],
    ],
    refused: ['baken-api', '/api'],
    accepts: 'be an absolute URI',
  },
  claim('OIDC_CLAIM_USERNAME', 'username', 'sub'),
  claim('OIDC_CLAIM_ROLE', 'role', 'baken_role'),
  claim('OIDC_CLAIM_DISTRICTS', 'districts', 'baken_districts'),
  claim('OIDC_CLAIM_MUNICIPALITY', 'municipality', 'baken_municipality'),
  claim('OIDC_CLAIM_ORGANISATION', 'organisation', 'baken_organisation'),
  claim('OIDC_CLAIM_NAME', 'displayName', 'name'),
  {
    name: 'OIDC_ROLE_MAP',
    with: OIDC,
    read: (c) => c.oidc!.claims.roleValues,
    unset: {},
    accepted: [
      [
        'stuurploeg=steering_group, zorgcoordinator = coordinator',
        { stuurploeg: 'steering_group', zorgcoordinator: 'coordinator' },
      ],
    ],
    refused: ['stuurploeg', 'stuurploeg=', '=coordinator', 'a=b=c', 'stuurploeg:steering_group'],
    accepts: 'read "providerValue=role,…"',
  },
  wholeNumber('OIDC_CLOCK_TOLERANCE_SECONDS', (c) => c.oidc!.clockToleranceSeconds, 30, 0, 2_147_483_647, {
    with: OIDC,
  }),
];

describe('loading the configuration from the environment', () => {
  describe.each(VARIABLES)('$name', (variable) => {
    const withValue = (value: string | undefined) => ({ ...variable.with, [variable.name]: value });

    if (variable.unset !== undefined) {
      it('takes its default when unset or empty', () => {
        expect(variable.read(load(withValue(undefined)))).toEqual(variable.unset);
        expect(variable.read(load(withValue('')))).toEqual(variable.unset);
      });
    }

    it.each(variable.accepted)('accepts %j as %j', (value, expected) => {
      expect(variable.read(load(withValue(value)))).toEqual(expected);
    });

    if (variable.refused.length) {
      it.each(variable.refused)('refuses %j with a message that names the variable and what is accepted', (value) => {
        const { message } = refusal(withValue(value));
        expect(message).toContain(`${variable.name} must`);
        expect(message).toContain(variable.accepts);
        if (variable.secret) expect(message).not.toContain(value);
        else expect(message).toContain(`got ${JSON.stringify(value)}`);
      });
    }
  });

  describe('the values that used to be read loosely', () => {
    it.each<[string, NodeJS.ProcessEnv, string]>([
      [
        'BAKEN_RUN_WORKERS=yes, which ran no jobs',
        { BAKEN_RUN_WORKERS: 'yes' },
        'BAKEN_RUN_WORKERS must be true or false, got "yes". Leave it unset for the default, false.',
      ],
      [
        'BAKEN_RUN_SUBSCRIPTIONS=TRUE, which turned the projections off',
        { BAKEN_RUN_SUBSCRIPTIONS: 'TRUE' },
        'BAKEN_RUN_SUBSCRIPTIONS must be true or false, got "TRUE". Leave it unset for the default, true.',
      ],
      [
        'BAKEN_SUBSCRIPTION_POLL_MS=fast, which became NaN',
        { BAKEN_SUBSCRIPTION_POLL_MS: 'fast' },
        'BAKEN_SUBSCRIPTION_POLL_MS must be a whole number from 1 to 2147483647, got "fast". Leave it unset for the default, 250.',
      ],
      [
        'NODE_ENV=Production, which started in demo mode',
        { NODE_ENV: 'Production' },
        'NODE_ENV must be one of development, test, production, got "Production". Leave it unset for the default, development.',
      ],
      [
        'BAKEN_DEMO=yes, which switched demo login off',
        { BAKEN_DEMO: 'yes' },
        'BAKEN_DEMO must be true or false, got "yes". Leave it unset for the default, true.',
      ],
      [
        'BAKEN_BODY_LIMIT_BYTES=1mb, which became NaN',
        { BAKEN_BODY_LIMIT_BYTES: '1mb' },
        'BAKEN_BODY_LIMIT_BYTES must be a whole number from 1 to 2147483647, got "1mb". Leave it unset for the default, 262144.',
      ],
      [
        'BAKEN_SEED_DEMO=no, which seeded the demo cases',
        { BAKEN_SEED_DEMO: 'no' },
        'BAKEN_SEED_DEMO must be true or false, got "no". Leave it unset for the default, true.',
      ],
      [
        'BAKEN_TRUST_PROXY=yes, which trusted a proxy named "yes"',
        { BAKEN_TRUST_PROXY: 'yes' },
        'BAKEN_TRUST_PROXY must be true, false, a number of proxy hops, or a comma-separated list of proxy addresses: IP addresses, ranges such as 10.0.0.0/8, loopback, linklocal, uniquelocal, got "yes". Leave it unset to trust no proxy.',
      ],
      [
        'HOST=http://localhost, which failed only when listening',
        { HOST: 'http://localhost' },
        'HOST must be an IP address or host name to listen on, such as 0.0.0.0, :: or localhost, got "http://localhost". Leave it unset for the default, 0.0.0.0.',
      ],
    ])('refuses %s', (_, env, message) => {
      expect(refusal(env).message).toBe(message);
    });

    it('shows only the scheme of a refused database URL, which may hold a password', () => {
      expect(refusal({ DATABASE_URL: 'mysql://baken:hunter2@db/baken' }).message).toBe(
        'DATABASE_URL must be a PostgreSQL connection URL, postgres://user:password@host:5432/database, got a value starting "mysql:" (the rest is not shown). ' +
          'Leave it unset to use the embedded database in BAKEN_DATA_DIR.',
      );
      expect(refusal({ REDIS_URL: 'hunter2@redis' }).message).toContain('got a value that is not a URL (not shown)');
    });
  });

  describe('defaults that depend on other variables', () => {
    it('runs the workers by default outside NODE_ENV=test', () => {
      expect(load({ NODE_ENV: 'development' }).runWorkers).toBe(true);
      expect(load({ NODE_ENV: 'test' }).runWorkers).toBe(false);
    });

    it('tries a local Redis by default only in development', () => {
      expect(load({ NODE_ENV: 'development' }).localRedisUrl).toBe('redis://127.0.0.1:6379');
      expect(load({ NODE_ENV: 'production', ...OIDC }).localRedisUrl).toBeNull();
      expect(load({ NODE_ENV: 'development', BAKEN_LOCAL_REDIS_URL: 'off' }).localRedisUrl).toBeNull();
    });

    it('turns demo login on by default only without an identity provider', () => {
      expect(load({}).demoMode).toBe(true);
      expect(load(OIDC).demoMode).toBe(false);
      expect(load({ ...OIDC, BAKEN_DEMO: 'true' }).demoMode).toBe(true);
    });

    it('takes the deadline periods from DEFAULT_DEADLINE_PERIODS', () => {
      expect(DEFAULT_DEADLINE_PERIODS).toEqual({
        triageWorkingDays: 5,
        triageHighWorkingDays: 3,
        triageAcuteWorkingDays: 1,
        proposalDecisionDays: 30,
        effectFollowUpDays: 56,
        forwardFeedbackWorkingDays: 20,
      });
      expect(load({}).deadlines).toEqual({ ...DEFAULT_DEADLINE_PERIODS, sweepIntervalMs: 60_000 });
      expect(load({ BAKEN_DEADLINE_JOBS: '4' }).deadlineJobs).toEqual({ concurrency: 4, batchSize: 4 });
    });

    it('configures no identity provider without OIDC_ISSUER', () => {
      expect(load({ OIDC_AUDIENCE: 'ignored', OIDC_ALGORITHMS: 'HS256' }).oidc).toBeNull();
    });
  });

  describe('demo mode: only with NODE_ENV unset, development or test', () => {
    it.each([undefined, '', 'development', 'test'])('is possible with NODE_ENV=%j', (value) => {
      expect(load({ NODE_ENV: value }).demoMode).toBe(true);
    });

    it('is never on with NODE_ENV=production: refused when asked for, off with an identity provider', () => {
      expect(refusal({ NODE_ENV: 'production' }).message).toMatch(
        /^Demo login is not allowed with NODE_ENV=production/,
      );
      expect(refusal({ NODE_ENV: 'production', ...OIDC, BAKEN_DEMO: 'true' }).message).toMatch(
        /^Demo login is not allowed with NODE_ENV=production/,
      );
      expect(load({ NODE_ENV: 'production', ...OIDC }).demoMode).toBe(false);
    });

    it.each(['Production', 'PRODUCTION', 'prod', 'staging', 'acceptance', 'Development', 'dev', 'TEST', ' test'])(
      'refuses NODE_ENV=%j, whatever else is set, naming the values it accepts',
      (value) => {
        for (const env of [{}, OIDC, { BAKEN_DEMO: 'true' }, { ...OIDC, BAKEN_DEMO: 'false' }])
          expect(refusal({ ...env, NODE_ENV: value }).message).toBe(
            `NODE_ENV must be one of development, test, production, got ${JSON.stringify(value)}. Leave it unset for the default, development.`,
          );
      },
    );

    it('generates no development key or token secret for a NODE_ENV it refuses', () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'baken-config-'));
      try {
        const unset = { BAKEN_DATA_DIR: dataDir, BAKEN_MASTER_KEY: undefined, BAKEN_TOKEN_SECRET: undefined };
        refusal({ ...unset, NODE_ENV: 'staging' });
        expect(readdirSync(dataDir)).toEqual([]);
        load({ ...unset, NODE_ENV: 'development' });
        expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['master.key', 'token.secret']));
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it('applies the rules of production to every NODE_ENV but development and test', () => {
      expect(DEVELOPMENT_NODE_ENVS).toEqual(['development', 'test']);
      expect(NODE_ENVS.filter(isProduction)).toEqual(['production']);
    });
  });

  describe('the combinations it refuses', () => {
    it.each<[string, NodeJS.ProcessEnv, RegExp]>([
      ['demo login in production', { NODE_ENV: 'production' }, /^Demo login is not allowed with NODE_ENV=production/],
      ['demo login switched off without an identity provider', { BAKEN_DEMO: 'false' }, /^Nobody could sign in/],
      [
        'a standby to read from without a primary',
        { DATABASE_READ_URL: 'postgres://baken@standby:5432/baken' },
        /^DATABASE_READ_URL is set without DATABASE_URL/,
      ],
      [
        'a read URL that is not a PostgreSQL URL',
        { DATABASE_URL: 'postgres://baken@db/baken', DATABASE_READ_URL: 'mysql://baken:secret@standby/baken' },
        /^DATABASE_READ_URL must be a PostgreSQL connection URL of a standby.*"mysql:" \(the rest is not shown\)/,
      ],
      [
        'serving as the owner in production',
        { NODE_ENV: 'production', ...OIDC, BAKEN_DB_LEAST_PRIVILEGE: 'false' },
        /^BAKEN_DB_LEAST_PRIVILEGE=false is only for development/,
      ],
      [
        'an insecure cookie in production',
        { NODE_ENV: 'production', ...OIDC, BAKEN_COOKIE_SECURE: 'false' },
        /^BAKEN_COOKIE_SECURE=false is only for/,
      ],
      [
        'a plain-http provider in production',
        { NODE_ENV: 'production', ...OIDC, OIDC_ALLOW_HTTP: 'true' },
        /^OIDC_ALLOW_HTTP=true is only for/,
      ],
      [
        'an identity provider without an audience',
        { ...OIDC, OIDC_AUDIENCE: '' },
        /^OIDC_AUDIENCE is required with OIDC_ISSUER/,
      ],
      [
        'a client registration without a redirect URI',
        { ...OIDC, OIDC_CLIENT_ID: 'baken' },
        /^OIDC_REDIRECT_URI is required with OIDC_CLIENT_ID/,
      ],
      [
        'production without a master key',
        { NODE_ENV: 'production', ...OIDC, BAKEN_MASTER_KEY: undefined },
        /^BAKEN_MASTER_KEY is not set/,
      ],
    ])('refuses %s', (_, env, message) => {
      expect(refusal(env).message).toMatch(message);
    });

    it('accepts a plain-http provider outside production when OIDC_ALLOW_HTTP=true', () => {
      const config = load({
        ...OIDC,
        OIDC_ALLOW_HTTP: 'true',
        OIDC_ISSUER: 'http://127.0.0.1:8080/realms/test',
        OIDC_JWKS_URI: 'http://127.0.0.1:8080/jwks',
      });
      expect(config.oidc).toMatchObject({
        issuer: 'http://127.0.0.1:8080/realms/test',
        jwksUri: 'http://127.0.0.1:8080/jwks',
        allowInsecureHttp: true,
      });
    });
  });
});
