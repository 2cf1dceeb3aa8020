import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Database } from '@baken/event-store';
import { SYSTEM_ACTOR } from '@baken/access';
import { businessDateOf, CLOCK, DATABASE, ProblemError, type Clock } from '@baken/platform';
import type { JobOutcome } from '@baken/platform';
import { isOverdue, isWorkOpen, type BusinessDate, type CaseEventType, type DeadlineKind } from '../domain';
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

/**
 * Escalates one deadline. A job is only a wake-up naming a deadline: anyone who can reach the queue (Redis, the
 * queue board) could put anything in its payload, so the kind, case, reference and due date are read from the
 * `deadlines` table, never from the job. `RecordDeadlineMissed` is sent only for a deadline that exists, is still
 * open and has passed by its stored due date, as the system, through the same command loop as every user. Whether
 * the work is still open is decided again on the case state inside the command's transaction, so work recorded a
 * moment earlier always wins. Redelivery is harmless: the domain records a deadline (kind, ref, due date) only once.
 */
@Injectable()
export class DeadlineMissedJob {
  private readonly logger = new Logger('Deadlines');

  constructor(
    private readonly runner: CaseCommandRunner,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(data: unknown): Promise<JobOutcome> {
    const deadlineId = deadlineIdOf(data);
    if (deadlineId === null) return this.drop('a job that names no deadline id');
    const { deadline, awaitingProjection } = await this.find(deadlineId);
    if (deadline === null) {
      // The subscriber enqueues a deadline's job before its batch commits: for a moment the log has the event that
      // opened the deadline and the table not yet. Such a job waits for the projection; a deadline that no event in
      // the log opened was invented and is dropped (completed, so never retried).
      if (awaitingProjection) return { status: 'later', at: new Date(Date.now() + PROJECTION_WAIT_MS) };
      return this.drop(`a job for deadline ${deadlineId}, which does not exist`);
    }
    if (deadline.status !== 'open') return { status: 'skipped', detail: `the deadline is ${deadline.status}` };
    if (deadline.missed_at !== null)
      return { status: 'skipped', detail: 'the deadline was already recorded as missed' };
    const { case_id: caseId, kind, ref, due_on: dueOn } = deadline;
    if (!isOverdue({ dueOn }, businessDateOf(this.clock.now()))) return { status: 'later', at: missedAt(dueOn) };
    try {
      const outcome = await this.runner.run(
        caseId,
        { actor: SYSTEM_ACTOR, correlationId: deadlineId },
        'RecordDeadlineMissed',
        ({ state }) => {
          if (state === null || !isWorkOpen(state, { kind, ref, dueOn })) throw new WorkNoLongerOpen();
          return { kind, dueOn, ref };
        },
      );
      return { status: 'done', detail: `case ${caseId} at version ${outcome.version}` };
    } catch (error) {
      if (error instanceof WorkNoLongerOpen)
        return { status: 'skipped', detail: 'the work was done or the case closed in time' };
      if (error instanceof ProblemError && error.status === 404)
        return { status: 'skipped', detail: `no case ${caseId}` };
      throw error;
    }
  }

  private drop(what: string): JobOutcome {
    this.logger.warn(`Dropped ${what}: nothing was recorded.`);
    return { status: 'skipped', detail: `dropped ${what}` };
  }

  /**
   * The deadline, and whether the log has an event opening deadlines with this id that the `deadlines` subscriber has
   * not processed yet (its checkpoint is before it: subscribers read in transaction id and position order and never
   * skip one). One statement, so both come from one snapshot: the subscriber writes the row and moves its checkpoint
   * in one transaction.
   */
  private async find(deadlineId: string): Promise<{ deadline: StoredDeadline | null; awaitingProjection: boolean }> {
    const { rows } = await this.db.query<StoredDeadline & { awaiting_projection: boolean }>(
      `SELECT d.deadline_id::text AS deadline_id, d.case_id::text AS case_id, d.kind, d.ref, d.due_on::text AS due_on,
              d.status, d.missed_at,
              EXISTS (
                SELECT 1 FROM es_events e LEFT JOIN es_checkpoints c ON c.subscriber_id = $3
                WHERE e.event_id = k.id AND e.stream_id LIKE 'case-%' AND e.event_type = ANY($2::text[])
                  AND (c.subscriber_id IS NULL OR (e.tx_id, e.global_position) > (c.tx_id, c.global_position))
              ) AS awaiting_projection
       FROM (SELECT $1::uuid AS id) k LEFT JOIN deadlines d ON d.deadline_id = k.id`,
      [deadlineId, OPENING_EVENTS, DEADLINES_SUBSCRIBER],
    );
    const { awaiting_projection: awaitingProjection, ...deadline } = rows[0];
    return { deadline: deadline.deadline_id === null ? null : deadline, awaitingProjection };
  }
}
