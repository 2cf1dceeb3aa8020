import { randomUUID } from 'node:crypto';
import { authorizeCase, DEMO_USERS, mayListCases, type Actor, type CaseAction, type Decision } from '@baken/access';
import { CaseReadModelProjection, resourceOf } from '@baken/case-coordination';
import type { Database } from '@baken/event-store';
import { DATABASE } from '@baken/platform';
import { bodies, COORDINATOR, driveCase, ok, registerSignal, type CaseHandle } from './support/cases';
import { expectProblem } from './support/problems';
import { useTestApp } from './support/test-app';

const SECRET = {
  name: 'Noor Geheimhouding-Vlist',
  birthDate: '1994-08-17',
  nationality: 'Eritrees',
  notes: 'Schuilt bij een nicht (k9-marker)',
};
const SECRETS = [SECRET.name, SECRET.birthDate, SECRET.nationality, 'k9-marker'];
const STATUS: Record<Decision, number> = { allow: 200, deny: 403, not_found: 404 };

/**
 * The HTTP answers for every demo user on a set of cases in and out of their scope must be exactly what the pure
 * policy decides, and the case list (filtered in SQL) must hold exactly the cases the policy lets them read.
 */
describe('need-to-know: the API follows the policy, and pseudonymises', () => {
  const app = useTestApp();
  const cases: Record<string, CaseHandle> = {};

  beforeAll(async () => {
    // De Baronie: the labour inspectorate leads the executed inspection; the police take part in the prosecutor's
    // investigation (the police's seat at the care table alone would not bring the case into its scope).
    cases.baronie = await driveCase(app(), 'intervention_executed', {
      signal: { subjects: [{ role: 'victim', ...SECRET }] },
    });
    ok(
      await (
        await app().as(COORDINATOR)
      ).post(`/api/cases/${cases.baronie.caseId}/interventions`, {
        type: 'criminal_investigation',
        leadOrganisation: 'public_prosecutor',
        participants: ['police_avim'],
        plannedOn: '2026-03-10',
      }),
      201,
      'investigation',
    );
    // De Baronie: a signal registered by the Breda liaison, not yet picked up.
    cases.liaison = await registerSignal(await app().as('liaison.breda'), {
      subjects: [{ role: 'victim', ...SECRET }],
    });
    // Zeeland: in triage.
    cases.zeeland = await driveCase(app(), 'in_triage', {
      coordinator: 'coordinator.zeeland',
      signal: { district: 'zeeland', municipality: 'goes' },
    });
    // Zeeland: a proposal before the stuurploeg; the case in triage above is not (yet) the stuurploeg's.
    cases.zeelandSteering = await driveCase(app(), 'awaiting_steering_group', {
      coordinator: 'coordinator.zeeland',
      signal: { district: 'zeeland', municipality: 'goes' },
    });
    // Hart van Brabant: at the care table with a shelter only.
    cases.hart = await driveCase(app(), 'at_care_table', {
      coordinator: 'coordinator.hart-van-brabant',
      signal: { district: 'hart-van-brabant', municipality: 'tilburg' },
    });
    await (
      await app().as('coordinator.hart-van-brabant')
    ).post(`/api/cases/${cases.hart.caseId}/care-table-meetings`, bodies.meeting({ participants: ['shelter'] }));
    // De Markiezaten: the police lead an intervention without having sat at its care table.
    const markiezaten = await app().as('coordinator.de-markiezaten');
    cases.markiezaten = await driveCase(app(), 'at_care_table', {
      coordinator: 'coordinator.de-markiezaten',
      signal: { district: 'de-markiezaten', municipality: 'roosendaal' },
    });
    await markiezaten.post(
      `/api/cases/${cases.markiezaten.caseId}/care-table-meetings`,
      bodies.meeting({ participants: ['municipality'] }),
    );
    ok(
      await markiezaten.post(
        `/api/cases/${cases.markiezaten.caseId}/interventions`,
        bodies.intervention({ type: 'stop_talk', leadPartner: 'police_avim' }),
      ),
      201,
      'plan',
    );
  });

  async function decisions(actor: Actor, action: CaseAction): Promise<Record<string, Decision>> {
    const readModel = app().app.get(CaseReadModelProjection);
    const db = app().app.get<Database>(DATABASE);
    const out: Record<string, Decision> = {};
    for (const [key, c] of Object.entries(cases))
      out[key] = authorizeCase(actor, action, resourceOf((await readModel.load(db, c.caseId))!.state));
    return out;
  }

  it.each(DEMO_USERS.map((u) => [u.username, u] as const))(
    '%s: list, detail, history and time travel answer as the policy decides',
    async (_, actor) => {
      const client = await app().as(actor.username);
      const read = await decisions(actor, 'read');
      const list = await client.get('/api/cases?pageSize=200');
      if (!mayListCases(actor)) {
        expectProblem(list, 403);
      } else {
        expect(list.status).toBe(200);
        const expected = Object.keys(cases)
          .filter((k) => read[k] === 'allow')
          .map((k) => cases[k].caseId)
          .sort();
        expect(
          (list.body.items as { caseId: string }[])
            .map((i) => i.caseId)
            .filter((id) => Object.values(cases).some((c) => c.caseId === id))
            .sort(),
        ).toEqual(expected);
      }
      const history = await decisions(actor, 'read_history');
      const travel = await decisions(actor, 'time_travel');
      for (const [key, c] of Object.entries(cases)) {
        expect({ key, detail: (await client.get(`/api/cases/${c.caseId}`)).status }).toEqual({
          key,
          detail: STATUS[read[key]],
        });
        expect({ key, history: (await client.get(`/api/cases/${c.caseId}/history`)).status }).toEqual({
          key,
          history: STATUS[history[key]],
        });
        expect({ key, travel: (await client.get(`/api/cases/${c.caseId}?version=1`)).status }).toEqual({
          key,
          travel: STATUS[travel[key]],
        });
      }
    },
  );

  it('puts each kind of actor in scope somewhere, so the comparison above is not vacuous', async () => {
    const allowed = async (username: string) =>
      Object.values(
        await decisions(
          DEMO_USERS.find((u) => u.username === username)!,
          'read',
        ),
      ).filter((d) => d === 'allow').length;
    expect(await allowed('coordinator.de-baronie')).toBe(2);
    expect(await allowed('liaison.breda')).toBe(1);
    expect(await allowed('partner.police-avim')).toBe(2);
    expect(await allowed('partner.labour-inspectorate')).toBe(1);
    expect(await allowed('steering.zeeland')).toBe(1);
    expect(await allowed('steering.de-baronie')).toBe(1);
    expect(await allowed('auditor')).toBe(6);
    expect(await allowed('analyst')).toBe(0);
  });

  describe('pseudonymised views', () => {
    it.each(['steering.de-baronie', 'partner.police-avim', 'partner.labour-inspectorate'])(
      '%s sees pseudonyms, never names, birth dates, nationality or notes: detail, history, time travel, list',
      async (username) => {
        const client = await app().as(username);
        const id = cases.baronie.caseId;
        const answers = await Promise.all([
          client.get(`/api/cases/${id}`),
          client.get(`/api/cases/${id}/history`),
          client.get(`/api/cases/${id}?version=1`),
          client.get(`/api/cases/${id}?asOf=2030-01-01T00:00:00Z`),
          client.get('/api/cases?pageSize=200'),
        ]);
        for (const res of answers) {
          expect(res.status).toBe(200);
          for (const secret of SECRETS) expect(res.text).not.toContain(secret);
          expect(res.text).not.toMatch(/ciphertext|"iv"/);
        }
        expect(answers[0].body.subjects[0]).toEqual({
          subjectId: expect.any(String),
          role: 'victim',
          pseudonym: expect.stringMatching(/^S-\w{4}$/),
          erased: false,
          allowedActions: [],
        });
        expect(answers[1].body.events[0].data.subjects[0]).toEqual({
          subjectId: expect.any(String),
          role: 'victim',
          pseudonym: answers[0].body.subjects[0].pseudonym,
        });
      },
    );

    it('shows the coordinator and the auditor the personal data', async () => {
      for (const username of [COORDINATOR, 'auditor']) {
        const res = await (await app().as(username)).get(`/api/cases/${cases.baronie.caseId}`);
        expect(res.body.subjects[0]).toMatchObject(SECRET);
      }
    });

    it('shows the liaison the status of its own signal only, and not its past (403)', async () => {
      const liaison = await app().as('liaison.breda');
      const res = ok(await liaison.get(`/api/cases/${cases.liaison.caseId}`), 200, 'liaison detail');
      expect(Object.keys(res.body).sort()).toEqual([
        'caseId',
        'district',
        'municipality',
        'receivedOn',
        'reference',
        'status',
        'version',
      ]);
      for (const secret of SECRETS) expect(res.text).not.toContain(secret);
      expectProblem(await liaison.get(`/api/cases/${cases.liaison.caseId}?version=1`), 403);
      expectProblem(await liaison.get(`/api/cases/${cases.liaison.caseId}?asOf=2030-01-01T00:00:00Z`), 403);
    });
  });

  describe('partners and the interventions they lead', () => {
    it('lets the lead partner record the effect, refuses another partner of the case (403)', async () => {
      const path = `/api/cases/${cases.baronie.caseId}/interventions/${cases.baronie.interventionId}/effects`;
      expectProblem(await (await app().as('partner.police-avim')).post(path, bodies.effect()), 403);
      expect((await (await app().as('partner.labour-inspectorate')).post(path, bodies.effect())).status).toBe(200);
    });

    it('lets a partner that only leads an intervention record its execution', async () => {
      const auditorView = (await (await app().as('auditor')).get(`/api/cases/${cases.markiezaten.caseId}`)).body;
      const intervention = auditorView.interventions[0].interventionId;
      const police = await app().as('partner.police-avim');
      expect(
        (
          await police.post(
            `/api/cases/${cases.markiezaten.caseId}/interventions/${intervention}/execution`,
            bodies.execution(),
          )
        ).status,
      ).toBe(200);
      expectProblem(
        await police.post(`/api/cases/${cases.markiezaten.caseId}/care-table-meetings`, bodies.meeting()),
        403,
      );
    });

    it('answers 404, not 403, when a partner names an intervention the case does not have', async () => {
      const inspectorate = await app().as('partner.labour-inspectorate');
      const res = await inspectorate.post(
        `/api/cases/${cases.baronie.caseId}/interventions/${randomUUID()}/execution`,
        bodies.execution(),
      );
      expectProblem(res, 404);
      const police = await app().as('partner.police-avim');
      expectProblem(
        await police.post(`/api/cases/${cases.baronie.caseId}/interventions/${randomUUID()}/effects`, bodies.effect()),
        404,
      );
    });

    it('answers 404 to a partner not involved in the case, whatever it names', async () => {
      const inspectorate = await app().as('partner.labour-inspectorate');
      expectProblem(
        await inspectorate.post(
          `/api/cases/${cases.hart.caseId}/interventions/${randomUUID()}/effects`,
          bodies.effect(),
        ),
        404,
      );
    });
  });
});
