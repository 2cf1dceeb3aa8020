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
  bodyLimitBytes: number;
  /** Run the asynchronous subscribers (projections, workflow) in this process. */
  runSubscriptions: boolean;
  subscriptionPollMs: number;
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
    bodyLimitBytes: Number(env.BAKEN_BODY_LIMIT_BYTES ?? 256 * 1024),
    runSubscriptions: (env.BAKEN_RUN_SUBSCRIPTIONS ?? 'true') === 'true',
    subscriptionPollMs: Number(env.BAKEN_SUBSCRIPTION_POLL_MS ?? 250),
  };
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
