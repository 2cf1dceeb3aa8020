import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SYSTEM_ACTOR } from '@baken/access';
import type { Database } from '@baken/event-store';
import { CaseKeyStore } from '@baken/privacy';
import { businessDateOf, CLOCK, CONFIG, DATABASE, type AppConfig, type Clock } from '@baken/platform';
import { SubjectAlreadyErased, type OpenCase } from '../../domain';
import { eraseSubjectPersonalData } from '../erase-subject-personal-data/erase-subject-personal-data.command';
import { ExecuteCaseCommand } from '../shared/case-command';

export interface RetentionRun {
  runId: string;
  startedAt: string;
  finishedAt: string;
  retentionYears: number;
  /** Cases closed before this business date had their subjects erased. */
  closedBefore: string;
  caseIds: string[];
  subjectsErased: number;
  /** `subjectId` `null`: the case's narrative keys could not be destroyed. */
  failures: { caseId: string; subjectId: string | null; error: string }[];
}

/** The same calendar day `years` earlier (29 February becomes 28 February). */
export function yearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const year = y - years;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/**
 * Retention: erases the personal data of every subject of a case that was closed (`closedOn`) more than
 * `BAKEN_RETENTION_YEARS` (default 5) years ago, by sending `EraseSubjectPersonalData` as the system, one subject at
 * a time, then destroys every generation of the case's narrative key (its free text and the reasons given for reading
 * it can no longer be read), and records the run in `privacy_retention_runs`. Safe to repeat and to run from several processes: one run
 * at a time (advisory lock), and subjects already erased are skipped. Call `run()` from a scheduled job (daily is
 * plenty) or `npm run cli -- retention-run`.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly commands: CommandBus,
    private readonly caseKeys: CaseKeyStore,
  ) {}

  /** Runs once; `null` when another process is running it right now. */
  async run(onProgress?: (done: number, total: number) => void): Promise<RetentionRun | null> {
    const lock = await this.db.tryLock('baken:retention');
    if (!lock) return null;
    try {
      return await this.runLocked(onProgress);
    } finally {
      await lock.release();
    }
  }

  private async runLocked(onProgress?: (done: number, total: number) => void): Promise<RetentionRun> {
    const runId = randomUUID();
    const startedAt = this.clock.now();
    const closedBefore = yearsBefore(businessDateOf(startedAt), this.config.retentionYears);
    const { rows } = await this.db.query<{
      case_id: string;
      subjects: OpenCase['subjects'] | string;
      has_keys: boolean;
    }>(
      `SELECT case_id, state->'subjects' AS subjects,
              EXISTS (SELECT 1 FROM privacy_case_keys k WHERE k.case_id = d.case_id AND k.wrapped_key IS NOT NULL) AS has_keys
       FROM case_details d
       WHERE state->>'status' = 'closed' AND state->>'closedOn' < $1 ORDER BY state->>'closedOn', case_id`,
      [closedBefore],
    );
    const work = rows.flatMap((r) => {
      const subjects = typeof r.subjects === 'string' ? (JSON.parse(r.subjects) as OpenCase['subjects']) : r.subjects;
      return subjects
        .filter((s) => !s.erased && s.personalData !== null)
        .map((s) => ({ caseId: r.case_id, subjectId: s.subjectId }));
    });
    const caseIds = new Set<string>();
    const failures: RetentionRun['failures'] = [];
    let subjectsErased = 0;
    for (const [i, { caseId, subjectId }] of work.entries()) {
      try {
        await this.commands.execute(
          new ExecuteCaseCommand(eraseSubjectPersonalData, {
            body: {},
            params: { caseId, subjectId },
            meta: { actor: SYSTEM_ACTOR, correlationId: runId },
          }),
        );
        subjectsErased++;
        caseIds.add(caseId);
      } catch (error) {
        if (!(error instanceof SubjectAlreadyErased)) {
          failures.push({ caseId, subjectId, error: (error as Error).message });
          this.logger.error(`Could not erase subject ${subjectId} of case ${caseId}: ${(error as Error).message}`);
        }
      }
      onProgress?.(i + 1, work.length);
    }
    // Then the case's free text: every generation of its narrative key is destroyed.
    for (const { case_id: caseId, has_keys } of rows) {
      if (!has_keys && !caseIds.has(caseId)) continue;
      try {
        await this.db.transaction((tx) => this.caseKeys.destroyAll(tx, caseId));
        caseIds.add(caseId);
      } catch (error) {
        failures.push({ caseId, subjectId: null, error: (error as Error).message });
        this.logger.error(`Could not destroy the narrative keys of case ${caseId}: ${(error as Error).message}`);
      }
    }
    const finishedAt = this.clock.now();
    const run: RetentionRun = {
      runId,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      retentionYears: this.config.retentionYears,
      closedBefore,
      caseIds: [...caseIds],
      subjectsErased,
      failures,
    };
    await this.db.query(
      `INSERT INTO privacy_retention_runs (run_id, started_at, finished_at, retention_years, closed_before, cases_erased, subjects_erased, case_ids, failures)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[], $9)`,
      [
        runId,
        startedAt,
        finishedAt,
        run.retentionYears,
        closedBefore,
        run.caseIds.length,
        subjectsErased,
        run.caseIds,
        JSON.stringify(failures),
      ],
    );
    return run;
  }
}
