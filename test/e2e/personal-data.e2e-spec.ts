import { KeyWrapping, openPersonalData, type SealedPersonalData } from '@baken/privacy';
import { COORDINATOR, driveCase, ok, STEERING, type CaseHandle } from './support/cases';
import { dumpDatabase, queryDatabase, verifyCaseChain } from './support/database';
import { expectProblem } from './support/problems';
import { useTestApp, type ApiClient } from './support/test-app';

/** Names no other test data contains, so a match can only be a leak. */
const VICTIM = 'Oksana Wrzesniewska-Qvist';
const VICTIM_NOTES = 'Sleeps above the workshop; phone kept by the owner (xq7-marker)';
const SUSPECT = 'Hendrik Zwartevaal-Umbra';

describe('personal data of subjects', () => {
  const app = useTestApp();
  let coordinator: ApiClient;
  let steering: ApiClient;
  let c: CaseHandle;
  let victimId: string;
  let suspectId: string;

  beforeAll(async () => {
    coordinator = await app().as(COORDINATOR);
    steering = await app().as(STEERING);
    c = await driveCase(app(), 'in_execution', {
      signal: {
        forms: ['labour', 'criminal'],
        subjects: [{ role: 'victim', name: VICTIM, birthDate: '1997-11-23', nationality: 'UA', notes: VICTIM_NOTES }],
      },
    });
    victimId = (await coordinator.get(`/api/cases/${c.caseId}`)).body.subjects[0].subjectId;
    suspectId = ok(
      await coordinator.post(`/api/cases/${c.caseId}/subjects`, { role: 'suspect', name: SUSPECT, nationality: 'NL' }),
      201,
      'add suspect',
    ).body.subjectId;
  });

  it("shows the district coordinator the victim's name, birth date and nationality", async () => {
    const victim = (await coordinator.get(`/api/cases/${c.caseId}`)).body.subjects.find(
      (s: { subjectId: string }) => s.subjectId === victimId,
    );
    expect(victim).toMatchObject({
      role: 'victim',
      name: VICTIM,
      birthDate: '1997-11-23',
      nationality: 'UA',
      pseudonym: expect.stringMatching(/^S-[0-9A-Z]{4}$/),
    });
  });

  it('shows the steering group only the pseudonym: no name, birth date, nationality or notes', async () => {
    const res = ok(await steering.get(`/api/cases/${c.caseId}`), 200, 'steering detail');
    const coordinatorView = (await coordinator.get(`/api/cases/${c.caseId}`)).body;
    for (const subject of res.body.subjects) {
      expect(subject).not.toHaveProperty('name');
      expect(subject).not.toHaveProperty('birthDate');
      expect(subject).not.toHaveProperty('nationality');
      expect(subject).not.toHaveProperty('notes');
      expect(subject.pseudonym).toBe(
        coordinatorView.subjects.find((s: { subjectId: string }) => s.subjectId === subject.subjectId).pseudonym,
      );
    }
    for (const secret of [VICTIM, SUSPECT, '1997-11-23', 'xq7-marker']) expect(res.text).not.toContain(secret);
    expect(res.body.proposals).toHaveLength(1);
  });

  it('shows a partner working on the case only the pseudonym as well', async () => {
    const partner = await app().as('partner.labour-inspectorate');
    const res = ok(await partner.get(`/api/cases/${c.caseId}`), 200, 'partner detail');
    expect(res.text).not.toContain(VICTIM);
    expect(res.body.subjects[0]).not.toHaveProperty('name');
  });

  it('shows the auditor the personal data (read-only, full view)', async () => {
    const res = ok(await (await app().as('auditor')).get(`/api/cases/${c.caseId}`), 200, 'auditor detail');
    expect(res.text).toContain(VICTIM);
  });

  it('never stores the name in plain text anywhere in the database', async () => {
    const dump = await dumpDatabase(app().database.url);
    expect(dump).toContain(c.caseId);
    expect(dump).toContain('SignalRegistered');
    for (const secret of [VICTIM, SUSPECT, 'xq7-marker', 'Wrzesniewska']) expect(dump).not.toContain(secret);
  });

  describe('erasure (crypto-shredding)', () => {
    let historyBefore: any[];
    let erased: Awaited<ReturnType<ApiClient['delete']>>;

    /** What someone holding a copy of the database and every key outside it (keyring, master key) could read of the victim's sealed data. */
    async function readableWithTheMasterKey(): Promise<string[]> {
      const wrapping = app().app.get(KeyWrapping);
      const [sealed] = await queryDatabase<{ sealed: SealedPersonalData }>(
        app().database.url,
        `SELECT data->'subjects'->0->'personalData' AS sealed FROM es_events WHERE stream_id = $1 AND stream_version = 1`,
        [`case-${c.caseId}`],
      );
      const keys = await queryDatabase<{ subject_id: string; wrapped_key: SealedPersonalData; kek_id: string | null }>(
        app().database.url,
        'SELECT subject_id, wrapped_key, kek_id FROM privacy_subject_keys',
      );
      const found: string[] = [];
      for (const { subject_id, wrapped_key, kek_id } of keys) {
        try {
          found.push(
            openPersonalData(wrapping.unwrap(wrapped_key, kek_id, `key:${subject_id}`), victimId, sealed.sealed).name ??
              '',
          );
        } catch {
          // Not this subject's key.
        }
      }
      return found;
    }

    /** Every GET of the API (from its OpenAPI document) that needs no ids but the case's, CSV exports too, as each of these users. */
    async function everyAnswer(): Promise<string[]> {
      const paths = Object.entries(
        (await app().request('GET', '/api/openapi.json')).body.paths as Record<string, Record<string, unknown>>,
      )
        .filter(([path, methods]) => 'get' in methods && !/\{(?!caseId\})[^}]+\}/.test(path))
        .flatMap(([path]) => (path.startsWith('/api/reports/') ? [path, `${path}?format=csv`] : [path]))
        .map((path) => path.replace('{caseId}', c.caseId));
      const texts: string[] = [];
      for (const username of [COORDINATOR, STEERING, 'auditor', 'analyst', 'partner.labour-inspectorate']) {
        const client = await app().as(username);
        for (const path of [
          ...paths,
          `/api/cases/${c.caseId}?version=1`,
          `/api/cases/${c.caseId}?asOf=2030-01-01T00:00:00Z`,
        ]) {
          texts.push(`${username} GET ${path}: ${(await client.get(path)).text}`);
        }
      }
      return texts;
    }

    beforeAll(async () => {
      historyBefore = ok(await coordinator.get(`/api/cases/${c.caseId}/history`), 200, 'history').body.events;
      expect(JSON.stringify(historyBefore)).toContain(VICTIM);
      expect(await readableWithTheMasterKey()).toEqual([VICTIM]);
      expect((await everyAnswer()).some((text) => text.includes(VICTIM))).toBe(true);
      erased = await coordinator.delete(`/api/cases/${c.caseId}/subjects/${victimId}/personal-data`);
    });

    it('leaves nothing that the database and the master key together could decrypt', async () => {
      expect(await readableWithTheMasterKey()).toEqual([]);
    });

    it('leaves the name out of every answer of the API, for every role', async () => {
      const texts = await everyAnswer();
      expect(texts.length).toBeGreaterThan(20);
      expect(texts.filter((text) => text.includes(VICTIM) || text.includes('xq7-marker'))).toEqual([]);
    });

    it('answers 200 with the case and its new version: the erasure and the texts restated without the name', () => {
      expect(erased.status).toBe(200);
      expect(erased.body).toEqual({ caseId: c.caseId, version: historyBefore.length + 2 });
      expect(erased.headers.etag).toBe(`"${historyBefore.length + 2}"`);
    });

    it('removes the name from the detail view, keeping the subject, its role and pseudonym', async () => {
      const res = ok(await coordinator.get(`/api/cases/${c.caseId}`), 200, 'detail');
      expect(res.text).not.toContain(VICTIM);
      const before = historyBefore[0].data.subjects[0];
      const victim = res.body.subjects.find((s: { subjectId: string }) => s.subjectId === victimId);
      expect(victim).toMatchObject({
        role: 'victim',
        pseudonym: before.pseudonym,
        name: null,
        birthDate: null,
        nationality: null,
      });
    });

    it('removes the name from the history and from time travel into the past', async () => {
      const history = await coordinator.get(`/api/cases/${c.caseId}/history`);
      expect(history.text).not.toContain(VICTIM);
      expect(history.text).not.toContain('xq7-marker');
      expect(history.body.events[0].data.subjects[0].personalData).toBeNull();
      const past = await coordinator.get(`/api/cases/${c.caseId}?version=1`);
      expect(past.status).toBe(200);
      expect(past.text).not.toContain(VICTIM);
    });

    it('keeps the other subject readable', async () => {
      const suspect = (await coordinator.get(`/api/cases/${c.caseId}`)).body.subjects.find(
        (s: { subjectId: string }) => s.subjectId === suspectId,
      );
      expect(suspect.name).toBe(SUSPECT);
    });

    it('keeps every earlier event and its hash; the erasure and the restated texts are added, chained to the last one', async () => {
      const after = (await coordinator.get(`/api/cases/${c.caseId}/history`)).body.events;
      expect(after).toHaveLength(historyBefore.length + 2);
      const chain = (events: any[]) =>
        events.map(({ version, type, hash, prevHash, recordedAt }) => ({ version, type, hash, prevHash, recordedAt }));
      expect(chain(after.slice(0, historyBefore.length))).toEqual(chain(historyBefore));
      const [erasure, restated] = after.slice(historyBefore.length);
      expect(erasure).toMatchObject({
        type: 'SubjectPersonalDataErased',
        data: { subjectId: victimId },
        prevHash: historyBefore[historyBefore.length - 1].hash,
      });
      expect(restated).toMatchObject({
        type: 'NarrativeRedacted',
        data: { subjectId: victimId, restatedTexts: expect.any(Number) },
        prevHash: erasure.hash,
      });
      expect(restated.data.restatedTexts).toBeGreaterThan(3);
    });

    it('leaves a hash chain that still verifies against the stored events', async () => {
      expect(await verifyCaseChain(app().database.url, c.caseId)).toEqual({
        valid: true,
        checkedEvents: historyBefore.length + 2,
        firstInvalidVersion: null,
      });
    });

    it("destroys the subject's key, so nothing in the database can be decrypted any more", async () => {
      // The row is deleted, not emptied; what remains is the record that (and when) it was erased.
      expect(
        await queryDatabase(app().database.url, 'SELECT * FROM privacy_subject_keys WHERE subject_id = $1', [victimId]),
      ).toEqual([]);
      expect(
        await queryDatabase(
          app().database.url,
          "SELECT kind, erased_at FROM privacy_erased_keys WHERE kind = 'subject' AND owner_id = $1",
          [victimId],
        ),
      ).toEqual([{ kind: 'subject', erased_at: expect.any(Date) }]);
      const dump = await dumpDatabase(app().database.url);
      expect(dump).not.toContain(VICTIM);
    });

    it('refuses a second erasure with 409 and an erasure by the steering group with 403', async () => {
      expectProblem(await coordinator.delete(`/api/cases/${c.caseId}/subjects/${victimId}/personal-data`), 409);
      expectProblem(await steering.delete(`/api/cases/${c.caseId}/subjects/${suspectId}/personal-data`), 403);
    });

    it('erases personal data of a closed case too', async () => {
      const closed = await driveCase(app(), 'closed', {
        signal: { subjects: [{ role: 'victim', name: 'Closed Case Person' }] },
      });
      const sid = (await coordinator.get(`/api/cases/${closed.caseId}`)).body.subjects[0].subjectId;
      ok(await coordinator.delete(`/api/cases/${closed.caseId}/subjects/${sid}/personal-data`), 200, 'erase');
      expect((await coordinator.get(`/api/cases/${closed.caseId}`)).text).not.toContain('Closed Case Person');
      expect((await coordinator.get(`/api/cases/${closed.caseId}`)).body.status).toBe('closed');
    });
  });

  it("records a subject's consent, shown to the coordinator", async () => {
    const res = await coordinator.post(`/api/cases/${c.caseId}/subjects/${suspectId}/consents`, {
      scope: 'share_with_care_partners',
      given: false,
      recordedOn: '2026-03-11',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ caseId: c.caseId, version: expect.any(Number) });
    expect(res.headers.etag).toBe(`"${res.body.version}"`);
    const suspect = (await coordinator.get(`/api/cases/${c.caseId}`)).body.subjects.find(
      (s: { subjectId: string }) => s.subjectId === suspectId,
    );
    expect(suspect.consents).toEqual([{ scope: 'share_with_care_partners', given: false, recordedOn: '2026-03-11' }]);
    expectProblem(
      await coordinator.post(`/api/cases/${c.caseId}/subjects/${c.caseId}/consents`, {
        scope: 'x',
        given: true,
        recordedOn: '2026-03-11',
      }),
      404,
    );
    expectProblem(
      await coordinator.post(`/api/cases/${c.caseId}/subjects/${suspectId}/consents`, {
        scope: 'x',
        given: 'yes',
        recordedOn: '2026-03-11',
      }),
      400,
      'given',
    );
    expectProblem(
      await steering.post(`/api/cases/${c.caseId}/subjects/${suspectId}/consents`, {
        scope: 'x',
        given: true,
        recordedOn: '2026-03-11',
      }),
      403,
    );
  });

  it('encrypts a subject added later, too', async () => {
    const later = 'Ysolde Laterveld-Quorn';
    ok(
      await coordinator.post(`/api/cases/${c.caseId}/subjects`, {
        role: 'facilitator',
        name: later,
        notes: 'Drives the workers.',
      }),
      201,
      'add subject',
    );
    expect((await coordinator.get(`/api/cases/${c.caseId}`)).text).toContain(later);
    const dump = await dumpDatabase(app().database.url);
    expect(dump).not.toContain(later);
    expect(dump).not.toContain('Drives the workers.');
  });
});
