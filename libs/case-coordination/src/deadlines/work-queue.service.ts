import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@baken/access';
import type { Database } from '@baken/event-store';
import { businessDateOf, CLOCK, DATABASE, type Clock } from '@baken/platform';
import { isOverdue, type BusinessDate, type DeadlineKind } from '../domain';

export interface Task {
  caseId: string;
  reference: string;
  kind: DeadlineKind;
  dueOn: BusinessDate;
  /** The due date has passed (or the system recorded it as missed) and the work is still open. */
  overdue: boolean;
}

/**
 * Whose work a deadline is (DOMAIN.md "Deadlines"), as a SQL condition on `deadlines` for one actor, or `null` for
 * roles that own no deadlines. Its parameters are appended to `params`.
 */
function ownedBy(actor: Actor, params: unknown[]): string | null {
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  switch (actor.role) {
    case 'coordinator': {
      const districts = p(actor.districts);
      return `district = ANY(${districts}::text[]) AND (
        (kind = 'triage' AND (coordinator = ${p(actor.username)} OR coordinator IS NULL))
        OR kind IN ('effect_follow_up', 'proposal_evaluation'))`;
    }
    case 'steering_group':
      return `kind IN ('proposal_decision', 'proposal_revisit') AND district = ANY(${p(actor.districts)}::text[])`;
    case 'partner':
      return actor.organisation === null
        ? null
        : `kind = 'effect_follow_up' AND lead_partner = ${p(actor.organisation)}`;
    default:
      return null;
  }
}

/** The work queue: open deadlines the actor owns, soonest first. */
@Injectable()
export class WorkQueue {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async tasksOf(actor: Actor): Promise<Task[]> {
    const params: unknown[] = [];
    const owned = ownedBy(actor, params);
    if (owned === null) return [];
    const today = businessDateOf(this.clock.now());
    const { rows } = await this.db.query<{
      case_id: string;
      reference: string;
      kind: DeadlineKind;
      due_on: string;
      missed: boolean;
    }>(
      `SELECT case_id, reference, kind, due_on::text AS due_on, missed_at IS NOT NULL AS missed
       FROM deadlines
       WHERE status = 'open' AND ${owned}
       ORDER BY due_on, reference, kind, ref`,
      params,
    );
    return rows.map((r) => ({
      caseId: r.case_id,
      reference: r.reference,
      kind: r.kind,
      dueOn: r.due_on,
      overdue: isOverdue({ dueOn: r.due_on, missed: r.missed }, today),
    }));
  }
}
