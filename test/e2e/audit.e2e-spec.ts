import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COORDINATOR, driveCase, ok, type CaseHandle } from './support/cases';
import { expectProblem } from './support/problems';
import { useTestApp, type ApiClient } from './support/test-app';

const VICTIM = 'Ilse Auditvrouw';

const pdfText = (bytes: Buffer) => {
  const dir = mkdtempSync(join(tmpdir(), 'baken-dossier-'));
  try {
    writeFileSync(join(dir, 'd.pdf'), bytes);
    return execFileSync('pdftotext', ['-layout', join(dir, 'd.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** Accountability reads: who saw a person's data, and a case's dossier, for auditors. */
describe('the audit trail of a person and a case', () => {
  const app = useTestApp();
  let auditor: ApiClient;
  let coordinator: ApiClient;
  let c: CaseHandle;
  let victimId: string;

  beforeAll(async () => {
    auditor = await app().as('auditor');
    coordinator = await app().as(COORDINATOR);
    c = await driveCase(app(), 'in_execution', { signal: { subjects: [{ role: 'victim', name: VICTIM }] } });
    victimId = ok(await coordinator.get(`/api/cases/${c.caseId}`), 200, 'detail').body.subjects[0].subjectId;
    const partner = await app().as('partner.labour-inspectorate');
    ok(await partner.get(`/api/cases/${c.caseId}`), 200, 'partner, pseudonymised');
    ok(
      await coordinator.post(`/api/cases/${c.caseId}/interventions/${c.interventionId}/disclosures`, {
        subjectId: victimId,
        reason: 'Nodig voor de inspectie.',
      }),
      200,
      'disclose',
    );
    ok(await partner.get(`/api/cases/${c.caseId}`, { headers: { 'x-access-reason': 'Inspectie' } }), 200, 'partner');
  });

  it("answers who saw a person's data with one request: every read of the case, and which showed the data", async () => {
    const res = ok(await auditor.get(`/api/audit/subjects/${victimId}/access`), 200, 'subject access').body;
    expect(res).toMatchObject({
      subjectId: victimId,
      caseId: c.caseId,
      reference: expect.stringMatching(/^ZWB-\d{4}-\d{5}$/),
      pseudonym: expect.stringMatching(/^S-/),
    });
    const sawTheData = res.items.filter((i: { personalData: boolean }) => i.personalData);
    expect(new Set(sawTheData.map((i: { username: string }) => i.username))).toEqual(
      new Set([COORDINATOR, 'partner.labour-inspectorate']),
    );
    expect(
      res.items
        .filter((i: { username: string; personalData: boolean }) => i.username === 'partner.labour-inspectorate')
        .map((i: { personalData: boolean; reason: string | null }) => [i.personalData, i.reason]),
    ).toEqual([
      [true, 'Inspectie'],
      [false, null],
    ]);
    // The question itself is logged, with the person it was about.
    const log = ok(await auditor.get(`/api/audit/access-log?caseId=${c.caseId}&username=auditor`), 200, 'log').body;
    expect(log.items[0]).toMatchObject({ action: 'read_access_log', detail: `subjectId=${victimId}` });
  });

  it('refuses everyone but the auditor (403), and an unknown person is 404', async () => {
    expectProblem(await coordinator.get(`/api/audit/subjects/${victimId}/access`), 403);
    expectProblem(await auditor.get('/api/audit/subjects/3f2c1e2a-7b7d-4c36-9a51-0d3c9a1b2c4d/access'), 404);
    expectProblem(await auditor.get('/api/audit/subjects/not-a-uuid/access'), 400);
  });

  it("renders the case's dossier as a PDF: its history, the verification of its chain and its access log", async () => {
    const res = await auditor.download(`/api/audit/cases/${c.caseId}/dossier`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const reference = (await coordinator.get(`/api/cases/${c.caseId}`)).body.reference;
    expect(res.headers['content-disposition']).toBe(`attachment; filename="dossier-${reference}.pdf"`);
    const text = pdfText(res.bytes).replace(/\s+/g, ' ');
    expect(text).toContain(`Dossier ${reference}`);
    expect(text).toContain('De keten is intact');
    expect(text).toContain('Versie 1: Signaal geregistreerd');
    expect(text).toContain('Persoon bekendgemaakt aan een interventie');
    expect(text).toContain('partner.labour-inspectorate');
    expect(text).toContain('reden: Inspectie');
    const log = ok(await auditor.get(`/api/audit/access-log?caseId=${c.caseId}&username=auditor`), 200, 'log').body;
    expect(log.items.map((i: { action: string }) => i.action)).toContain('read_dossier');
    expectProblem(await coordinator.get(`/api/audit/cases/${c.caseId}/dossier`), 403);
  });
});
