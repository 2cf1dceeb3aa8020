import { Workbook } from 'exceljs';
import { ok } from './support/cases';
import { queryDatabase } from './support/database';
import { expectProblem } from './support/problems';
import { TODAY, useTestApp, type ApiClient } from './support/test-app';

const YESTERDAY = '2026-03-15';

interface MonitorBody {
  asOf: string;
  goals: { goal: number; title: string; counts: Record<string, number> }[];
  actions: {
    actionId: string;
    goal: number;
    title: string;
    owner: string | null;
    dueQuarter: string | null;
    status: string;
    lastUpdate: { on: string; status: string; note: string; by: string } | null;
  }[];
}

/** The programme monitor (API.md v2, issue 17): seeded actions, progress as of a date, roles, XLSX and PDF. */
describe('programme monitor', () => {
  const app = useTestApp();
  let lead: ApiClient;
  let admin: ApiClient;
  let partner: ApiClient;
  let coordinator: ApiClient;

  const monitor = async (client: ApiClient, asOf?: string) =>
    ok(await client.get(`/api/programme/monitor${asOf ? `?asOf=${asOf}` : ''}`), 200, 'monitor').body as MonitorBody;

  beforeAll(async () => {
    lead = await app().as('programme.lead');
    admin = await app().as('admin');
    partner = await app().as('partner.police-avim');
    coordinator = await app().as('coordinator.de-baronie');
  });

  it('seeds at least 25 actions from the programme under all six goals, each once', async () => {
    const body = ok(await lead.get('/api/programme/actions'), 200, 'actions').body;
    expect(body.items.length).toBeGreaterThanOrEqual(25);
    expect(new Set(body.items.map((a: { goal: number }) => a.goal))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(body.goals.map((g: { title: string }) => g.title)).toEqual([
      'Breed bewustzijn',
      'Gedegen beeld over de aard | gedeeld handelingsperspectief',
      'Coherente hulp en ondersteuning',
      'Voorkomen revictimisatie',
      'Stevige repressieve aanpak',
      'Voorkomen recidive',
    ]);
    expect(body.items.find((a: { actionId: string }) => a.actionId === 'A1.2')).toMatchObject({
      goal: 1,
      owner: null,
      due: 'Q2|2022',
      dueQuarter: '2022-Q2',
    });
    const seeded = await queryDatabase<{ n: string }>(
      app().database.url,
      `SELECT count(*) AS n FROM es_events WHERE event_type = 'ProgrammeActionAdded'`,
    );
    expect(Number(seeded[0].n)).toBe(body.items.length);
  });

  it('shows an update dated today in the monitor today and not as of yesterday', async () => {
    const before = await monitor(lead, TODAY);
    const goal1 = before.goals.find((g) => g.goal === 1)!;
    ok(
      await lead.post('/api/programme/actions/A1.2/updates', { on: TODAY, status: 'red', note: 'Geen locatie' }),
      201,
      'update',
    );
    const today = await monitor(lead);
    expect(today.asOf).toBe(TODAY);
    expect(today.actions.find((a) => a.actionId === 'A1.2')).toMatchObject({
      status: 'red',
      lastUpdate: { on: TODAY, status: 'red', note: 'Geen locatie', by: 'programme.lead' },
    });
    expect(today.goals.find((g) => g.goal === 1)!.counts).toEqual({
      ...goal1.counts,
      red: goal1.counts.red + 1,
      not_started: goal1.counts.not_started - 1,
    });
    const yesterday = await monitor(lead, YESTERDAY);
    expect(yesterday.actions.find((a) => a.actionId === 'A1.2')).toMatchObject({
      status: 'not_started',
      lastUpdate: null,
    });
    expect(yesterday.goals.find((g) => g.goal === 1)!.counts).toEqual(goal1.counts);
  });

  it('lets the administrator add and change an action, and records progress on it', async () => {
    const created = await admin.post('/api/programme/actions', {
      actionId: 'A5.7',
      goal: 5,
      title: 'Gezamenlijke controles in de haven',
      owner: 'Team AVIM',
      due: 'Q3|2026',
    });
    ok(created, 201, 'add');
    expect(created.body).toMatchObject({ actionId: 'A5.7', goal: 5, dueQuarter: '2026-Q3', updates: [] });
    expectProblem(await admin.post('/api/programme/actions', { actionId: 'A5.7', goal: 5, title: 'Nog eens' }), 409);
    const changed = await lead.put('/api/programme/actions/A5.7', {
      goal: 5,
      title: 'Controles in de haven',
      owner: null,
    });
    expect(ok(changed, 200, 'change').body).toMatchObject({ title: 'Controles in de haven', owner: null, due: null });
    ok(
      await admin.post('/api/programme/actions/A5.7/updates', { on: YESTERDAY, status: 'green', note: '' }),
      201,
      'update',
    );
    const history = ok(await partner.get('/api/programme/actions'), 200, 'actions').body.items.find(
      (a: { actionId: string }) => a.actionId === 'A5.7',
    );
    expect(history.updates).toEqual([{ on: YESTERDAY, status: 'green', note: '', by: 'admin' }]);
  });

  it('names the request in the events it writes (X-Correlation-Id), as case commands do', async () => {
    ok(
      await lead.post(
        '/api/programme/actions/A3.1/updates',
        { on: '2026-03-16', status: 'green', note: 'Gestart' },
        { headers: { 'x-correlation-id': 'programme-test-1' } },
      ),
      201,
      'update',
    );
    ok(
      await admin.put(
        '/api/admin/deadline-periods',
        {
          triageWorkingDays: 5,
          triageHighWorkingDays: 3,
          triageAcuteWorkingDays: 1,
          forwardFeedbackWorkingDays: 20,
          proposalDecisionDays: 30,
          effectFollowUpDays: 56,
        },
        { headers: { 'x-correlation-id': 'admin-test-1' } },
      ),
      200,
      'periods',
    );
    const rows = await queryDatabase<{ event_type: string; correlation: string }>(
      app().database.url,
      `SELECT event_type, metadata->>'correlationId' AS correlation FROM es_events
        WHERE metadata->>'correlationId' IN ('programme-test-1', 'admin-test-1') ORDER BY global_position`,
    );
    expect(rows).toEqual([
      { event_type: 'ProgrammeProgressRecorded', correlation: 'programme-test-1' },
      { event_type: 'DeadlinePeriodsChanged', correlation: 'admin-test-1' },
    ]);
  });

  it('refuses progress in the future, an unknown status and an unknown action', async () => {
    expectProblem(
      await lead.post('/api/programme/actions/A1.1/updates', { on: '2026-03-17', status: 'green', note: '' }),
      400,
      'on',
    );
    expectProblem(
      await lead.post('/api/programme/actions/A1.1/updates', { on: TODAY, status: 'blue', note: '' }),
      400,
      'status',
    );
    expectProblem(await lead.post('/api/programme/actions/A99/updates', { on: TODAY, status: 'green', note: '' }), 404);
    expectProblem(
      await lead.post('/api/programme/actions', { actionId: 'A7.1', goal: 7, title: 'Geen doel' }),
      400,
      'goal',
    );
  });

  it('lets every signed-in role read the monitor, and only the programme lead and the administrator change it', async () => {
    for (const client of [partner, coordinator, await app().as('analyst'), await app().as('steering.de-baronie')]) {
      ok(await client.get('/api/programme/monitor'), 200, `monitor for ${client.username}`);
      expectProblem(
        await client.post('/api/programme/actions/A1.1/updates', { on: TODAY, status: 'green', note: 'x' }),
        403,
      );
      expectProblem(await client.post('/api/programme/actions', { actionId: 'A1.9', goal: 1, title: 'Nieuw' }), 403);
      expectProblem(await client.put('/api/programme/actions/A1.1', { goal: 1, title: 'Anders' }), 403);
    }
    expect((await app().request('GET', '/api/programme/monitor', { token: null })).status).toBe(401);
  });

  it('downloads the monitor as an XLSX that opens, and as a PDF', async () => {
    const xlsx = await partner.download(`/api/programme/monitor?asOf=${TODAY}&format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain(`programmamonitor-${TODAY}.xlsx`);
    const workbook = new Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Programmamonitor')!;
    expect(sheet.getRow(1).getCell(4).value).toBe('Omschrijving');
    expect(sheet.rowCount).toBeGreaterThanOrEqual(26);
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.some((r) => r.includes('A1.2') && r.includes('Rood – niet op koers'))).toBe(true);

    const pdf = await lead.download(`/api/programme/monitor?format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
