import { COORDINATOR, driveCase, ok, type CaseHandle } from './support/cases';
import { expectProblem } from './support/problems';
import { useTestApp, type ApiClient } from './support/test-app';

const VICTIM = 'Marta Kowalczyk-Zieba';
const SUMMARY = 'Signaal over een nagelsalon (pt-summary).';

/**
 * Partners by organisation (DOMAIN.md "Roles"): a partner sees a case while its organisation leads or takes part in one
 * of its interventions, and then only that work, with the brief written for it, and pseudonyms unless a subject was
 * disclosed to one of its interventions.
 */
describe('partners see their own work', () => {
  const app = useTestApp();
  let coordinator: ApiClient;
  let c: CaseHandle;
  const ids: Record<'inspection' | 'shelter' | 'investigation', string> = {} as never;

  beforeAll(async () => {
    coordinator = await app().as(COORDINATOR);
    // The approval plans the labour inspection, led by the inspectorate.
    c = await driveCase(app(), 'in_execution', {
      signal: { summary: SUMMARY, subjects: [{ role: 'victim', name: VICTIM, birthDate: '1995-06-01' }] },
    });
    ids.inspection = c.interventionId!;
    const plan = async (body: object) =>
      ok(await coordinator.post(`/api/cases/${c.caseId}/interventions`, body), 201, 'plan').body.interventionId;
    ids.shelter = await plan({
      type: 'shelter_placement',
      leadOrganisation: 'shelter:sterk-huis',
      plannedOn: '2026-03-10',
      brief: 'Opvang voor één vrouw, vanaf maandag (pt-brief-shelter).',
    });
    ids.investigation = await plan({
      type: 'criminal_investigation',
      leadOrganisation: 'public_prosecutor',
      participants: ['police_avim'],
      plannedOn: '2026-03-10',
      brief: 'Onderzoek naar de eigenaar (pt-brief-police).',
    });
  });

  const as = (username: string) => app().as(username);

  it.each([
    ['partner.labour-inspectorate', 'inspection'],
    ['partner.opvang', 'shelter'],
    ['partner.police-avim', 'investigation'],
  ] as const)('%s sees exactly its own intervention of the case, and none of the narrative', async (username, own) => {
    const partner = await as(username);
    const view = ok(await partner.get(`/api/cases/${c.caseId}`), 200, 'detail').body;
    expect(view.interventions.map((i: { interventionId: string }) => i.interventionId)).toEqual([ids[own]]);
    for (const hidden of ['summary', 'triage', 'careTableMeetings', 'proposals', 'source', 'closeRationale'])
      expect(view).not.toHaveProperty(hidden);
    const answers = [
      JSON.stringify(view),
      (await partner.get(`/api/cases/${c.caseId}/history`)).text,
      (await partner.get(`/api/cases/${c.caseId}?version=1`)).text,
      (await partner.get('/api/cases?pageSize=200')).text,
    ].join('\n');
    for (const secret of [SUMMARY, 'pt-summary', VICTIM, 'Kowalczyk'])
      expect({ username, secret, found: answers.includes(secret) }).toEqual({ username, secret, found: false });
    // Its own brief, never another partner's.
    expect(answers.includes('pt-brief-shelter')).toBe(own === 'shelter');
    expect(answers.includes('pt-brief-police')).toBe(own === 'investigation');
    const history = ok(await partner.get(`/api/cases/${c.caseId}/history`), 200, 'history').body.events;
    const about = history.filter((e: { data: { interventionId?: string } }) => e.data.interventionId);
    expect(new Set(about.map((e: { data: { interventionId: string } }) => e.data.interventionId))).toEqual(
      new Set([ids[own]]),
    );
    expect(history.map((e: { type: string }) => e.type)).not.toContain('SignalTriaged');
    expect(history.map((e: { type: string }) => e.type)).not.toContain('CareTableMeetingRecorded');
  });

  it('answers 404 to a partner whose organisation has no part in the case', async () => {
    expectProblem(await (await as('partner.gemeente-breda')).get(`/api/cases/${c.caseId}`), 404);
    expectProblem(await (await as('partner.gemeente-breda')).get(`/api/cases/${c.caseId}/history`), 404);
  });

  describe('a disclosure', () => {
    let victimId: string;

    beforeAll(async () => {
      victimId = ok(await coordinator.get(`/api/cases/${c.caseId}`), 200, 'detail').body.subjects[0].subjectId;
      ok(
        await coordinator.post(`/api/cases/${c.caseId}/interventions/${ids.shelter}/disclosures`, {
          subjectId: victimId,
          reason: 'De opvang moet weten wie zij opneemt (pt-reason).',
        }),
        200,
        'disclose',
      );
    });

    it("shows the subject's name to the organisation of that intervention only, and logs that it saw it", async () => {
      const shelter = ok(await (await as('partner.opvang')).get(`/api/cases/${c.caseId}`), 200, 'shelter').body;
      expect(shelter.subjects[0]).toMatchObject({ subjectId: victimId, name: VICTIM, birthDate: '1995-06-01' });
      expect(shelter.interventions[0].disclosedSubjects).toEqual([victimId]);
      const police = (await (await as('partner.police-avim')).get(`/api/cases/${c.caseId}`)).text;
      expect(police).not.toContain(VICTIM);
      const log = ok(
        await (await as('auditor')).get(`/api/audit/access-log?caseId=${c.caseId}&username=partner.opvang`),
        200,
        'log',
      ).body.items;
      expect(log[0]).toMatchObject({ action: 'read_case', subjectsRevealed: [victimId] });
    });

    it('keeps the reason of the disclosure from the partner, and records who disclosed it in the history', async () => {
      expect((await (await as('partner.opvang')).get(`/api/cases/${c.caseId}/history`)).text).not.toContain(
        'pt-reason',
      );
      const events = ok(await coordinator.get(`/api/cases/${c.caseId}/history`), 200, 'history').body.events;
      expect(events.at(-1)).toMatchObject({
        type: 'SubjectDisclosed',
        data: { interventionId: ids.shelter, subjectId: victimId, disclosedBy: COORDINATOR },
      });
    });

    it('refuses a second disclosure (409), a disclosure by a partner (403), and revokes it', async () => {
      const path = `/api/cases/${c.caseId}/interventions/${ids.shelter}/disclosures`;
      expectProblem(await coordinator.post(path, { subjectId: victimId, reason: 'Nogmaals.' }), 409);
      expectProblem(await (await as('partner.opvang')).post(path, { subjectId: victimId, reason: 'x' }), 403);
      expectProblem(await coordinator.post(path, { subjectId: victimId }), 400, 'reason');
      ok(await coordinator.delete(`${path}/${victimId}`), 200, 'revoke');
      const shelter = ok(await (await as('partner.opvang')).get(`/api/cases/${c.caseId}`), 200, 'shelter').body;
      expect(shelter.subjects[0]).not.toHaveProperty('name');
      expectProblem(await coordinator.delete(`${path}/${victimId}`), 409);
    });
  });
});
