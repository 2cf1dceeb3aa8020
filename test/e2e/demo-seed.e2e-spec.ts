import { CommandBus } from '@nestjs/cqrs';
import { CareTableSessions, seedDemoCases } from '@baken/case-coordination';
import { ok } from './support/cases';
import { useTestApp } from './support/test-app';

/** The demo data `npm start` seeds: made through the real command path, so every rule of the domain holds for it. */
describe('the demo seed', () => {
  const app = useTestApp();

  beforeAll(async () => {
    await seedDemoCases(app().app.get(CommandBus), app().clock.now(), 40, undefined, app().app.get(CareTableSessions));
  }, 120_000);

  it('shows a region with cases in every state', async () => {
    const auditor = await app().as('auditor');
    const items = ok(await auditor.get('/api/cases?pageSize=200'), 200, 'list').body.items as { status: string }[];
    expect(items).toHaveLength(40);
    expect(new Set(items.map((i) => i.status))).toEqual(
      new Set([
        'signal_received',
        'in_triage',
        'forwarded',
        'closed',
        'at_care_table',
        'awaiting_steering_group',
        'in_execution',
      ]),
    );
  });

  it('puts proposals before each stuurploeg with the assents so far, and plans what it approved', async () => {
    const steering = await app().as('steering.de-baronie');
    const agenda = ok(await steering.get('/api/steering/agenda'), 200, 'agenda').body.items;
    expect(agenda.length).toBeGreaterThan(0);
    for (const item of agenda) {
      expect(item.steeringSummary).toEqual(expect.any(String));
      expect(item.measures.length).toBeGreaterThan(0);
      expect(
        item.stillNeeded.members + item.stillNeeded.organisations + item.stillNeeded.levels.length,
      ).toBeGreaterThan(0);
    }
    const decisions = ok(await steering.get('/api/steering/decisions?from=2020-01-01&to=2030-12-31'), 200, 'decisions')
      .body.items;
    expect(decisions.length).toBeGreaterThan(0);
    const coordinator = await app().as('coordinator.de-baronie');
    for (const decision of decisions) {
      expect(decision.votes.length).toBeGreaterThanOrEqual(2);
      const detail = ok(await coordinator.get(`/api/cases/${decision.caseId}`), 200, 'detail').body;
      expect(
        detail.interventions.filter((i: { proposalId: string }) => i.proposalId === decision.proposalId),
      ).toHaveLength(decision.measures.length);
    }
  });

  it('records each case over the months it took, not all at the moment of seeding', async () => {
    const auditor = await app().as('auditor');
    const items = ok(await auditor.get('/api/cases?pageSize=200&status=closed'), 200, 'list').body.items as {
      caseId: string;
    }[];
    const history = ok(await auditor.get(`/api/cases/${items[0].caseId}/history`), 200, 'history').body.events as {
      recordedAt: string;
    }[];
    const instants = history.map((e) => Date.parse(e.recordedAt));
    expect(instants).toEqual([...instants].sort((a, b) => a - b));
    expect(instants.at(-1)! - instants[0]).toBeGreaterThan(14 * 24 * 3_600_000);
    expect(instants.every((at) => at <= app().clock.now().getTime())).toBe(true);
  });

  it('gives every role work: sessions for the coordinator, action points for partners, a deferral for the stuurploeg', async () => {
    const coordinator = await app().as('coordinator.de-baronie');
    const sessions = ok(await coordinator.get('/api/care-table-sessions'), 200, 'sessions').body.items as {
      plannedOn: string;
      discussedCount: number;
    }[];
    const today = app().clock.now().toISOString().slice(0, 10);
    expect(sessions.some((s) => s.plannedOn > today)).toBe(true);
    expect(sessions.some((s) => s.plannedOn < today && s.discussedCount > 0)).toBe(true);

    const tasksOf = async (username: string) =>
      ok(await (await app().as(username)).get('/api/me/tasks'), 200, 'tasks').body.items as {
        kind: string;
        overdue: boolean;
      }[];
    // The deadline workflow follows the log: wait until it has caught up with the seed's last outcome.
    const deadline = Date.now() + 30_000;
    const caughtUp = async () =>
      (await tasksOf('partner.labour-inspectorate')).some((t) => t.kind === 'action_point') &&
      (await tasksOf('coordinator.de-baronie')).some((t) => t.kind === 'action_point' && t.overdue);
    while (!(await caughtUp())) {
      if (Date.now() > deadline) throw new Error('the action points did not reach the partner and the coordinator');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const feedback = await Promise.all(
      ['zeeland', 'de-markiezaten', 'de-baronie', 'hart-van-brabant'].map(async (district) =>
        (await tasksOf(`coordinator.${district}`)).some((t) => t.kind === 'forward_feedback'),
      ),
    );
    expect(feedback).toContain(true);

    const agenda = ok(await (await app().as('steering.de-baronie')).get('/api/steering/agenda'), 200, 'agenda').body
      .items as { revisitOn: string | null }[];
    expect(agenda.some((item) => item.revisitOn !== null)).toBe(true);
  }, 60_000);
});
