import type { Sql } from '@baken/event-store';
import type { BusinessDate } from '../domain';
import type { CompletedAs, DeadlineCase, DeadlineOutput, OpenedDeadline } from './deadlines.workflow';

/**
 * The tables behind the deadline workflow: `deadline_cases` holds the workflow's state per case, `deadlines` every
 * deadline with its status (the work queue and the sweeper read it). Written only by the `deadlines` subscriber, in
 * the transaction that moves its checkpoint.
 */
export class DeadlinesProjection {
  async loadStates(tx: Sql, caseIds: readonly string[]): Promise<Map<string, DeadlineCase>> {
    if (caseIds.length === 0) return new Map();
    const { rows } = await tx.query<{ case_id: string; state: DeadlineCase | string }>(
      'SELECT case_id, state FROM deadline_cases WHERE case_id = ANY($1::uuid[])',
      [caseIds],
    );
    return new Map(
      rows.map((r) => [r.case_id, typeof r.state === 'string' ? (JSON.parse(r.state) as DeadlineCase) : r.state]),
    );
  }

  async saveStates(tx: Sql, states: readonly DeadlineCase[]): Promise<void> {
    if (states.length === 0) return;
    // One JSON document, not an array of JSON texts: in an array literal every quote of every state is escaped, and
    // the server reads each state twice; this took half the statement's time in a rebuild.
    await tx.query(
      `INSERT INTO deadline_cases (case_id, state)
       SELECT (state->>'caseId')::uuid, state FROM jsonb_array_elements($1::jsonb) AS s(state)
       ON CONFLICT (case_id) DO UPDATE SET state = excluded.state`,
      [JSON.stringify(states)],
    );
  }

  /**
   * Applies the workflow's decisions with the same result as applying them one by one, in order, but in two statements
   * per batch instead of one per decision: the decisions are first folded per deadline (see {@link foldDeadlineChanges}).
   * `Schedule` is not the projection's business.
   *
   * `fresh`: the tables were created empty for a rebuild that reads each event once. A deadline's id is the id of the
   * event that opens it, so one opened in the batch cannot have been there before it, and is not looked for.
   */
  async apply(tx: Sql, outputs: readonly DeadlineOutput[], options: { fresh?: boolean } = {}): Promise<void> {
    const changes = foldDeadlineChanges(outputs);
    if (changes.length === 0) return;
    // Rows that were there before the batch: what every decision of the batch does to them. A decision that would not
    // change the row (a completion of a deadline no longer open) writes no row version either.
    const updates = changes.filter((c) => hasEffect(c.onExisting) && !(options.fresh && c.opened));
    if (updates.length) {
      await tx.query(
        `UPDATE deadlines d SET
           coordinator = coalesce(p.coordinator, d.coordinator),
           status = CASE WHEN d.status = 'open' AND p.status IS NOT NULL THEN p.status ELSE d.status END,
           ended_on = CASE WHEN d.status = 'open' AND p.status IS NOT NULL THEN p.ended_on ELSE d.ended_on END,
           missed_at = coalesce(d.missed_at, p.missed_at)
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::timestamptz[])
           AS p(deadline_id, coordinator, status, ended_on, missed_at)
         WHERE d.deadline_id = p.deadline_id
           AND (p.coordinator IS DISTINCT FROM d.coordinator AND p.coordinator IS NOT NULL
                OR p.status IS NOT NULL AND d.status = 'open'
                OR p.missed_at IS NOT NULL AND d.missed_at IS NULL)`,
        [
          updates.map((c) => c.deadlineId),
          updates.map((c) => c.onExisting.coordinator),
          updates.map((c) => c.onExisting.completed?.outcome ?? null),
          updates.map((c) => c.onExisting.completed?.on ?? null),
          updates.map((c) => c.onExisting.missedAt),
        ],
      );
    }
    // Deadlines opened in the batch: inserted as the decisions after their opening left them. One that was there
    // already was brought up to date above, and its opening does nothing, as it would have done alone.
    const opened = changes.filter((c): c is DeadlineChange & { opened: OpenedDeadline } => c.opened !== null);
    if (opened.length) {
      const column = <T>(f: (c: DeadlineChange & { opened: OpenedDeadline }) => T) => opened.map(f);
      await tx.query(
        `INSERT INTO deadlines (deadline_id, case_id, reference, district, kind, ref, started_on, due_on, coordinator,
                                lead_partner, owner_username, status, ended_on, missed_at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[],
                              $8::date[], $9::text[], $10::text[], $11::text[], $12::text[], $13::date[], $14::timestamptz[])
         ON CONFLICT (deadline_id) DO NOTHING`,
        [
          column((c) => c.deadlineId),
          column((c) => c.opened.caseId),
          column((c) => c.opened.reference),
          column((c) => c.opened.district),
          column((c) => c.opened.kind),
          column((c) => c.opened.ref),
          column((c) => c.opened.startedOn),
          column((c) => c.opened.dueOn),
          column((c) => c.afterOpen.coordinator ?? c.opened.coordinator),
          column((c) => c.opened.leadPartner),
          column((c) => c.opened.owner ?? null),
          column((c) => c.afterOpen.completed?.outcome ?? 'open'),
          column((c) => c.afterOpen.completed?.on ?? null),
          column((c) => c.afterOpen.missedAt),
        ],
      );
    }
  }

