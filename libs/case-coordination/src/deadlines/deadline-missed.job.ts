import { Inject, Injectable, Logger } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { Database } from '@baken/event-store';
import { SYSTEM_ACTOR } from '@baken/access';
import { businessDateOf, CLOCK, CONFIG, DATABASE, ProblemError, type AppConfig, type Clock } from '@baken/platform';
import type { JobOutcome } from '@baken/platform';
import {
  isOverdue,
  isWorkOpen,
  type BusinessDate,
  type CaseEventType,
  type DeadlineKind,
  type OpenCase,
} from '../domain';
import { CaseCommandRunner } from '../infrastructure/case-command-runner';
import { missedAt } from './deadline-rules';
import { DEADLINES_SUBSCRIBER } from './deadlines.subscriber';

/** Thrown inside the command loop to write nothing: the work was done (or the case closed) before the deadline passed. */
class WorkNoLongerOpen extends Error {}

/** How long a job for a deadline the projection has not yet written waits before it looks again. */
const PROJECTION_WAIT_MS = 2_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The events that open a deadline; a deadline's id is the id of one of them (see the deadline workflow). */
const OPENING_EVENTS: readonly CaseEventType[] = [
  'SignalRegistered',
  'CaseReopened',
  'ProposalSubmitted',
  'ProposalVoteCast',
  'ProposalApproved',
  'InterventionExecuted',
  'SignalTriaged',
  'ActionPointAdded',
];

/** A deadline as the `deadlines` table knows it: the only source of what an escalation records. */
interface StoredDeadline {
  deadline_id: string;
  case_id: string;
  kind: DeadlineKind;
  ref: string;
  due_on: BusinessDate;
  status: 'open' | 'done' | 'cancelled' | 'replaced';
  missed_at: Date | null;
}

/** The deadline id a job names, or null. Nothing else in a job is read: whoever can add jobs can write anything there. */
function deadlineIdOf(data: unknown): string | null {
  const id = typeof data === 'object' && data !== null ? (data as { deadlineId?: unknown }).deadlineId : undefined;
  return typeof id === 'string' && UUID.test(id) ? id.toLowerCase() : null;
}

/** What a deadline job comes to before anything is written: an answer, or an escalation to send. */
type Step =
  { outcome: JobOutcome } | { escalate: { caseId: string; kind: DeadlineKind; ref: string; dueOn: BusinessDate } };

/**
 * Escalates deadlines. A job is only a wake-up naming a deadline: anyone who can reach the queue (Redis, the queue
 * board) could put anything in its payload, so the kind, case, reference and due date are read from the `deadlines`
 * table, never from the job. `RecordDeadlineMissed` is sent only for a deadline that exists, is still open and has
 * passed by its stored due date, as the system, through the same command loop as every user. Whether the work is still
 * open is decided again on the case state the command appends to, so work recorded a moment earlier always wins.
 * Redelivery is harmless: the domain records a deadline (kind, ref, due date) only once.
 *
 * Escalations come in bursts (every deadline due on one day passes at midnight; a sweep after a Redis outage enqueues
 * them all), so the jobs in flight are handled together: the jobs that arrive while a batch is being written form the
 * next one. A batch reads its deadlines in one round trip and records their escalations through
 * `CaseCommandRunner.runEach`, which writes them in one statement (all or nothing; a case that moved on sends them one
 * by one). Each job still gets its own answer.
 */
@Injectable()
export class DeadlineMissedJob {
  private readonly logger = new Logger('Deadlines');
  /** The batch being handled now; the next batch is sent when it ends. */
  private inFlight: Promise<unknown> = Promise.resolve();
  private readonly batches: DataLoader<string, JobOutcome>;

