import { randomUUID } from 'node:crypto';
import {
  CaseNarrative,
  CaseReadModelProjection,
  caseStreamId,
  triageRef,
  type OpenCase,
} from '@baken/case-coordination';
import type { Database, EventStore } from '@baken/event-store';
import { DATABASE, EVENT_STORE } from '@baken/platform';
import { command as rebuildCommand } from '../../apps/cli/src/commands/projections-rebuild.command';
import { bodies, COORDINATOR, driveCase, ok, STEERING, steeringApproval, type CaseHandle } from './support/cases';
import { recordDeadlineMissed } from './support/system';
import { useTestApp, type ApiClient } from './support/test-app';

/** The inline read models: the case list's rows and the case details' snapshots, as the database holds them. */
/** Both inline read models, the details' free text opened (sealed, it differs by its random IVs). */
async function readModels(db: Database, narrative: CaseNarrative) {
  const details = await db.query<{ state: OpenCase }>(
    'SELECT case_id, version, state, state_version FROM case_details ORDER BY case_id',
  );
  const list = await db.query('SELECT * FROM case_list ORDER BY case_id');
  const opened = await Promise.all(
    details.rows.map(async (row) => ({ ...row, state: (await narrative.openState(db, row.state)).state })),
  );
  return { details: opened, list: list.rows };
}

