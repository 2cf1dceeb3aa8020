import { RetentionService } from '@baken/case-coordination';
import { RetentionScheduler } from '../../libs/case-coordination/src/features/retention/retention.scheduler';
import type { Database } from '@baken/event-store';
import { DATABASE } from '@baken/platform';
import { command as retentionCommand } from '../../apps/cli/src/commands/retention-run.command';
import { bodies, COORDINATOR, ok, registerSignal } from './support/cases';
import { runCli } from './support/cli';
import { dumpDatabase, queryDatabase } from './support/database';
import { useTestApp, type ApiClient } from './support/test-app';

/** Today is 2026-03-16: with the default five years, cases closed before 2021-03-16 are due. */
describe('retention: erasing the subjects of cases closed long ago', () => {
  const app = useTestApp();
  let coordinator: ApiClient;
  const cases: Record<string, string> = {};

  /** A case closed on `closedOn` by a triage decision of no further action. */
  async function closedCase(name: string, receivedOn: string, closedOn: string | null): Promise<string> {
    const { caseId } = await registerSignal(coordinator, {
      receivedOn,
      subjects: [{ role: 'victim', name, birthDate: '1990-01-01' }, { role: 'suspect' }],
    });
    ok(await coordinator.post(`/api/cases/${caseId}/assign`, bodies.assign()), 200, 'assign');
    if (closedOn)
      ok(
        await coordinator.post(
          `/api/cases/${caseId}/triage`,
          bodies.triage('no_further_action', { decidedOn: closedOn }),
        ),
        200,
        'close by triage',
      );
    return caseId;
  }

  beforeAll(async () => {
    coordinator = await app().as(COORDINATOR);
    cases.old = await closedCase('Retentie Oudgesloten', '2019-11-04', '2019-11-18');
    cases.justDue = await closedCase('Retentie Netverlopen', '2021-03-01', '2021-03-15');
    cases.notYet = await closedCase('Retentie Vijfjaar', '2021-03-01', '2021-03-16');
    cases.recent = await closedCase('Retentie Recent', '2025-06-02', '2025-06-10');
    cases.open = await closedCase('Retentie Nogopen', '2019-05-06', null);
  });

  const detail = async (caseId: string) => ok(await coordinator.get(`/api/cases/${caseId}`), 200, 'detail').body;

  describe('a run', () => {
    let run: Awaited<ReturnType<RetentionService['run']>>;
    beforeAll(async () => {
      run = await app().app.get(RetentionService).run();
    });

    it('erases the subjects with personal data of cases closed more than five years ago, and reports them', () => {
      expect(run).toEqual({
        runId: expect.any(String),
        startedAt: '2026-03-16T09:00:00.000Z',
        finishedAt: '2026-03-16T09:00:00.000Z',
        retentionYears: 5,
        closedBefore: '2021-03-16',
        caseIds: [cases.old, cases.justDue],
        subjectsErased: 2,
        failures: [],
      });
    });

    it('leaves the case, its status and its other events; only the name is gone', async () => {
      for (const id of [cases.old, cases.justDue]) {
        const c = await detail(id);
        expect(c).toMatchObject({ status: 'closed', closedOn: expect.any(String) });
        expect(c.subjects[0]).toMatchObject({
          role: 'victim',
          erased: true,
          name: null,
          birthDate: null,
          pseudonym: expect.stringMatching(/^S-/),
        });
        const text = JSON.stringify(await coordinator.get(`/api/cases/${id}/history`));
        expect(text).not.toMatch(/Retentie (Oudgesloten|Netverlopen)/);
      }
    });

    it('records each erasure as an event of the system, with the texts restated without the name', async () => {
      const events = ok(await coordinator.get(`/api/cases/${cases.old}/history`), 200, 'history').body.events;
      const subjectId = (await detail(cases.old)).subjects[0].subjectId;
      expect(events.slice(-2)).toEqual([
        expect.objectContaining({
          type: 'SubjectPersonalDataErased',
          actor: { username: 'system', role: 'system' },
          data: { subjectId },
        }),
        expect.objectContaining({ type: 'NarrativeRedacted', actor: { username: 'system', role: 'system' } }),
      ]);
      const meta = await queryDatabase<{ correlation: string }>(
        app().database.url,
        `SELECT metadata->>'correlationId' AS correlation FROM es_events WHERE event_type = 'SubjectPersonalDataErased' AND stream_id = $1`,
        [`case-${cases.old}`],
      );
      expect(meta).toEqual([{ correlation: run!.runId }]);
    });

    it('keeps cases closed five years ago or less, and open cases however old', async () => {
      expect((await detail(cases.notYet)).subjects[0].name).toBe('Retentie Vijfjaar');
      expect((await detail(cases.recent)).subjects[0].name).toBe('Retentie Recent');
      expect((await detail(cases.open)).subjects[0].name).toBe('Retentie Nogopen');
    });

    it('records the run in the database', async () => {
      const rows = await queryDatabase(app().database.url, 'SELECT * FROM privacy_retention_runs WHERE run_id = $1', [
        run!.runId,
      ]);
      expect(rows).toEqual([
        expect.objectContaining({
          retention_years: 5,
          cases_erased: 2,
          subjects_erased: 2,
          case_ids: [cases.old, cases.justDue],
          failures: [],
          started_at: new Date('2026-03-16T09:00:00Z'),
        }),
      ]);
    });

    it("destroys every generation of the cases' narrative keys: their free text can no longer be read", async () => {
      const keys = await queryDatabase<{ case_id: string; live: number }>(
        app().database.url,
        `SELECT c.id AS case_id, (SELECT count(*) FROM privacy_case_keys k WHERE k.case_id = c.id)::int AS live
         FROM unnest($1::uuid[]) AS c(id) ORDER BY 1`,
        [[cases.old, cases.justDue, cases.notYet]],
      );
      const erased = await queryDatabase<{ owner_id: string }>(
        app().database.url,
        "SELECT DISTINCT owner_id FROM privacy_erased_keys WHERE kind = 'case' AND owner_id = ANY($1::uuid[]) ORDER BY 1",
        [[cases.old, cases.justDue, cases.notYet]],
      );
      expect(erased.map((r) => r.owner_id)).toEqual([cases.old, cases.justDue].sort());
      expect(Object.fromEntries(keys.map((k) => [k.case_id, k.live]))).toEqual({
        [cases.old]: 0,
        [cases.justDue]: 0,
        [cases.notYet]: 1,
      });
      expect((await detail(cases.old)).summary).toBeNull();
      expect((await detail(cases.notYet)).summary).toEqual(expect.any(String));
    });

    it('leaves no trace of the erased names that the master key could open', async () => {
      const dump = await dumpDatabase(app().database.url);
      expect(dump).not.toMatch(/Retentie (Oudgesloten|Netverlopen)/);
      const keys = await queryDatabase<{ subject_id: string }>(
        app().database.url,
        'SELECT subject_id FROM privacy_subject_keys WHERE subject_id = ANY($1::uuid[])',
        [[(await detail(cases.old)).subjects[0].subjectId, (await detail(cases.justDue)).subjects[0].subjectId]],
      );
      expect(keys).toEqual([]);
    });
  });

  it('erases nothing on a second run, and still records it', async () => {
    const second = await app().app.get(RetentionService).run();
    expect(second).toMatchObject({ caseIds: [], subjectsErased: 0, failures: [] });
    const rows = await queryDatabase<{ n: string }>(
      app().database.url,
      'SELECT count(*)::text AS n FROM privacy_retention_runs',
    );
    expect(rows[0].n).toBe('2');
  });

  it('does nothing while another process is running it', async () => {
    const lock = await app().app.get<Database>(DATABASE).tryLock('baken:retention');
    try {
      expect(await app().app.get(RetentionService).run()).toBeNull();
    } finally {
      await lock!.release();
    }
  });

  it('runs from the command line: npm run cli -- retention-run', async () => {
    app().clock.set(new Date('2030-06-20T08:00:00Z'));
    const { code, output } = await runCli(retentionCommand, app().app);
    expect(code).toBe(0);
    expect(output).toContain('cases closed before 2025-06-20 (5 years)');
    expect(output).toContain('Erased 2 subjects in 2 cases.');
    const names = await queryDatabase<{ live: boolean; erased: boolean }>(
      app().database.url,
      `SELECT EXISTS (SELECT 1 FROM privacy_subject_keys k WHERE k.subject_id::text = s.id) AS live,
              EXISTS (SELECT 1 FROM privacy_erased_keys e WHERE e.owner_id::text = s.id) AS erased
       FROM (SELECT state->'subjects'->0->>'subjectId' AS id FROM case_details WHERE case_id = $1) s`,
      [cases.notYet],
    );
    expect(names).toEqual([{ live: false, erased: true }]);
  });

  it('is scheduled at most once a day: the scheduler runs it only when the last recorded run is a day old', async () => {
    const scheduler = app().app.get(RetentionScheduler);
    const runs = async () =>
      (
        await queryDatabase<{ n: string }>(app().database.url, 'SELECT count(*)::text AS n FROM privacy_retention_runs')
      ).at(0)!.n;
    const before = Number(await runs());
    expect(before).toBeGreaterThan(0);
    expect(await scheduler.tick()).toBe(false);
    expect(Number(await runs())).toBe(before);
    app().clock.advance(25 * 3600 * 1000);
    expect(await scheduler.tick()).toBe(true);
    expect(Number(await runs())).toBe(before + 1);
  });
});