  /**
   * Empties both tables before a rebuild from the log. `DELETE`, not `TRUNCATE`: the work queue and the sweeper keep
   * reading the old rows until the rebuild commits, instead of waiting for it.
   */
  async reset(tx: Sql): Promise<void> {
    await tx.query('DELETE FROM deadlines');
    await tx.query('DELETE FROM deadline_cases');
  }
}

/**
 * What a run of decisions does to one deadline's row, whatever the row holds: `Assign` sets the coordinator, so the
 * last one counts; `Complete` changes only an open deadline and nothing reopens one, so the first one counts (if the
 * deadline was open); `RecordMissed` sets `missed_at` only when it is empty, so the first one counts (if it was empty).
 */
export interface DeadlinePatch {
  coordinator: string | null;
  completed: { outcome: CompletedAs; on: BusinessDate } | null;
  /** ISO 8601. */
  missedAt: string | null;
}

/** A batch's decisions about one deadline, folded. */
export interface DeadlineChange {
  deadlineId: string;
  /** The batch's first `Open` of the deadline; the later ones do nothing. */
  opened: OpenedDeadline | null;
  /** All the batch's decisions: what they do to a row that was there before the batch. */
  onExisting: DeadlinePatch;
  /** The decisions after the first `Open`: what they do to the row that `Open` inserts when there was none. */
  afterOpen: DeadlinePatch;
}

/**
 * Folds a batch's decisions per deadline, in the order the deadlines first appear. Applying each change — the
 * `onExisting` patch to the row if there was one, else inserting the opened deadline with the `afterOpen` patch —
 * leaves the rows as applying the decisions one by one does: until its `Open`, decisions about a deadline that is not
 * there change nothing, and once it is there every decision is a patch of the row.
 */
export function foldDeadlineChanges(outputs: readonly DeadlineOutput[]): DeadlineChange[] {
  const changes = new Map<string, DeadlineChange>();
  const changeOf = (deadlineId: string) => {
    let change = changes.get(deadlineId);
    if (!change) {
      change = { deadlineId, opened: null, onExisting: noPatch(), afterOpen: noPatch() };
      changes.set(deadlineId, change);
    }
    return change;
  };
  const patch = (change: DeadlineChange, apply: (p: DeadlinePatch) => void) => {
    apply(change.onExisting);
    if (change.opened) apply(change.afterOpen);
  };
  for (const output of outputs) {
    switch (output.type) {
      case 'Open': {
        const change = changeOf(output.deadline.deadlineId);
        change.opened ??= output.deadline;
        break;
      }
      case 'Assign':
        patch(changeOf(output.deadlineId), (p) => (p.coordinator = output.coordinator));
        break;
      case 'Complete':
        patch(changeOf(output.deadlineId), (p) => (p.completed ??= { outcome: output.outcome, on: output.on }));
        break;
      case 'RecordMissed':
        patch(changeOf(output.deadlineId), (p) => (p.missedAt ??= new Date(output.at).toISOString()));
        break;
      case 'Schedule':
        break;
    }
  }
  return [...changes.values()];
}

const noPatch = (): DeadlinePatch => ({ coordinator: null, completed: null, missedAt: null });

const hasEffect = (p: DeadlinePatch) => p.coordinator !== null || p.completed !== null || p.missedAt !== null;
