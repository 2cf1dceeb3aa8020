import { Inject, Injectable } from '@nestjs/common';
import { AccessLog, type Actor } from '@baken/access';
import type { Database } from '@baken/event-store';
import { businessDateOf, CLOCK, DATABASE, type Clock } from '@baken/platform';
import { isOverdue, type BusinessDate, type DeadlineKind } from '../domain';
import { CaseReadModelProjection } from '../projections/case-read-model.projection';

export interface Task {
  caseId: string;
  reference: string;
  kind: DeadlineKind;
  dueOn: BusinessDate;
  /** The due date has passed (or the system recorded it as missed) and the work is still open. */
  overdue: boolean;
  /** An action point: its id and what was agreed. */
  actionPointId?: string;
  description?: string;
}

/**
 * Whose work a deadline is (DOMAIN.md "Deadlines"), as a SQL condition on `deadlines` for one actor, or `null` for
 * roles that own no deadlines. Its parameters are appended to `params`.
 * - Coordinators: their district's triage (assigned to them, or to nobody yet), effect follow-ups, evaluations and
 *   forward feedback; action points owned by them or their organisation; and every overdue action point of the
 *   district, whoever owns it, so that nothing agreed is lost.
 * - Steering-group members: their district's decisions and revisits; action points owned by them personally.
 * - Partners: effect follow-ups of interventions their organisation leads, feedback on cases forwarded to it, and
 *   action points of their organisation (those owned by one person: that person's only).
 */
function ownedBy(actor: Actor, params: unknown[], today: BusinessDate): string | null {
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  // Built only where used: every parameter sent must appear in the statement.
  const mine = () => `owner_username = ${p(actor.username)}`;
  const organisation = () => (actor.organisation === null ? 'false' : `lead_partner = ${p(actor.organisation)}`);
  const ownActionPoint = () =>
    `(kind = 'action_point' AND (${mine()} OR (owner_username IS NULL AND ${organisation()})))`;
  switch (actor.role) {
    case 'coordinator': {
      const districts = p(actor.districts);
      return `district = ANY(${districts}::text[]) AND (
        (kind = 'triage' AND (coordinator = ${p(actor.username)} OR coordinator IS NULL))
        OR kind IN ('effect_follow_up', 'proposal_evaluation', 'forward_feedback')
        OR ${ownActionPoint()}
        OR (kind = 'action_point' AND (missed_at IS NOT NULL OR due_on < ${p(today)}::date)))`;
    }
    case 'steering_group':
      return `((kind IN ('proposal_decision', 'proposal_revisit') AND district = ANY(${p(actor.districts)}::text[]))
        OR (kind = 'action_point' AND ${mine()}))`;
    case 'partner':
      return `((kind IN ('effect_follow_up', 'forward_feedback') AND ${organisation()}) OR ${ownActionPoint()})`;
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
    private readonly cases: CaseReadModelProjection,
    private readonly accessLog: AccessLog,
  ) {}

  async tasksOf(actor: Actor): Promise<Task[]> {
    const params: unknown[] = [];
    const today = businessDateOf(this.clock.now());
    const owned = ownedBy(actor, params, today);
    if (owned === null) return [];
    const { rows } = await this.db.query<{
      case_id: string;
      reference: string;
      kind: DeadlineKind;
      ref: string;
      due_on: string;
      missed: boolean;
    }>(
      `SELECT case_id, reference, kind, ref, due_on::text AS due_on, missed_at IS NOT NULL AS missed
       FROM deadlines
       WHERE status = 'open' AND ${owned}
       ORDER BY due_on, reference, kind, ref`,
      params,
    );
    const descriptions = await this.actionPointDescriptions(
      actor,
      rows.filter((r) => r.kind === 'action_point').map((r) => r.case_id),
    );
    return rows.map((r) => ({
      caseId: r.case_id,
      reference: r.reference,
      kind: r.kind,
      dueOn: r.due_on,
      overdue: isOverdue({ dueOn: r.due_on, missed: r.missed }, today),
      ...(r.kind === 'action_point' && {
        actionPointId: r.ref,
        description: descriptions.get(r.ref) ?? '',
      }),
    }));
  }

  /**
   * What was agreed in each action point, from the cases' current state (its free text is sealed there, and a
   * redaction restates it). Showing it reads case content, so each case is written to the access log.
   */
  private async actionPointDescriptions(actor: Actor, caseIds: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(caseIds)];
    if (unique.length === 0) return new Map();
    const cases = await this.cases.loadMany(this.db, unique);
    for (const c of cases) {
      await this.accessLog.record({
        actor,
        caseId: c.caseId,
        reference: c.reference,
        reason: null,
        action: 'read_case',
        detail: 'work queue: action points',
      });
    }
    return new Map(cases.flatMap((c) => c.actionPoints.map((a) => [a.actionPointId, a.description ?? ''])));
  }
}