describe('the case state: overdue, the actions on offer, old events and the rebuildable snapshot', () => {
  const app = useTestApp();
  let coordinator: ApiClient;
  let db: Database;
  const overdueOf = async (c: CaseHandle) =>
    (await coordinator.get(`/api/cases?pageSize=200`)).body.items.find((i: { caseId: string }) => i.caseId === c.caseId)
      .overdue;

  beforeAll(async () => {
    coordinator = await app().as(COORDINATOR);
    db = app().app.get<Database>(DATABASE);
  });

  describe("the case list's overdue flag, for every kind of deadline", () => {
    it('flags a missed triage until the signal is triaged, and only for the current round after a reopening', async () => {
      const c = await driveCase(app(), 'in_triage');
      await recordDeadlineMissed(app(), c.caseId, 'triage', '2026-03-09', triageRef(c.caseId, 0));
      expect(await overdueOf(c)).toBe(true);
      ok(await coordinator.post(`/api/cases/${c.caseId}/triage`, bodies.triage()), 200, 'triage');
      expect(await overdueOf(c)).toBe(false);
      ok(await coordinator.post(`/api/cases/${c.caseId}/care-table-meetings`, bodies.meeting()), 200, 'meeting');
      ok(await coordinator.post(`/api/cases/${c.caseId}/close`, bodies.close()), 200, 'close');
      ok(await coordinator.post(`/api/cases/${c.caseId}/reopen`, bodies.reopen()), 200, 'reopen');
      expect(await overdueOf(c)).toBe(false);
      await recordDeadlineMissed(app(), c.caseId, 'triage', '2026-03-16', triageRef(c.caseId, 1));
      expect(await overdueOf(c)).toBe(true);
    });

    it('flags a missed steering-group decision until the proposal is decided, not merely voted on', async () => {
      const c = await driveCase(app(), 'awaiting_steering_group');
      await recordDeadlineMissed(app(), c.caseId, 'proposal_decision', '2026-03-12', c.proposalId);
      expect(await overdueOf(c)).toBe(true);
      const [chair, inspectorate] = steeringApproval(STEERING);
      const vote = async (username: string) =>
        ok(
          await (
            await app().as(username)
          ).post(`/api/cases/${c.caseId}/proposals/${c.proposalId}/decision`, bodies.decide()),
          200,
          `vote ${username}`,
        );
      await vote(chair);
      expect(await overdueOf(c)).toBe(true);
      await vote(inspectorate);
      expect(await overdueOf(c)).toBe(false);
    });

    it('flags a missed effect follow-up until an effect is recorded', async () => {
      const c = await driveCase(app(), 'intervention_executed');
      await recordDeadlineMissed(app(), c.caseId, 'effect_follow_up', '2026-03-13', c.interventionId);
      expect(await overdueOf(c)).toBe(true);
      ok(
        await coordinator.post(`/api/cases/${c.caseId}/interventions/${c.interventionId}/effects`, bodies.effect()),
        200,
        'effect',
      );
      expect(await overdueOf(c)).toBe(false);
    });
  });

  describe('the actions a case offers (allowedActions)', () => {
    it('answers what the actor may do now on the case and on each of its parts, and nothing for a case as it was', async () => {
      const c = await driveCase(app(), 'awaiting_steering_group');
      const mine = ok(await coordinator.get(`/api/cases/${c.caseId}`), 200, 'detail').body;
      expect(mine.allowedActions).toEqual(['ReclassifyCase', 'LinkCase', 'PlanIntervention', 'AddSubject']);
      expect(mine.proposals).toEqual([expect.objectContaining({ proposalId: c.proposalId, allowedActions: [] })]);
      const steering = ok(await (await app().as(STEERING)).get(`/api/cases/${c.caseId}`), 200, 'steering detail').body;
      expect(steering.allowedActions).toEqual([]);
      expect(steering.proposals).toEqual([
        expect.objectContaining({ proposalId: c.proposalId, allowedActions: ['DecideProposal'] }),
      ]);
      const past = ok(await coordinator.get(`/api/cases/${c.caseId}?version=2`), 200, 'past').body;
      expect(past.allowedActions).toEqual([]);
    });

    it('offers a partner the execution of the interventions its organisation leads, and an action on offer is accepted', async () => {
      const c = await driveCase(app(), 'intervention_planned');
      const partner = await app().as('partner.labour-inspectorate');
      const detail = ok(await partner.get(`/api/cases/${c.caseId}`), 200, 'partner detail').body;
      expect(detail.allowedActions).toEqual([]);
      expect(detail.interventions).toEqual([
        expect.objectContaining({ interventionId: c.interventionId, allowedActions: ['RecordInterventionExecuted'] }),
      ]);
      ok(
        await partner.post(`/api/cases/${c.caseId}/interventions/${c.interventionId}/execution`, bodies.execution()),
        200,
        'execution',
      );
      const after = ok(await partner.get(`/api/cases/${c.caseId}`), 200, 'partner detail after').body;
      expect(after.interventions[0].allowedActions).toEqual(['RecordInterventionEffect']);
    });
  });

  describe('events stored in an older schema version', () => {
    it('reads an intervention planned in version 1 (no participants) in the current shape, and the chain still verifies', async () => {
      const c = await driveCase(app(), 'in_execution');
      const store = app().app.get<EventStore>(EVENT_STORE);
      const interventionId = randomUUID();
      await store.appendToStream(
        caseStreamId(c.caseId),
        [
          {
            eventId: randomUUID(),
            type: 'InterventionPlanned',
            schemaVersion: 1,
            data: {
              interventionId,
              type: 'premises_closure',
              level: 'administrative',
              leadPartner: 'municipality',
              plannedOn: '2026-03-10',
            },
            metadata: { actor: { username: COORDINATOR, role: 'coordinator' } },
          },
        ],
        { expectedVersion: c.version, streamType: 'case' },
      );
      await app().app.get(CaseReadModelProjection).rebuild(db);

      const detail = ok(await coordinator.get(`/api/cases/${c.caseId}`), 200, 'detail').body;
      expect(detail.interventions).toContainEqual(
        expect.objectContaining({ interventionId, leadPartner: 'municipality', participants: [] }),
      );
      const history = ok(await coordinator.get(`/api/cases/${c.caseId}/history`), 200, 'history').body;
      expect(history.events.at(-1).data).toEqual(expect.objectContaining({ interventionId, participants: [] }));
      const stored = await db.query<{ schema_version: number; data: Record<string, unknown> }>(
        'SELECT schema_version, data FROM es_events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1',
        [caseStreamId(c.caseId)],
      );
      expect(stored.rows[0].schema_version).toBe(1);
      expect(stored.rows[0].data).not.toHaveProperty('participants');
      expect(
        ok(await (await app().as('auditor')).get(`/api/audit/cases/${c.caseId}/verify`), 200, 'verify').body.valid,
      ).toBe(true);
      ok(
        await coordinator.post(`/api/cases/${c.caseId}/interventions/${interventionId}/execution`, bodies.execution()),
        200,
        'execute the old intervention',
      );
    });

    it('appends new events in the current schema version', async () => {
      const c = await driveCase(app(), 'intervention_planned');
      const { rows } = await db.query<{ schema_version: number }>(
        `SELECT schema_version FROM es_events WHERE stream_id = $1 AND event_type = 'InterventionPlanned'`,
        [caseStreamId(c.caseId)],
      );
      expect(rows).toEqual([{ schema_version: 3 }]);
    });
  });

  describe('the versioned snapshot the commands decide on', () => {
    it('does not trust a snapshot of another state version: the case is folded again from its stream', async () => {
      const c = await driveCase(app(), 'at_care_table');
      // An old snapshot: another version of the state, with a status the log does not support.
      await db.query(
        `UPDATE case_details SET state_version = 1, state = jsonb_set(state, '{status}', '"closed"') WHERE case_id = $1`,
        [c.caseId],
      );
      expect(ok(await coordinator.get(`/api/cases/${c.caseId}`), 200, 'detail').body.status).toBe('at_care_table');
      ok(
        await coordinator.post(`/api/cases/${c.caseId}/care-table-meetings`, bodies.meeting()),
        200,
        'a command on the folded state',
      );
      const { rows } = await db.query<{ state_version: number; status: string }>(
        `SELECT state_version, state->>'status' AS status FROM case_details WHERE case_id = $1`,
        [c.caseId],
      );
      expect(rows).toEqual([{ state_version: expect.any(Number), status: 'at_care_table' }]);
      expect(rows[0].state_version).toBeGreaterThan(1);
    });

    it('is rebuilt from the log by `cli projections-rebuild case-read-models`, equal to what the commands wrote', async () => {
      await driveCase(app(), 'reopened');
      await driveCase(app(), 'effect_recorded', {
        signal: { district: 'zeeland', municipality: 'goes' },
        coordinator: 'coordinator.zeeland',
      });
      const live = await readModels(db, app().app.get(CaseNarrative));
      expect(live.details.length).toBeGreaterThan(5);
      await db.query(`UPDATE case_details SET state = '{}'::jsonb, state_version = 1`);
      await db.query(`UPDATE case_list SET status = 'closed', overdue = NOT overdue, version = 0`);
      const context = { get: (token: unknown) => (token === DATABASE ? db : app().app.get(token as never)) };
      const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      try {
        expect(await rebuildCommand.run(context as never, ['case-read-models'], {})).toBe(0);
      } finally {
        write.mockRestore();
      }
      expect(await readModels(db, app().app.get(CaseNarrative))).toEqual(live);
    });
  });
});