  constructor(
    private readonly runner: CaseCommandRunner,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) config: AppConfig,
  ) {
    this.batches = new DataLoader<string, JobOutcome>(
      (ids) => {
        const batch = this.handleMany(ids);
        this.inFlight = batch.catch(() => undefined);
        return batch;
      },
      {
        cache: false,
        maxBatchSize: config.deadlineJobs.batchSize,
        // Batches of one: every job on its own, as many at once as the worker runs.
        batchScheduleFn:
          config.deadlineJobs.batchSize === 1
            ? (send) => setImmediate(send)
            : (send) => void this.inFlight.then(() => setImmediate(send)),
      },
    );
  }

  async handle(data: unknown): Promise<JobOutcome> {
    const deadlineId = deadlineIdOf(data);
    if (deadlineId === null) return this.drop('a job that names no deadline id');
    return this.batches.load(deadlineId);
  }

  /** One outcome (or error, for the job to be retried) per id, in order. */
  private async handleMany(ids: readonly string[]): Promise<(JobOutcome | Error)[]> {
    const found = await this.find(ids);
    const today = businessDateOf(this.clock.now());
    const steps = ids.map((id) => this.step(id, found.get(id) ?? { deadline: null, awaitingProjection: false }, today));
    // A case with two passed deadlines in the batch records the second one after the first, one by one.
    const first = new Set<string>();
    const together: number[] = [];
    const after: number[] = [];
    steps.forEach((step, i) => {
      if (!('escalate' in step)) return;
      if (first.has(step.escalate.caseId)) after.push(i);
      else {
        first.add(step.escalate.caseId);
        together.push(i);
      }
    });
    const results: (JobOutcome | Error)[] = steps.map((step) =>
      'outcome' in step ? step.outcome : new Error('unsent'),
    );
    const escalation = (i: number) => (steps[i] as Extract<Step, { escalate: unknown }>).escalate;
    const settled = await this.runner.runEach(
      'RecordDeadlineMissed',
      together.map((i) => this.command(ids[i], escalation(i))),
    );
    together.forEach((i, n) => (results[i] = this.answer(escalation(i).caseId, settled[n])));
    for (const i of after) {
      const [one] = await this.runner.runEach('RecordDeadlineMissed', [this.command(ids[i], escalation(i))]);
      results[i] = this.answer(escalation(i).caseId, one);
    }
    return results;
  }

  private step(
    deadlineId: string,
    { deadline, awaitingProjection }: { deadline: StoredDeadline | null; awaitingProjection: boolean },
    today: BusinessDate,
  ): Step {
    if (deadline === null) {
      // The subscriber enqueues a deadline's job before its batch commits: for a moment the log has the event that
      // opened the deadline and the table not yet. Such a job waits for the projection; a deadline that no event in
      // the log opened was invented and is dropped (completed, so never retried).
      if (awaitingProjection) return { outcome: { status: 'later', at: new Date(Date.now() + PROJECTION_WAIT_MS) } };
      return { outcome: this.drop(`a job for deadline ${deadlineId}, which does not exist`) };
    }
    if (deadline.status !== 'open')
      return { outcome: { status: 'skipped', detail: `the deadline is ${deadline.status}` } };
    if (deadline.missed_at !== null)
      return { outcome: { status: 'skipped', detail: 'the deadline was already recorded as missed' } };
    const { case_id: caseId, kind, ref, due_on: dueOn } = deadline;
    if (!isOverdue({ dueOn }, today)) return { outcome: { status: 'later', at: missedAt(dueOn) } };
    return { escalate: { caseId, kind, ref, dueOn } };
  }

  private command(
    deadlineId: string,
    { caseId, kind, ref, dueOn }: { caseId: string; kind: DeadlineKind; ref: string; dueOn: BusinessDate },
  ) {
    return {
      caseId,
      meta: { actor: SYSTEM_ACTOR, correlationId: deadlineId },
      build: ({ state }: { state: OpenCase | null }) => {
        if (state === null || !isWorkOpen(state, { kind, ref, dueOn })) throw new WorkNoLongerOpen();
        return { kind, dueOn, ref };
      },
    };
  }

  private answer(caseId: string, settled: PromiseSettledResult<{ version: number }>): JobOutcome | Error {
    if (settled.status === 'fulfilled')
      return { status: 'done', detail: `case ${caseId} at version ${settled.value.version}` };
    const error: unknown = settled.reason;
    if (error instanceof WorkNoLongerOpen)
      return { status: 'skipped', detail: 'the work was done or the case closed in time' };
    if (error instanceof ProblemError && error.status === 404)
      return { status: 'skipped', detail: `no case ${caseId}` };
    return error instanceof Error ? error : new Error(String(error));
  }

  private drop(what: string): JobOutcome {
    this.logger.warn(`Dropped ${what}: nothing was recorded.`);
    return { status: 'skipped', detail: `dropped ${what}` };
  }

  /**
   * The deadlines, and for each whether the log has an event opening deadlines with its id that the `deadlines`
   * subscriber has not processed yet (its checkpoint is before it: subscribers read in transaction id and position
   * order and never skip one). One statement, so both come from one snapshot: the subscriber writes the row and moves
   * its checkpoint in one transaction.
   */
  private async find(
    deadlineIds: readonly string[],
  ): Promise<Map<string, { deadline: StoredDeadline | null; awaitingProjection: boolean }>> {
    const { rows } = await this.db.query<StoredDeadline & { id: string; awaiting_projection: boolean }>(
      `SELECT k.id::text AS id, d.deadline_id::text AS deadline_id, d.case_id::text AS case_id, d.kind, d.ref,
              d.due_on::text AS due_on, d.status, d.missed_at,
              EXISTS (
                SELECT 1 FROM es_events e LEFT JOIN es_checkpoints c ON c.subscriber_id = $3
                WHERE e.event_id = k.id AND e.stream_id LIKE 'case-%' AND e.event_type = ANY($2::text[])
                  AND (c.subscriber_id IS NULL OR (e.tx_id, e.global_position) > (c.tx_id, c.global_position))
              ) AS awaiting_projection
       FROM (SELECT DISTINCT unnest($1::uuid[]) AS id) k LEFT JOIN deadlines d ON d.deadline_id = k.id`,
      [deadlineIds, OPENING_EVENTS, DEADLINES_SUBSCRIBER],
    );
    return new Map(
      rows.map(({ id, awaiting_projection: awaitingProjection, ...deadline }) => [
        id,
        { deadline: deadline.deadline_id === null ? null : deadline, awaitingProjection },
      ]),
    );
  }
}
