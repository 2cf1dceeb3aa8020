import { randomUUID } from 'node:crypto';
import { DATABASE } from '@baken/platform';
import type { Database } from '@baken/event-store';
import { ok, signalBody } from './support/cases';
import { expectConflict, expectProblem } from './support/problems';
import { TODAY, useTestApp, type ApiClient } from './support/test-app';

describe('POST /api/signals', () => {
  const app = useTestApp();
  let coordinator: ApiClient;

  beforeAll(async () => {
    coordinator = await app().as('coordinator.de-baronie');
  });

  it('opens a case in signal_received with a ZWB reference and answers 201 with Location and ETag "1"', async () => {
    const res = await coordinator.post('/api/signals', signalBody());
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ caseId: expect.any(String), version: 1 });
    expect(res.headers.location).toBe(`/api/cases/${res.body.caseId}`);
    expect(res.headers.etag).toBe('"1"');
    const view = ok(await coordinator.get(res.headers.location), 200, 'detail').body;
    expect(view).toMatchObject({
      status: 'signal_received',
      version: 1,
      reference: expect.stringMatching(/^ZWB-2026-\d{5}$/),
    });
  });

  it('gives every case its own reference, counting up', async () => {
    const a = (await coordinator.post('/api/signals', signalBody())).body.caseId;
    const b = (await coordinator.post('/api/signals', signalBody())).body.caseId;
    const refA: string = (await coordinator.get(`/api/cases/${a}`)).body.reference;
    const refB: string = (await coordinator.get(`/api/cases/${b}`)).body.reference;
    expect(Number(refB.slice(-5))).toBe(Number(refA.slice(-5)) + 1);
  });

  it('accepts the minimal signal: no organisation, vulnerabilities or subjects', async () => {
    const {
      vulnerabilities: _v,
      subjects: _s,
      ...minimal
    } = signalBody({ source: { type: 'public' }, forms: ['unknown'] });
    const res = await coordinator.post('/api/signals', minimal);
    expect(res.status).toBe(201);
    const view = (await coordinator.get(`/api/cases/${res.body.caseId}`)).body;
    expect(view).toMatchObject({
      source: { type: 'public', organisation: null },
      forms: ['unknown'],
      vulnerabilities: [],
      subjects: [],
    });
  });

  it('accepts a signal received today, but not tomorrow (409 BusinessDateInFuture)', async () => {
    expect((await coordinator.post('/api/signals', signalBody({ receivedOn: TODAY }))).status).toBe(201);
    expectConflict(
      await coordinator.post('/api/signals', signalBody({ receivedOn: '2026-03-17' })),
      'BusinessDateInFuture',
    );
  });

  it('registers subjects with a pseudonym each, and returns their personal data to the coordinator', async () => {
    const res = await coordinator.post(
      '/api/signals',
      signalBody({
        subjects: [
          {
            role: 'victim',
            name: 'Mira Jansen',
            birthDate: '2008-02-29',
            nationality: 'NL',
            notes: 'Minor; lives with an aunt.',
          },
          { role: 'suspect' },
        ],
      }),
    );
    expect(res.status).toBe(201);
    const subjects = (await coordinator.get(`/api/cases/${res.body.caseId}`)).body.subjects;
    expect(subjects).toEqual([
      expect.objectContaining({
        role: 'victim',
        name: 'Mira Jansen',
        birthDate: '2008-02-29',
        nationality: 'NL',
        pseudonym: expect.stringMatching(/^S-[0-9A-Z]{4}$/),
      }),
      expect.objectContaining({ role: 'suspect', name: null, pseudonym: expect.stringMatching(/^S-[0-9A-Z]{4}$/) }),
    ]);
    expect(subjects[0].subjectId).not.toBe(subjects[1].subjectId);
  });

  describe('who may register', () => {
    it('lets a liaison register a signal from their own municipality', async () => {
      const liaison = await app().as('liaison.breda');
      expect((await liaison.post('/api/signals', signalBody({ source: { type: 'municipality' } }))).status).toBe(201);
    });

    it('refuses a liaison a signal from another municipality (403)', async () => {
      const liaison = await app().as('liaison.breda');
      expectProblem(await liaison.post('/api/signals', signalBody({ municipality: 'oosterhout' })), 403);
    });

    it('refuses a coordinator a signal for another district (403)', async () => {
      expectProblem(
        await coordinator.post('/api/signals', signalBody({ district: 'zeeland', municipality: 'goes' })),
        403,
      );
    });

    it('lets a partner register a signal of any district, and then see where it stands, nothing more', async () => {
      const police = await app().as('partner.police-avim');
      const res = await police.post(
        '/api/signals',
        signalBody({ district: 'zeeland', municipality: 'goes', summary: 'Melding na controle (pz-marker).' }),
      );
      expect(res.status).toBe(201);
      const own = ok(await police.get(`/api/cases/${res.body.caseId}`), 200, 'own signal').body;
      expect(Object.keys(own).sort()).toEqual([
        'caseId',
        'district',
        'municipality',
        'receivedOn',
        'reference',
        'status',
        'version',
      ]);
      expectProblem(await police.get(`/api/cases/${res.body.caseId}/history`), 404);
      const listed = (await police.get('/api/cases?pageSize=200')).body.items.find(
        (i: { caseId: string }) => i.caseId === res.body.caseId,
      );
      expect(listed).toBeDefined();
      expect(listed).not.toHaveProperty('forms');
      expect(JSON.stringify(listed)).not.toContain('pz-marker');
    });

    it.each(['steering.de-baronie', 'analyst', 'auditor', 'admin'])('refuses %s (403)', async (username) => {
      expectProblem(await (await app().as(username)).post('/api/signals', signalBody()), 403);
    });

    it('refuses a request without a token (401)', async () => {
      expectProblem(await app().request('POST', '/api/signals', { body: signalBody() }), 401);
    });
  });

  describe('reference data', () => {
    it('refuses a municipality of another district (409 MunicipalityNotInDistrict)', async () => {
      expectConflict(
        await coordinator.post('/api/signals', signalBody({ municipality: 'tilburg' })),
        'MunicipalityNotInDistrict',
      );
    });

    it('refuses an unknown district (400 on district)', async () => {
      expectProblem(await coordinator.post('/api/signals', signalBody({ district: 'utrecht' })), 400, 'district');
    });

    it('refuses an unknown municipality (400 on municipality)', async () => {
      expectProblem(
        await coordinator.post('/api/signals', signalBody({ municipality: 'amsterdam' })),
        400,
        'municipality',
      );
    });
  });

  describe('invalid input answers 400 with the field named', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['a missing district', { district: undefined }, 'district'],
      ['a district that is not a slug', { district: 'De Baronie' }, 'district'],
      ['a missing receivedOn', { receivedOn: undefined }, 'receivedOn'],
      ['receivedOn on 30 February', { receivedOn: '2026-02-30' }, 'receivedOn'],
      ['receivedOn written day-first', { receivedOn: '02-03-2026' }, 'receivedOn'],
      ['receivedOn as an instant', { receivedOn: '2026-03-02T10:00:00Z' }, 'receivedOn'],
      ['a missing source', { source: undefined }, 'source'],
      ['an unknown source type', { source: { type: 'newspaper' } }, 'source.type'],
      ['an unknown field in source', { source: { type: 'police', phone: '112' } }, 'source.phone'],
      ['no forms', { forms: [] }, 'forms'],
      ['an unknown form', { forms: ['labour', 'cyber'] }, 'forms'],
      ['a repeated form', { forms: ['labour', 'labour'] }, 'forms'],
      ['forms as a string', { forms: 'labour' }, 'forms'],
      ['an unknown vulnerability', { vulnerabilities: ['poor'] }, 'vulnerabilities'],
      ['an empty summary', { summary: '' }, 'summary'],
      ['a summary over 4000 characters', { summary: 'x'.repeat(4001) }, 'summary'],
      ['a subject without a role', { subjects: [{ name: 'X' }] }, 'subjects.0.role'],
      ['a subject with an unknown role', { subjects: [{ role: 'witness' }] }, 'subjects.0.role'],
      [
        'a subject with a bad birth date',
        { subjects: [{ role: 'victim', birthDate: '1999-13-01' }] },
        'subjects.0.birthDate',
      ],
      ['a subject with an unknown field', { subjects: [{ role: 'victim', bsn: '123456782' }] }, 'subjects.0.bsn'],
      ['an unknown top-level field', { priority: 'high' }, 'priority'],
    ];
    it.each(cases)('refuses %s', async (_label, override, field) => {
      const body: Record<string, unknown> = { ...signalBody(), ...override };
      for (const key of Object.keys(override)) if (override[key] === undefined) delete body[key];
      const res = await coordinator.post('/api/signals', body);
      expectProblem(res, 400, field);
    });

    it('says "is required" for a missing field and lists every invalid field at once', async () => {
      const res = await coordinator.post('/api/signals', { district: 'de-baronie', forms: ['cyber'] });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'municipality', message: 'is required' },
          { field: 'receivedOn', message: 'is required' },
          { field: 'source', message: 'is required' },
          { field: 'summary', message: 'is required' },
          { field: 'forms', message: expect.stringContaining('sexual, labour') },
        ]),
      );
      expect(res.body.errors).toHaveLength(5);
    });

    it('accepts a summary of exactly 4000 characters', async () => {
      expect((await coordinator.post('/api/signals', signalBody({ summary: 'x'.repeat(4000) }))).status).toBe(201);
    });

    it('writes nothing for a refused signal', async () => {
      const before = (await coordinator.get('/api/cases?pageSize=200')).body.total;
      await coordinator.post('/api/signals', signalBody({ forms: [] }));
      await coordinator.post('/api/signals', signalBody({ municipality: 'tilburg' }));
      expect((await coordinator.get('/api/cases?pageSize=200')).body.total).toBe(before);
    });
  });

  it('keeps the received date as given, a business date', async () => {
    const res = await coordinator.post('/api/signals', signalBody({ receivedOn: '2025-12-31' }));
    expect((await coordinator.get(`/api/cases/${res.body.caseId}`)).body.receivedOn).toBe('2025-12-31');
  });

  it('writes a new case whole in one statement outside a transaction: events, read models, keys, name index and idempotency record', async () => {
    const db = app().app.get<Database>(DATABASE);
    const sent: string[] = [];
    const query = db.query.bind(db);
    const spy = jest.spyOn(db, 'query').mockImplementation((text: string, params?: unknown[]) => {
      sent.push(text);
      return query(text, params);
    });
    let caseId: string;
    try {
      const res = await coordinator.post(
        '/api/signals',
        signalBody({ subjects: [{ role: 'victim', name: 'Eva Smit' }] }),
        {
          headers: { 'idempotency-key': randomUUID() },
        },
      );
      caseId = ok(res, 201, 'register').body.caseId;
    } finally {
      spy.mockRestore();
    }
    const writes = sent.filter((text) => /INSERT INTO es_events/.test(text));
    expect(writes).toHaveLength(1);
    for (const table of [
      'es_streams',
      'case_details',
      'case_list',
      'privacy_case_keys',
      'privacy_subject_keys',
      'subject_name_index',
      'idempotency_keys',
    ])
      expect(writes[0]).toContain(`INSERT INTO ${table}`);
    // And what it wrote reads back as one case.
    const view = ok(await coordinator.get(`/api/cases/${caseId}`), 200, 'detail').body;
    expect(view.subjects[0]).toMatchObject({ role: 'victim', name: 'Eva Smit' });
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_list WHERE case_id = $1', [
      caseId,
    ]);
    expect(rows[0].n).toBe(1);
  });
});
