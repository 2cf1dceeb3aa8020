import { randomUUID } from 'node:crypto';
import { command as verifyCommand } from '../../apps/cli/src/commands/verify.command';
import { COORDINATOR, driveCase, type CaseHandle } from './support/cases';
import { runCli } from './support/cli';
import { queryDatabase } from './support/database';
import { expectProblem } from './support/problems';
import { useTestApp, type ApiClient } from './support/test-app';

/**
 * Tamper evidence: an auditor (HTTP) or an operator (CLI) recomputes the hash chain and is told the first version that
 * does not match. The tampering is done as the database superuser, with the append-only trigger switched off.
 */
describe('hash chain verification', () => {
  const app = useTestApp();
  let auditor: ApiClient;

  beforeAll(async () => {
    auditor = await app().as('auditor');
  });

  /** Runs SQL on the events table with its append-only trigger off, in one transaction. */
  const tamper = (sql: string) =>
    queryDatabase(
      app().database.url,
      `BEGIN; ALTER TABLE es_events DISABLE TRIGGER es_events_append_only; ALTER TABLE es_streams DISABLE TRIGGER es_streams_never_deleted; ${sql}; ALTER TABLE es_streams ENABLE TRIGGER es_streams_never_deleted; ALTER TABLE es_events ENABLE TRIGGER es_events_append_only; COMMIT;`,
    );
  const stream = (c: CaseHandle) => `'case-${c.caseId}'`;
  const verify = (c: CaseHandle) => auditor.get(`/api/audit/cases/${c.caseId}/verify`);

  /** Runs `npm run cli -- verify` against the test database; returns its exit code and what it printed. */
  const runVerify = () => runCli(verifyCommand, app().app);

  it('finds an untouched case intact', async () => {
    const c = await driveCase(app(), 'in_execution');
    const res = await verify(c);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      caseId: c.caseId,
      valid: true,
      checkedEvents: c.version,
      firstInvalidVersion: null,
      sealed: null,
    });
  });

  it('lets only auditors verify (403), and answers 404 for a case that does not exist', async () => {
    const c = await driveCase(app(), 'signal_received');
    for (const username of [
      COORDINATOR,
      'steering.de-baronie',
      'partner.police-avim',
      'liaison.breda',
      'analyst',
      'admin',
    ]) {
      expectProblem(await (await app().as(username)).get(`/api/audit/cases/${c.caseId}/verify`), 403);
    }
    expectProblem(await auditor.get(`/api/audit/cases/${randomUUID()}/verify`), 404);
    expectProblem(await auditor.get('/api/audit/cases/not-a-uuid/verify'), 400, 'caseId');
  });

  it('writes each verification to the access log, with its outcome', async () => {
    const c = await driveCase(app(), 'in_triage');
    await auditor.get(`/api/audit/cases/${c.caseId}/verify`, { headers: { 'x-access-reason': 'Steekproef' } });
    const log = (await auditor.get(`/api/audit/access-log?caseId=${c.caseId}`)).body.items;
    expect(log[0]).toMatchObject({
      username: 'auditor',
      action: 'verify_chain',
      reason: 'Steekproef',
      detail: 'valid, 2 events',
    });
  });

  it('reports a changed event at its version', async () => {
    const c = await driveCase(app(), 'in_execution');
    await tamper(
      `UPDATE es_events SET data = jsonb_set(data, '{rationale}', '"Nothing to see."') WHERE stream_id = ${stream(c)} AND stream_version = 3`,
    );
    expect((await verify(c)).body).toEqual({
      caseId: c.caseId,
      valid: false,
      checkedEvents: 3,
      firstInvalidVersion: 3,
      sealed: null,
      reason: 'The hash chain does not match from version 3: an event was modified, removed, inserted or moved.',
    });
  });

  it('reports a changed actor in the metadata at its version', async () => {
    const c = await driveCase(app(), 'in_execution');
    await tamper(
      `UPDATE es_events SET metadata = jsonb_set(metadata, '{actor,username}', '"steering2.de-baronie"') WHERE stream_id = ${stream(c)} AND stream_version = 7`,
    );
    expect((await verify(c)).body).toMatchObject({ valid: false, firstInvalidVersion: 7 });
  });

  it('reports a deleted event at its version, also when it was the last one', async () => {
    const c = await driveCase(app(), 'in_execution');
    await tamper(`DELETE FROM es_events WHERE stream_id = ${stream(c)} AND stream_version = 4`);
    expect((await verify(c)).body).toMatchObject({ valid: false, firstInvalidVersion: 4 });
    const d = await driveCase(app(), 'in_execution');
    await tamper(`DELETE FROM es_events WHERE stream_id = ${stream(d)} AND stream_version = ${d.version}`);
    expect((await verify(d)).body).toMatchObject({ valid: false, firstInvalidVersion: d.version });
  });

  it('reports two swapped events at the first of them', async () => {
    const c = await driveCase(app(), 'in_execution');
    await tamper(`UPDATE es_events SET stream_version = stream_version + 1000 WHERE stream_id = ${stream(c)} AND stream_version IN (5, 6);
      UPDATE es_events SET stream_version = CASE stream_version WHEN 1005 THEN 6 ELSE 5 END WHERE stream_id = ${stream(c)} AND stream_version > 1000`);
    expect((await verify(c)).body).toMatchObject({ valid: false, firstInvalidVersion: 5 });
  });

  describe('npm run cli -- verify', () => {
    it('checks every stream, names each broken one with its first bad version, and exits 1', async () => {
      const intact = await driveCase(app(), 'at_care_table');
      const broken = await driveCase(app(), 'at_care_table');
      await tamper(
        `UPDATE es_events SET data = data || '{"urgency": "normal"}' WHERE stream_id = ${stream(broken)} AND stream_version = 3`,
      );
      const { code, output } = await runVerify();
      expect(code).toBe(1);
      expect(output).toContain(`BROKEN  case-${broken.caseId}: the first version that does not match is 3`);
      expect(output).not.toContain(`case-${intact.caseId}`);
      expect(output).toMatch(/Verifying hash chains: (\d+)\/\1/);
      expect(output).toMatch(/\d+ of \d+ streams have a broken hash chain/);
    });

    it('exits 0 when every chain is intact', async () => {
      await tamper(
        `DELETE FROM es_events WHERE stream_id IN (SELECT stream_id FROM es_streams); DELETE FROM es_streams`,
      );
      await driveCase(app(), 'in_triage');
      const { code, output } = await runVerify();
      expect(output).toMatch(/All 1 streams intact \(2 events checked\)/);
      expect(code).toBe(0);
    });
  });
});
