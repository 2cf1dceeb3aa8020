import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Sql, StoredEvent } from '@baken/event-store';
import type { SubscriberDefinition } from '@baken/platform';
import { caseIdOfStream, type CaseEvent, type CaseEventType } from '../domain';
import { DeadlinePeriodsSource } from './deadline-periods';
import { DeadlineScheduler } from './deadline-scheduler';
import { DeadlinesProjection } from './deadlines.projection';
import type { DeadlineOutput, DeadlineWorkflow } from './deadlines.workflow';

export const DEADLINE_WORKFLOW = Symbol('DEADLINE_WORKFLOW');

/** The subscriber's id: names its checkpoint. */
export const DEADLINES_SUBSCRIBER = 'deadlines';

/** The events deadlines depend on; the checkpoint moves only on these. */
/** The subscriber's tables, in the order a rebuild locks them to swap them in (the work queue reads `deadlines`). */
export const DEADLINE_TABLES = ['deadlines', 'deadline_cases'] as const;

/**
 * The indexes only the work queue, the sweeper and the escalation job read: a rebuild builds them once at its end. The
 * primary keys are there from the start, since the subscriber looks deadlines and cases up by them.
 */
const DEADLINE_READ_INDEXES = ['deadlines_open_due', 'deadlines_case', 'deadlines_open_partner'];

export const DEADLINE_EVENT_TYPES: readonly CaseEventType[] = [
  'SignalRegistered',
  'CoordinatorAssigned',
  'SignalTriaged',
  'ForwardFeedbackRecorded',
  'ActionPointAdded',
  'ActionPointCompleted',
  'ProposalSubmitted',
  'ProposalDecided',
  'ProposalVoteCast',
  'ProposalApproved',
  'ProposalRejected',
  'ProposalEvaluated',
  'InterventionPlanned',
  'InterventionExecuted',
  'InterventionEffectRecorded',
  'CaseClosed',
  'CaseReopened',
  'DeadlineMissed',
];

/**
 * Runs the deadline workflow over the log: per batch it loads the workflow state of the cases involved, feeds their
 * events through `process`, writes the decisions and the new states in the batch's transaction (with the
 * checkpoint), and then enqueues the escalations of deadlines still open and already passed (the sweeper enqueues
 * the others when they pass). Enqueueing is not part of the
 * transaction: a job enqueued for a batch that rolls back is enqueued again when the batch is retried (same id),
 * and one that could not be enqueued is found by the sweeper.
 */
@Injectable()
export class DeadlinesSubscriber implements SubscriberDefinition {
  readonly name = DEADLINES_SUBSCRIBER;
  readonly eventTypes = DEADLINE_EVENT_TYPES;
  private readonly logger = new Logger('Deadlines');

  /**
   * A rebuild (`rebuildProjection`) writes fresh tables and swaps them in. It enqueues no escalations: the rebuilt rows
   * are the ones the live subscriber wrote, whose escalations it enqueued, and the sweeper enqueues every open deadline
   * that has passed from the table anyway. Enqueueing them again would put a job on the queue for every deadline of
   * the log that was open at the end of its batch, however long ago it was done.
   */
  readonly shadowRebuild = {
    tables: DEADLINE_TABLES,
    deferredIndexes: DEADLINE_READ_INDEXES,
    handle: (tx: Sql, events: StoredEvent[]) => this.handle(tx, events, { rebuild: true }),
  };

  constructor(
    @Inject(DEADLINE_WORKFLOW) private readonly workflow: DeadlineWorkflow,
    private readonly projection: DeadlinesProjection,
    private readonly scheduler: DeadlineScheduler,
    @Optional() private readonly periods?: DeadlinePeriodsSource,
  ) {}

  async handle(tx: Sql, events: StoredEvent[], options: { rebuild?: boolean } = {}): Promise<void> {
    // The workflow counts with the periods in force when each event was written: read them first when stale.
    await this.periods?.refresh(tx);
    const caseIdOf = (event: StoredEvent) => caseIdOfStream(event.streamId);
    const caseIds = [...new Set(events.map(caseIdOf).filter((id): id is string => id !== null))];
    const states = await this.projection.loadStates(tx, caseIds);
    const changed = new Set<string>();
    const outputs: DeadlineOutput[] = [];
    for (const event of events) {
      const caseId = caseIdOf(event);
      if (caseId === null) continue;
      const result = this.workflow.process(states.get(caseId) ?? null, {
        eventId: event.eventId,
        caseId,
        recordedAt: event.recordedAt,
        globalPosition: event.globalPosition,
        event: { type: event.type, data: event.data } as CaseEvent,
      });
      if (result.state === null) continue;
      states.set(caseId, result.state);
      changed.add(caseId);
      outputs.push(...result.outputs);
    }
    await this.projection.apply(tx, outputs, { fresh: options.rebuild });
    await this.projection.saveStates(
      tx,
      [...changed].map((id) => states.get(id)!),
    );
    if (options.rebuild) return;

    const stillOpen = new Set([...changed].flatMap((id) => states.get(id)!.open.map((d) => d.deadlineId)));
    // Only deadlines already passed are enqueued now; the sweeper enqueues the others once they pass.
    const schedules = outputs.filter(
      (o): o is Extract<DeadlineOutput, { type: 'Schedule' }> =>
        o.type === 'Schedule' && stillOpen.has(o.job.deadlineId) && this.scheduler.isDue(o.at),
    );
    if (schedules.length) {
      void Promise.all(schedules.map((s) => this.scheduler.schedule(s.job, s.at))).catch((error: unknown) =>
        this.logger.warn(`Could not enqueue deadline escalations: ${(error as Error).message}`),
      );
    }
  }

  async reset(tx: Sql): Promise<void> {
    await this.projection.reset(tx);
  }
}
