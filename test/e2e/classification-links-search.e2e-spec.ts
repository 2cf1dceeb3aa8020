import { COORDINATOR, driveCase, ok, registerSignal } from './support/cases';
import { expectConflict, expectProblem } from './support/problems';
import { useTestApp, type ApiClient } from './support/test-app';

/** A case as the region comes to know it: corrected classification, links between cases, search by reference and name. */
describe('classification, links and search', () => {
  const app = useTestApp();
  let coordinator: ApiClient;

  beforeAll(async () => {
    coordinator = await app().as(COORDINATOR);
  });

  it('corrects a classification registered as unknown, with the sector, and keeps why', async () => {
    const c = await registerSignal(coordinator, { forms: ['unknown'], vulnerabilities: [] });
    ok(
      await coordinator.post(`/api/cases/${c.caseId}/classification`, {
        decidedOn: '2026-03-10',
        forms: ['criminal'],
        vulnerabilities: ['minor'],
        sector: 'drug_crime',
        rationale: 'De Zorgtafel stelde criminele uitbuiting vast.',
      }),
      200,
      'reclassify',
    );
    const view = ok(await coordinator.get(`/api/cases/${c.caseId}`), 200, 'detail').body;
    expect(view).toMatchObject({
      forms: ['criminal'],
      vulnerabilities: ['minor'],
      sector: 'drug_crime',
      reclassifications: [{ decidedOn: '2026-03-10', rationale: 'De Zorgtafel stelde criminele uitbuiting vast.' }],
    });
    expectProblem(
      await coordinator.post(`/api/cases/${c.caseId}/classification`, {
        decidedOn: '2026-03-10',
        forms: [],
        rationale: 'x',
      }),
      400,
      'forms',
    );
    const list = ok(await coordinator.get('/api/cases?form=criminal&pageSize=200'), 200, 'list').body.items as {
      caseId: string;
    }[];
    expect(list.map((i) => i.caseId)).toContain(c.caseId);
  });

  it('registers a signal with its sector', async () => {
    const res = ok(
      await coordinator.post('/api/signals', {
        district: 'de-baronie',
        municipality: 'breda',
        receivedOn: '2026-03-02',
        source: { type: 'police' },
        forms: ['labour'],
        sector: 'car_wash',
        summary: 'Werknemers slapen in de wasstraat.',
      }),
      201,
      'register',
    );
    expect(ok(await coordinator.get(`/api/cases/${res.body.caseId}`), 200, 'detail').body.sector).toBe('car_wash');
  });

  it('links two cases, both show it, and a link to a case out of scope is not found', async () => {
    const a = await registerSignal(coordinator);
    const b = await registerSignal(coordinator);
    ok(
      await coordinator.post(`/api/cases/${a.caseId}/links`, { caseId: b.caseId, reason: 'same_suspect' }),
      200,
      'link',
    );
    const viewA = ok(await coordinator.get(`/api/cases/${a.caseId}`), 200, 'a').body;
    const viewB = ok(await coordinator.get(`/api/cases/${b.caseId}`), 200, 'b').body;
    expect(viewA.links).toEqual([
      { caseId: b.caseId, reference: viewB.reference, reason: 'same_suspect', linkedBy: COORDINATOR },
    ]);
    expect(viewB.links).toEqual([
      { caseId: a.caseId, reference: viewA.reference, reason: 'same_suspect', linkedBy: COORDINATOR },
    ]);
    expectConflict(
      await coordinator.post(`/api/cases/${a.caseId}/links`, { caseId: b.caseId, reason: 'same_victim' }),
      'AlreadyLinked',
    );
    const zeeland = await registerSignal(await app().as('coordinator.zeeland'), {
      district: 'zeeland',
      municipality: 'goes',
    });
    expectProblem(
      await coordinator.post(`/api/cases/${a.caseId}/links`, { caseId: zeeland.caseId, reason: 'same_victim' }),
      404,
    );
  });

  it('finds a case by its reference for everyone who lists, and by a subject’s exact name only for coordinators', async () => {
    const named = await registerSignal(coordinator, {
      subjects: [{ role: 'victim', name: 'Zoë Van der Berg-Ćosić', birthDate: '2001-04-05' }],
    });
    const reference = ok(await coordinator.get(`/api/cases/${named.caseId}`), 200, 'detail').body.reference as string;
    const find = async (client: ApiClient, q: string) =>
      (
        ok(await client.get(`/api/cases?pageSize=200&q=${encodeURIComponent(q)}`), 200, `search ${q}`).body.items as {
          caseId: string;
        }[]
      ).map((i) => i.caseId);

    expect(await find(coordinator, reference.slice(0, -1))).toContain(named.caseId);
    // Accents, capitals and punctuation do not matter; a different name does not match.
    expect(await find(coordinator, 'zoe van der berg cosic')).toEqual([named.caseId]);
    expect(await find(coordinator, 'Zoë Van der Berg')).toEqual([]);
    // The auditor lists cases, but searches by reference only: a name finds nothing.
    expect(await find(await app().as('auditor'), 'Zoë Van der Berg-Ćosić')).toEqual([]);
    expect(await find(await app().as('coordinator.zeeland'), 'Zoë Van der Berg-Ćosić')).toEqual([]);
    expectProblem(await coordinator.get('/api/cases?q=%3Cscript%3E'), 400, 'q');
  });

  it('shows "possibly known from" an earlier case of the same person, until that person is erased', async () => {
    const person = { role: 'victim', name: 'Mirela Dobre', birthDate: '1999-02-03' };
    const earlier = await driveCase(app(), 'closed', { signal: { subjects: [person] } });
    const later = await registerSignal(coordinator, { receivedOn: '2026-03-14', subjects: [person] });
    const view = ok(await coordinator.get(`/api/cases/${later.caseId}`), 200, 'detail').body;
    expect(view.possiblyKnownFrom.map((c: { caseId: string }) => c.caseId)).toEqual([earlier.caseId]);
    const subjectId = ok(await coordinator.get(`/api/cases/${earlier.caseId}`), 200, 'earlier').body.subjects[0]
      .subjectId as string;
    ok(await coordinator.delete(`/api/cases/${earlier.caseId}/subjects/${subjectId}/personal-data`), 200, 'erase');
    const after = ok(await coordinator.get(`/api/cases/${later.caseId}`), 200, 'detail').body;
    expect(after.possiblyKnownFrom).toEqual([]);
  });
});
