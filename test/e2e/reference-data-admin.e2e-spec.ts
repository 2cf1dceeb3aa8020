import { COORDINATOR, driveCase, ok, registerSignal, signalBody } from './support/cases';
import { queryDatabase } from './support/database';
import { startTestProvider, type TestProvider } from './support/oidc';
import { expectProblem } from './support/problems';
import { startTestApp, useTestApp, type ApiClient, type TestApp } from './support/test-app';

interface Task {
  caseId: string;
  kind: string;
  dueOn: string;
}

async function waitFor(check: () => Promise<boolean>, message: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${message} (waited ${timeoutMs} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const CHANGED = { changedBy: 'admin', changedAt: expect.any(String) as unknown as string };

/**
 * The functional administrator's reference data (API.md v2 "Admin", ADR 62): organisations, municipalities and their
 * mergers, deadline periods and the intervention catalogue, each change an event with the administrator's name.
 * Today is Monday 16 March 2026.
 */
describe('reference data maintained by the administrator', () => {
  const app = useTestApp({ env: { BAKEN_RUN_WORKERS: 'true', BAKEN_SUBSCRIPTION_POLL_MS: '100' } });
  let admin: ApiClient;
  let coordinator: ApiClient;

  const eventsOf = (type: string) =>
    queryDatabase<{ data: Record<string, unknown>; metadata: { actor: string } }>(
      app().database.url,
      `SELECT data, metadata FROM es_events WHERE stream_id = 'reference-data' AND event_type = $1 ORDER BY global_position`,
      [type],
    );

  beforeAll(async () => {
    admin = await app().as('admin');
    coordinator = await app().as(COORDINATOR);
  });

  it('refuses every admin route to anyone but an administrator', async () => {
    for (const path of [
      '/api/admin/organisations',
      '/api/admin/municipalities',
      '/api/admin/districts',
      '/api/admin/deadline-periods',
      '/api/admin/intervention-types',
    ])
      expectProblem(await coordinator.get(path), 403);
    expectProblem(await coordinator.post('/api/admin/organisations', { id: 'riec', kind: 'riec', name: 'X' }), 403);
    expectProblem(
      await coordinator.put('/api/admin/deadline-periods', {
        triageWorkingDays: 5,
        triageHighWorkingDays: 3,
        triageAcuteWorkingDays: 1,
        forwardFeedbackWorkingDays: 20,
        proposalDecisionDays: 30,
        effectFollowUpDays: 56,
      }),
      403,
    );
  });

  describe('organisations', () => {
    it('lists the seeded organisations and, read-only, the municipalities’', async () => {
      const { items } = ok(await admin.get('/api/admin/organisations'), 200, 'organisations').body;
      expect(items).toContainEqual({
        id: 'shelter:sterk-huis',
        kind: 'shelter',
        name: 'Sterk Huis (opvang)',
        identityClaim: 'shelter:sterk-huis',
        active: true,
        changedBy: null,
        changedAt: null,
      });
      expect(items).toContainEqual(
        expect.objectContaining({
          id: 'municipality:breda',
          kind: 'municipality',
          identityClaim: 'municipality:breda',
        }),
      );
    });

    it('adds an organisation as an event with the administrator’s name; a repeat key answers the same', async () => {
      const body = { id: 'shelter:de-haven', kind: 'shelter', name: 'De Haven (opvang)', identityClaim: 'DE-HAVEN' };
      const headers = { 'Idempotency-Key': 'add-de-haven' };
      const first = ok(await admin.post('/api/admin/organisations', body, { headers }), 201, 'add');
      expect(first.body).toEqual({ ...body, active: true, ...CHANGED });
      expect(first.headers.location).toBe('/api/admin/organisations/shelter%3Ade-haven');
      const repeat = ok(await admin.post('/api/admin/organisations', body, { headers }), 201, 'repeat');
      expect(repeat.body).toEqual(first.body);
      expect(await eventsOf('OrganisationAdded')).toEqual([
        { data: { ...body, by: 'admin' }, metadata: expect.objectContaining({ actor: 'admin' }) },
      ]);
      expect(ok(await coordinator.get('/api/reference-data/organisations'), 200, 'public list').body).toContainEqual({
        id: 'shelter:de-haven',
        kind: 'shelter',
        name: 'De Haven (opvang)',
        active: true,
      });
    });

    it('answers 409 on an existing id and 400 on an id that does not fit the kind', async () => {
      expectProblem(
        await admin.post('/api/admin/organisations', { id: 'shelter:de-haven', kind: 'shelter', name: 'Dubbel' }),
        409,
      );
      expectProblem(await admin.post('/api/admin/organisations', { id: 'riec', kind: 'riec', name: 'RIEC' }), 409);
      expectProblem(
        await admin.post('/api/admin/organisations', { id: 'de-haven', kind: 'shelter', name: 'X' }),
        400,
        'id',
      );
      expectProblem(
        await admin.post('/api/admin/organisations', { id: 'police_avim', kind: 'riec', name: 'X' }),
        400,
        'id',
      );
      expectProblem(
        await admin.post('/api/admin/organisations', { id: 'municipality:nieuw', kind: 'municipality', name: 'X' }),
        400,
      );
      expectProblem(await admin.post('/api/admin/organisations', { id: 'x', kind: 'nonsense', name: '' }), 400, 'kind');
      expectProblem(
        await admin.post('/api/admin/organisations', {
          id: 'shelter:ander',
          kind: 'shelter',
          name: 'X',
          identityClaim: 'DE-HAVEN',
        }),
        400,
        'identityClaim',
      );
    });

    it('changes an organisation; a municipality’s is changed through the municipality', async () => {
      const changed = ok(
        await admin.put('/api/admin/organisations/shelter:de-haven', { name: 'De Haven', active: false }),
        200,
        'change',
      ).body;
      expect(changed).toEqual({
        id: 'shelter:de-haven',
        kind: 'shelter',
        name: 'De Haven',
        identityClaim: 'DE-HAVEN',
        active: false,
        ...CHANGED,
      });
      expect((await eventsOf('OrganisationChanged')).map((e) => e.data)).toEqual([
        { id: 'shelter:de-haven', name: 'De Haven', identityClaim: 'DE-HAVEN', active: false, by: 'admin' },
      ]);
      expect(
        ok(
          await admin.put('/api/admin/organisations/shelter:de-haven', {
            name: 'De Haven',
            identityClaim: null,
            active: false,
          }),
          200,
          'claim back to the id',
        ).body.identityClaim,
      ).toBe('shelter:de-haven');
      expectProblem(await admin.put('/api/admin/organisations/shelter:nergens', { name: 'X', active: true }), 404);
      expectProblem(await admin.put('/api/admin/organisations/municipality:breda', { name: 'X', active: true }), 400);
      expectProblem(await admin.put('/api/admin/organisations/riec', { name: '', active: 'yes' }), 400, 'active');
    });
  });

  describe('municipalities and a merger', () => {
    it('lists the districts and municipalities', async () => {
      expect(ok(await admin.get('/api/admin/districts'), 200, 'districts').body.items).toContainEqual({
        id: 'de-baronie',
        name: 'De Baronie',
      });
      expect(ok(await admin.get('/api/admin/municipalities'), 200, 'municipalities').body.items).toContainEqual({
        id: 'baarle-nassau',
        name: 'Baarle-Nassau',
        district: 'de-baronie',
        validFrom: null,
        validUntil: null,
        changedBy: null,
        changedAt: null,
      });
    });

    it('merges two municipalities into a new one without rewriting the old cases', async () => {
      const before = await registerSignal(coordinator, { municipality: 'baarle-nassau', receivedOn: '2026-03-02' });
      for (const [id, name] of [
        ['baarle-nassau', 'Baarle-Nassau'],
        ['alphen-chaam', 'Alphen-Chaam'],
      ])
        expect(
          ok(await admin.put(`/api/admin/municipalities/${id}`, { name, validUntil: '2026-03-10' }), 200, id).body,
        ).toEqual({ id, name, district: 'de-baronie', validFrom: null, validUntil: '2026-03-10', ...CHANGED });
      const added = ok(
        await admin.post('/api/admin/municipalities', {
          id: 'baarle-alphen',
          name: 'Baarle-Alphen',
          district: 'de-baronie',
          validFrom: '2026-03-11',
        }),
        201,
        'add',
      ).body;
      expect(added).toEqual({
        id: 'baarle-alphen',
        name: 'Baarle-Alphen',
        district: 'de-baronie',
        validFrom: '2026-03-11',
        validUntil: null,
        ...CHANGED,
      });

      // The old municipality until its last day; the new one from its first.
      expectProblem(
        await coordinator.post('/api/signals', signalBody({ municipality: 'baarle-nassau', receivedOn: '2026-03-11' })),
        400,
        'municipality',
      );
      ok(
        await coordinator.post('/api/signals', signalBody({ municipality: 'baarle-nassau', receivedOn: '2026-03-10' })),
        201,
        'old municipality before its end',
      );
      ok(
        await coordinator.post('/api/signals', signalBody({ municipality: 'baarle-alphen', receivedOn: '2026-03-11' })),
        201,
        'new municipality',
      );
      expectProblem(
        await coordinator.post('/api/signals', signalBody({ municipality: 'baarle-alphen', receivedOn: '2026-03-10' })),
        400,
        'municipality',
      );

      expect(ok(await coordinator.get(`/api/cases/${before.caseId}`), 200, 'old case').body.municipality).toBe(
        'baarle-nassau',
      );
      const baronie = (
        ok(await coordinator.get('/api/reference-data/districts'), 200, 'districts').body as {
          id: string;
          municipalities: { id: string; validFrom: string | null; validUntil: string | null }[];
        }[]
      ).find((d) => d.id === 'de-baronie')!;
      expect(baronie.municipalities).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: 'baarle-nassau', validUntil: '2026-03-10' }),
          expect.objectContaining({ id: 'baarle-alphen', validFrom: '2026-03-11', validUntil: null }),
        ]),
      );
      expect((await eventsOf('MunicipalityChanged')).map((e) => e.metadata.actor)).toEqual(['admin', 'admin']);
      expect((await eventsOf('MunicipalityAdded')).map((e) => e.data)).toEqual([
        { id: 'baarle-alphen', name: 'Baarle-Alphen', district: 'de-baronie', validFrom: '2026-03-11', by: 'admin' },
      ]);
    });

    it('answers 409 on an existing municipality and 400 on bad input', async () => {
      expectProblem(
        await admin.post('/api/admin/municipalities', {
          id: 'breda',
          name: 'Breda',
          district: 'de-baronie',
          validFrom: '2026-01-01',
        }),
        409,
      );
      expectProblem(
        await admin.post('/api/admin/municipalities', {
          id: 'x',
          name: 'X',
          district: 'nergens',
          validFrom: '2026-01-01',
        }),
        400,
        'district',
      );
      expectProblem(
        await admin.post('/api/admin/municipalities', {
          id: 'X Y',
          name: 'X',
          district: 'de-baronie',
          validFrom: 'gisteren',
        }),
        400,
        'validFrom',
      );
      expectProblem(
        await admin.put('/api/admin/municipalities/baarle-alphen', { name: 'Baarle-Alphen', validUntil: '2026-03-01' }),
        400,
        'validUntil',
      );
      expectProblem(await admin.put('/api/admin/municipalities/nergens', { name: 'X', validUntil: null }), 404);
    });
  });

  describe('the intervention catalogue', () => {
    const plan = (caseId: string, type: string) =>
      coordinator.post(`/api/cases/${caseId}/interventions`, {
        type,
        leadOrganisation: 'tax_authority',
        plannedOn: '2026-03-16',
      });

    it('lists the seeded catalogue with its Dutch labels', async () => {
      const { items } = ok(await admin.get('/api/admin/intervention-types'), 200, 'catalogue').body;
      expect(items).toContainEqual({
        type: 'labour_inspection',
        level: 'labour_law',
        label: 'Arbeidsinspectie/controle',
        retired: false,
        changedBy: null,
        changedAt: null,
      });
      expect(items).toHaveLength(13);
    });

    it('plans a type the administrator added, counted by its level; refuses it once retired', async () => {
      const added = ok(
        await admin.post('/api/admin/intervention-types', {
          type: 'financial_investigation',
          level: 'fiscal',
          label: 'Financieel onderzoek',
        }),
        201,
        'add type',
      );
      expect(added.body).toEqual({
        type: 'financial_investigation',
        level: 'fiscal',
        label: 'Financieel onderzoek',
        retired: false,
        ...CHANGED,
      });
      expect(added.headers.location).toBe('/api/admin/intervention-types/financial_investigation');
      expect(ok(await coordinator.get('/api/reference-data/intervention-types'), 200, 'public').body).toContainEqual({
        type: 'financial_investigation',
        level: 'fiscal',
        label: 'Financieel onderzoek',
        retired: false,
      });

      const c = await driveCase(app(), 'at_care_table');
      const planned = ok(await plan(c.caseId, 'financial_investigation'), 201, 'plan').body;
      const theCase = ok(await coordinator.get(`/api/cases/${c.caseId}`), 200, 'case').body;
      expect(theCase.interventions).toContainEqual(
        expect.objectContaining({
          interventionId: planned.interventionId,
          type: 'financial_investigation',
          level: 'fiscal',
        }),
      );
      await waitFor(
        async () =>
          (
            await queryDatabase<{ level: string }>(
              app().database.url,
              `SELECT level FROM reporting_interventions WHERE intervention_id = $1`,
              [planned.interventionId],
            )
          )[0]?.level === 'fiscal',
        'the reports did not count the new type by its level',
      );

      expect(
        ok(
          await admin.put('/api/admin/intervention-types/financial_investigation', {
            label: 'Financieel onderzoek (oud)',
            retired: true,
          }),
          200,
          'retire',
        ).body,
      ).toEqual({
        type: 'financial_investigation',
        level: 'fiscal',
        label: 'Financieel onderzoek (oud)',
        retired: true,
        ...CHANGED,
      });
      expectProblem(await plan(c.caseId, 'financial_investigation'), 400, 'type');
      expectProblem(await plan(c.caseId, 'time_travel'), 400, 'type');
      // What was planned stays.
      expect(ok(await coordinator.get(`/api/cases/${c.caseId}`), 200, 'case').body.interventions).toHaveLength(
        theCase.interventions.length,
      );
      expect((await eventsOf('InterventionTypeAdded')).map((e) => e.metadata.actor)).toEqual(['admin']);
      expect((await eventsOf('InterventionTypeChanged')).map((e) => e.data)).toEqual([
        {
          interventionType: 'financial_investigation',
          label: 'Financieel onderzoek (oud)',
          retired: true,
          by: 'admin',
        },
      ]);
    });

    it('lets the stuurploeg decide on a measure of a type the administrator added, its competent organisation by the catalogue’s level', async () => {
      ok(
        await admin.post('/api/admin/intervention-types', {
          type: 'closure_order',
          level: 'administrative',
          label: 'Sluitingsbevel',
        }),
        201,
        'add type',
      );
      const c = await driveCase(app(), 'care_table_met');
      const base = `/api/cases/${c.caseId}`;
      expectProblem(
        await coordinator.post(`${base}/proposals`, {
          summary: 'Sluiting van het pand.',
          measures: [{ type: 'no_such_type', leadOrganisation: 'municipality:breda' }],
        }),
        400,
        'measures.0.type',
      );
      const { proposalId } = ok(
        await coordinator.post(`${base}/proposals`, {
          summary: 'Sluiting van het pand.',
          measures: [{ type: 'closure_order', leadOrganisation: 'municipality:breda' }],
        }),
        201,
        'draft',
      ).body;
      const submittedOn = ok(await coordinator.get(base), 200, 'case').body.receivedOn;
      ok(await coordinator.post(`${base}/proposals/${proposalId}/submit`, { submittedOn }), 200, 'submit');
      const vote = async (member: string) =>
        ok(
          await (
            await app().as(member)
          ).post(`${base}/proposals/${proposalId}/decision`, { decidedOn: submittedOn, decision: 'approved' }),
          200,
          `vote ${member}`,
        ).body;
      // The RIEC and the police: two organisations, but not the mayor, competent for an administrative measure.
      await vote('steering.de-baronie');
      expect((await vote('steering.de-baronie.politie')).proposalStatus).toBe('submitted');
      expect((await vote('steering.de-baronie.gemeente')).proposalStatus).toBe('approved');
      const theCase = ok(await coordinator.get(base), 200, 'case').body;
      expect(theCase.interventions).toEqual([
        expect.objectContaining({ type: 'closure_order', level: 'administrative', proposalId }),
      ]);
    });

    it('answers 409 on an existing type and 400 on bad input', async () => {
      expectProblem(
        await admin.post('/api/admin/intervention-types', { type: 'stop_talk', level: 'criminal', label: 'Stop' }),
        409,
      );
      expectProblem(
        await admin.post('/api/admin/intervention-types', { type: 'Stop Talk', level: 'cosmic', label: '' }),
        400,
        'level',
      );
      expectProblem(await admin.put('/api/admin/intervention-types/nope', { label: 'X', retired: true }), 404);
    });
  });

  describe('deadline periods', () => {
    const tasks = async () => ok(await coordinator.get('/api/me/tasks'), 200, 'tasks').body.items as Task[];
    const triageDue = async (caseId: string) => {
      await waitFor(
        async () => (await tasks()).some((t) => t.caseId === caseId && t.kind === 'triage'),
        'the deadline workflow did not catch up',
      );
      return (await tasks()).find((t) => t.caseId === caseId && t.kind === 'triage')!.dueOn;
    };

    it('shows the configuration’s periods until an administrator sets them', async () => {
      expect(ok(await admin.get('/api/admin/deadline-periods'), 200, 'periods').body).toEqual({
        triageWorkingDays: 5,
        triageHighWorkingDays: 3,
        triageAcuteWorkingDays: 1,
        forwardFeedbackWorkingDays: 20,
        proposalDecisionDays: 30,
        effectFollowUpDays: 56,
        changedBy: null,
        changedAt: null,
      });
    });

    it('counts a new signal’s triage with the new period; an open deadline keeps its own', async () => {
      const earlier = await registerSignal(coordinator, { receivedOn: '2026-03-13' });
      const periods = {
        triageWorkingDays: 2,
        triageHighWorkingDays: 2,
        triageAcuteWorkingDays: 1,
        forwardFeedbackWorkingDays: 20,
        proposalDecisionDays: 30,
        effectFollowUpDays: 56,
      };
      expect(ok(await admin.put('/api/admin/deadline-periods', periods), 200, 'set').body).toEqual({
        ...periods,
        ...CHANGED,
      });
      expect(ok(await admin.get('/api/admin/deadline-periods'), 200, 'read').body).toEqual({ ...periods, ...CHANGED });
      const later = await registerSignal(coordinator, { receivedOn: '2026-03-13' });
      // Friday 13 March: five working days is Friday 20, two is Tuesday 17.
      expect(await triageDue(earlier.caseId)).toBe('2026-03-20');
      expect(await triageDue(later.caseId)).toBe('2026-03-17');
      expect(await eventsOf('DeadlinePeriodsChanged')).toEqual([
        { data: { ...periods, by: 'admin' }, metadata: expect.objectContaining({ actor: 'admin' }) },
      ]);
    });

    it('refuses periods out of range or missing', async () => {
      const res = await admin.put('/api/admin/deadline-periods', {
        triageWorkingDays: 0,
        triageHighWorkingDays: 3.5,
        triageAcuteWorkingDays: 1,
        forwardFeedbackWorkingDays: 20,
        proposalDecisionDays: 99999,
      });
      expectProblem(res, 400, 'triageWorkingDays');
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining(['triageHighWorkingDays', 'proposalDecisionDays', 'effectFollowUpDays']),
      );
    });
  });
});

