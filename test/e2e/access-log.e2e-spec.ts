import { randomUUID } from 'node:crypto';
import { COORDINATOR, driveCase, STEERING, type CaseHandle } from './support/cases';
import { queryDatabase } from './support/database';
import { expectProblem } from './support/problems';
import { useTestApp, type ApiClient } from './support/test-app';

const MINUTE = 60_000;

interface LogItem {
  at: string;
  username: string;
  role: string;
  organisation: string | null;
  caseId: string | null;
  reference: string | null;
  action: string;
  reason: string | null;
  detail: string | null;
  subjectsRevealed: string[];
}

/** Every read of case content appears in the access log, with who, role, organisation, case, action and reason. */
describe('the access log', () => {
  const app = useTestApp();
  let auditor: ApiClient;
  let coordinator: ApiClient;
  let c: CaseHandle;

  beforeAll(async () => {
    auditor = await app().as('auditor');
    coordinator = await app().as(COORDINATOR);
    c = await driveCase(app(), 'in_execution', { signal: { subjects: [{ role: 'victim', name: 'Logged Person' }] } });
  });

  const logOf = async (query: string): Promise<LogItem[]> => {
    const res = await auditor.get(`/api/audit/access-log?${query}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };

  it('logs a read of the detail with its reason, before anything else can see it', async () => {
    app().clock.advance(MINUTE);
    const at = app().clock.now().toISOString();
    expect(
      (await coordinator.get(`/api/cases/${c.caseId}`, { headers: { 'x-access-reason': 'Voorbereiding zorgtafel' } }))
        .status,
    ).toBe(200);
    const items = await logOf(`caseId=${c.caseId}&username=${COORDINATOR}`);
    const victim = (await coordinator.get(`/api/cases/${c.caseId}`)).body.subjects[0].subjectId;
    expect(items[0]).toEqual({
      at,
      username: COORDINATOR,
      role: 'coordinator',
      organisation: 'care_coordinator',
      caseId: c.caseId,
      reference: c.reference ?? expect.stringMatching(/^ZWB-\d{4}-\d{5}$/),
      action: 'read_case',
      reason: 'Voorbereiding zorgtafel',
      detail: null,
      subjectsRevealed: [victim],
    });
    // The reason is free text, so it is stored sealed with the case's key.
    const stored = await queryDatabase<{ reason: string }>(
      app().database.url,
      'SELECT reason FROM access_log WHERE case_id = $1 AND reason IS NOT NULL',
      [c.caseId],
    );
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.map((r) => r.reason).join()).not.toContain('Voorbereiding');
  });

  it('finds the reads of a case by its reference, each row naming it', async () => {
    const reference = (await coordinator.get(`/api/cases/${c.caseId}`)).body.reference;
    const items = await logOf(`reference=${reference}`);
    expect(items.length).toBeGreaterThan(1);
    expect(new Set(items.map((i) => [i.caseId, i.reference].join()))).toEqual(new Set([`${c.caseId},${reference}`]));
    expectProblem(await auditor.get('/api/audit/access-log?reference=12345'), 400, 'reference');
  });

  it('logs the history, and time travel with the version or instant travelled to', async () => {
    app().clock.advance(MINUTE);
    const steering = await app().as(STEERING);
    await steering.get(`/api/cases/${c.caseId}/history`, { headers: { 'x-access-reason': 'Besluit voorstel' } });
    await steering.get(`/api/cases/${c.caseId}?version=2`);
    await steering.get(`/api/cases/${c.caseId}?asOf=2026-03-16T09:30:00Z`);
    const items = await logOf(`caseId=${c.caseId}&username=${STEERING}`);
    expect(items.map(({ action, reason, detail, role }) => ({ action, reason, detail, role }))).toEqual([
      { action: 'time_travel', reason: null, detail: 'asOf=2026-03-16T09:30:00.000Z', role: 'steering_group' },
      { action: 'time_travel', reason: null, detail: 'version=2', role: 'steering_group' },
      { action: 'read_history', reason: 'Besluit voorstel', detail: null, role: 'steering_group' },
    ]);
  });

  it('logs the reads of partners, liaisons and auditors too', async () => {
    const partner = await app().as('partner.labour-inspectorate');
    expect((await partner.get(`/api/cases/${c.caseId}`)).status).toBe(200);
    expect((await auditor.get(`/api/cases/${c.caseId}/history`)).status).toBe(200);
    const items = await logOf(`caseId=${c.caseId}`);
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          username: 'partner.labour-inspectorate',
          role: 'partner',
          organisation: 'labour_inspectorate',
          action: 'read_case',
          subjectsRevealed: [],
        }),
        expect.objectContaining({ username: 'auditor', role: 'auditor', action: 'read_history' }),
      ]),
    );
  });

  it('logs no refused read, and no case list', async () => {
    const before = (await logOf(`caseId=${c.caseId}`)).length;
    const zeeland = await app().as('coordinator.zeeland');
    expectProblem(await zeeland.get(`/api/cases/${c.caseId}`), 404);
    expectProblem(await (await app().as('analyst')).get(`/api/cases/${c.caseId}`), 403);
    expect((await coordinator.get('/api/cases')).status).toBe(200);
    const after = await logOf(`caseId=${c.caseId}`);
    expect(after.length).toBe(before + 1);
    expect(after[0]).toMatchObject({ username: 'auditor', action: 'read_access_log' });
  });

  it('logs the reading of the log itself, with its filter', async () => {
    await auditor.get(`/api/audit/access-log?username=${COORDINATOR}`, {
      headers: { 'x-access-reason': 'Kwartaalcontrole' },
    });
    const items = await logOf('username=auditor');
    expect(items[0]).toMatchObject({
      username: 'auditor',
      role: 'auditor',
      action: 'read_access_log',
      caseId: null,
      reason: 'Kwartaalcontrole',
      detail: `username=${COORDINATOR}`,
    });
    expect((await logOf('username=auditor'))[0]).toMatchObject({
      action: 'read_access_log',
      caseId: null,
      reason: null,
      detail: 'username=auditor',
    });
  });

  it('filters on a period: from and to as instants or as whole days in Amsterdam', async () => {
    const other = await driveCase(app(), 'signal_received');
    const now = app().clock.now();
    try {
      app().clock.set(new Date('2026-03-15T22:30:00Z')); // 23:30 on the 15th in Amsterdam
      expect((await coordinator.get(`/api/cases/${other.caseId}`)).status).toBe(200);
      app().clock.set(new Date('2026-03-15T23:30:00Z')); // 00:30 on the 16th in Amsterdam
      expect((await coordinator.get(`/api/cases/${other.caseId}/history`)).status).toBe(200);
    } finally {
      app().clock.set(now);
    }
    const actions = async (q: string) =>
      (await logOf(`caseId=${other.caseId}&username=${COORDINATOR}&${q}`)).map((i) => i.action);
    expect(await actions('from=2026-03-15&to=2026-03-15')).toEqual(['read_case']);
    expect(await actions('from=2026-03-16')).toEqual(['read_history']);
    expect(await actions('from=2026-03-15T23:00:00Z')).toEqual(['read_history']);
    expect(await actions('to=2026-03-15T23:00:00Z')).toEqual(['read_case']);
    expect(await actions('from=2026-03-14&to=2026-03-16')).toEqual(['read_history', 'read_case']);
  });

  it('is for auditors only: every other role gets 403', async () => {
    for (const username of [COORDINATOR, STEERING, 'liaison.breda', 'partner.police-avim', 'analyst', 'admin']) {
      expectProblem(await (await app().as(username)).get('/api/audit/access-log'), 403);
    }
  });

  it('refuses invalid filters and reasons with 400', async () => {
    expectProblem(await auditor.get('/api/audit/access-log?caseId=abc'), 400, 'caseId');
    expectProblem(await auditor.get('/api/audit/access-log?from=yesterday'), 400, 'from');
    expectProblem(await auditor.get('/api/audit/access-log?from=2026-02-30'), 400, 'from');
    expectProblem(await auditor.get('/api/audit/access-log?from=2026-03-10&to=2026-03-01'), 400, 'to');
    expectProblem(await auditor.get('/api/audit/access-log?limit=0'), 400, 'limit');
    expectProblem(await auditor.get('/api/audit/access-log?sort=at'), 400, 'sort');
    expectProblem(
      await coordinator.get(`/api/cases/${c.caseId}`, { headers: { 'x-access-reason': 'x'.repeat(501) } }),
      400,
      'X-Access-Reason',
    );
  });

  it('keeps a percent-encoded reason in its own letters', async () => {
    await coordinator.get(`/api/cases/${c.caseId}`, {
      headers: { 'x-access-reason': encodeURIComponent('Melding van Piët, 2e gesprek') },
    });
    expect((await logOf(`caseId=${c.caseId}&username=${COORDINATOR}`))[0].reason).toBe('Melding van Piët, 2e gesprek');
  });

  it('cannot be changed or emptied in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const url = app().database.url;
    await expect(queryDatabase(url, `UPDATE access_log SET username = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(queryDatabase(url, 'DELETE FROM access_log')).rejects.toThrow(/append-only/);
    await expect(queryDatabase(url, 'TRUNCATE access_log')).rejects.toThrow(/append-only/);
    expect((await queryDatabase<{ n: string }>(url, 'SELECT count(*)::text AS n FROM access_log'))[0].n).not.toBe('0');
  });

  it('refuses the read when it cannot be logged: 503, and no case content in the answer', async () => {
    const url = app().database.url;
    await queryDatabase(url, 'ALTER TABLE access_log ADD CONSTRAINT refuse_everything CHECK (false) NOT VALID');
    try {
      for (const path of [
        `/api/cases/${c.caseId}`,
        `/api/cases/${c.caseId}/history`,
        `/api/cases/${c.caseId}?version=1`,
      ]) {
        const res = await coordinator.get(path);
        expectProblem(res, 503);
        expect(res.text).not.toContain('Logged Person');
        expect(res.text).not.toContain(c.caseId);
        expect(res.text).not.toMatch(/access_log|constraint|refuse_everything/i);
      }
      expectProblem(await auditor.get(`/api/audit/cases/${c.caseId}/verify`), 503);
    } finally {
      await queryDatabase(url, 'ALTER TABLE access_log DROP CONSTRAINT refuse_everything');
    }
    expect((await coordinator.get(`/api/cases/${c.caseId}`)).status).toBe(200);
  });

  it('answers an empty list for a case nobody read', async () => {
    expect(await logOf(`caseId=${randomUUID()}`)).toEqual([]);
  });
});
