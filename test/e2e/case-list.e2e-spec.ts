import { bodies, driveCase, ok, signalBody } from './support/cases';
import { expectProblem } from './support/problems';
import { recordDeadlineMissed } from './support/system';
import { useTestApp, type ApiClient } from './support/test-app';

const COORDINATOR = 'coordinator.hart-van-brabant';
const ITEM_KEYS = [
  'caseId',
  'reference',
  'district',
  'municipality',
  'status',
  'forms',
  'urgency',
  'receivedOn',
  'coordinator',
  'version',
];

/** Cases in hart-van-brabant (seen by its coordinator) and one in zeeland (seen by the auditor only). */
describe('GET /api/cases', () => {
  const app = useTestApp();
  let coordinator: ApiClient;
  let auditor: ApiClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    coordinator = await app().as(COORDINATOR);
    auditor = await app().as('auditor');
    const drive = (stage: Parameters<typeof driveCase>[1], signal: Parameters<typeof signalBody>[0]) =>
      driveCase(app(), stage, {
        coordinator: COORDINATOR,
        signal: { district: 'hart-van-brabant', municipality: 'tilburg', ...signal },
      });
    ids.sexualNew = (await drive('signal_received', { forms: ['sexual'], receivedOn: '2026-02-26' })).caseId;
    ids.labourTriage = (await drive('in_triage', { forms: ['labour'], receivedOn: '2026-02-25' })).caseId;
    ids.criminalCareTable = (
      await drive('at_care_table', {
        forms: ['criminal', 'sexual'],
        receivedOn: '2026-02-24',
        municipality: 'waalwijk',
      })
    ).caseId;
    ids.labourExecution = (await drive('in_execution', { forms: ['labour'], receivedOn: '2026-02-23' })).caseId;
    ids.labourClosed = (await drive('closed', { forms: ['labour', 'criminal'], receivedOn: '2026-02-22' })).caseId;
    ids.unknownNew = (await drive('signal_received', { forms: ['unknown'], receivedOn: '2026-02-21' })).caseId;
    ids.organNew = (await drive('signal_received', { forms: ['organ_removal'], receivedOn: '2026-02-20' })).caseId;
    ids.zeeland = (
      await driveCase(app(), 'signal_received', {
        coordinator: 'coordinator.zeeland',
        signal: { district: 'zeeland', municipality: 'goes', forms: ['sexual'] },
      })
    ).caseId;
    await recordDeadlineMissed(app(), ids.labourTriage, 'triage', '2026-03-13');
  });

  const idsOf = (body: { items: { caseId: string }[] }) => body.items.map((i) => i.caseId);

  it('answers items, total, page and pageSize, newest signal first', async () => {
    const res = ok(await coordinator.get('/api/cases'), 200, 'list');
    expect(res.body).toMatchObject({ total: 7, page: 1, pageSize: 20 });
    expect(idsOf(res.body)).toEqual([
      ids.sexualNew,
      ids.labourTriage,
      ids.criminalCareTable,
      ids.labourExecution,
      ids.labourClosed,
      ids.unknownNew,
      ids.organNew,
    ]);
  });

  it('gives every item the fields of API.md with current values', async () => {
    const items = (await coordinator.get('/api/cases')).body.items;
    for (const item of items) expect(Object.keys(item)).toEqual(expect.arrayContaining(ITEM_KEYS));
    const careTable = items.find((i: { caseId: string }) => i.caseId === ids.criminalCareTable);
    const detail = (await coordinator.get(`/api/cases/${ids.criminalCareTable}`)).body;
    expect(careTable).toMatchObject({
      caseId: ids.criminalCareTable,
      reference: detail.reference,
      district: 'hart-van-brabant',
      municipality: 'waalwijk',
      status: 'at_care_table',
      forms: ['criminal', 'sexual'],
      urgency: 'high',
      receivedOn: '2026-02-24',
      coordinator: COORDINATOR,
      version: detail.version,
    });
    expect(items.find((i: { caseId: string }) => i.caseId === ids.sexualNew)).toMatchObject({
      urgency: null,
      coordinator: null,
      version: 1,
    });
  });

  it('follows every command: the list shows the new status and version at once', async () => {
    const c = await driveCase(app(), 'in_triage', {
      coordinator: COORDINATOR,
      signal: { district: 'hart-van-brabant', municipality: 'goirle', receivedOn: '2026-02-01' },
    });
    ok(await coordinator.post(`/api/cases/${c.caseId}/triage`, bodies.triage('start_care')), 200, 'triage');
    const item = (await coordinator.get('/api/cases?status=in_execution')).body.items.find(
      (i: { caseId: string }) => i.caseId === c.caseId,
    );
    expect(item).toMatchObject({ status: 'in_execution', version: 3, urgency: 'high' });
    ok(await coordinator.post(`/api/cases/${c.caseId}/close`, bodies.close()), 200, 'close');
    ids.extraClosed = c.caseId;
    expect(idsOf((await coordinator.get('/api/cases?status=in_execution')).body)).not.toContain(c.caseId);
  });

  describe('filters', () => {
    it('by status', async () => {
      expect(idsOf((await coordinator.get('/api/cases?status=signal_received')).body)).toEqual([
        ids.sexualNew,
        ids.unknownNew,
        ids.organNew,
      ]);
      expect(idsOf((await coordinator.get('/api/cases?status=at_care_table')).body)).toEqual([ids.criminalCareTable]);
      const closed = (await coordinator.get('/api/cases?status=closed')).body;
      expect(idsOf(closed)).toEqual([ids.labourClosed, ids.extraClosed]);
      expect(closed.total).toBe(2);
    });

    it('by form: cases whose forms include it', async () => {
      expect(idsOf((await coordinator.get('/api/cases?form=labour')).body)).toEqual([
        ids.labourTriage,
        ids.labourExecution,
        ids.labourClosed,
        ids.extraClosed,
      ]);
      expect(idsOf((await coordinator.get('/api/cases?form=criminal')).body)).toEqual([
        ids.criminalCareTable,
        ids.labourClosed,
      ]);
      expect(idsOf((await coordinator.get('/api/cases?form=sexual')).body)).toEqual([
        ids.sexualNew,
        ids.criminalCareTable,
      ]);
    });

    it('by overdue: cases with a missed deadline whose work is not done', async () => {
      const overdue = (await coordinator.get('/api/cases?overdue=true')).body;
      expect(idsOf(overdue)).toEqual([ids.labourTriage]);
      expect(overdue.items[0].overdue).toBe(true);
      const onTime = (await coordinator.get('/api/cases?overdue=false')).body;
      expect(onTime.total).toBe(7);
      expect(idsOf(onTime)).not.toContain(ids.labourTriage);
    });

    it('clears overdue once the late work is done', async () => {
      ok(await coordinator.post(`/api/cases/${ids.labourTriage}/triage`, bodies.triage()), 200, 'late triage');
      expect((await coordinator.get('/api/cases?overdue=true')).body.total).toBe(0);
    });

    it("by district, within the actor's scope", async () => {
      expect(idsOf((await auditor.get('/api/cases?district=zeeland')).body)).toEqual([ids.zeeland]);
      expect((await auditor.get('/api/cases?district=hart-van-brabant')).body.total).toBe(8);
      expect((await coordinator.get('/api/cases?district=zeeland')).body).toMatchObject({ items: [], total: 0 });
    });

    it("by reference, or its beginning, within the actor's scope (q)", async () => {
      const reference = ok(await coordinator.get(`/api/cases/${ids.labourTriage}`), 200, 'detail').body.reference;
      const exact = ok(await coordinator.get(`/api/cases?q=${reference}`), 200, 'exact').body;
      expect(exact.items.map((i: { caseId: string }) => i.caseId)).toEqual([ids.labourTriage]);
      const prefix = ok(await coordinator.get(`/api/cases?q=${reference.slice(0, 9)}&pageSize=200`), 200, 'prefix');
      expect(prefix.body.items.map((i: { caseId: string }) => i.caseId)).toContain(ids.labourTriage);
      expect(prefix.body.items.every((i: { reference: string }) => i.reference.startsWith(reference.slice(0, 9)))).toBe(
        true,
      );
      expect(ok(await coordinator.get(`/api/cases?q=${reference.toLowerCase()}`), 200, 'lower case').body.total).toBe(
        1,
      );
      const zeeland = (await auditor.get('/api/cases?pageSize=200')).body.items.find(
        (i: { district: string }) => i.district === 'zeeland',
      ).reference;
      expect(ok(await coordinator.get(`/api/cases?q=${zeeland}`), 200, 'out of scope').body.total).toBe(0);
      expectProblem(await coordinator.get('/api/cases?q=ZWB%25'), 400, 'q');
    });

    it('combined', async () => {
      expect(
        idsOf((await auditor.get('/api/cases?district=hart-van-brabant&status=signal_received&form=sexual')).body),
      ).toEqual([ids.sexualNew]);
      expect((await auditor.get('/api/cases?district=zeeland&form=labour')).body.total).toBe(0);
    });
  });

  describe('paging', () => {
    it('pages through all cases without gaps or repeats', async () => {
      const all = idsOf((await coordinator.get('/api/cases')).body);
      const pages = [];
      for (let page = 1; page <= 3; page++) {
        const res = (await coordinator.get(`/api/cases?page=${page}&pageSize=3`)).body;
        expect(res).toMatchObject({ page, pageSize: 3, total: 8 });
        pages.push(...idsOf(res));
      }
      expect(pages).toEqual(all);
    });

    it('answers an empty page past the end, with the total', async () => {
      expect((await coordinator.get('/api/cases?page=4&pageSize=3')).body).toEqual({
        items: [],
        total: 8,
        page: 4,
        pageSize: 3,
      });
    });

    it('counts the total of the filter, not of the page', async () => {
      const res = (await coordinator.get('/api/cases?status=signal_received&pageSize=1&page=2')).body;
      expect(res).toMatchObject({ total: 3, page: 2, pageSize: 1 });
      expect(idsOf(res)).toEqual([ids.unknownNew]);
    });

    it('accepts pageSize up to 200 and refuses more', async () => {
      expect((await coordinator.get('/api/cases?pageSize=200')).status).toBe(200);
      expectProblem(await coordinator.get('/api/cases?pageSize=201'), 400, 'pageSize');
    });
  });

  it('refuses unknown query parameters', async () => {
    expectProblem(await coordinator.get('/api/cases?municipality=tilburg'), 400, 'municipality');
    expectProblem(await coordinator.get('/api/cases?status=closed&orderBy=reference'), 400, 'orderBy');
  });

  it('refuses a repeated query parameter', async () => {
    expectProblem(await coordinator.get('/api/cases?status=closed&status=in_triage'), 400, 'status');
  });
});
