import { openDatabase, PostgresEventStore } from '@baken/event-store';
import { ok } from './support/cases';
import { queryDatabase } from './support/database';
import { expectConflict, expectProblem } from './support/problems';
import { useTestApp, type ApiClient, type TestApp } from './support/test-app';

/** The projection has caught up with the log (lag 0). */
async function reportsCaughtUp(client: ApiClient): Promise<void> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const res = ok(await client.get('/api/projections'), 200, 'projections');
    if ((res.body as { name: string; lag: number }[]).find((p) => p.name === 'reporting-facts')?.lag === 0) return;
    if (Date.now() > deadline) throw new Error(`reporting-facts did not catch up: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A case on sexual exploitation in Hart van Brabant with a proposal submitted to the stuurploeg on 22 January 2026. */
async function januaryProposal(t: TestApp): Promise<void> {
  const coordinator = await t.as('coordinator.hart-van-brabant');
  const caseId: string = ok(
    await coordinator.post('/api/signals', {
      district: 'hart-van-brabant',
      municipality: 'tilburg',
      receivedOn: '2026-01-06',
      source: { type: 'police' },
      forms: ['sexual'],
      summary: 'Een vrouw die in een woning wordt uitgebuit.',
    }),
    201,
    'register',
  ).body.caseId;
  const step = async (path: string, body: unknown, status = 200) =>
    ok(await coordinator.post(`/api/cases/${caseId}${path}`, body), status, path).body;
  await step('/assign', { coordinator: 'coordinator.hart-van-brabant' });
  await step('/triage', {
    decidedOn: '2026-01-07',
    urgency: 'high',
    decision: 'refer_to_care_table',
    rationale: 'Naar de Zorgtafel.',
  });
  await step('/care-table-meetings', {
    heldOn: '2026-01-15',
    participants: ['police_avim', 'municipality'],
    conclusions: 'Voorstel aan de stuurploeg.',
  });
  const { proposalId } = await step(
    '/proposals',
    {
      summary: 'Bestuurlijke sluiting.',
      steeringSummary: 'Sluiting van de woning.',
      measures: [{ type: 'stop_talk', leadOrganisation: 'police_avim' }],
    },
    201,
  );
  await step(`/proposals/${proposalId}/submit`, { submittedOn: '2026-01-22' });
}

interface ReportTarget {
  targetId: string;
  actual: number;
  target: number;
  status: string;
}

const definition = {
  title: 'Voorstellen aan de stuurploeg bij seksuele of criminele uitbuiting',
  event: 'proposal_submitted',
  forms: ['sexual', 'criminal'],
  validFrom: '2022-01-01',
  minimum: 2,
};

describe('quarterly targets managed as events: /api/admin/targets', () => {
  /** Wednesday 15 April 2026, 12:00 in Amsterdam: the first quarter is over. */
  const app = useTestApp({ now: new Date('2026-04-15T10:00:00Z') });
  let admin: ApiClient;
  let analyst: ApiClient;

  const targetIn = async (query: string, targetId: string, district = 'hart-van-brabant'): Promise<ReportTarget> => {
    const report = ok(
      await analyst.get(`/api/reports/quarterly-targets?district=${district}&${query}`),
      200,
      `report ${query}`,
    ).body;
    return report.districts[0].targets.find((t: ReportTarget) => t.targetId === targetId);
  };

  beforeAll(async () => {
    admin = await app().as('admin');
    analyst = await app().as('analyst');
  });

  it('shows both seeded norms as not_applicable in 2021, before they held', async () => {
    const report = ok(
      await analyst.get('/api/reports/quarterly-targets?year=2021&quarter=1&asOf=2021-04-01&district=zeeland'),
      200,
      '2021',
    ).body;
    expect(report.districts[0].targets.map((t: ReportTarget) => [t.targetId, t.status])).toEqual([
      ['proposals-sexual-criminal', 'not_applicable'],
      ['labour-inspections', 'not_applicable'],
    ]);
  });

  it('lists the seeded norms as version 1 of the action programme, the labour norm conditioned on the labour inspectorate by a second', async () => {
    const { items } = ok(await admin.get('/api/admin/targets'), 200, 'list').body;
    expect(items).toEqual([
      expect.objectContaining({
        id: 'proposals-sexual-criminal',
        version: 1,
        retired: false,
        retiredOn: null,
        createdBy: 'actieprogramma',
        createdAt: '1970-01-01T00:00:00.000Z',
        changedBy: 'actieprogramma',
        changedAt: '1970-01-01T00:00:00.000Z',
        validFrom: '2022-01-01',
      }),
      expect.objectContaining({
        id: 'labour-inspections',
        version: 2,
        organisations: ['labour_inspectorate'],
        retired: false,
        validFrom: '2022-01-01',
      }),
    ]);
    const history = ok(await admin.get('/api/admin/targets/labour-inspections/history'), 200, 'history').body;
    expect(history.items).toEqual([
      expect.objectContaining({
        version: 1,
        kind: 'defined',
        at: '1970-01-01T00:00:00.000Z',
        by: 'actieprogramma',
        reason: null,
        target: expect.objectContaining({ version: 1, organisations: null, minimum: 4 }),
      }),
      expect.objectContaining({
        version: 2,
        kind: 'changed',
        by: 'actieprogramma',
        reason: expect.any(String),
        target: expect.objectContaining({ version: 2, organisations: ['labour_inspectorate'], minimum: 4 }),
      }),
    ]);
  });

  it("reads last quarter's report with the targets as known at asKnownAt: the old minimum before a change, the new one after", async () => {
    await januaryProposal(app());
    await reportsCaughtUp(analyst);
    app().clock.advance(60_000);
    const beforeChange = app().clock.now().toISOString();
    app().clock.advance(60_000);

    const changed = ok(
      await admin.put('/api/admin/targets/proposals-sexual-criminal', {
        ...definition,
        reason: 'De stuurploeg verwacht twee voorstellen per kwartaal.',
      }),
      200,
      'change',
    ).body;
    const changedAt = app().clock.now().toISOString();
    expect(changed).toEqual({
      id: 'proposals-sexual-criminal',
      ...definition,
      period: 'quarter',
      vulnerabilities: null,
      interventionTypes: null,
      interventionLevels: null,
      organisations: null,
      validUntil: null,
      version: 2,
      retired: false,
      retiredOn: null,
      createdBy: 'actieprogramma',
      createdAt: '1970-01-01T00:00:00.000Z',
      changedBy: 'admin',
      changedAt,
    });
    expect(ok(await admin.get('/api/admin/targets/proposals-sexual-criminal'), 200, 'get').body).toEqual(changed);
    app().clock.advance(60_000);

    const q1 = 'year=2026&quarter=1';
    expect(await targetIn(`${q1}&asKnownAt=${beforeChange}`, 'proposals-sexual-criminal')).toMatchObject({
      actual: 1,
      target: 1,
      status: 'green',
    });
    expect(await targetIn(`${q1}&asKnownAt=${changedAt}`, 'proposals-sexual-criminal')).toMatchObject({
      actual: 1,
      target: 2,
      status: 'red',
    });
    expect(await targetIn(q1, 'proposals-sexual-criminal')).toMatchObject({ actual: 1, target: 2, status: 'red' });

    const history = ok(await admin.get('/api/admin/targets/proposals-sexual-criminal/history'), 200, 'history').body;
    expect(history.items).toEqual([
      {
        version: 1,
        kind: 'defined',
        at: '1970-01-01T00:00:00.000Z',
        by: 'actieprogramma',
        reason: null,
        target: expect.objectContaining({ version: 1, minimum: 1, changedBy: 'actieprogramma' }),
      },
      {
        version: 2,
        kind: 'changed',
        at: changedAt,
        by: 'admin',
        reason: 'De stuurploeg verwacht twee voorstellen per kwartaal.',
        target: changed,
      },
    ]);
  });

  it('retires a target after its last day: later periods are not_applicable, and it stays listed as retired', async () => {
    const retired = ok(
      await admin.post('/api/admin/targets/labour-inspections/retirement', {
        lastDay: '2026-03-31',
        reason: 'De Arbeidsinspectie rapporteert zelf.',
      }),
      200,
      'retire',
    ).body;
    expect(retired).toMatchObject({
      id: 'labour-inspections',
      version: 3,
      retired: true,
      retiredOn: '2026-03-31',
      changedBy: 'admin',
      changedAt: app().clock.now().toISOString(),
    });
    expect(await targetIn('year=2026&quarter=2', 'labour-inspections')).toMatchObject({ status: 'not_applicable' });
    expect(await targetIn('year=2026&quarter=1', 'labour-inspections')).toMatchObject({ target: 4, status: 'red' });
    const { items } = ok(await admin.get('/api/admin/targets'), 200, 'list').body;
    expect(items.map((t: { id: string; retired: boolean }) => [t.id, t.retired])).toEqual([
      ['proposals-sexual-criminal', false],
      ['labour-inspections', true],
    ]);
    const history = ok(await admin.get('/api/admin/targets/labour-inspections/history'), 200, 'history').body;
    expect(history.items.at(-1)).toEqual({
      version: 3,
      kind: 'retired',
      at: app().clock.now().toISOString(),
      by: 'admin',
      reason: 'De Arbeidsinspectie rapporteert zelf.',
      target: retired,
    });

    expectConflict(
      await admin.put('/api/admin/targets/labour-inspections', { ...definition, event: 'intervention_executed' }),
      'TargetRetired',
    );
    expectConflict(
      await admin.post('/api/admin/targets/labour-inspections/retirement', { reason: 'Nogmaals.' }),
      'TargetRetired',
    );
  });

  it('retires a target after yesterday when no last day is given', async () => {
    ok(
      await admin.post('/api/admin/targets', {
        id: 'care-table-meetings',
        title: 'Zorgtafelbesprekingen',
        event: 'care_table_meeting_held',
        minimum: 2,
      }),
      201,
      'create',
    );
    const retired = ok(
      await admin.post('/api/admin/targets/care-table-meetings/retirement', { reason: 'Niet meer nodig.' }),
      200,
      'retire',
    ).body;
    expect(retired).toMatchObject({ version: 2, retired: true, retiredOn: '2026-04-14' });
    // 15 April: the second quarter runs and applies up to the 14th, pace floor(2 × 14 / 91) = 0.
    expect(await targetIn('year=2026&quarter=2', 'care-table-meetings')).toMatchObject({ status: 'orange' });
    expect(await targetIn('year=2026&quarter=3&asOf=2026-07-01', 'care-table-meetings')).toMatchObject({
      status: 'not_applicable',
    });
  });

  it('answers a repeated change with the same Idempotency-Key as the first time, without a second version', async () => {
    const headers = { 'idempotency-key': 'targets-change-1' };
    const body = { ...definition, minimum: 3, reason: 'Drie per kwartaal.' };
    const first = ok(await admin.put('/api/admin/targets/proposals-sexual-criminal', body, { headers }), 200, 'first');
    const again = ok(await admin.put('/api/admin/targets/proposals-sexual-criminal', body, { headers }), 200, 'again');
    expect(again.body).toEqual(first.body);
    expect(first.body.version).toBe(3);
    const history = ok(await admin.get('/api/admin/targets/proposals-sexual-criminal/history'), 200, 'history').body;
    expect(history.items).toHaveLength(3);
    expectProblem(
      await admin.put('/api/admin/targets/proposals-sexual-criminal', { ...body, minimum: 4 }, { headers }),
      422,
    );
  });

  it('answers 404 for an unknown target', async () => {
    expectProblem(await admin.put('/api/admin/targets/nope', definition), 404);
    expectProblem(await admin.post('/api/admin/targets/nope/retirement', { reason: 'Weg.' }), 404);
    expectProblem(await admin.get('/api/admin/targets/nope/history'), 404);
    expectProblem(await admin.get('/api/admin/targets/%00'), 400, 'id');
    for (const id of ['Not%20A%20Slug', 'x'.repeat(61)]) {
      expectProblem(await admin.get(`/api/admin/targets/${id}`), 404);
      expectProblem(await admin.put(`/api/admin/targets/${id}`, definition), 404);
      expectProblem(await admin.post(`/api/admin/targets/${id}/retirement`, { reason: 'Weg.' }), 404);
    }
  });

  it.each([
    [{ ...definition, minimum: 0 }, 'minimum'],
    [{ ...definition, minimum: undefined }, 'minimum'],
    [{ ...definition, title: ' ' }, 'title'],
    [{ ...definition, id: 'proposals-sexual-criminal' }, 'id'],
    [{ ...definition, forms: ['fiscal'] }, 'forms'],
    [{ ...definition, interventionTypes: ['labour_inspection'] }, 'interventionTypes'],
    [{ ...definition, validFrom: '2026-01-01', validUntil: '2025-12-31' }, 'validUntil'],
    [{ ...definition, validFrom: '2026-02-30' }, 'validFrom'],
    [{ ...definition, reason: '  ' }, 'reason'],
    [{ ...definition, reason: 'x'.repeat(1001) }, 'reason'],
    [
      { ...definition, event: 'intervention_executed', organisations: ['ministry_of_magic'], forms: undefined },
      'organisations',
    ],
    [{ ...definition, event: 'intervention_executed', interventionTypes: ['no_such_type'] }, 'interventionTypes'],
  ])('refuses a change %j (400 naming %s)', async (body, field) => {
    expectProblem(await admin.put('/api/admin/targets/proposals-sexual-criminal', body), 400, field);
  });

  it.each([
    [{ lastDay: '2026-02-30', reason: 'Weg.' }, 'lastDay'],
    [{ lastDay: '31-03-2026', reason: 'Weg.' }, 'lastDay'],
    [{ lastDay: '2026-03-31' }, 'reason'],
    [{ reason: ' ' }, 'reason'],
    [{ reason: 'Weg.', until: '2026-03-31' }, 'until'],
  ])('refuses a retirement %j (400 naming %s)', async (body, field) => {
    expectProblem(await admin.post('/api/admin/targets/proposals-sexual-criminal/retirement', body), 400, field);
  });

  it.each(['analyst', 'coordinator.de-baronie', 'programme.lead', 'auditor'])(
    'is for administrators only: %s gets 403',
    async (username) => {
      const client = await app().as(username);
      expectProblem(await client.put('/api/admin/targets/proposals-sexual-criminal', definition), 403);
      expectProblem(
        await client.post('/api/admin/targets/proposals-sexual-criminal/retirement', { reason: 'Weg.' }),
        403,
      );
      expectProblem(await client.get('/api/admin/targets/proposals-sexual-criminal/history'), 403);
      expectProblem(await client.get('/api/admin/targets/proposals-sexual-criminal'), 403);
    },
  );

  it('keeps every change in the event store, one stream per target, each with who recorded it', async () => {
    const rows = await queryDatabase(
      app().database.url,
      `SELECT stream_id, event_type AS type, metadata->>'actor' AS actor FROM es_events WHERE stream_id LIKE 'target-%' ORDER BY global_position`,
    );
    expect(rows).toEqual([
      { stream_id: 'target-proposals-sexual-criminal', type: 'TargetChanged', actor: 'admin' },
      { stream_id: 'target-labour-inspections', type: 'TargetRetired', actor: 'admin' },
      { stream_id: 'target-care-table-meetings', type: 'TargetDefined', actor: 'admin' },
      { stream_id: 'target-care-table-meetings', type: 'TargetRetired', actor: 'admin' },
      { stream_id: 'target-proposals-sexual-criminal', type: 'TargetChanged', actor: 'admin' },
    ]);
    const db = await openDatabase({ url: app().database.url, poolSize: 1 });
    try {
      expect(await new PostgresEventStore(db).verifyStream('target-care-table-meetings')).toMatchObject({
        valid: true,
      });
    } finally {
      await db.close();
    }
  });

  it('filters on a type the administrator added to the intervention catalogue, and on a retired one', async () => {
    ok(
      await admin.post('/api/admin/intervention-types', {
        type: 'closure_order',
        level: 'administrative',
        label: 'Sluitingsbevel',
      }),
      201,
      'catalogue type',
    );
    ok(
      await admin.put('/api/admin/intervention-types/stop_talk', { label: 'Stopgesprek', retired: true }),
      200,
      'retire',
    );
    const created = ok(
      await admin.post('/api/admin/targets', {
        id: 'closure-orders',
        title: 'Sluitingsbevelen',
        event: 'intervention_executed',
        interventionTypes: ['closure_order', 'stop_talk'],
        minimum: 1,
      }),
      201,
      'target on catalogue types',
    ).body;
    expect(created.interventionTypes).toEqual(['closure_order', 'stop_talk']);
  });
});
