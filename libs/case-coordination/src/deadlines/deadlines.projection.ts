import type { Sql } from '@baken/event-store';
import type { DeadlineCase, DeadlineOutput } from './deadlines.workflow';

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
    await tx.query(
      `INSERT INTO deadline_cases (case_id, state)
       SELECT * FROM unnest($1::uuid[], $2::jsonb[])
       ON CONFLICT (case_id) DO UPDATE SET state = excluded.state`,
      [states.map((s) => s.caseId), states.map((s) => JSON.stringify(s))],
    );
  }

  /** Applies the workflow's decisions in order. `Schedule` is not the projection's business. */
  async apply(tx: Sql, outputs: readonly DeadlineOutput[]): Promise<void> {
    for (const output of outputs) {
      switch (output.type) {
        case 'Open': {
          const d = output.deadline;
          await tx.query(
            `INSERT INTO deadlines (deadline_id, case_id, reference, district, kind, ref, started_on, due_on, coordinator, lead_partner, owner_username)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (deadline_id) DO NOTHING`,
            [
              d.deadlineId,
              d.caseId,
              d.reference,
              d.district,
              d.kind,
              d.ref,
              d.startedOn,
              d.dueOn,
              d.coordinator,
              d.leadPartner,
              d.owner ?? null,
            ],
          );
          break;
        }
        case 'Assign':
          await tx.query('UPDATE deadlines SET coordinator = $2 WHERE deadline_id = $1', [
            output.deadlineId,
            output.coordinator,
          ]);
          break;
        case 'Complete':
          await tx.query(`UPDATE deadlines SET status = $2, ended_on = $3 WHERE deadline_id = $1 AND status = 'open'`, [
            output.deadlineId,
            output.outcome,
            output.on,
          ]);
          break;
        case 'RecordMissed':
          await tx.query('UPDATE deadlines SET missed_at = $2 WHERE deadline_id = $1 AND missed_at IS NULL', [
            output.deadlineId,
            output.at,
          ]);
          break;
        case 'Schedule':
          break;
      }
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
