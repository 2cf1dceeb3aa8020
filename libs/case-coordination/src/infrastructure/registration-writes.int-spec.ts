import { randomUUID } from 'node:crypto';
import { PostgresEventStore, type Database } from '@baken/event-store';
import { openMigratedTestDatabase, type MigratedTestDatabase } from '@baken/event-store/testing';
import {
  CaseKeyStore,
  KeyWrapping,
  MemoryKeyring,
  openPersonalData,
  privacyMigrations,
  SubjectKeyStore,
} from '@baken/privacy';
import { evolve, type CaseEvent, type OpenCase, type SubjectRecord } from '../domain';
import { CaseReadModelProjection } from '../projections/case-read-model.projection';
import { caseMigrations } from './case.migrations';
import { CaseNarrative } from './narrative';
import { ReferenceData } from './reference-data.service';
import { SubjectSealer } from './subject-sealer';

/** Counts the statements sent through a database, to show what is read from memory instead. */
function counting(db: Database): { db: Database; count: () => number } {
  let n = 0;
  const counted = Object.create(db) as Database;
  counted.query = (text, params) => {
    n++;
    return db.query(text, params);
  };
  return { db: counted, count: () => n };
}

describe.each(['postgres', 'pglite'] as const)('the writes and reads of a registration on %s', (kind) => {
  let database: MigratedTestDatabase;

  beforeAll(async () => {
    database = await openMigratedTestDatabase({ kind, migrations: [...privacyMigrations, ...caseMigrations] });
  }, 60_000);
  afterAll(() => database?.dispose());

  describe('reference data', () => {
    it('answers from memory after the first read, with the same answers as the tables', async () => {
      const { db, count } = counting(database.db);
      const reference = new ReferenceData(db);
      expect(await reference.municipalitiesOf('de-baronie')).toEqual(
        expect.arrayContaining(['breda', 'oosterhout', 'alphen-chaam']),
      );
      expect(await reference.municipalityExists('bergen-op-zoom')).toBe(true);
      expect(await reference.districtIds()).toEqual(['de-baronie', 'de-markiezaten', 'hart-van-brabant', 'zeeland']);
      expect((await reference.districts()).find((d) => d.id === 'zeeland')?.municipalities).toContainEqual({
        id: 'vlissingen',
        name: 'Vlissingen',
        validFrom: null,
        validUntil: null,
      });
      const organisations = await reference.organisations();
      expect(organisations).toContainEqual({
        id: 'municipality:breda',
        kind: 'municipality',
        name: 'Gemeente Breda',
        active: true,
      });
      expect(organisations).toContainEqual({
        id: 'shelter:sterk-huis',
        kind: 'shelter',
        name: 'Sterk Huis (opvang)',
        active: true,
      });
      expect(await reference.organisationExists('public_prosecutor')).toBe(true);
      expect(await reference.organisationExists('municipality:utrecht')).toBe(false);
      expect(count()).toBe(1);
      for (let i = 0; i < 20; i++) await reference.municipalitiesOf('zeeland');
      expect(count()).toBe(1);
    });

    it('refuses unknown districts and municipalities without reading on every request', async () => {
      const { db, count } = counting(database.db);
      const reference = new ReferenceData(db);
      expect(await reference.municipalitiesOf('atlantis')).toBeNull();
      expect(await reference.municipalityExists('atlantis')).toBe(false);
      for (let i = 0; i < 50; i++) expect(await reference.municipalitiesOf(`nowhere-${i}`)).toBeNull();
      // One read, or a few if this loaded machine paused for more than a second: never one per request.
      expect(count()).toBeLessThanOrEqual(3);
    });

    it('knows a municipality added to the tables once its copy is older than a second', async () => {
      const reference = new ReferenceData(database.db);
      expect(await reference.municipalityExists('nieuwdorp-test')).toBe(false);
      await database.db.query(
        `INSERT INTO ref_municipalities (id, name, district_id) VALUES ('nieuwdorp-test', 'Nieuwdorp', 'zeeland')`,
      );
      try {
        await new Promise((r) => setTimeout(r, 1_100));
        expect(await reference.municipalityExists('nieuwdorp-test')).toBe(true);
        expect(await reference.municipalitiesOf('zeeland')).toContain('nieuwdorp-test');
      } finally {
        await database.db.query(`DELETE FROM ref_municipalities WHERE id = 'nieuwdorp-test'`);
      }
    });

    it('hands out unique case references, taking numbers from the sequence a block at a time', async () => {
      const { db, count } = counting(database.db);
      const reference = new ReferenceData(database.db);
      const other = new ReferenceData(database.db);
      const refs = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 ? reference : other).nextCaseReference(db, '2026-03-16')),
      );
      expect(new Set(refs).size).toBe(40);
      for (const ref of refs) expect(ref).toMatch(/^ZWB-2026-\d{5}$/);
      // Handed out in order within one process.
      const mine = refs.filter((_, i) => i % 2).map((r) => Number(r.slice(-5)));
      expect(mine).toEqual([...mine].sort((a, b) => a - b));
      expect(count()).toBeLessThanOrEqual(6);
    });
  });

  it("stores every new subject's key in one statement, each key opening only its own subject's data", async () => {
    const keys = new SubjectKeyStore(new KeyWrapping(new MemoryKeyring()));
    const sealer = new SubjectSealer(keys);
    const subjects = [
      { subjectId: randomUUID(), role: 'victim' as const, personal: { name: 'Anna de Vries', nationality: 'Pools' } },
      { subjectId: randomUUID(), role: 'suspect' as const, personal: {} },
      { subjectId: randomUUID(), role: 'other' as const, personal: { notes: 'Tolk nodig.' } },
    ];
    const sealed = await database.db.transaction(async (tx) => {
      const { db: counted, count } = counting(tx as Database);
      const records = await sealer.sealAll(counted, subjects);
      expect(count()).toBe(1);
      return records;
    });
    expect(sealed.map((s) => [s.subjectId, s.role])).toEqual(subjects.map((s) => [s.subjectId, s.role]));
    expect(sealed[1].personalData).toBeNull();
    const stored = await keys.load(
      database.db,
      subjects.map((s) => s.subjectId),
    );
    expect(stored.size).toBe(3);
    expect(
      openPersonalData(stored.get(subjects[0].subjectId)!, subjects[0].subjectId, sealed[0].personalData!),
    ).toEqual(subjects[0].personal);
    expect(
      openPersonalData(stored.get(subjects[2].subjectId)!, subjects[2].subjectId, sealed[2].personalData!),
    ).toEqual(subjects[2].personal);
    expect(() =>
      openPersonalData(stored.get(subjects[2].subjectId)!, subjects[0].subjectId, sealed[0].personalData!),
    ).toThrow();
    expect(await sealer.sealAll(database.db, [])).toEqual([]);
  });

  it('writes both inline read models in one statement (with the case key it seals them with), and updates them on the next version', async () => {
    const caseKeys = new CaseKeyStore(new KeyWrapping(new MemoryKeyring()));
    const projection = new CaseReadModelProjection(new CaseNarrative(caseKeys, new PostgresEventStore(database.db)));
    const caseId = randomUUID();
    const first = evolve(null, registeredEvent(caseId, [], 'ZWB-2026-98001')) as OpenCase;
    // As the command runner does: a new case's first key is stored in the same statement.
    const { key, insert } = caseKeys.newKey(caseId, 1);
    await database.db.transaction(async (tx) => {
      const { db: counted, count } = counting(tx as Database);
      await projection.apply(counted, first, 1, [insert], key);
      expect(count()).toBe(1);
    });
    await database.db.transaction((tx) => projection.apply(tx, evolve(first, assigned) as OpenCase, 2, [], key));
    expect(await projection.load(database.db, caseId)).toEqual({ state: evolve(first, assigned), version: 2, key });
    const { rows } = await database.db.query<{
      reference: string;
      coordinator: string;
      version: number;
      status: string;
    }>('SELECT reference, coordinator, version, status FROM case_list WHERE case_id = $1', [caseId]);
    expect(rows).toEqual([
      { reference: 'ZWB-2026-98001', coordinator: 'coordinator.de-baronie', version: 2, status: 'in_triage' },
    ]);
  });

  it("reads a case for a command in one statement, with its stream's head and its key, in a process that never saw it", async () => {
    const wrapping = new KeyWrapping(new MemoryKeyring());
    const writer = new CaseReadModelProjection(
      new CaseNarrative(new CaseKeyStore(wrapping), new PostgresEventStore(database.db)),
    );
    const caseId = randomUUID();
    const state = evolve(null, registeredEvent(caseId, [])) as OpenCase;
    const writerStore = new PostgresEventStore(database.db);
    await writerStore.appendToStream(
      `case-${caseId}`,
      [{ eventId: randomUUID(), type: 'SignalRegistered', data: {} }],
      {
        expectedVersion: 'no_stream',
      },
    );
    await database.db.transaction((tx) => writer.apply(tx, state, 1));

    // Another process: its key cache and stream heads are empty.
    const store = new PostgresEventStore(database.db);
    const reader = new CaseReadModelProjection(new CaseNarrative(new CaseKeyStore(wrapping), store));
    const { db: counted, count } = counting(database.db);
    const snapshot = await reader.load(counted, caseId);
    expect(count()).toBe(1);
    expect(snapshot?.state).toEqual(state);
    expect(snapshot?.key?.gen).toBe(1);
    expect(snapshot?.head).toEqual({ version: 1, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    // With the head as a hint, the append is its one statement; the hash chain holds.
    store.knowHead(`case-${caseId}`, snapshot!.head!);
    const { db: countedAppend, count: appends } = counting(database.db);
    await new PostgresEventStore(countedAppend).appendToStream(
      `case-${caseId}`,
      [{ eventId: randomUUID(), type: 'CoordinatorAssigned', data: {} }],
      { expectedVersion: 1, alongside: [] },
    );
    expect(appends()).toBe(2); // without the hint: the head read, then the append
    const hinted = new PostgresEventStore(countedAppend);
    hinted.knowHead(`case-${caseId}`, (await reader.load(database.db, caseId))!.head!);
    const before = appends();
    await hinted.appendToStream(`case-${caseId}`, [{ eventId: randomUUID(), type: 'CoordinatorAssigned', data: {} }], {
      expectedVersion: 2,
      alongside: [],
    });
    expect(appends() - before).toBe(1);
    expect((await store.verifyStream(`case-${caseId}`)).valid).toBe(true);
  });

  it("stores new subjects' keys in the read models' statement, and nothing of it when the transaction rolls back", async () => {
    const keys = new SubjectKeyStore(new KeyWrapping(new MemoryKeyring()));
    const sealer = new SubjectSealer(keys);
    const caseKeys = new CaseKeyStore(new KeyWrapping(new MemoryKeyring()));
    const projection = new CaseReadModelProjection(new CaseNarrative(caseKeys, new PostgresEventStore(database.db)));
    const subject = { subjectId: randomUUID(), role: 'victim' as const, personal: { name: 'Bram Jansen' } };
    const { records, keyInsert } = sealer.sealWithoutStoring([subject]);
    const caseId = randomUUID();
    const caseKey = caseKeys.newKey(caseId, 1);
    await database.db.transaction(async (tx) => {
      const { db: counted, count } = counting(tx as Database);
      await projection.apply(
        counted,
        evolve(null, registeredEvent(caseId, records)) as OpenCase,
        1,
        [keyInsert!, caseKey.insert],
        caseKey.key,
      );
      expect(count()).toBe(1);
    });
    const stored = await keys.load(database.db, [subject.subjectId]);
    expect(openPersonalData(stored.get(subject.subjectId)!, subject.subjectId, records[0].personalData!)).toEqual(
      subject.personal,
    );
    expect((await projection.load(database.db, caseId))?.state.subjects).toEqual([expect.objectContaining(records[0])]);

    const lost = sealer.sealWithoutStoring([{ ...subject, subjectId: randomUUID() }]);
    const lostCase = randomUUID();
    await expect(
      database.db.transaction(async (tx) => {
        await projection.apply(tx, evolve(null, registeredEvent(lostCase, lost.records)) as OpenCase, 1, [
          lost.keyInsert!,
        ]);
        throw new Error('the append failed');
      }),
    ).rejects.toThrow('the append failed');
    expect((await keys.load(database.db, [lost.records[0].subjectId])).size).toBe(0);
    expect(await projection.load(database.db, lostCase)).toBeNull();
    expect(sealer.sealWithoutStoring([])).toEqual({ records: [], keyInsert: null });
  });
});

const assigned: CaseEvent = { type: 'CoordinatorAssigned', data: { coordinator: 'coordinator.de-baronie' } };

let references = 99000;

function registeredEvent(caseId: string, subjects: SubjectRecord[], reference = `ZWB-2026-${++references}`): CaseEvent {
  return {
    type: 'SignalRegistered',
    data: {
      caseId,
      reference,
      district: 'de-baronie',
      municipality: 'breda',
      receivedOn: '2026-01-05',
      source: { type: 'police' },
      forms: ['labour'],
      vulnerabilities: [],
      summary: 'Test.',
      subjects,
      registeredBy: 'coordinator.de-baronie',
    },
  };
}
