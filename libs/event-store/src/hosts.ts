import { Client } from 'pg';

/** One server of a connection URL. */
export interface DatabaseHost {
  host: string;
  port: number;
}

/** libpq's `target_session_attrs`: which of the URL's servers a session may use. */
export const TARGET_SESSION_ATTRS = ['any', 'read-write', 'primary', 'read-only', 'standby', 'prefer-standby'] as const;
export type TargetSessionAttrs = (typeof TARGET_SESSION_ATTRS)[number];

/** A connection URL in libpq's syntax, possibly with several servers: `postgres://u@h1:5432,h2:5433/db?…`. */
export interface ConnectionUrl {
  hosts: DatabaseHost[];
  targetSessionAttrs: TargetSessionAttrs;
  /** True when a server has to be chosen: several hosts, or a `target_session_attrs` other than `any`. */
  selectsHost: boolean;
  /** The same URL with only `host` (and no `target_session_attrs`): what `pg` understands. */
  urlFor(host: DatabaseHost): string;
  /** `h1:5432,h2:5433/db`, without credentials, for messages. */
  describe(): string;
}

export class InvalidConnectionUrl extends Error {}

const URL_PARTS = /^(postgres(?:ql)?:\/\/)(?:([^@/?#]*)@)?([^/?#]*)([^?#]*)(?:\?([^#]*))?(#.*)?$/i;

/**
 * Parses a PostgreSQL connection URL with one or more comma-separated `host:port` pairs (IPv6 in brackets) and the
 * `target_session_attrs` parameter. Throws {@link InvalidConnectionUrl} for anything else; the message never shows
 * the credentials.
 */
export function parseConnectionUrl(url: string): ConnectionUrl {
  const parts = URL_PARTS.exec(url);
  if (!parts) throw new InvalidConnectionUrl('not a postgres:// or postgresql:// URL');
  const [, scheme, userinfo, authority, path, query, fragment = ''] = parts;
  if (authority === '') throw new InvalidConnectionUrl('no host');
  const hosts = authority.split(',').map(parseHost);
  let targetSessionAttrs: TargetSessionAttrs = 'any';
  let given = false;
  const params: string[] = [];
  for (const param of query ? query.split('&') : []) {
    const [key, value = ''] = param.split('=');
    if (decodeURIComponent(key) !== 'target_session_attrs') {
      params.push(param);
      continue;
    }
    const attrs = decodeURIComponent(value);
    if (!(TARGET_SESSION_ATTRS as readonly string[]).includes(attrs))
      throw new InvalidConnectionUrl(`target_session_attrs must be one of ${TARGET_SESSION_ATTRS.join(', ')}`);
    targetSessionAttrs = attrs as TargetSessionAttrs;
    given = true;
  }
  const rest = `${path}${params.length ? `?${params.join('&')}` : ''}${fragment}`;
  const credentials = userinfo === undefined ? '' : `${userinfo}@`;
  const hostText = (h: DatabaseHost) => `${h.host.includes(':') ? `[${h.host}]` : h.host}:${h.port}`;
  return {
    hosts,
    targetSessionAttrs,
    selectsHost: hosts.length > 1 || (given && targetSessionAttrs !== 'any'),
    urlFor: (host) => `${scheme}${credentials}${hostText(host)}${rest}`,
    describe: () => `${hosts.map(hostText).join(',')}${path}`,
  };
}

function parseHost(text: string): DatabaseHost {
  const match = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/i.exec(text);
  const port = Number(match?.[3] ?? 5432);
  if (!match || port < 1 || port > 65_535)
    throw new InvalidConnectionUrl('each host must read host, host:port or [ipv6]:port, separated by commas');
  return { host: decodeURIComponent(match[1] ?? match[2]), port };
}

/** The URL with other credentials (every host kept): the runtime role's URL derived from the owner's. */
export function withCredentials(url: string, user: string, password: string): string {
  const parts = URL_PARTS.exec(url);
  if (!parts) throw new InvalidConnectionUrl('not a postgres:// or postgresql:// URL');
  const [, scheme, userinfo, authority] = parts;
  const rest = url.slice(scheme.length + (userinfo === undefined ? 0 : userinfo.length + 1) + authority.length);
  return `${scheme}${encodeURIComponent(user)}:${encodeURIComponent(password)}@${authority}${rest}`;
}

/** The user name of a connection URL (decoded), or null when it names none. */
export function connectionUser(url: string): string | null {
  const userinfo = URL_PARTS.exec(url)?.[2];
  return userinfo ? decodeURIComponent(userinfo.split(':')[0]) : null;
}

/**
 * Errors after which a connection (or the server behind it) is gone or can no longer take writes: the pool's server
 * went away, was shut down or restarted (`57P01`–`57P03`), or became a standby (`25006`). Not a full pool
 * ("timeout exceeded when trying to connect"): that is load, not a lost server.
 */
export function isConnectionLoss(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code.startsWith('08') || LOSS_CODES.has(code)) return true;
  return typeof e?.message === 'string' && LOSS_MESSAGES.test(e.message);
}

const LOSS_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '25006',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const LOSS_MESSAGES =
  /Connection terminated|connection is closed|Client has encountered a connection error|Connection ended unexpectedly|Client was closed/i;

/**
 * No server of the URL answered as `target_session_attrs` asks (all down, or none primary yet during a failover).
 * Carries `08001` (`sqlclient_unable_to_establish_sqlconnection`), so that requests answer 503 with Retry-After.
 */
export class NoSuitableHostError extends Error {
  readonly code = '08001';
}

/**
 * The connection led to a server that is no longer the primary (it answered `25006 read_only_sql_transaction`, or its
 * pool was retired after a failover). To callers it is a failed connection: `08006`, answered 503 with Retry-After.
 */
export class PrimaryLostError extends Error {
  readonly code = '08006';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export interface FindHostOptions {
  /** Try every server in turn until this many milliseconds have passed (at least one round). */
  timeoutMs: number;
  /** The limit of one connection attempt to one server. */
  connectTimeoutMs: number;
  /** Pause between two rounds over all servers. */
  pauseMs?: number;
}

interface HostState {
  host: DatabaseHost;
  standby: boolean;
  readOnly: boolean;
}

/**
 * Connects to each server of `target` in turn and returns the single-host URL of the first that suits its
 * `target_session_attrs` (`read-write`: `transaction_read_only` off; `primary`: not in recovery; `prefer-standby`: a
 * standby if any answers, else any server). Rounds repeat until `timeoutMs` (a promotion takes a moment); then
 * {@link NoSuitableHostError}. An answer that is not about reachability (a wrong password, no such database) fails
 * at once.
 */
export async function findHost(target: ConnectionUrl, options: FindHostOptions): Promise<string> {
  const deadline = Date.now() + options.timeoutMs;
  const seen: string[] = [];
  for (;;) {
    seen.length = 0;
    const states: HostState[] = [];
    for (const host of target.hosts) {
      try {
        const state = await probe(target, host, options.connectTimeoutMs);
        states.push(state);
        if (suits(target.targetSessionAttrs, state, false)) return target.urlFor(host);
        seen.push(`${host.host}:${host.port} is ${state.standby ? 'a standby' : 'read-only'}`);
      } catch (error) {
        if (!isConnectionLoss(error)) throw error;
        seen.push(`${host.host}:${host.port}: ${(error as Error).message}`);
      }
    }
    const fallback = states.find((state) => suits(target.targetSessionAttrs, state, true));
    if (fallback) return target.urlFor(fallback.host);
    if (Date.now() + (options.pauseMs ?? 250) > deadline)
      throw new NoSuitableHostError(
        `No server of ${target.describe()} is ${target.targetSessionAttrs === 'any' ? 'reachable' : target.targetSessionAttrs} (${seen.join('; ')}).`,
      );
    await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 250));
  }
}

function suits(attrs: TargetSessionAttrs, state: HostState, fallback: boolean): boolean {
  switch (attrs) {
    case 'any':
      return true;
    case 'read-write':
      return !state.readOnly;
    case 'primary':
      return !state.standby;
    case 'read-only':
      return state.readOnly;
    case 'standby':
      return state.standby;
    case 'prefer-standby':
      return fallback || state.standby;
  }
}

async function probe(target: ConnectionUrl, host: DatabaseHost, connectTimeoutMs: number): Promise<HostState> {
  const client = new Client({ connectionString: target.urlFor(host), connectionTimeoutMillis: connectTimeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ standby: boolean; read_only: boolean }>(
      "SELECT pg_is_in_recovery() AS standby, current_setting('transaction_read_only') = 'on' AS read_only",
    );
    return { host, standby: rows[0].standby, readOnly: rows[0].read_only };
  } finally {
    await client.end().catch(() => undefined);
  }
}
