import { Inject, Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@baken/access';
import { businessDateOf, CLOCK, ProblemError, isCalendarDate, type Clock } from '@baken/platform';
import type { JobOutcome } from '@baken/platform';
import { DEADLINE_KINDS, isOverdue, isWorkOpen, type DeadlineKind } from '../domain';
import { CaseCommandRunner } from '../infrastructure/case-command-runner';
import { missedAt } from './deadline-rules';
import type { DeadlineJob } from './deadlines.workflow';

/** Thrown inside the command loop to write nothing: the work was done (or the case closed) before the deadline passed. */
class WorkNoLongerOpen extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isDeadlineJob(data: unknown): data is DeadlineJob {
  const d = data as Partial<DeadlineJob> | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.deadlineId === 'string' &&
    typeof d.caseId === 'string' &&
    UUID.test(d.caseId) &&
    DEADLINE_KINDS.includes(d.kind as DeadlineKind) &&
    typeof d.ref === 'string' &&
    isCalendarDate(d.dueOn)
  );
}

/**
 * Escalates one deadline: sends `RecordDeadlineMissed` as the system, through the same command loop as every user.
 * Whether the work is still open is decided on the case state inside the command's transaction, so work recorded a
 * moment earlier always wins. Redelivery is harmless: the domain records a deadline (kind, ref, due date) only once.
 */
@Injectable()
export class DeadlineMissedJob {
  constructor(
    private readonly runner: CaseCommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(data: unknown): Promise<JobOutcome> {
    if (!isDeadlineJob(data)) return { status: 'skipped', detail: 'not a deadline job' };
    const { caseId, kind, ref, dueOn, deadlineId } = data;
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
}