describe('an organisation’s identity claim at sign-in through the identity provider', () => {
  const AUDIENCE = 'https://baken.test/api';
  let provider: TestProvider;
  let t: TestApp;

  beforeAll(async () => {
    provider = await startTestProvider({
      audience: AUDIENCE,
      accounts: {
        beheer: { preferred_username: 'beheer@riec.example', groups: ['beheerders'] },
        'h.haven': { preferred_username: 'h.haven@haven.example', groups: ['ketenpartner'], org: 'HAVEN-OPVANG' },
      },
      redirectUri: 'http://localhost:3000/api/auth/callback',
      clientSecret: 'web-client-secret',
    });
    t = await startTestApp({
      now: new Date(),
      env: {
        BAKEN_DEMO: 'false',
        OIDC_ISSUER: provider.issuer,
        OIDC_AUDIENCE: AUDIENCE,
        OIDC_ALLOW_HTTP: 'true',
        OIDC_CLAIM_USERNAME: 'preferred_username',
        OIDC_CLAIM_ROLE: 'groups',
        OIDC_ROLE_MAP: 'beheerders=admin,ketenpartner=partner',
        OIDC_CLAIM_ORGANISATION: 'org',
      },
    });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  it('maps a user to the organisation whose claim value the administrator set', async () => {
    const admin = { token: await provider.accessToken('beheer') };
    ok(
      await t.request('POST', '/api/admin/organisations', {
        ...admin,
        body: { id: 'shelter:de-haven', kind: 'shelter', name: 'De Haven', identityClaim: 'HAVEN-OPVANG' },
      }),
      201,
      'add with claim',
    );
    const partner = { token: await provider.accessToken('h.haven') };
    ok(await t.request('GET', '/api/reference-data/organisations', partner), 200, 'partner signs in');
    const people = ok(await t.request('GET', '/api/people?role=partner', admin), 200, 'people').body.items;
    expect(people).toEqual([
      expect.objectContaining({ username: 'h.haven@haven.example', organisation: 'shelter:de-haven' }),
    ]);
  });
});
