import { Workbook } from 'exceljs';
import {
  CLOSE_OUTCOMES,
  EFFECTS,
  EXPLOITATION_FORMS,
  INTERVENTION_LEVELS,
  INTERVENTION_TYPES,
  REOPEN_REASONS,
  SECTORS,
  SOURCE_TYPES,
  TRIAGE_DECISIONS,
  VULNERABILITIES,
} from '@baken/case-coordination';
import { GROUP_BY, TARGET_STATUSES } from '@baken/reporting';
import { driveCase, ok } from './support/cases';
import { expectProblem } from './support/problems';
import { useTestApp, type ApiClient } from './support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function reportsCaughtUp(client: ApiClient): Promise<void> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const res = ok(await client.get('/api/projections'), 200, 'projections');
    if ((res.body as { name: string; lag: number }[]).find((p) => p.name === 'reporting-facts')?.lag === 0) return;
    if (Date.now() > deadline) throw new Error(`reporting-facts did not catch up: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Parses CSV as Dutch Excel does: fields separated by `;`, quoted when they hold `;`, quotes or line breaks. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\ufeff')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.slice(1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(field);
      field = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

const sumGroups = (groups: { signalsReceived: number }[]) => groups.reduce((n, g) => n + g.signalsReceived, 0);

/**
 * Cases driven through the API on 2–16 March 2026 (the clock stands on 16 March), each with one vulnerability or none:
 * in De Baronie a labour case in Breda with a labour inspection executed and an effect, and a sexual case in Oosterhout
 * with a joint control the police lead and the labour inspectorate joins, and a plan that was cancelled; in Zeeland a
 * criminal case without vulnerabilities in triage, a closed case, and a new case about the same victim linked to it.
 */
describe('reports that break down, count joint controls and cancellations, and export for Dutch Excel', () => {
  const app = useTestApp();
  let analyst: ApiClient;
  let admin: ApiClient;
  let rawValues: Set<string>;

  beforeAll(async () => {
    analyst = await app().as('analyst');
    admin = await app().as('admin');
    await driveCase(app(), 'effect_recorded', {
      signal: { forms: ['labour'], vulnerabilities: ['labour_migrant'], sector: 'car_wash' } as never,
    });
    const sexual = await driveCase(app(), 'in_execution', {
      signal: {
        municipality: 'oosterhout',
        forms: ['sexual'],
        vulnerabilities: ['minor'],
        source: { type: 'municipality' },
      },
    });
    const coordinator = await app().as('coordinator.de-baronie');
    const base = `/api/cases/${sexual.caseId}`;
    const joint = ok(
      await coordinator.post(`${base}/interventions`, {
        type: 'labour_inspection',
        leadOrganisation: 'police_avim',
        participants: ['labour_inspectorate'],
        plannedOn: '2026-03-11',
        brief: 'Gezamenlijke controle van het pand.',
      }),
      201,
      'joint control',
    ).body.interventionId;
    ok(
      await coordinator.post(`${base}/interventions/${joint}/execution`, { executedOn: '2026-03-12' }),
      200,
      'execute',
    );
    const cancelled = ok(
      await coordinator.post(`${base}/interventions`, {
        type: 'premises_closure',
        leadOrganisation: 'municipality:breda',
        plannedOn: '2026-03-11',
      }),
      201,
      'plan closure',
    ).body.interventionId;
    ok(
      await coordinator.post(`${base}/interventions/${cancelled}/cancellation`, {
        cancelledOn: '2026-03-13',
        reason: 'Het pand is verlaten.',
      }),
      200,
      'cancel',
    );
    await driveCase(app(), 'in_triage', {
      coordinator: 'coordinator.zeeland',
      signal: {
        district: 'zeeland',
        municipality: 'goes',
        forms: ['criminal'],
        vulnerabilities: [],
        source: { type: 'public' },
      },
    });
    const earlier = await driveCase(app(), 'closed', {
      coordinator: 'coordinator.zeeland',
      signal: { district: 'zeeland', municipality: 'vlissingen', receivedOn: '2026-03-02' },
    });
    const again = await driveCase(app(), 'in_triage', {
      coordinator: 'coordinator.zeeland',
      signal: { district: 'zeeland', municipality: 'vlissingen', receivedOn: '2026-03-14' },
    });
    ok(
      await (
        await app().as('coordinator.zeeland')
      ).post(`/api/cases/${again.caseId}/links`, { caseId: earlier.caseId, reason: 'same_victim' }),
      200,
      'link',
    );
    ok(
      await admin.post('/api/admin/targets', {
        id: 'inspectorate-controls',
        title: 'Controles met de Arbeidsinspectie',
        event: 'intervention_executed',
        organisations: ['labour_inspectorate'],
        minimum: 2,
      }),
      201,
      'target inspectorate',
    );
    ok(
      await admin.post('/api/admin/targets', {
        id: 'police-controls',
        title: 'Controles met de politie',
        event: 'intervention_executed',
        organisations: ['police_avim'],
        minimum: 1,
      }),
      201,
      'target police',
    );
    await reportsCaughtUp(analyst);
    const districts = ok(await analyst.get('/api/reference-data/districts'), 200, 'districts').body as {
      id: string;
      municipalities: { id: string }[];
    }[];
    const organisations = ok(await analyst.get('/api/reference-data/organisations'), 200, 'organisations').body as {
      id: string;
    }[];
    rawValues = new Set([
      ...districts.flatMap((d) => [d.id, ...d.municipalities.map((m) => m.id)]),
      ...organisations.map((o) => o.id),
      'proposals-sexual-criminal',
      'labour-inspections',
      'inspectorate-controls',
      'police-controls',
      ...[EXPLOITATION_FORMS, VULNERABILITIES, SOURCE_TYPES, SECTORS, EFFECTS, INTERVENTION_TYPES].flat(),
      ...[INTERVENTION_LEVELS, CLOSE_OUTCOMES, REOPEN_REASONS, TRIAGE_DECISIONS, TARGET_STATUSES, GROUP_BY].flat(),
      'orange',
      'green',
      'red',
    ]);
  }, 120_000);

  describe('breakdowns', () => {
    it('splits the flow by vulnerability into groups that sum to the totals while every case has one at most', async () => {
      const flow = ok(
        await analyst.get('/api/reports/flow?from=2026-03-01&to=2026-03-31&groupBy=vulnerability'),
        200,
        'flow',
      ).body;
      expect(flow).toMatchObject({ groupBy: 'vulnerability', groupsExclusive: false });
      expect(
        flow.groups.map((g: { group: string | null; signalsReceived: number }) => [g.group, g.signalsReceived]),
      ).toEqual([
        ['labour_migrant', 3],
        ['minor', 1],
        [null, 1],
      ]);
      expect(sumGroups(flow.groups)).toBe(flow.signalsReceived);
      expect(flow.groups.reduce((n: number, g: { openCases: { total: number } }) => n + g.openCases.total, 0)).toBe(
        flow.openCases.total,
      );
    });

    it('states that a case with two vulnerabilities counts in both groups, so the groups then sum to more', async () => {
      await driveCase(app(), 'in_triage', {
        coordinator: 'coordinator.hart-van-brabant',
        signal: {
          district: 'hart-van-brabant',
          municipality: 'tilburg',
          forms: ['labour'],
          vulnerabilities: ['minor', 'mild_intellectual_disability'],
        },
      });
      await reportsCaughtUp(analyst);
      const flow = ok(
        await analyst.get('/api/reports/flow?from=2026-03-01&to=2026-03-31&groupBy=vulnerability'),
        200,
        'flow',
      ).body;
      expect(flow.groupsExclusive).toBe(false);
      expect(flow.signalsReceived).toBe(6);
      expect(sumGroups(flow.groups)).toBe(7);
    });

    it.each(['district', 'municipality', 'source', 'sector'])(
      'splits the flow by %s into groups that always sum to the totals',
      async (groupBy) => {
        const flow = ok(
          await analyst.get(`/api/reports/flow?from=2026-03-01&to=2026-03-31&groupBy=${groupBy}`),
          200,
          'flow',
        ).body;
        expect(flow.groupsExclusive).toBe(true);
        expect(sumGroups(flow.groups)).toBe(flow.signalsReceived);
        for (const figure of ['casesClosed', 'openCases', 'triageDecisions'] as const)
          expect(flow.groups.reduce((n: number, g: Record<string, { total: number }>) => n + g[figure].total, 0)).toBe(
            flow[figure].total,
          );
      },
    );

    it('counts every district in scope by district, also those without figures', async () => {
      const flow = ok(
        await analyst.get('/api/reports/flow?from=2026-03-01&to=2026-03-31&groupBy=district'),
        200,
        'flow',
      ).body;
      expect(flow.groups.map((g: { group: string }) => g.group)).toEqual([
        'de-baronie',
        'de-markiezaten',
        'hart-van-brabant',
        'zeeland',
      ]);
      expect(flow.groups[1].signalsReceived).toBe(0);
    });

    it('splits the intervention effects by lead organisation: the joint control under the police, which leads it, the inspections in Breda and Goes under the inspectorate', async () => {
      const effects = ok(
        await analyst.get('/api/reports/intervention-effects?from=2026-03-01&to=2026-03-31&groupBy=leadOrganisation'),
        200,
        'effects',
      ).body;
      expect(effects).toMatchObject({ groupBy: 'leadOrganisation', groupsExclusive: true });
      expect(
        effects.groups.map((g: { group: string; rows: { executed: number }[] }) => [g.group, g.rows[0].executed]),
      ).toEqual([
        ['labour_inspectorate', 2],
        ['police_avim', 1],
      ]);
      expect(effects.rows).toEqual([expect.objectContaining({ interventionType: 'labour_inspection', executed: 3 })]);
    });

    it('answers 400 for a breakdown it does not know, and for asOf that is no date', async () => {
      expectProblem(await analyst.get('/api/reports/flow?groupBy=colour'), 400, 'groupBy');
      expectProblem(await analyst.get('/api/reports/intervention-effects?asOf=2026-02-30'), 400, 'asOf');
    });
  });

  describe('interventions as the region runs them', () => {
    it('counts a joint control for a target on either organisation: the one leading it and the one taking part', async () => {
      const report = ok(await analyst.get('/api/reports/quarterly-targets?district=de-baronie'), 200, 'targets').body;
      const byId = Object.fromEntries(
        report.districts[0].targets.map((t: { targetId: string; actual: number }) => [t.targetId, t.actual]),
      );
      expect(byId).toMatchObject({ 'inspectorate-controls': 2, 'police-controls': 1 });
    });

    it('counts a cancelled intervention as cancelled, never as open', async () => {
      const flow = ok(
        await analyst.get('/api/reports/flow?from=2026-03-01&to=2026-03-31&district=de-baronie'),
        200,
        'flow',
      ).body;
      // Planned: the inspections the two approvals planned, the joint control and the closure; open: the sexual case's
      // approved inspection only.
      expect(flow.interventions).toEqual({ planned: 4, executed: 2, cancelled: 1, open: 1 });
      const before = ok(
        await analyst.get('/api/reports/flow?from=2026-03-01&to=2026-03-31&district=de-baronie&asOf=2026-03-12'),
        200,
        'flow before the cancellation',
      ).body;
      expect(before.interventions).toMatchObject({ cancelled: 0, open: 2 });
    });

    it('counts a new case linked to a closed case about the same victim as repeat victimhood', async () => {
      const flow = ok(
        await analyst.get('/api/reports/flow?from=2026-03-01&to=2026-03-31&district=zeeland'),
        200,
        'flow',
      ).body;
      expect(flow.repeatVictimisation).toEqual({ total: 1, reopenings: 0, newCasesOfKnownVictims: 1 });
    });
  });

  describe('yearly periods and validity', () => {
    it('reports a year: the quarterly targets against their minimum for every quarter', async () => {
      const year = ok(
        await analyst.get('/api/reports/quarterly-targets?period=year&year=2026&district=de-baronie'),
        200,
        'year',
      ).body;
      expect(year).toMatchObject({
        year: 2026,
        quarter: null,
        period: 'year',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
      });
      expect(year.districts[0].targets[0]).toMatchObject({
        targetId: 'proposals-sexual-criminal',
        actual: 1,
        target: 4,
        targetPeriod: 'quarter',
      });
      expectProblem(
        await analyst.get('/api/reports/quarterly-targets?period=year&year=2026&quarter=1'),
        400,
        'quarter',
      );
    });

    it('answers not_applicable, never red, for a target outside its validity', async () => {
      ok(
        await admin.post('/api/admin/targets', {
          id: 'from-april',
          title: 'Signalen vanaf april',
          event: 'signal_received',
          minimum: 10,
          validFrom: '2026-04-01',
        }),
        201,
        'target',
      );
      const report = ok(await analyst.get('/api/reports/quarterly-targets?district=zeeland'), 200, 'targets').body;
      expect(report.districts[0].targets.find((t: { targetId: string }) => t.targetId === 'from-april')).toMatchObject({
        actual: 0,
        status: 'not_applicable',
      });
      expectProblem(
        await admin.post('/api/admin/targets', {
          id: 'nope',
          title: 'x',
          event: 'signal_received',
          minimum: 1,
          organisations: ['police_avim'],
        }),
        400,
        'organisations',
      );
    });
  });

  describe('exports for Dutch users', () => {
    const exports = [
      '/api/reports/quarterly-targets?year=2026&quarter=1',
      '/api/reports/quarterly-targets?period=year&year=2026',
      '/api/reports/intervention-effects?from=2026-01-01&to=2026-03-31',
      '/api/reports/flow?from=2026-01-01&to=2026-03-31',
      ...GROUP_BY.flatMap((g) => [
        `/api/reports/intervention-effects?from=2026-01-01&to=2026-03-31&groupBy=${g}`,
        `/api/reports/flow?from=2026-01-01&to=2026-03-31&groupBy=${g}`,
      ]),
    ];

    it.each(exports)('%s as CSV opens in columns with Dutch labels only', async (path) => {
      const res = await analyst.get(`${path}&format=csv&asKnownAt=2026-03-16T09:30:00Z`);
      expect(res.status).toBe(200);
      const rows = parseCsv(res.text);
      expect(rows.length).toBeGreaterThan(1);
      expect(rows.every((r) => r.length === rows[0].length)).toBe(true);
      expect(rows[0].length).toBeGreaterThan(2);
      const cells = rows.flat();
      expect(cells.filter((c) => rawValues.has(c))).toEqual([]);
      expect(cells.filter((c) => /\b[a-z]+_[a-z_]+\b/.test(c))).toEqual([]);
      expect(cells.filter((c) => /de-baronie|hart-van-brabant|de-markiezaten|proposals-sexual/.test(c))).toEqual([]);
      expect(cells.filter((c) => /^-?\d+\.\d+$/.test(c))).toEqual([]);
      expect(cells.filter((c) => /\d{4}-\d{2}-\d{2}/.test(c))).toEqual([]);
    });

    it('writes the breakdown of the flow by district with a column per district, named as on screen', async () => {
      const rows = parseCsv(
        (await analyst.get('/api/reports/flow?from=2026-03-01&to=2026-03-31&groupBy=district&format=csv')).text,
      );
      expect(rows[0]).toEqual([
        'Onderdeel',
        'Kengetal',
        'Totaal',
        'De Baronie',
        'De Markiezaten',
        'Hart van Brabant',
        'Zeeland',
      ]);
      const received = rows.find((r) => r[1] === 'Signalen ontvangen')!;
      expect(received.slice(2).map(Number)).toEqual([6, 2, 0, 1, 3]);
      expect(rows.find((r) => r[1] === 'Nieuwe casus van een slachtoffer uit een gesloten casus')!.slice(2)).toEqual([
        '1',
        '0',
        '0',
        '0',
        '1',
      ]);
    });

    it('writes the targets with the date as d-m-yyyy in CSV and as a real date in XLSX, figures as numbers', async () => {
      const csv = parseCsv(
        (await analyst.get('/api/reports/quarterly-targets?year=2026&quarter=1&district=zeeland&format=csv')).text,
      );
      expect(csv[0].slice(8)).toEqual(['Peildatum', 'Cijfers zoals bekend op']);
      expect(csv[1].slice(8)).toEqual(['16-3-2026', '16-3-2026 10:00']);
      const xlsx = await analyst.download(
        '/api/reports/quarterly-targets?year=2026&quarter=1&district=zeeland&format=xlsx&asKnownAt=2026-03-16T08:30:00Z',
      );
      expect(xlsx.headers['content-type']).toBe(XLSX);
      const workbook = new Workbook();
      await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const row = workbook.worksheets[0].getRow(2);
      expect(row.getCell(6).value).toEqual(expect.any(Number));
      expect(row.getCell(9).value).toEqual(new Date(Date.UTC(2026, 2, 16)));
      expect(row.getCell(9).numFmt).toBe('d-m-yyyy');
      expect(row.getCell(10).value).toEqual(new Date(Date.UTC(2026, 2, 16, 9, 30)));
      expect(workbook.getWorksheet('Toelichting')!.getRow(2).getCell(1).value).toMatch(
        /^Cijfers zoals bekend op 16-3-2026 09:30/,
      );
    });

    it('writes the breakdown of the effects in XLSX with the group first and a note on overlapping groups', async () => {
      const xlsx = await analyst.download(
        '/api/reports/intervention-effects?from=2026-03-01&to=2026-03-31&groupBy=form&format=xlsx',
      );
      expect(xlsx.headers['content-disposition']).toBe(
        'attachment; filename="interventie-effecten-2026-03-01-2026-03-31-per-uitbuitingsvorm.xlsx"',
      );
      const workbook = new Workbook();
      await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      expect(sheet.getRow(1).getCell(1).value).toBe('Uitbuitingsvorm (een casus kan in meer groepen tellen)');
      const groups: unknown[] = [];
      sheet.eachRow((r, n) => n > 1 && groups.push([r.getCell(1).value, r.getCell(4).value]));
      expect(groups).toEqual([
        ['Arbeidsuitbuiting', 2],
        ['Seksuele uitbuiting', 1],
        ['Totaal', 3],
      ]);
      const notes: unknown[] = [];
      workbook.getWorksheet('Toelichting')!.eachRow((r) => notes.push(r.getCell(1).value));
      expect(notes).toContain(
        'Uitgesplitst naar uitbuitingsvorm: een casus met meer waarden telt in elk van die groepen, dus de groepen tellen samen op tot meer dan het totaal.',
      );
    });
  });
});
