import { bodies, COORDINATOR, ok, signalBody } from './support/cases';
import { dumpDatabase, queryDatabase, verifyCaseChain } from './support/database';
import { useTestApp, type ApiClient } from './support/test-app';

/** A name no other test data contains, so a match in the database can only be this one. */
const NAME = 'Ilse Vermeulen-Draaisma';
const SUSPECT = 'Dirk Wolterink';
const NAME_PARTS = ['Ilse', 'Vermeulen', 'Draaisma'];

/**
 * Free text is personal data (DOMAIN.md "Narrative text"): sealed with a key per case from the first event, and when a
 * subject is erased, restated with the subject's pseudonym in place of its name under a new key, the old key destroyed.
 */
describe('narrative text: sealed, and erasable', () => {
  const app = useTestApp();
  let coordinator: ApiClient;
  let caseId: string;
  let victim: { subjectId: string; pseudonym: string };

  beforeAll(async () => {
    coordinator = await app().as(COORDINATOR);
    caseId = ok(
      await coordinator.post(
        '/api/signals',
        signalBody({
          summary: `${NAME} slaapt in de loods; mevrouw Vermeulen-Draaisma is bang voor ${SUSPECT}.`,
          source: { type: 'public', organisation: 'De buurvrouw van Ilse' },
          subjects: [
            { role: 'victim', name: NAME, birthDate: '1998-02-14' },
            { role: 'suspect', name: SUSPECT },
          ],
        }),
        { headers: { 'idempotency-key': 'narrative-registration' } },
      ),
      201,
      'register',
    ).body.caseId;
    const at = `/api/cases/${caseId}`;
    ok(await coordinator.post(`${at}/assign`, bodies.assign()), 200, 'assign');
    ok(
      await coordinator.post(
        `${at}/triage`,
        bodies.triage('refer_to_care_table', { rationale: 'Ilse vertelt over schulden.' }),
      ),
      200,
      'triage',
    );
    ok(
      await coordinator.post(`${at}/care-table-meetings`, bodies.meeting({ conclusions: 'ILSE wil naar de opvang.' })),
      200,
      'meeting',
    );
    victim = ok(await coordinator.get(at), 200, 'detail').body.subjects[0];
    ok(
      await coordinator.get(at, { headers: { 'x-access-reason': 'Vraag van de advocaat van Ilse' } }),
      200,
      'read with a reason',
    );
  });

  const detail = async () => ok(await coordinator.get(`/api/cases/${caseId}`), 200, 'detail').body;

  const idempotencyRecords = async () =>
    (
      await queryDatabase<{ n: number }>(
        app().database.url,
        `SELECT count(*)::int AS n FROM idempotency_keys WHERE response->>'caseId' = $1`,
        [caseId],
      )
    )[0].n;

  it('stores no text of the case in plain text: the database holds neither the name nor the texts', async () => {
    expect(await idempotencyRecords()).toBe(1);
    const dump = await dumpDatabase(app().database.url);
    expect(dump).toContain(caseId);
    expect(dump).toContain('A256GCM');
    for (const text of [...NAME_PARTS, 'slaapt in de loods', 'vertelt over schulden', 'naar de opvang', 'advocaat'])
      expect({ text, found: dump.includes(text) }).toEqual({ text, found: false });
  });

  it('lets the coordinator read every text as it was written', async () => {
    const c = await detail();
    expect(c.summary).toBe(`${NAME} slaapt in de loods; mevrouw Vermeulen-Draaisma is bang voor ${SUSPECT}.`);
    expect(c.source.organisation).toBe('De buurvrouw van Ilse');
    expect(c.triage.rationale).toBe('Ilse vertelt over schulden.');
    expect(c.careTableMeetings[0].conclusions).toBe('ILSE wil naar de opvang.');
  });

  describe('after the victim is erased', () => {
    let versionBefore: number;

    beforeAll(async () => {
      versionBefore = (await detail()).version;
      ok(await coordinator.delete(`/api/cases/${caseId}/subjects/${victim.subjectId}/personal-data`), 200, 'erase');
    });

    it('shows the texts with the pseudonym in place of the name, in the detail, history and every past version', async () => {
      const p = victim.pseudonym;
      const summary = `${p} slaapt in de loods; mevrouw ${p} is bang voor ${SUSPECT}.`;
      const c = await detail();
      expect(c.summary).toBe(summary);
      expect(c.source.organisation).toBe(`De buurvrouw van ${p}`);
      expect(c.triage.rationale).toBe(`${p} vertelt over schulden.`);
      expect(c.careTableMeetings[0].conclusions).toBe(`${p} wil naar de opvang.`);
      const history = ok(await coordinator.get(`/api/cases/${caseId}/history`), 200, 'history').body.events;
      expect(history[0].data.summary).toBe(summary);
      expect(history.find((e: { type: string }) => e.type === 'SignalTriaged').data.rationale).toBe(
        `${p} vertelt over schulden.`,
      );
      expect(history.slice(-2).map((e: { type: string }) => e.type)).toEqual([
        'SubjectPersonalDataErased',
        'NarrativeRedacted',
      ]);
      const v1 = ok(await coordinator.get(`/api/cases/${caseId}?version=1`), 200, 'version 1').body;
      expect(v1.summary).toBe(summary);
      const v3 = ok(await coordinator.get(`/api/cases/${caseId}?version=3`), 200, 'version 3').body;
      expect(v3.triage.rationale).toBe(`${p} vertelt over schulden.`);
      for (const answer of [JSON.stringify(c), JSON.stringify(history), JSON.stringify(v1)])
        for (const part of NAME_PARTS) expect(answer).not.toContain(part);
    });

    it('takes the name out of the reasons given for reading the case too', async () => {
      const log = ok(await (await app().as('auditor')).get(`/api/audit/access-log?caseId=${caseId}`), 200, 'access log')
        .body.items;
      expect(log.map((i: { reason: string | null }) => i.reason)).toContain(
        `Vraag van de advocaat van ${victim.pseudonym}`,
      );
    });

    it('leaves nothing of the name in the database, its old text key destroyed, and a chain that still verifies', async () => {
      const dump = await dumpDatabase(app().database.url);
      for (const part of NAME_PARTS) expect({ part, found: dump.includes(part) }).toEqual({ part, found: false });
      const keys = await queryDatabase<{ generation: number; live: boolean }>(
        app().database.url,
        `SELECT generation, true AS live FROM privacy_case_keys WHERE case_id = $1
         UNION ALL SELECT generation, false FROM privacy_erased_keys WHERE kind = 'case' AND owner_id = $1
         ORDER BY generation`,
        [caseId],
      );
      expect(keys).toEqual([
        { generation: 1, live: false },
        { generation: 2, live: true },
      ]);
      // The hash of the registration's request, kept for idempotent repeats, could confirm a guessed name.
      expect(await idempotencyRecords()).toBe(0);
      expect(await verifyCaseChain(app().database.url, caseId)).toEqual({
        valid: true,
        checkedEvents: versionBefore + 2,
        firstInvalidVersion: null,
      });
    });

    it('keeps the other subject readable, and seals what is written next with the new key', async () => {
      expect((await detail()).subjects[1].name).toBe(SUSPECT);
      ok(
        await coordinator.post(
          `/api/cases/${caseId}/care-table-meetings`,
          bodies.meeting({ conclusions: 'Vervolggesprek gepland.', heldOn: '2026-03-12' }),
        ),
        200,
        'another meeting',
      );
      expect((await detail()).careTableMeetings[1].conclusions).toBe('Vervolggesprek gepland.');
      const stored = await queryDatabase<{ gen: number }>(
        app().database.url,
        `SELECT (data->'conclusions'->>'gen')::int AS gen FROM es_events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1`,
        [`case-${caseId}`],
      );
      expect(stored).toEqual([{ gen: 2 }]);
    });
  });
});
