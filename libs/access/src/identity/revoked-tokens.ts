import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@baken/event-store';
import { CLOCK, DATABASE, type Clock } from '@baken/platform';

/**
 * The id of the demo token issued with a browser session: derived from the session's id, so that ending the session
 * (logout, a new sign-in) can revoke the token too without storing it. One-way: the token shows nothing of the cookie.
 */
export function demoTokenIdOf(sessionId: string): string {
  return createHash('sha256').update(`baken:demo-token:${sessionId}`, 'utf8').digest('base64url');
}

/**
 * Revoked demo tokens, by id (`jti`), in PostgreSQL so that every API process refuses them: a logout ends the token
 * everywhere at once, not when its process's cache lets go. A revocation is kept until the token would have expired
 * anyway; expired ones are deleted whenever a token is revoked.
 */
@Injectable()
export class RevokedTokens {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async revoke(tokenId: string, until: Date): Promise<void> {
    const now = this.clock.now();
    if (until <= now) return;
    await this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM access_revoked_tokens WHERE expires_at <= $1', [now]);
      await tx.query(
        `INSERT INTO access_revoked_tokens (token_id, expires_at) VALUES ($1, $2)
         ON CONFLICT (token_id) DO UPDATE SET expires_at = greatest(access_revoked_tokens.expires_at, EXCLUDED.expires_at)`,
        [tokenId, until],
      );
    });
  }

  async isRevoked(tokenId: string): Promise<boolean> {
    const { rows } = await this.db.query<{ revoked: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM access_revoked_tokens WHERE token_id = $1) AS revoked',
      [tokenId],
    );
    return rows[0].revoked;
  }
}
