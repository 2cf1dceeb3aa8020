import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Database, Sql } from '@baken/event-store';
import { CLOCK, DATABASE, ProblemError, type Clock } from '@baken/platform';
import { CaseKeyStore, isSealedText, openText, sealText, type CaseKey, type SealedText } from '@baken/privacy';
import type { Actor } from '../actor';

/** What was read: a case's detail, its history, its past state, its hash chain, its dossier, or the access log. */
export type AccessLogAction =
  'read_case' | 'read_history' | 'time_travel' | 'verify_chain' | 'read_access_log' | 'read_dossier';

export interface AccessLogEntry {
  actor: Actor;
  caseId: string | null;
  /** The case's reference, kept with the entry so the log can be searched by it. */
  reference?: string | null;
  action: AccessLogAction;
  /** From the `X-Access-Reason` header. */
  reason: string | null;
  /** E.g. the version or instant of a time-travel read. */
  detail?: string | null;
  /** The subjects whose personal data (name, birth date…) the read showed. */
  subjectsRevealed?: readonly string[];
}

export interface AccessLogFilter {
  caseId?: string;
  reference?: string;
  username?: string;
  /** Reads of the case of this subject. */
  subjectId?: string;
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
  reference: string | null;
  action: AccessLogAction;
  reason: string | null;
  detail: string | null;
  /** Whose personal data the read showed. */
  subjectsRevealed: string[];
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

/** The key of reasons given for reads of no one case (the access log itself): a key of its own, never erased. */
const NO_CASE = '00000000-0000-0000-0000-000000000000';

/**
 * The access log (in the spirit of NEN 7513): who read which case content, when, in which role, why, and whose
 * personal data it showed. Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). Written on the request's own
 * path before the content is sent: a read that cannot be logged fails.
 *
 * A reason is free text and may name people: it is sealed with the case's narrative key, restated without a subject's
 * name when that subject is erased (beside the log, which never changes), and unreadable once the case's keys are
 * destroyed.
 */
@Injectable()
export class AccessLog {
  private readonly logger = new Logger('AccessLog');

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly keys: CaseKeyStore,
  ) {}

  async record(entry: AccessLogEntry, sql: Sql = this.db): Promise<void> {
    try {
      const reason = entry.reason ? JSON.stringify(await this.seal(sql, entry.caseId ?? NO_CASE, entry.reason)) : null;
      await sql.query(
        `INSERT INTO access_log (at, username, role, organisation, case_id, reference, action, reason, detail, subjects_revealed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::uuid[])`,
        [
          this.clock.now(),
          entry.actor.username,
          entry.actor.role,
          entry.actor.organisation,
          entry.caseId,
          entry.reference ?? null,
          entry.action,
          reason,
          entry.detail ?? null,
          entry.subjectsRevealed?.length ? [...entry.subjectsRevealed] : null,
        ],
      );
    } catch (error) {
      this.logger.error(
        `Could not write the access log (${entry.action} by ${entry.actor.username}): ${(error as Error).message}`,
      );
      throw new AccessLogUnavailable();
    }
  }

  /** Newest first, reasons opened (or restated). */
  async search(filter: AccessLogFilter): Promise<AccessLogItem[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (value: unknown) => `$${params.push(value)}`;
    if (filter.caseId) where.push(`l.case_id = ${p(filter.caseId)}`);
    if (filter.reference) where.push(`l.reference = ${p(filter.reference)}`);
    if (filter.username) where.push(`l.username = ${p(filter.username)}`);
    if (filter.subjectId)
      where.push(
        `l.case_id = (SELECT case_id FROM access_log WHERE ${p(filter.subjectId)}::uuid = ANY(subjects_revealed) LIMIT 1)`,
      );
    if (filter.from) where.push(`l.at >= ${p(filter.from)}`);
    if (filter.to) where.push(`l.at < ${p(filter.to)}`);
    const { rows } = await this.db.query<{
      at: Date;
      username: string;
      role: string;
      organisation: string | null;
      case_id: string | null;
      reference: string | null;
      action: AccessLogAction;
      reason: string | null;
      detail: string | null;
      subjects_revealed: string[] | null;
    }>(
      `SELECT l.at, l.username, l.role, l.organisation, l.case_id, l.reference, l.action,
              coalesce(r.reason, l.reason) AS reason, l.detail, l.subjects_revealed
       FROM access_log l LEFT JOIN access_log_restated_reasons r ON r.entry_id = l.id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY l.at DESC, l.id DESC LIMIT ${p(filter.limit)}`,
      params,
    );
    const reasons = await this.open(rows.map((r) => ({ caseId: r.case_id ?? NO_CASE, reason: r.reason })));
    return rows.map((r, i) => ({
      at: new Date(r.at).toISOString(),
      username: r.username,
      role: r.role,
      organisation: r.organisation,
      caseId: r.case_id,
      reference: r.reference,
      action: r.action,
      reason: reasons[i],
      detail: r.detail,
      subjectsRevealed: r.subjects_revealed ?? [],
    }));
  }

