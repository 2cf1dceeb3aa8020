import { createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Database, Sql } from '@baken/event-store';
import { CLOCK, CONFIG, DATABASE, type AppConfig, type Clock } from '@baken/platform';
import { openBytes, sealBytes, type SealedPersonalData } from '@baken/privacy';
import type { Actor } from '../actor';
import type { AuthenticationMode } from './access-token.verifier';

/** Tokens of the identity provider, kept server-side only (encrypted), for logout and future refreshes. */
export interface ProviderTokens {
  accessToken: string;
  idToken?: string;
  refreshToken?: string;
}

export interface Session {
  mode: AuthenticationMode;
  actor: Actor;
  csrfToken: string;
  expiresAt: Date;
}

export interface NewSession extends Session {
  /** The secret that goes into the cookie; only its SHA-256 is stored. */
  id: string;
}

interface SessionRow {
  mode: AuthenticationMode;
  actor: Actor | string;
  csrf_token: string;
  tokens: SealedPersonalData | string | null;
  last_seen_at: Date;
  expires_at: Date;
}

const hash = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex');
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** Compares a presented CSRF token with the session's in constant time. */
export function csrfTokenMatches(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Browser sessions in PostgreSQL (backend-for-frontend): the cookie carries a random id whose hash is the key, so a
 * copy of the table signs nobody in; provider tokens are sealed with a key derived from the master key. A session
 * ends at its absolute lifetime, after the idle time without use, or at logout.
 */
@Injectable()
export class SessionStore {
  private readonly tokenKey: Buffer;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {
    this.tokenKey = Buffer.from(hkdfSync('sha256', config.masterKey, Buffer.alloc(0), 'baken:session-tokens', 32));
  }

  async create(actor: Actor, mode: AuthenticationMode, tokens?: ProviderTokens): Promise<NewSession> {
    const now = this.clock.now();
    const id = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.session.ttlSeconds * 1000);
    await this.db.transaction(async (tx) => {
      await this.deleteEnded(tx, now);
      await tx.query(
        `INSERT INTO access_sessions (session_hash, mode, username, actor, csrf_token, tokens, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)`,
        [
          hash(id),
          mode,
          actor.username,
          JSON.stringify(actor),
          csrfToken,
          tokens
            ? JSON.stringify(sealBytes(this.tokenKey, Buffer.from(JSON.stringify(tokens)), 'session-tokens'))
            : null,
          now,
          expiresAt,
        ],
      );
    });
    return { id, mode, actor, csrfToken, expiresAt };
  }

  /** The live session with this id, or null (unknown, expired or idle too long). Marks it as used. */
  async find(id: string): Promise<Session | null> {
    if (!SESSION_ID.test(id)) return null;
    const now = this.clock.now();
    const { rows } = await this.db.query<SessionRow>(
      'SELECT mode, actor, csrf_token, tokens, last_seen_at, expires_at FROM access_sessions WHERE session_hash = $1',
      [hash(id)],
    );
    const row = rows[0];
    if (!row || this.ended(row, now)) return null;
    if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
      await this.db.query('UPDATE access_sessions SET last_seen_at = $2 WHERE session_hash = $1', [hash(id), now]);
    }
    return this.toSession(row);
  }

  /** Ends the session; returns what it held (its provider tokens too), or null when there was none. */
  async end(id: string): Promise<(Session & { tokens: ProviderTokens | null }) | null> {
    if (!SESSION_ID.test(id)) return null;
    const { rows } = await this.db.query<SessionRow>(
      'DELETE FROM access_sessions WHERE session_hash = $1 RETURNING mode, actor, csrf_token, tokens, last_seen_at, expires_at',
      [hash(id)],
    );
    const row = rows[0];
    if (!row) return null;
    const sealed = typeof row.tokens === 'string' ? (JSON.parse(row.tokens) as SealedPersonalData) : row.tokens;
    const tokens = sealed
      ? (JSON.parse(openBytes(this.tokenKey, sealed, 'session-tokens').toString('utf8')) as ProviderTokens)
      : null;
    return { ...this.toSession(row), tokens };
  }

  private ended(row: SessionRow, now: Date): boolean {
    return (
      new Date(row.expires_at) <= now ||
      now.getTime() - new Date(row.last_seen_at).getTime() > this.config.session.idleSeconds * 1000
    );
  }

  private toSession(row: SessionRow): Session {
    return {
      mode: row.mode,
      actor: typeof row.actor === 'string' ? (JSON.parse(row.actor) as Actor) : row.actor,
      csrfToken: row.csrf_token,
      expiresAt: new Date(row.expires_at),
    };
  }

  private async deleteEnded(tx: Sql, now: Date): Promise<void> {
    await tx.query('DELETE FROM access_sessions WHERE expires_at <= $1 OR last_seen_at < $2', [
      now,
      new Date(now.getTime() - this.config.session.idleSeconds * 1000),
    ]);
  }
}
