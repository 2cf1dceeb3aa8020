import { involvedPartnersOf } from '@baken/access';
import type { Sql } from '@baken/event-store';
import type { OpenCase } from '../domain';
import { combineStatements, type Statement } from '../infrastructure/combined-statement';

/** A missed deadline stays open until its work is done. */
/**
 * A missed deadline stays open until its work is done. A triage deadline belongs to the current triage round only
 * (one missed before a reopening does not count again), and nothing stays overdue on a closed case.
 */
export function hasOpenMissedDeadline(state: OpenCase): boolean {
  if (state.status === 'closed') return false;
  const roundStart = state.reopenings.at(-1)?.reopenedOn ?? state.receivedOn;
  return state.missedDeadlines.some((m) => {
    switch (m.kind) {
      case 'triage':
        return (state.status === 'signal_received' || state.status === 'in_triage') && m.dueOn >= roundStart;
      case 'proposal_decision':
        return state.proposals.some((p) => p.proposalId === m.ref && p.status === 'submitted');
      case 'effect_follow_up':
        return state.interventions.some((i) => i.interventionId === m.ref && i.effects.length === 0);
    }
  });
}

/** Partner organisations involved in a case (at a care table or leading an intervention), by the access policy's rule. */
export function involvedPartners(state: OpenCase): string[] {
  return involvedPartnersOf({
    careTableParticipants: state.careTableMeetings.flatMap((m) => m.participants),
    interventionLeads: state.interventions.map((i) => ({ interventionId: i.interventionId, leadPartner: i.leadPartner })),
  });
}

/**
 * The inline read models (case list and case detail), written in the transaction of the append so that whoever
 * acted sees the result at once. The detail row is the folded state itself, so it doubles as the snapshot the
 * command side decides on.
 */
export class CaseReadModelProjection {
  /**
   * Both rows in one statement, together with `alongside` (writes that must commit with them, e.g. a new subject's
   * key): one round trip inside the command's transaction instead of one per write.
   */
  async apply(tx: Sql, state: OpenCase, version: number, alongside: readonly Statement[] = []): Promise<void> {
    const detail: Statement = {
      text: `INSERT INTO case_details (case_id, version, state) VALUES ($1, $2, $3)
             ON CONFLICT (case_id) DO UPDATE SET version = excluded.version, state = excluded.state`,
      params: [state.caseId, version, JSON.stringify(state)],
    };
    const list: Statement = {
      text: `INSERT INTO case_list (case_id, reference, district, municipality, status, forms, urgency, received_on, coordinator,
                                    registered_by, involved_partners, overdue, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
             ON CONFLICT (case_id) DO UPDATE SET reference = excluded.reference, district = excluded.district,
               municipality = excluded.municipality, status = excluded.status, forms = excluded.forms, urgency = excluded.urgency,
               received_on = excluded.received_on, coordinator = excluded.coordinator, registered_by = excluded.registered_by,
               involved_partners = excluded.involved_partners, overdue = excluded.overdue, version = excluded.version`,
      params: [
        state.caseId, state.reference, state.district, state.municipality, state.status, state.forms, state.urgency,
        state.receivedOn, state.coordinator, state.registeredBy, involvedPartners(state), hasOpenMissedDeadline(state), version,
      ],
    };
    const { text, params } = combineStatements([...alongside, detail], list);
    await tx.query(text, params);
  }

  async load(sql: Sql, caseId: string): Promise<{ state: OpenCase; version: number } | null> {
    const { rows } = await sql.query<{ state: OpenCase | string; version: number }>('SELECT state, version FROM case_details WHERE case_id = $1', [caseId]);
    if (rows.length === 0) return null;
    const state = typeof rows[0].state === 'string' ? (JSON.parse(rows[0].state) as OpenCase) : rows[0].state;
    return { state, version: Number(rows[0].version) };
  }

  /** Empties both read models, before a rebuild from the log. */
  async truncate(tx: Sql): Promise<void> {
    await tx.query('TRUNCATE case_details, case_list');
  }
}