  /**
   * Restates the reasons given for reading the case with `redact` applied, sealed with the case's newest key: for when a
   * subject is erased, before the case's older keys are destroyed.
   */
  async restateReasons(tx: Sql, caseId: string, redact: (text: string) => string): Promise<void> {
    const { rows } = await tx.query<{ id: string; reason: string }>(
      `SELECT l.id, coalesce(r.reason, l.reason) AS reason
       FROM access_log l LEFT JOIN access_log_restated_reasons r ON r.entry_id = l.id
       WHERE l.case_id = $1 AND l.reason IS NOT NULL`,
      [caseId],
    );
    if (rows.length === 0) return;
    const opened = await this.open(
      rows.map((r) => ({ caseId, reason: r.reason })),
      tx,
    );
    const key = await this.keyOf(tx, caseId);
    const ids: string[] = [];
    const restated: string[] = [];
    rows.forEach((row, i) => {
      if (opened[i] === null) return;
      ids.push(row.id);
      restated.push(JSON.stringify(sealText(key.key, caseId, key.gen, redact(opened[i]!))));
    });
    await tx.query(
      `INSERT INTO access_log_restated_reasons (entry_id, reason) SELECT * FROM unnest($1::bigint[], $2::text[])
       ON CONFLICT (entry_id) DO UPDATE SET reason = excluded.reason`,
      [ids, restated],
    );
  }

  private async seal(sql: Sql, caseId: string, reason: string): Promise<SealedText> {
    const key = await this.keyOf(sql, caseId);
    return sealText(key.key, caseId, key.gen, reason);
  }

  /** The case's newest narrative key; a first one for a case (or the log itself) that has none yet. */
  private async keyOf(sql: Sql, caseId: string): Promise<CaseKey> {
    const current = await this.keys.current(sql, caseId);
    if (current) return current;
    const { key, insert } = this.keys.newKey(caseId, (await this.keys.newestGeneration(sql, caseId)) + 1);
    await sql.query(insert.text, insert.params);
    return key;
  }

  /** The reasons opened with their cases' keys: `null` where there is none or its key is gone. */
  private async open(
    entries: { caseId: string; reason: string | null }[],
    sql: Sql = this.db,
  ): Promise<(string | null)[]> {
    const sealed = entries.map((e) => {
      if (e.reason === null) return null;
      try {
        const value = JSON.parse(e.reason) as unknown;
        return isSealedText(value) ? value : e.reason;
      } catch {
        // Written before reasons were sealed.
        return e.reason;
      }
    });
    const gens = new Map<string, Set<number>>();
    entries.forEach((e, i) => {
      const s = sealed[i];
      if (s && typeof s !== 'string') gens.set(e.caseId, (gens.get(e.caseId) ?? new Set()).add(s.gen));
    });
    const keys = new Map<string, Map<number, Buffer>>();
    for (const [caseId, set] of gens) keys.set(caseId, await this.keys.load(sql, caseId, set));
    return entries.map((e, i) => {
      const s = sealed[i];
      if (s === null || typeof s === 'string') return s;
      const key = keys.get(e.caseId)?.get(s.gen);
      return key ? openText(key, e.caseId, s) : null;
    });
  }
}
