import { CommandBus } from '@nestjs/cqrs';
import { seedDemoCases } from '@baken/case-coordination';
import { ok } from './support/cases';
import { useTestApp } from './support/test-app';

/** The demo data `npm start` seeds: made through the real command path, so every rule of the domain holds for it. */
describe('the demo seed', () => {
  const app = useTestApp();

  beforeAll(async () => {
    await seedDemoCases(app().app.get(CommandBus), app().clock.now(), 40);
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
});
