import { Workbook } from 'exceljs';
import { driveCase, ok } from './support/cases';
import { expectProblem } from './support/problems';
import { useTestApp, TEST_NOW, type ApiClient } from './support/test-app';

const DISTRICTS = ['de-baronie', 'de-markiezaten', 'hart-van-brabant', 'zeeland'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Waits until the reporting projection has caught up with the log (lag 0), as a client that needs its own writes would.
 * A transaction left open anywhere on the test server holds delivery back, hence the generous deadline.
 */
async function reportsCaughtUp(client: ApiClient): Promise<void> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const res = ok(await client.get('/api/projections'), 200, 'projections');
    const entry = (res.body as { name: string; lag: number }[]).find((p) => p.name === 'reporting-facts');
    if (entry?.lag === 0) return;
    if (Date.now() > deadline) throw new Error(`reporting-facts did not catch up: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function sheetOf(bytes: Buffer) {
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { name: sheet.name, rows };
}

const csvLines = (text: string) =>
  text
    .replace(/^\ufeff/, '')
    .split('\r\n')
    .filter((l) => l.length > 0);

/**
 * Cases driven through the HTTP API on 2–13 March 2026 (the clock stands on 16 March): in de-baronie a sexual and a
 * labour case each with a labour inspection executed and an effect and a criminal case whose proposal the stuurploeg
 * deferred, in zeeland a labour case that was closed and one forwarded at triage.
 */
describe('reports over HTTP', () => {
  const app = useTestApp();
  let analyst: ApiClient;
  const ids: Record<string, string> = {};
  let beforeLateCase: string;

  beforeAll(async () => {
    analyst = await app().as('analyst');
    ids.sexual = (await driveCase(app(), 'effect_recorded', { signal: { forms: ['sexual'] } })).caseId;
    ids.labour = (await driveCase(app(), 'effect_recorded', { signal: { forms: ['labour'] } })).caseId;
    ids.zeelandClosed = (
      await driveCase(app(), 'closed', {
        coordinator: 'coordinator.zeeland',
        signal: { district: 'zeeland', municipality: 'goes', forms: ['labour'] },
      })
    ).caseId;
    const forwarded = await driveCase(app(), 'in_triage', {
      coordinator: 'coordinator.zeeland',
      signal: { district: 'zeeland', municipality: 'goes', forms: ['unknown'], receivedOn: '2026-03-09' },
    });
    ok(
      await (
        await app().as('coordinator.zeeland')
      ).post(`/api/cases/${forwarded.caseId}/triage`, {
        decidedOn: '2026-03-10',
        urgency: 'normal',
        decision: 'forward',
        forwardedTo: 'veilig_thuis',
        rationale: 'Huiselijk geweld, geen uitbuiting.',
      }),
      200,
      'forward',
    );
    ok(
      await (
        await app().as('coordinator.zeeland')
      ).post(`/api/cases/${forwarded.caseId}/close`, {
        closedOn: '2026-03-10',
        outcome: 'forwarded',
        rationale: 'Veilig Thuis heeft de casus overgenomen.',
      }),
      200,
      'close forwarded',
    );
    ids.forwarded = forwarded.caseId;
    beforeLateCase = app().clock.now().toISOString();
    // An hour later a criminal-exploitation case with a proposal submitted on 6 March is recorded.
    app().clock.advance(3_600_000);
    const late = await driveCase(app(), 'awaiting_steering_group', {
      signal: { forms: ['criminal'], receivedOn: '2026-03-03' },
    });
    ids.late = late.caseId;
    // The stuurploeg's chair defers it on 12 March, to look at it again on 26 March.
    ok(
      await (
        await app().as('steering.de-baronie')
      ).post(`/api/cases/${late.caseId}/proposals/${late.proposalId}/decision`, {
        decidedOn: '2026-03-12',
        decision: 'deferred',
        rationale: 'First the police report.',
        revisitOn: '2026-03-26',
      }),
      200,
      'defer',
    );
    await reportsCaughtUp(analyst);
  }, 90_000);

  describe('GET /api/projections', () => {
    it('lists the reporting projection with its lag', async () => {
      const res = ok(await analyst.get('/api/projections'), 200, 'projections');
      expect(res.body).toEqual(
        expect.arrayContaining([{ name: 'reporting-facts', lag: 0, status: expect.stringMatching(/running|standby/) }]),
      );
    });
  });

  describe('GET /api/reports/quarterly-targets', () => {
    it('answers the shape of API.md for the current quarter, with each target per district and its status on today', async () => {
      const res = ok(await analyst.get('/api/reports/quarterly-targets'), 200, 'targets');
      expect(res.body).toMatchObject({
        year: 2026,
        quarter: 1,
        periodStart: '2026-01-01',
        periodEnd: '2026-03-31',
        asOf: '2026-03-16',
        asKnownAt: null,
      });
      expect(res.body.districts.map((d: { district: string }) => d.district)).toEqual(DISTRICTS);
      const byDistrict = Object.fromEntries(
        res.body.districts.map((d: { district: string; targets: unknown[] }) => [d.district, d.targets]),
      );
      // 74 of 90 days elapsed: pace floor(1 × 0.82) = 0 for proposals, floor(4 × 0.82) = 3 for labour inspections.
      expect(byDistrict['de-baronie']).toEqual([
        {
          targetId: 'proposals-sexual-criminal',
          title: expect.any(String),
          actual: 2,
          target: 1,
          status: 'green',
          targetPeriod: 'quarter',
        },
        {
          targetId: 'labour-inspections',
          title: expect.any(String),
          actual: 1,
          target: 4,
          status: 'red',
          targetPeriod: 'quarter',
        },
      ]);
      expect(byDistrict.zeeland).toEqual([
        expect.objectContaining({ targetId: 'proposals-sexual-criminal', actual: 0, status: 'orange' }),
        expect.objectContaining({ targetId: 'labour-inspections', actual: 1, status: 'red' }),
      ]);
      expect(byDistrict['hart-van-brabant'].map((t: { actual: number }) => t.actual)).toEqual([0, 0]);
    });

    it('evaluates on asOf: counts up to that date, and a later quarter has not started', async () => {
      const early = ok(
        await analyst.get('/api/reports/quarterly-targets?year=2026&quarter=1&asOf=2026-03-05&district=de-baronie'),
        200,
        'early',
      ).body;
      expect(early.districts).toEqual([
        {
          district: 'de-baronie',
          targets: [
            expect.objectContaining({ targetId: 'proposals-sexual-criminal', actual: 0, status: 'orange' }),
            expect.objectContaining({ targetId: 'labour-inspections', actual: 0, status: 'red' }),
          ],
        },
      ]);
      const over = ok(
        await analyst.get('/api/reports/quarterly-targets?year=2026&quarter=1&asOf=2026-04-01&district=de-baronie'),
        200,
        'over',
      ).body;
      expect(over.districts[0].targets.map((t: { status: string }) => t.status)).toEqual(['green', 'red']);
      const next = ok(await analyst.get('/api/reports/quarterly-targets?year=2026&quarter=2'), 200, 'next').body;
      expect(next).toMatchObject({ periodStart: '2026-04-01', periodEnd: '2026-06-30', asOf: '2026-03-16' });
      expect(
        next.districts.flatMap((d: { targets: { status: string; actual: number }[] }) =>
          d.targets.map((t) => [t.actual, t.status]),
        ),
      ).toEqual(Array(8).fill([0, 'not_started']));
    });

    it('with asKnownAt counts only what was recorded by then: the late case is left out', async () => {
      const res = ok(
        await analyst.get(`/api/reports/quarterly-targets?district=de-baronie&asKnownAt=${beforeLateCase}`),
        200,
        'as known',
      );
      expect(res.body.asKnownAt).toBe(beforeLateCase);
      expect(res.body.districts[0].targets[0]).toMatchObject({
        targetId: 'proposals-sexual-criminal',
        actual: 1,
        status: 'green',
      });
      const beforeAnything = ok(
        await analyst.get(
          `/api/reports/quarterly-targets?district=de-baronie&asKnownAt=${new Date(TEST_NOW.getTime() - 1).toISOString()}`,
        ),
        200,
        'nothing',
      );
      expect(beforeAnything.body.districts[0].targets.map((t: { actual: number }) => t.actual)).toEqual([0, 0]);
    });
  });

  describe('GET /api/reports/intervention-effects', () => {
    it('answers executed interventions per type and level with the distribution of their latest effect', async () => {
      const res = ok(
        await analyst.get('/api/reports/intervention-effects?from=2026-01-01&to=2026-03-31'),
        200,
        'effects',
      );
      expect(res.body).toMatchObject({
        from: '2026-01-01',
        to: '2026-03-31',
        district: null,
        form: null,
        asKnownAt: null,
      });
      expect(res.body.rows).toEqual([
        {
          interventionType: 'labour_inspection',
          level: 'labour_law',
          executed: 3,
          withEffect: 3,
          effects: expect.objectContaining({ exploitation_stopped: 3, victim_safe: 0, no_effect: 0 }),
        },
      ]);
      expect(Object.keys(res.body.rows[0].effects)).toHaveLength(11);
    });

    it('filters by district and form, and by period of execution', async () => {
      const baronie = ok(
        await analyst.get('/api/reports/intervention-effects?from=2026-03-01&to=2026-03-31&district=de-baronie'),
        200,
        'district',
      ).body;
      expect(baronie.rows.map((r: { executed: number }) => r.executed)).toEqual([2]);
      const sexual = ok(
        await analyst.get('/api/reports/intervention-effects?from=2026-03-01&to=2026-03-31&form=sexual'),
        200,
        'form',
      ).body;
      expect(sexual).toMatchObject({ form: 'sexual', rows: [expect.objectContaining({ executed: 1, withEffect: 1 })] });
      const before = ok(
        await analyst.get('/api/reports/intervention-effects?from=2026-01-01&to=2026-03-09'),
        200,
        'before',
      ).body;
      expect(before.rows).toEqual([]);
    });

    it('shows the latest effect: a later observation replaces the earlier one, an older one recorded later does not', async () => {
      const coordinator = await app().as('coordinator.de-baronie');
      const detail = ok(await coordinator.get(`/api/cases/${ids.labour}`), 200, 'detail').body;
      const interventionId = detail.interventions[0].interventionId;
      const effects = `/api/cases/${ids.labour}/interventions/${interventionId}/effects`;
      ok(await coordinator.post(effects, { observedOn: '2026-03-14', effect: 'victim_in_care' }), 200, 'later effect');
      ok(await coordinator.post(effects, { observedOn: '2026-03-11', effect: 'no_effect' }), 200, 'older effect');
      await reportsCaughtUp(analyst);
      const res = ok(
        await analyst.get('/api/reports/intervention-effects?from=2026-03-01&to=2026-03-31&district=de-baronie'),
        200,
        'effects',
      ).body;
      expect(res.rows[0]).toMatchObject({
        executed: 2,
        withEffect: 2,
        effects: expect.objectContaining({ exploitation_stopped: 1, victim_in_care: 1, no_effect: 0 }),
      });
    }, 45_000);
  });

  describe('GET /api/reports/flow', () => {
    it('counts the flow of the period and the days between the stages', async () => {
      const res = ok(
        await analyst.get('/api/reports/flow?from=2026-03-01&to=2026-03-31&district=de-baronie'),
        200,
        'flow',
      ).body;
      expect(res).toMatchObject({
        from: '2026-03-01',
        to: '2026-03-31',
        district: 'de-baronie',
        districts: ['de-baronie'],
        asKnownAt: null,
        signalsReceived: 3,
        triageDecisions: {
          total: 3,
          byDecision: { refer_to_care_table: 3, start_care: 0, forward: 0, no_further_action: 0 },
        },
        careTable: { referrals: 3, meetings: 3, casesDiscussed: 3 },
        proposals: { submitted: 3, approved: 2, rejected: 0, deferred: 1 },
        interventionsExecuted: 2,
        casesClosed: { total: 0 },
        reopenings: { total: 0, byReason: { revictimization: 0, new_information: 0, closed_in_error: 0 } },
        stageDurations: {
          receiptToTriage: { count: 3, medianDays: 1, p90Days: 1 },
          triageToCareTable: { count: 3, medianDays: 2, p90Days: 2 },
          submissionToDecision: { count: 2, medianDays: 3, p90Days: 3 },
          submissionToApproval: { count: 2, medianDays: 3, p90Days: 3 },
          executionToFirstEffect: { count: 2, medianDays: 1.5, p90Days: 1.9 },
        },
        openCases: {
          asOf: '2026-03-16',
          total: 3,
          byAge: [
            { band: '0-30', minDays: 0, maxDays: 30, count: 3 },
            { band: '31-90', minDays: 31, maxDays: 90, count: 0 },
            { band: '91-180', minDays: 91, maxDays: 180, count: 0 },
            { band: '181-365', minDays: 181, maxDays: 365, count: 0 },
            { band: '366+', minDays: 366, maxDays: null, count: 0 },
          ],
        },
      });
    });

    it('counts closures by outcome, also at triage, and leaves closed cases out of the open ones', async () => {
      const res = ok(
        await analyst.get('/api/reports/flow?from=2026-03-01&to=2026-03-31&district=zeeland'),
        200,
        'flow',
      ).body;
      expect(res.signalsReceived).toBe(2);
      expect(res.triageDecisions.byDecision).toMatchObject({ refer_to_care_table: 1, forward: 1 });
      expect(res.casesClosed).toEqual({
        total: 2,
        byOutcome: expect.objectContaining({ exploitation_stopped: 1, forwarded: 1, lost_contact: 0 }),
      });
      expect(res.openCases.total).toBe(0);
      const beforeClosing = ok(
        await analyst.get('/api/reports/flow?from=2026-03-01&to=2026-03-12&district=zeeland'),
        200,
        'flow',
      ).body;
      expect(beforeClosing.openCases).toMatchObject({ asOf: '2026-03-12', total: 1 });
    });

    it('counts a reopening for revictimization', async () => {
      const coordinator = await app().as('coordinator.zeeland');
      ok(
        await coordinator.post(`/api/cases/${ids.zeelandClosed}/reopen`, {
          reopenedOn: '2026-03-16',
          reason: 'revictimization',
        }),
        200,
        'reopen',
      );
      await reportsCaughtUp(analyst);
      const res = ok(
        await analyst.get('/api/reports/flow?from=2026-03-01&to=2026-03-31&district=zeeland'),
        200,
        'flow',
      ).body;
      expect(res.reopenings).toEqual({
        total: 1,
        byReason: { revictimization: 1, new_information: 0, closed_in_error: 0 },
      });
      expect(res.openCases.total).toBe(1);
    }, 45_000);
  });

  describe('who may read reports', () => {
    const reports = ['/api/reports/quarterly-targets', '/api/reports/intervention-effects', '/api/reports/flow'];

    it.each(['analyst', 'auditor'])('%s reads every report over the whole region', async (username) => {
      const client = await app().as(username);
      for (const path of reports) ok(await client.get(path), 200, `${username} ${path}`);
      const targets = ok(await client.get('/api/reports/quarterly-targets'), 200, 'targets').body;
      expect(targets.districts).toHaveLength(4);
    });

    it.each([
      ['steering.de-baronie', 'de-baronie'],
      ['coordinator.zeeland', 'zeeland'],
    ])('%s reads its own district only', async (username, district) => {
      const client = await app().as(username);
      const targets = ok(await client.get('/api/reports/quarterly-targets'), 200, 'targets').body;
      expect(targets.districts.map((d: { district: string }) => d.district)).toEqual([district]);
      const flow = ok(await client.get('/api/reports/flow?from=2026-03-01&to=2026-03-31'), 200, 'flow').body;
      expect(flow.districts).toEqual([district]);
      ok(await client.get(`/api/reports/intervention-effects?district=${district}`), 200, 'effects');
    });

    it('lets the programme lead read every report of the whole region, as the analyst does', async () => {
      const lead = await app().as('programme.lead');
      const targets = ok(await lead.get('/api/reports/quarterly-targets'), 200, 'targets').body;
      expect(targets.districts.map((d: { district: string }) => d.district).sort()).toEqual([
        'de-baronie',
        'de-markiezaten',
        'hart-van-brabant',
        'zeeland',
      ]);
      for (const path of reports) ok(await lead.get(path), 200, path);
    });

    it('answers 404 when a steering-group member asks for another district', async () => {
      const steering = await app().as('steering.de-baronie');
      for (const path of reports) expectProblem(await steering.get(`${path}?district=zeeland`), 404);
    });

    it.each(['admin', 'liaison.breda', 'partner.police-avim'])('refuses %s (403)', async (username) => {
      const client = await app().as(username);
      for (const path of reports) expectProblem(await client.get(path), 403);
    });

    it('needs a token (401)', async () => {
      expectProblem(await app().request('GET', '/api/reports/flow'), 401);
    });
  });

  describe('input checks', () => {
    it.each([
      ['/api/reports/quarterly-targets?year=1999&quarter=1', 'year'],
      ['/api/reports/quarterly-targets?year=2026&quarter=5', 'quarter'],
      ['/api/reports/quarterly-targets?year=2026', 'quarter'],
      ['/api/reports/quarterly-targets?quarter=2', 'year'],
      ['/api/reports/quarterly-targets?asOf=2026-02-30', 'asOf'],
      ['/api/reports/quarterly-targets?asKnownAt=2026-03-01', 'asKnownAt'],
      ['/api/reports/quarterly-targets?asKnownAt=2026-03-01T10:00:00', 'asKnownAt'],
      ['/api/reports/quarterly-targets?format=pdf', 'format'],
      ['/api/reports/quarterly-targets?colour=green', 'colour'],
      ['/api/reports/quarterly-targets?district=atlantis', 'district'],
      ['/api/reports/flow?district=De%20Baronie', 'district'],
      ['/api/reports/flow?from=2026-03-10&to=2026-03-01', 'from'],
      ['/api/reports/flow?to=yesterday', 'to'],
      ['/api/reports/intervention-effects?form=fiscal', 'form'],
      ['/api/reports/intervention-effects?from=2026-01-01&from=2026-02-01', 'from'],
    ])('%s answers 400 naming %s', async (path, field) => {
      expectProblem(await analyst.get(path), 400, field);
    });
  });

  describe('exports', () => {
    it('gives the quarterly targets as CSV for Dutch Excel, with Dutch headings, names and dates and a download name', async () => {
      const res = await analyst.get('/api/reports/quarterly-targets?year=2026&quarter=1&format=csv');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="kwartaaldoelstellingen-2026-K1.csv"');
      const lines = csvLines(res.text);
      expect(lines[0]).toBe(
        'Jaar;Periode;District;Doelstelling;Norm geldt;Realisatie;Norm;Status;Peildatum;Cijfers zoals bekend op',
      );
      expect(lines).toHaveLength(1 + 4 * 2);
      const known = '16-3-2026 11:00';
      expect(lines).toContain(
        `2026;K1;De Baronie;Voorstellen aan de stuurploeg bij seksuele of criminele uitbuiting;Per kwartaal;2;1;Groen: norm gehaald;16-3-2026;${known}`,
      );
      expect(lines).toContain(
        `2026;K1;Zeeland;Voorstellen aan de stuurploeg bij seksuele of criminele uitbuiting;Per kwartaal;0;1;Oranje: op schema, norm nog niet gehaald;16-3-2026;${known}`,
      );
    });

    it('gives the quarterly targets as XLSX with the same figures', async () => {
      const res = await analyst.download(
        '/api/reports/quarterly-targets?year=2026&quarter=1&district=de-baronie&format=xlsx',
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['content-disposition']).toBe('attachment; filename="kwartaaldoelstellingen-2026-K1.xlsx"');
      const sheet = await sheetOf(res.bytes);
      expect(sheet.rows[0]).toEqual([
        'Jaar',
        'Periode',
        'District',
        'Doelstelling',
        'Norm geldt',
        'Realisatie',
        'Norm',
        'Status',
        'Peildatum',
        'Cijfers zoals bekend op',
      ]);
      expect(sheet.rows.slice(1).map((r) => [r[2], r[3], r[5], r[6], r[7], r[8]])).toEqual([
        [
          'De Baronie',
          'Voorstellen aan de stuurploeg bij seksuele of criminele uitbuiting',
          2,
          1,
          'Groen: norm gehaald',
          new Date(Date.UTC(2026, 2, 16)),
        ],
        [
          'De Baronie',
          'Uitgevoerde arbeidsinspecties bij arbeidsuitbuiting',
          1,
          4,
          'Rood: achter op de norm',
          new Date(Date.UTC(2026, 2, 16)),
        ],
      ]);
    });

    it('gives the intervention effects as CSV and XLSX, one column per effect', async () => {
      const csv = await analyst.get(
        '/api/reports/intervention-effects?from=2026-03-01&to=2026-03-31&district=de-baronie&format=csv',
      );
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toBe(
        'attachment; filename="interventie-effecten-2026-03-01-2026-03-31.csv"',
      );
      const [header, row, ...rest] = csvLines(csv.text);
      expect(header.split(';').slice(0, 5)).toEqual([
        'Interventietype',
        'Niveau',
        'Uitgevoerd',
        'Met effect',
        'Laatste effect: Uitbuiting gestopt',
      ]);
      expect(header.split(';')).toHaveLength(4 + 11);
      expect(row.split(';').slice(0, 5)).toEqual(['Arbeidsinspectie/controle', 'Arbeidsrechtelijk', '2', '2', '1']);
      expect(rest).toEqual([]);
      const xlsx = await analyst.download(
        '/api/reports/intervention-effects?from=2026-03-01&to=2026-03-31&district=de-baronie&format=xlsx',
      );
      expect(xlsx.headers['content-type']).toBe(XLSX);
      const sheet = await sheetOf(xlsx.bytes);
      expect(sheet.name).toBe('Interventie-effecten');
      expect(sheet.rows[1].slice(0, 4)).toEqual(['Arbeidsinspectie/controle', 'Arbeidsrechtelijk', 2, 2]);
    });

    it('gives the flow as a list of figures in CSV and XLSX', async () => {
      const csv = await analyst.get('/api/reports/flow?from=2026-03-01&to=2026-03-31&district=de-baronie&format=csv');
      expect(csv.headers['content-disposition']).toBe('attachment; filename="doorloop-2026-03-01-2026-03-31.csv"');
      const lines = csvLines(csv.text);
      expect(lines[0]).toBe('Onderdeel;Kengetal;Waarde');
      expect(lines).toContain('Instroom;Signalen ontvangen;3');
      expect(lines).toContain('Doorlooptijd;uitvoering interventie → eerste effect: mediaan (dagen);1,5');
      expect(lines).toContain('Doorlooptijd;indiening voorstel → instemming stuurploeg: mediaan (dagen);3');
      expect(lines).toContain('Openstaand;Open casussen op 16-3-2026;3');
      const xlsx = await analyst.download(
        '/api/reports/flow?from=2026-03-01&to=2026-03-31&district=de-baronie&format=xlsx',
      );
      const sheet = await sheetOf(xlsx.bytes);
      expect(sheet.rows).toContainEqual(['Stuurploeg', 'Voorstellen ingediend', 3]);
      expect(sheet.rows).toContainEqual(['Stuurploeg', 'Voorstellen aangehouden', 1]);
      expect(sheet.rows).toHaveLength(lines.length);
    });

    it('answers a refused export as problem+json, not as a file', async () => {
      const partner = await app().as('partner.police-avim');
      const res = await partner.get('/api/reports/flow?format=csv');
      expectProblem(res, 403);
      expect(res.headers['content-disposition']).toBeUndefined();
    });
  });

  describe('quarterly targets are data: /api/admin/targets', () => {
    let admin: ApiClient;
    beforeAll(async () => {
      admin = await app().as('admin');
    });

    it('lists the two targets of the action programme', async () => {
      const res = ok(await admin.get('/api/admin/targets'), 200, 'list').body;
      expect(res.items).toEqual([
        expect.objectContaining({
          id: 'proposals-sexual-criminal',
          event: 'proposal_submitted',
          forms: ['sexual', 'criminal'],
          interventionTypes: null,
          interventionLevels: null,
          minimum: 1,
        }),
        expect.objectContaining({
          id: 'labour-inspections',
          event: 'intervention_executed',
          forms: ['labour'],
          interventionTypes: ['labour_inspection'],
          interventionLevels: null,
          minimum: 4,
        }),
      ]);
    });

    it('adds a target that the quarterly report then evaluates in every district', async () => {
      const body = {
        id: 'care-table-meetings',
        title: 'Zorgtafelbesprekingen',
        event: 'care_table_meeting_held',
        forms: ['sexual', 'labour'],
        minimum: 2,
      };
      const res = ok(await admin.post('/api/admin/targets', body), 201, 'create');
      expect(res.headers.location).toBe('/api/admin/targets/care-table-meetings');
      expect(res.body).toEqual({
        ...body,
        period: 'quarter',
        vulnerabilities: null,
        interventionTypes: null,
        interventionLevels: null,
        organisations: null,
        validFrom: null,
        validUntil: null,
        version: 1,
        retired: false,
        retiredOn: null,
        createdBy: 'admin',
        createdAt: app().clock.now().toISOString(),
        changedBy: 'admin',
        changedAt: app().clock.now().toISOString(),
      });
      expect(ok(await admin.get('/api/admin/targets/care-table-meetings'), 200, 'get').body).toEqual(res.body);
      const report = ok(await analyst.get('/api/reports/quarterly-targets?district=de-baronie'), 200, 'report').body;
      expect(report.districts[0].targets[2]).toEqual({
        targetId: 'care-table-meetings',
        title: 'Zorgtafelbesprekingen',
        actual: 2,
        target: 2,
        status: 'green',
        targetPeriod: 'quarter',
      });
    });

    it('adds a target on intervention level', async () => {
      ok(
        await admin.post('/api/admin/targets', {
          id: 'labour-law-q',
          title: 'Arbeidsrechtelijke interventies',
          event: 'intervention_executed',
          interventionLevels: ['labour_law'],
          minimum: 1,
        }),
        201,
        'create',
      );
      const report = ok(await analyst.get('/api/reports/quarterly-targets?district=zeeland'), 200, 'report').body;
      expect(
        report.districts[0].targets.find((t: { targetId: string }) => t.targetId === 'labour-law-q'),
      ).toMatchObject({ actual: 1, status: 'green' });
    });

    it('answers a repeat with the same Idempotency-Key as the first time, and refuses the key for another request (422)', async () => {
      const body = {
        id: 'shelter-placements',
        title: 'Plaatsingen in de opvang',
        event: 'intervention_executed',
        interventionTypes: ['shelter_placement'],
        minimum: 1,
      };
      const headers = { 'idempotency-key': 'targets-2026-03-16-1' };
      const first = ok(await admin.post('/api/admin/targets', body, { headers }), 201, 'first');
      const again = ok(await admin.post('/api/admin/targets', body, { headers }), 201, 'again');
      expect(again.body).toEqual(first.body);
      expect(again.headers.location).toBe('/api/admin/targets/shelter-placements');
      expectProblem(await admin.post('/api/admin/targets', { ...body, minimum: 2 }, { headers }), 422);
      expectProblem(await admin.post('/api/admin/targets', body), 409);
      expectProblem(
        await admin.post('/api/admin/targets', body, { headers: { 'idempotency-key': 'x'.repeat(201) } }),
        400,
        'Idempotency-Key',
      );
    });

    it('answers 409 for an id that exists', async () => {
      const res = await admin.post('/api/admin/targets', {
        id: 'labour-inspections',
        title: 'Nogmaals',
        event: 'intervention_executed',
        minimum: 4,
      });
      expectProblem(res, 409);
      expect(res.body.code).toBe('TargetExists');
    });

    it.each([
      [{ id: 'Not A Slug', title: 'x', event: 'signal_received', minimum: 1 }, 'id'],
      [{ id: 'x', title: '   ', event: 'signal_received', minimum: 1 }, 'title'],
      [{ id: 'x', title: 'x', event: 'coffee_drunk', minimum: 1 }, 'event'],
      [{ id: 'x', title: 'x', event: 'signal_received', minimum: 0 }, 'minimum'],
      [{ id: 'x', title: 'x', event: 'signal_received', minimum: 1.5 }, 'minimum'],
      [{ id: 'x', title: 'x', event: 'signal_received' }, 'minimum'],
      [{ id: 'x', title: 'x', event: 'signal_received', minimum: 1, forms: [] }, 'forms'],
      [{ id: 'x', title: 'x', event: 'signal_received', minimum: 1, forms: ['sexual', 'sexual'] }, 'forms'],
      [{ id: 'x', title: 'x', event: 'signal_received', minimum: 1, forms: ['fiscal'] }, 'forms'],
      [
        { id: 'x', title: 'x', event: 'proposal_submitted', minimum: 1, interventionTypes: ['labour_inspection'] },
        'interventionTypes',
      ],
      [{ id: 'x', title: 'x', event: 'case_closed', minimum: 1, interventionLevels: ['care'] }, 'interventionLevels'],
      [
        { id: 'x', title: 'x', event: 'intervention_executed', minimum: 1, interventionTypes: ['dance'] },
        'interventionTypes',
      ],
      [{ id: 'x', title: 'x', event: 'signal_received', minimum: 1, districts: ['zeeland'] }, 'districts'],
    ])('refuses %j (400 naming %s)', async (body, field) => {
      expectProblem(await admin.post('/api/admin/targets', body), 400, field);
    });

    it.each(['analyst', 'coordinator.de-baronie', 'steering.zeeland', 'auditor'])(
      'is for administrators only: %s gets 403',
      async (username) => {
        const client = await app().as(username);
        expectProblem(await client.get('/api/admin/targets'), 403);
        expectProblem(
          await client.post('/api/admin/targets', { id: 'y', title: 'y', event: 'signal_received', minimum: 1 }),
          403,
        );
      },
    );

    it('answers 404 for an unknown target', async () => {
      expectProblem(await admin.get('/api/admin/targets/nope'), 404);
    });
  });

  it('documents the reports and their JSON shapes in the OpenAPI document', async () => {
    const doc = ok(await app().request('GET', '/api/openapi.json'), 200, 'openapi').body;
    for (const path of [
      '/api/reports/quarterly-targets',
      '/api/reports/intervention-effects',
      '/api/reports/flow',
      '/api/admin/targets',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(Object.keys(doc.components.schemas.FlowResponse.properties)).toEqual(
      expect.arrayContaining([
        'signalsReceived',
        'triageDecisions',
        'careTable',
        'proposals',
        'interventionsExecuted',
        'casesClosed',
        'reopenings',
        'stageDurations',
        'openCases',
      ]),
    );
    const flowParams = doc.paths['/api/reports/flow'].get.parameters.map((p: { name: string }) => p.name);
    expect(flowParams).toEqual(expect.arrayContaining(['from', 'to', 'district', 'asKnownAt', 'format']));
  });
});
