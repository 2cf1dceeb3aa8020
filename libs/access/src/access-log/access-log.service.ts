import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Database, Sql } from '@baken/event-store';
import { CLOCK, DATABASE, ProblemError, type Clock } from '@baken/platform';
import type { Actor } from '../actor';

/** What was read: a case's detail, its history, its past state, its hash chain, or the access log itself. */
export type AccessLogAction = 'read_case' | 'read_history' | 'time_travel' | 'verify_chain' | 'read_access_log';

export interface AccessLogEntry {
  actor: Actor;
  caseId: string | null;
  action: AccessLogAction;
  /** From the `X-Access-Reason` header. */
  reason: string | null;
  /** E.g. the version or instant of a time-travel read. */
  detail?: string | null;
}

export interface AccessLogFilter {
  caseId?: string;
  username?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  limit: number;
}

export interface AccessLogItem {
  at: string;
  username: string;
  role: string;
  organisation: string | null;
  caseId: string | null;
  action: AccessLogAction;
  reason: string | null;
  detail: string | null;
}

/** The read could not be logged, so it is not served. */
export class AccessLogUnavailable extends ProblemError {
  constructor() {
    super(
      503,
      'Service unavailable',
      'This read cannot be written to the access log right now, so it is refused. Try again shortly.',
      '/problems/access-log-unavailable',
    );
  }
}

/**
 * The access log (in the spirit of NEN 7513): who read which case content, when, in which role and why. Append-only
 * (a trigger refuses UPDATE, DELETE and TRUNCATE). Written on the request's own path before the content is sent:
 * a read that cannot be logged fails.
 */
@Injectable()
export class AccessLog {
  private readonly logger = new Logger('AccessLog');

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(entry: AccessLogEntry, sql: Sql = this.db): Promise<void> {
    try {
      await sql.query(
        'INSERT INTO access_log (at, username, role, organisation, case_id, action, reason, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [
          this.clock.now(),
          entry.actor.username,
          entry.actor.role,
          entry.actor.organisation,
          entry.caseId,
          entry.action,
          entry.reason,
          entry.detail ?? null,
        ],
      );
    } catch (error) {
      this.logger.error(
        `Could not write the access log (${entry.action} by ${entry.actor.username}): ${(error as Error).message}`,
      );
      throw new AccessLogUnavailable();
    }
  }

  /** Newest first. */
  async search(filter: AccessLogFilter): Promise<AccessLogItem[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (value: unknown) => `$${params.push(value)}`;
    if (filter.caseId) where.push(`case_id = ${p(filter.caseId)}`);
    if (filter.username) where.push(`username = ${p(filter.username)}`);
    if (filter.from) where.push(`at >= ${p(filter.from)}`);
    if (filter.to) where.push(`at < ${p(filter.to)}`);
    const { rows } = await this.db.query<{
      at: Date;
      username: string;
      role: string;
      organisation: string | null;
      case_id: string | null;
      action: AccessLogAction;
      reason: string | null;
      detail: string | null;
    }>(
      `SELECT at, username, role, organisation, case_id, action, reason, detail FROM access_log
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ${p(filter.limit)}`,
      params,
    );
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      username: r.username,
      role: r.role,
      organisation: r.organisation,
      caseId: r.case_id,
      action: r.action,
      reason: r.reason,
      detail: r.detail,
    }));
  }
}
