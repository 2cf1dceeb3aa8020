import { bodies, COORDINATOR, driveCase, ok, signalBody } from './support/cases';
import { expectConflict } from './support/problems';
import { useTestApp, type ApiClient } from './support/test-app';

/** Real HTTP on a real port, real PostgreSQL: the requests race in the database, not in a queue. */
describe('concurrent commands on one case', () => {
  const app = useTestApp({ listen: true });
  let coordinator: ApiClient;

  beforeAll(async () => {
    coordinator = await app().as(COORDINATOR);
  });

  it('lets exactly one of 20 parallel triages through; the other 19 get 409', async () => {
    const c = await driveCase(app(), 'in_triage');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        coordinator.post(
          `/api/cases/${c.caseId}/triage`,
          bodies.triage('refer_to_care_table', { rationale: `Triage number ${i}.` }),
        ),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of results.filter((r) => r.status === 409)) expectConflict(r, 'CaseStatusForbidsCommand');

    const winner = results.find((r) => r.status === 200)!;
    expect(winner.body).toEqual({ caseId: c.caseId, version: c.version + 1 });
    const history = ok(await coordinator.get(`/api/cases/${c.caseId}/history`), 200, 'history').body.events;
    expect(history.filter((e: { type: string }) => e.type === 'SignalTriaged')).toHaveLength(1);
    expect(history).toHaveLength(c.version + 1);
    const view = (await coordinator.get(`/api/cases/${c.caseId}`)).body;
    expect(view.status).toBe('at_care_table');
    expect(view.version).toBe(c.version + 1);
  });

  it('records all of 20 parallel care table meetings, each at its own version, with no lost update', async () => {
    const c = await driveCase(app(), 'at_care_table');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        coordinator.post(`/api/cases/${c.caseId}/care-table-meetings`, bodies.meeting({ conclusions: `Meeting ${i}` })),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const versions = results.map((r) => r.body.version as number).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 20 }, (_, i) => c.version + 1 + i));
    for (const r of results) expect(r.headers.etag).toBe(`"${r.body.version}"`);

    const view = (await coordinator.get(`/api/cases/${c.caseId}`)).body;
    expect(view.version).toBe(c.version + 20);
    expect(view.careTableMeetings).toHaveLength(20);
    expect(new Set(view.careTableMeetings.map((m: { conclusions: string }) => m.conclusions))).toEqual(
      new Set(Array.from({ length: 20 }, (_, i) => `Meeting ${i}`)),
    );
    expect(new Set(view.careTableMeetings.map((m: { meetingId: string }) => m.meetingId)).size).toBe(20);

    const history = (await coordinator.get(`/api/cases/${c.caseId}/history`)).body.events;
    expect(history.map((e: { version: number }) => e.version)).toEqual(
      Array.from({ length: c.version + 20 }, (_, i) => i + 1),
    );
    const list = (await coordinator.get('/api/cases?status=at_care_table&pageSize=200')).body.items.find(
      (i: { caseId: string }) => i.caseId === c.caseId,
    );
    expect(list.version).toBe(c.version + 20);
  });

  it('with the same If-Match, lets one of 10 parallel commands win and refuses the rest with 412', async () => {
    const c = await driveCase(app(), 'at_care_table');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        coordinator.post(`/api/cases/${c.caseId}/care-table-meetings`, bodies.meeting({ conclusions: `Racer ${i}` }), {
          headers: { 'if-match': `"${c.version}"` },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(9);
    expect((await coordinator.get(`/api/cases/${c.caseId}`)).body.careTableMeetings).toHaveLength(1);
  });

  it('writes one case for 10 parallel repeats of a signal with the same Idempotency-Key', async () => {
    const before = (await coordinator.get('/api/cases')).body.total;
    const key = `parallel-${Date.now()}`;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        coordinator.post('/api/signals', signalBody(), { headers: { 'idempotency-key': key } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.body.caseId)).size).toBe(1);
    expect((await coordinator.get('/api/cases')).body.total).toBe(before + 1);
  });

  it('registers 20 parallel signals with 20 distinct references', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => coordinator.post('/api/signals', signalBody())));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const references = await Promise.all(
      results.map(async (r) => (await coordinator.get(`/api/cases/${r.body.caseId}`)).body.reference),
    );
    expect(new Set(references).size).toBe(20);
  });
});
