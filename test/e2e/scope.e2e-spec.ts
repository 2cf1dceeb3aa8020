import { randomUUID } from 'node:crypto';
import { bodies, COORDINATOR, driveCase, ok, signalBody, type CaseHandle } from './support/cases';
import { expectProblem } from './support/problems';
import { useTestApp, type ApiClient } from './support/test-app';

/** A case outside an actor's scope answers 404 everywhere: its existence is not revealed. */
describe('scope: who sees which case', () => {
  const app = useTestApp();
  let coordinator: ApiClient;
  let otherCoordinator: ApiClient;
  let c: CaseHandle;

  beforeAll(async () => {
    coordinator = await app().as(COORDINATOR);
    otherCoordinator = await app().as('coordinator.zeeland');
    c = await driveCase(app(), 'intervention_executed', {
      signal: { subjects: [{ role: 'victim', name: 'Scope Person' }] },
    });
  });

  describe('a coordinator of another district', () => {
    it('gets 404 on the detail, time travel and history', async () => {
      expectProblem(await otherCoordinator.get(`/api/cases/${c.caseId}`), 404);
      expectProblem(await otherCoordinator.get(`/api/cases/${c.caseId}?version=1`), 404);
      expectProblem(await otherCoordinator.get(`/api/cases/${c.caseId}/history`), 404);
    });

    it('gets the same answer for a case that exists as for one that does not', async () => {
      const existing = await otherCoordinator.get(`/api/cases/${c.caseId}`);
      const missing = await otherCoordinator.get(`/api/cases/${randomUUID()}`);
      expect(existing.status).toBe(missing.status);
      expect(existing.body.detail).toBe(missing.body.detail);
    });

    const commands: [string, string, (c: CaseHandle) => string, unknown][] = [
      ['assign', 'POST', (c) => `/api/cases/${c.caseId}/assign`, { coordinator: 'coordinator.zeeland' }],
      ['triage', 'POST', (c) => `/api/cases/${c.caseId}/triage`, bodies.triage()],
      ['care table meeting', 'POST', (c) => `/api/cases/${c.caseId}/care-table-meetings`, bodies.meeting()],
      ['draft proposal', 'POST', (c) => `/api/cases/${c.caseId}/proposals`, bodies.proposal()],
      ['submit proposal', 'POST', (c) => `/api/cases/${c.caseId}/proposals/${c.proposalId}/submit`, bodies.submit()],
      ['plan intervention', 'POST', (c) => `/api/cases/${c.caseId}/interventions`, bodies.intervention()],
      [
        'record execution',
        'POST',
        (c) => `/api/cases/${c.caseId}/interventions/${c.interventionId}/execution`,
        bodies.execution(),
      ],
      [
        'record effect',
        'POST',
        (c) => `/api/cases/${c.caseId}/interventions/${c.interventionId}/effects`,
        bodies.effect(),
      ],
      ['add subject', 'POST', (c) => `/api/cases/${c.caseId}/subjects`, { role: 'suspect' }],
      ['close', 'POST', (c) => `/api/cases/${c.caseId}/close`, bodies.close()],
      ['reopen', 'POST', (c) => `/api/cases/${c.caseId}/reopen`, bodies.reopen()],
      [
        'erase personal data',
        'DELETE',
        (c) => `/api/cases/${c.caseId}/subjects/${randomUUID()}/personal-data`,
        undefined,
      ],
    ];
    it.each(commands)('gets 404 on the command %s, and nothing is written', async (_name, method, path, body) => {
      const before = (await coordinator.get(`/api/cases/${c.caseId}`)).body.version;
      expectProblem(await app().request(method, path(c), { token: otherCoordinator.token, body }), 404);
      expect((await coordinator.get(`/api/cases/${c.caseId}`)).body.version).toBe(before);
    });

    it('does not see the case in the list, not even when filtering on its district', async () => {
      const list = ok(await otherCoordinator.get('/api/cases?pageSize=200'), 200, 'list').body;
      expect(list.items.map((i: { caseId: string }) => i.caseId)).not.toContain(c.caseId);
      const filtered = ok(await otherCoordinator.get('/api/cases?district=de-baronie'), 200, 'filtered').body;
      expect(filtered).toMatchObject({ items: [], total: 0 });
    });

    it('sees the cases of its own district', async () => {
      const own = await registerIn(otherCoordinator, 'zeeland', 'vlissingen');
      const list = (await otherCoordinator.get('/api/cases?pageSize=200')).body.items.map(
        (i: { caseId: string }) => i.caseId,
      );
      expect(list).toContain(own);
      expect(list).not.toContain(c.caseId);
    });
  });

  describe('the steering group', () => {
    it('of the district sees the case, pseudonymised; of another district gets 404', async () => {
      const own = ok(await (await app().as('steering.de-baronie')).get(`/api/cases/${c.caseId}`), 200, 'own');
      expect(own.text).not.toContain('Scope Person');
      expectProblem(await (await app().as('steering.zeeland')).get(`/api/cases/${c.caseId}`), 404);
      expectProblem(await (await app().as('steering.zeeland')).get(`/api/cases/${c.caseId}/history`), 404);
    });

    it('of another district gets 404, not 403, when it tries to decide', async () => {
      const awaiting = await driveCase(app(), 'awaiting_steering_group');
      expectProblem(
        await (
          await app().as('steering.zeeland')
        ).post(`/api/cases/${awaiting.caseId}/proposals/${awaiting.proposalId}/decision`, bodies.decide()),
        404,
      );
    });

    it('lists only the cases of its district', async () => {
      const items = (await (await app().as('steering.zeeland')).get('/api/cases?pageSize=200')).body.items;
      expect(items.every((i: { district: string }) => i.district === 'zeeland')).toBe(true);
      const baronie = (await (await app().as('steering.de-baronie')).get('/api/cases?pageSize=200')).body.items;
      expect(baronie.map((i: { caseId: string }) => i.caseId)).toContain(c.caseId);
    });
  });

  describe('liaison.breda', () => {
    let liaison: ApiClient;
    let own: string;

    beforeAll(async () => {
      liaison = await app().as('liaison.breda');
      own = await registerIn(liaison, 'de-baronie', 'breda');
    });

    it('sees the status of the signal it registered, and nothing else of it', async () => {
      const res = ok(await liaison.get(`/api/cases/${own}`), 200, 'liaison detail');
      expect(Object.keys(res.body).sort()).toEqual([
        'caseId',
        'district',
        'municipality',
        'receivedOn',
        'reference',
        'status',
        'version',
      ]);
      expect(res.body).toMatchObject({ caseId: own, status: 'signal_received' });
      await coordinator.post(`/api/cases/${own}/assign`, bodies.assign());
      expect((await liaison.get(`/api/cases/${own}`)).body.status).toBe('in_triage');
    });

    it('lists only the signals it registered, status only', async () => {
      const list = ok(await liaison.get('/api/cases?pageSize=200'), 200, 'liaison list').body;
      expect(list.items.map((i: { caseId: string }) => i.caseId)).toEqual([own]);
      expect(list.total).toBe(1);
      expect(list.items[0]).toMatchObject({ caseId: own, status: 'in_triage' });
      for (const hidden of ['forms', 'urgency', 'coordinator', 'summary', 'subjects'])
        expect(list.items[0]).not.toHaveProperty(hidden);
    });

    it('gets 404 on a Breda case registered by someone else, even though it is in its municipality', async () => {
      expect((await coordinator.get(`/api/cases/${c.caseId}`)).body.municipality).toBe('breda');
      expectProblem(await liaison.get(`/api/cases/${c.caseId}`), 404);
    });

    it('may not read the history of its own signal (403)', async () => {
      expectProblem(await liaison.get(`/api/cases/${own}/history`), 403);
    });
  });

  describe('a partner organisation', () => {
    it('sees a case only once its organisation takes part in an intervention: a seat at the care table is not enough', async () => {
      const early = await driveCase(app(), 'at_care_table');
      const police = await app().as('partner.police-avim');
      const listed = async () =>
        (await police.get('/api/cases?pageSize=200')).body.items.map((i: { caseId: string }) => i.caseId);
      expectProblem(await police.get(`/api/cases/${early.caseId}`), 404);
      ok(
        await coordinator.post(
          `/api/cases/${early.caseId}/care-table-meetings`,
          bodies.meeting({ participants: ['police_avim'] }),
        ),
        200,
        'meeting',
      );
      expectProblem(await police.get(`/api/cases/${early.caseId}`), 404);
      expect(await listed()).not.toContain(early.caseId);
      ok(
        await coordinator.post(`/api/cases/${early.caseId}/interventions`, {
          type: 'premises_closure',
          leadOrganisation: 'municipality:breda',
          participants: ['police_avim'],
          plannedOn: '2026-03-10',
        }),
        201,
        'closure with the police',
      );
      expect((await police.get(`/api/cases/${early.caseId}`)).status).toBe(200);
      expect(await listed()).toContain(early.caseId);
    });

    it('sees a case forwarded to its organisation at triage', async () => {
      const forwarded = await driveCase(app(), 'in_triage');
      const police = await app().as('partner.police-avim');
      expectProblem(await police.get(`/api/cases/${forwarded.caseId}`), 404);
      ok(
        await coordinator.post(
          `/api/cases/${forwarded.caseId}/triage`,
          bodies.triage('forward', { forwardedTo: 'police_avim' }),
        ),
        200,
        'forward',
      );
      expect((await police.get(`/api/cases/${forwarded.caseId}`)).body).toMatchObject({
        status: 'forwarded',
        forwarding: { forwardedTo: 'police_avim', feedback: null },
        allowedActions: ['RecordForwardFeedback'],
      });
    });

    it('records effects of an intervention it leads, but not of one it does not lead', async () => {
      const inspectorate = await app().as('partner.labour-inspectorate');
      const police = await app().as('partner.police-avim');
      const path = `/api/cases/${c.caseId}/interventions/${c.interventionId}/effects`;
      expect((await inspectorate.post(path, bodies.effect('sanction_imposed'))).status).toBe(200);
      // Not in the case at all: 404; in the case by another intervention, not leading this one: 403.
      expectProblem(await police.post(path, bodies.effect('suspect_arrested')), 404);
      ok(
        await coordinator.post(`/api/cases/${c.caseId}/interventions`, {
          type: 'stop_talk',
          leadOrganisation: 'police_avim',
          plannedOn: '2026-03-10',
        }),
        201,
        'stop talk',
      );
      expectProblem(await police.post(path, bodies.effect('suspect_arrested')), 403);
      expectProblem(await inspectorate.post(`/api/cases/${c.caseId}/care-table-meetings`, bodies.meeting()), 403);
    });
  });

  describe('the auditor', () => {
    it('reads every case of every district, with its history', async () => {
      const auditor = await app().as('auditor');
      const zeelandCase = await registerIn(otherCoordinator, 'zeeland', 'goes');
      expect((await auditor.get(`/api/cases/${c.caseId}/history`)).status).toBe(200);
      expect((await auditor.get(`/api/cases/${zeelandCase}`)).status).toBe(200);
      const ids = (await auditor.get('/api/cases?pageSize=200')).body.items.map((i: { caseId: string }) => i.caseId);
      expect(ids).toEqual(expect.arrayContaining([c.caseId, zeelandCase]));
    });
  });
});

async function registerIn(client: ApiClient, district: string, municipality: string): Promise<string> {
  return ok(
    await client.post('/api/signals', signalBody({ district, municipality })),
    201,
    `register in ${municipality}`,
  ).body.caseId;
}
