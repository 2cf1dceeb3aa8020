import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@baken/event-store';
import { CLOCK, DATABASE, type Clock } from '@baken/platform';
import type { Actor } from '../actor';

const REFRESH_MS = 60 * 60_000;

/**
 * The people who signed in through the identity provider, as their latest token described them (role, districts,
 * organisation). Baken keeps no user administration of its own; this is what lets a coordinator be assigned by
 * username. Written at most once an hour per user unless the claims changed.
 */
@Injectable()
export class KnownUsers {
  private readonly written = new Map<string, { fingerprint: string; at: number }>();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async remember(actor: Actor): Promise<void> {
    const fingerprint = JSON.stringify(actor);
    const now = this.clock.now();
    const last = this.written.get(actor.username);
    if (last && last.fingerprint === fingerprint && Math.abs(now.getTime() - last.at) < REFRESH_MS) return;
    await this.db.query(
      `INSERT INTO access_known_users (username, actor, last_seen_at) VALUES ($1, $2, $3)
       ON CONFLICT (username) DO UPDATE SET actor = excluded.actor, last_seen_at = excluded.last_seen_at`,
      [actor.username, fingerprint, now],
    );
    this.written.set(actor.username, { fingerprint, at: now.getTime() });
  }

  async find(username: string): Promise<Actor | null> {
    const { rows } = await this.db.query<{ actor: Actor | string }>(
      'SELECT actor FROM access_known_users WHERE username = $1',
      [username],
    );
    return rows[0] ? actorOf(rows[0].actor) : null;
  }

  /** Everyone who signed in, as their latest token described them, by username. */
  async all(): Promise<Actor[]> {
    const { rows } = await this.db.query<{ actor: Actor | string }>(
      'SELECT actor FROM access_known_users ORDER BY username',
    );
    return rows.map((row) => actorOf(row.actor));
  }
}

const actorOf = (stored: Actor | string): Actor =>
  typeof stored === 'string' ? (JSON.parse(stored) as Actor) : stored;
