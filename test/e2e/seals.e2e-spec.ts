import { Client } from 'pg';
import { hashEvent, GENESIS_HASH } from '@baken/event-store';
import { SealScheduler } from '@baken/platform';
import { command as sealCommand } from '../../apps/cli/src/commands/seal.command';
import { command as verifyCommand } from '../../apps/cli/src/commands/verify.command';
import { COORDINATOR, driveCase, ok, type CaseHandle } from './support/cases';
import { runCli } from './support/cli';
import { expectProblem } from './support/problems';
import { useTestApp, type ApiClient } from './support/test-app';

/**
 * The attacks of an owner of the database on the history, as probed: rewrite an event and recompute the hash chain
 * after it (so the chain is intact in itself), or cut off the last events and move the stream row back. Both pass a
 * chain check; the seal — signed with a key outside the database, kept in a log outside it — catches both.
 */
describe('sealed history', () => {
  const app = useTestApp();
  let auditor: ApiClient;

  beforeAll(async () => {
    auditor = await app().as('auditor');
  });

  /** As the owner, with the append-only triggers off: what the probe did. */
  async function asOwner<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: app().database.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE es_events DISABLE TRIGGER es_events_append_only');
      const result = await fn(client);
      await client.query('ALTER TABLE es_events ENABLE TRIGGER es_events_append_only');
      await client.query('COMMIT');
      return result;
    } finally {
      await client.end();
    }
  }

  /** Changes one event's data and recomputes the hash chain from it to the end, stream row included. */
  const rewriteAndRechain = (c: CaseHandle, version: number, change: (data: any) => any) =>
    asOwner(async (client) => {
      const { rows } = await client.query('SELECT * FROM es_events WHERE stream_id = $1 ORDER BY stream_version', [
        `case-${c.caseId}`,
      ]);
      let prevHash = GENESIS_HASH;
      for (const row of rows) {
        const data = row.stream_version === version ? change(row.data) : row.data;
        const metadata = { ...row.metadata, prevHash };
        const hash = hashEvent(prevHash, {
          streamId: row.stream_id,
          streamVersion: row.stream_version,
          eventId: row.event_id,
          type: row.event_type,
          schemaVersion: row.schema_version,
          data,
          metadata,
          recordedAt: row.recorded_at,
        });
        if (row.stream_version >= version)
          await client.query('UPDATE es_events SET data = $1, metadata = $2 WHERE global_position = $3', [
            data,
            { ...metadata, hash },
            row.global_position,
          ]);
        prevHash = hash;
      }
      await client.query('UPDATE es_streams SET last_hash = $1 WHERE stream_id = $2', [prevHash, `case-${c.caseId}`]);
    });

  /** Deletes the last `n` events and moves the stream row back onto the new last one. */
  const truncate = (c: CaseHandle, n: number) =>
    asOwner(async (client) => {
      const stream = `case-${c.caseId}`;
      await client.query('DELETE FROM es_events WHERE stream_id = $1 AND stream_version > $2', [stream, c.version - n]);
      await client.query(
        `UPDATE es_streams SET version = $2,
           last_hash = (SELECT metadata->>'hash' FROM es_events WHERE stream_id = $1 AND stream_version = $2)
         WHERE stream_id = $1`,
        [stream, c.version - n],
      );
    });

  const verify = (c: CaseHandle) => auditor.get(`/api/audit/cases/${c.caseId}/verify`);
  const seal = async () => ok(await auditor.post('/api/audit/seals', {}), 201, 'seal').body;

  it("seals on the worker's schedule: once the latest seal is older than the interval", async () => {
    const scheduler = app().app.get(SealScheduler);
    expect(await scheduler.tick()).toBe(true);
    const first = ok(await auditor.get('/api/audit/seals/latest'), 200, 'latest').body;
    expect(await scheduler.tick()).toBe(false);
    app().clock.set(new Date(app().clock.now().getTime() + 61 * 60_000));
    expect(await scheduler.tick()).toBe(true);
    expect(ok(await auditor.get('/api/audit/seals/latest'), 200, 'latest').body.seq).toBe(first.seq + 1);
  });

  it('seals on demand for auditors and administrators, and shows the latest seal with its public key', async () => {
    await driveCase(app(), 'in_triage');
    const first = await seal();
    expect(first).toEqual({
      sealId: expect.stringMatching(/^seal-\d{6}$/),
      at: expect.any(String),
      globalPosition: expect.stringMatching(/^\d+$/),
      root: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const admin = await app().as('admin');
    const second = ok(await admin.post('/api/audit/seals', {}), 201, 'seal as admin').body;
    expect(second.sealId).not.toBe(first.sealId);
    const latest = ok(await auditor.get('/api/audit/seals/latest'), 200, 'latest').body;
    expect(latest).toMatchObject({
      ...second,
      seq: expect.any(Number),
      previous: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(latest.publicKey).toContain('BEGIN PUBLIC KEY');
    for (const username of [COORDINATOR, 'steering.de-baronie', 'analyst', 'partner.police-avim']) {
      const client = await app().as(username);
      expectProblem(await client.post('/api/audit/seals', {}), 403);
      expectProblem(await client.get('/api/audit/seals/latest'), 403);
    }
  });

  /** Sealed together, before either attack: once the log no longer matches, nothing more is sealed. */
  let rewritten: CaseHandle;
  let truncated: CaseHandle;

  it('catches a rewritten event whose hash chain was recomputed, naming the stream and the versions', async () => {
    rewritten = await driveCase(app(), 'awaiting_steering_group');
    truncated = await driveCase(app(), 'intervention_executed');
    await seal();
    const c = rewritten;
    const later = await driveCase(app(), 'in_execution');
    // Without a seal this rewrite is invisible: the chain is intact in itself.
    await rewriteAndRechain(later, 3, (data) => ({ ...data, urgency: 'normal', rationale: 'Niets aan de hand.' }));
    const unsealed = ok(await verify(later), 200, 'verify unsealed case').body;
    expect(unsealed).toMatchObject({ valid: true, sealed: null });

    await rewriteAndRechain(c, 3, (data) => ({ ...data, urgency: 'normal', rationale: 'Niets aan de hand.' }));
    const res = ok(await verify(c), 200, 'verify').body;
    expect(res).toMatchObject({
      caseId: c.caseId,
      valid: false,
      firstInvalidVersion: 1,
      sealed: { sealId: expect.stringMatching(/^seal-/) },
      reason: expect.stringContaining(`case-${c.caseId} was rewritten`),
    });
  });

  it('catches the last events cut off with the stream row moved back', async () => {
    const c = truncated;
    await truncate(c, 2);
    const res = ok(await verify(c), 200, 'verify').body;
    expect(res).toMatchObject({
      valid: false,
      checkedEvents: c.version - 2,
      firstInvalidVersion: c.version - 1,
      reason: expect.stringContaining(`sealed at version ${c.version}, it now ends at ${c.version - 2}`),
    });
  });

  it('refuses to seal a log that no longer matches, so the change cannot be made to look legitimate (409)', async () => {
    const before = ok(await auditor.get('/api/audit/seals/latest'), 200, 'latest').body;
    const res = await auditor.post('/api/audit/seals', {});
    expectProblem(res, 409);
    expect(res.body.streams.map((s: { status: string }) => s.status).sort()).toEqual(['rewritten', 'truncated']);
    expect(ok(await auditor.get('/api/audit/seals/latest'), 200, 'latest').body.sealId).toBe(before.sealId);
  });

  it('npm run cli -- verify names each rewritten and truncated stream, and exits 1; cli seal refuses too', async () => {
    const { code, output } = await runCli(verifyCommand, app().app);
    expect(code).toBe(1);
    expect(output).toMatch(/REWRITTEN {2}case-[0-9a-f-]+ was rewritten/);
    expect(output).toMatch(/TRUNCATED {2}case-[0-9a-f-]+ was truncated: sealed at version \d+, it now ends at \d+/);
    expect(output).toMatch(/0 of \d+ streams have a broken hash chain, 2 no longer match the seal/);
    const sealed = await runCli(sealCommand, app().app);
    expect(sealed.code).toBe(1);
    expect(sealed.output).toContain('NOT SEALED');
  });
});
