import { EFFECTS, INTERVENTION_TYPES, caseEventSchemas } from '@baken/case-coordination';
import { PostgresEventStore, readCheckpoint, Subscription } from '@baken/event-store';
import { openMigratedTestDatabase, type MigratedTestDatabase } from '@baken/event-store/testing';
import {
  addTarget,
  flowReport,
  interventionEffectsReport,
  quarterlyTargetsReport,
  REPORT_FACT_TABLES,
  rebuildProjection,
  ReportFactsProjection,
  reportingMigrations,
} from '@baken/reporting';
import {
  generateReportHistory,
  type GeneratedCase,
  type GeneratedHistory,
  type Recorded,
} from '@baken/reporting/testing';
import { DATABASE, EVENT_STORE, SubscriptionRegistry, type AppConfig } from '@baken/platform';
import { command as rebuildCommand } from '../../apps/cli/src/commands/projections-rebuild.command';

/**
 * The "done when" of the reporting issue: over a generated two-year history in the four districts, every quarterly
 * target's actual and status, every intervention-effect row and the case flow equal figures computed here,
 * independently, from the generated facts; and a rebuild from the log reproduces every table row for row.
 */

// The machine and the PostgreSQL server are shared with other test runs: allow for a slow moment.
jest.setTimeout(30_000);

const DISTRICTS = ['de-baronie', 'de-markiezaten', 'hart-van-brabant', 'zeeland'];
const NOW = new Date('2026-01-15T11:00:00Z');
const TODAY = '2026-01-15';
const QUARTERS = [2024, 2025].flatMap((year) =>
  [1, 2, 3, 4].map((quarter) => ({ year, quarter: quarter as 1 | 2 | 3 | 4 })),
);

// ---- independent expectations, from the generated facts only -------------------------------------------------------

const known = (r: Recorded | null, k: Date | null): r is Recorded =>
  r !== null && (k === null || r.recordedAt.getTime() <= k.getTime());
const within = (on: string, from: string, to: string) => on >= from && on <= to;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const isoDay = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

function quarterBounds(year: number, q: number) {
  const start = isoDay(Date.UTC(year, (q - 1) * 3, 1) / 86_400_000);
  const nextStart = isoDay(Date.UTC(year, q * 3, 1) / 86_400_000);
  return { start, nextStart, end: isoDay(dayNumber(nextStart) - 1) };
}

interface TargetSpec {
  id: string;
  minimum: number;
  /** The dated, recorded facts this target counts in one case. */
  count: (c: GeneratedCase) => Recorded[];
}

const TARGETS: TargetSpec[] = [
  {
    id: 'proposals-sexual-criminal',
    minimum: 1,
    count: (c) =>
      c.forms.some((f) => f === 'sexual' || f === 'criminal')
        ? c.proposals.flatMap((p) => (p.submitted ? [p.submitted] : []))
        : [],
  },
  {
    id: 'labour-inspections',
    minimum: 4,
    count: (c) =>
      c.forms.includes('labour')
        ? c.interventions.filter((i) => i.type === 'labour_inspection').flatMap((i) => (i.executed ? [i.executed] : []))
        : [],
  },
  {
    id: 'administrative-interventions',
    minimum: 2,
    count: (c) =>
      c.interventions.filter((i) => i.level === 'administrative').flatMap((i) => (i.executed ? [i.executed] : [])),
  },
  { id: 'labour-signals', minimum: 5, count: (c) => (c.forms.includes('labour') ? [c.received] : []) },
];

function expectedTargets(history: GeneratedHistory, year: number, q: number, asOf: string, k: Date | null) {
  const { start, nextStart, end } = quarterBounds(year, q);
  const until = asOf < end ? asOf : end;
  return DISTRICTS.map((district) => ({
    district,
    targets: TARGETS.map((t) => {
      const actual =
        asOf < start
          ? 0
          : history.cases
              .filter((c) => c.district === district)
              .flatMap(t.count)
              .filter((r) => known(r, k) && within(r.on, start, until)).length;
      let status: string;
      if (asOf < start) status = 'not_started';
      else if (actual >= t.minimum) status = 'green';
      else if (asOf >= nextStart) status = 'red';
      else {
        const elapsedDays = dayNumber(asOf) - dayNumber(start);
        const quarterDays = dayNumber(nextStart) - dayNumber(start);
        status = actual >= Math.floor((t.minimum * elapsedDays) / quarterDays) ? 'orange' : 'red';
      }
      return { targetId: t.id, actual, target: t.minimum, status };
    }),
  }));
}

function expectedEffects(
  history: GeneratedHistory,
  from: string,
  to: string,
  districts: string[],
  form: string | null,
  k: Date | null,
) {
  const rows = new Map<
    string,
    { interventionType: string; level: string; executed: number; withEffect: number; effects: Record<string, number> }
  >();
  for (const c of history.cases) {
    if (!districts.includes(c.district) || (form !== null && !c.forms.includes(form as never))) continue;
    for (const i of c.interventions) {
      if (!known(i.executed, k) || !within(i.executed.on, from, to)) continue;
      const row = rows.get(i.type) ?? {
        interventionType: i.type,
        level: i.level,
        executed: 0,
        withEffect: 0,
        effects: Object.fromEntries(EFFECTS.map((e) => [e, 0])),
      };
      row.executed++;
      const effects = i.effects.filter((e) => known(e, k));
      if (effects.length) {
        row.withEffect++;
        // The latest observation; of two on one day, the one recorded last (effects are listed in recording order).
        let latest = effects[0];
        for (const e of effects) if (e.on >= latest.on) latest = e;
        row.effects[latest.effect]++;
      }
      rows.set(i.type, row);
    }
  }
  return INTERVENTION_TYPES.flatMap((t) => (rows.has(t) ? [rows.get(t)!] : []));
}

/** percentile_cont: linear interpolation between the closest ranks. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return Math.round((sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo)) * 10) / 10;
}

function expectedFlow(
  history: GeneratedHistory,
  from: string,
  to: string,
  districts: string[],
  k: Date | null,
  openOn: string,
) {
  const cases = history.cases.filter((c) => districts.includes(c.district));
  const inPeriod = <T extends Recorded>(xs: T[]) => xs.filter((x) => known(x, k) && within(x.on, from, to));
  const count = <T>(xs: T[], key: (x: T) => string) =>
    xs.reduce<Record<string, number>>((acc, x) => ({ ...acc, [key(x)]: (acc[key(x)] ?? 0) + 1 }), {});
  const triages = cases.flatMap((c) => inPeriod(c.triages));
  const meetings = cases.flatMap((c) => inPeriod(c.meetings).map(() => c.caseId));
  const decisions = cases.flatMap((c) => inPeriod(c.proposals.flatMap((p) => (p.decided ? [p.decided] : []))));
  const closures = cases.flatMap((c) => inPeriod(c.closures));
  const reopenings = cases.flatMap((c) => inPeriod(c.reopenings));
  const days = {
    receiptToTriage: [] as number[],
    triageToCareTable: [] as number[],
    submissionToDecision: [] as number[],
    submissionToApproval: [] as number[],
    executionToFirstEffect: [] as number[],
  };
  for (const c of cases) {
    const firstTriage = c.triages.find((t) => known(t, k));
    if (firstTriage && inPeriod([firstTriage]).length)
      days.receiptToTriage.push(dayNumber(firstTriage.on) - dayNumber(c.received.on));
    const knownMeetings = c.meetings.filter((m) => known(m, k));
    for (const m of inPeriod(c.meetings)) {
      const before = c.triages.filter((t) => known(t, k) && t.recordedAt < m.recordedAt);
      const triage = before[before.length - 1];
      if (!triage || triage.decision !== 'refer_to_care_table') continue;
      if (knownMeetings.some((other) => other.recordedAt > triage.recordedAt && other.recordedAt < m.recordedAt))
        continue;
      days.triageToCareTable.push(dayNumber(m.on) - dayNumber(triage.on));
    }
    for (const p of c.proposals) {
      if (p.decided && known(p.submitted, k) && inPeriod([p.decided]).length) {
        days.submissionToDecision.push(dayNumber(p.decided.on) - dayNumber(p.submitted.on));
        if (p.decided.decision === 'approved')
          days.submissionToApproval.push(dayNumber(p.decided.on) - dayNumber(p.submitted.on));
      }
    }
    for (const i of c.interventions) {
      const effects = i.effects.filter((e) => known(e, k));
      if (!effects.length || !known(i.executed, k)) continue;
      let first = effects[0];
      for (const e of effects) if (e.on < first.on) first = e;
      if (within(first.on, from, to)) days.executionToFirstEffect.push(dayNumber(first.on) - dayNumber(i.executed.on));
    }
  }
  const bands = [
    [0, 30],
    [31, 90],
    [91, 180],
    [181, 365],
    [366, Infinity],
  ];
  const ages: number[] = [];
  for (const c of cases) {
    if (!known(c.received, k) || c.received.on > openOn) continue;
    const changes = [
      ...c.closures.map((x) => ({ ...x, closed: true })),
      ...c.reopenings.map((x) => ({ ...x, closed: false })),
    ]
      .filter((x) => known(x, k) && x.on <= openOn)
      .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
    if (changes.length && changes[changes.length - 1].closed) continue;
    ages.push(dayNumber(openOn) - dayNumber(c.received.on));
  }
  return {
    signalsReceived: cases.filter((c) => known(c.received, k) && within(c.received.on, from, to)).length,
    triageDecisions: { total: triages.length, byDecision: count(triages, (t) => t.decision) },
    careTable: {
      referrals: triages.filter((t) => t.decision === 'refer_to_care_table').length,
      meetings: meetings.length,
      casesDiscussed: new Set(meetings).size,
    },
    proposals: {
      submitted: cases.flatMap((c) => inPeriod(c.proposals.flatMap((p) => (p.submitted ? [p.submitted] : [])))).length,
      approved: decisions.filter((d) => d.decision === 'approved').length,
      rejected: decisions.filter((d) => d.decision === 'rejected').length,
      deferred: cases.flatMap((c) => c.proposals.flatMap((p) => inPeriod(p.deferrals))).length,
    },
    interventionsExecuted: cases.flatMap((c) =>
      inPeriod(c.interventions.flatMap((i) => (i.executed ? [i.executed] : []))),
    ).length,
    casesClosed: { total: closures.length, byOutcome: count(closures, (x) => x.outcome) },
    reopenings: { total: reopenings.length, byReason: count(reopenings, (x) => x.reason) },
    stageDurations: Object.fromEntries(
      Object.entries(days).map(([stage, values]) => [
        stage,
        {
          count: values.length,
          medianDays: percentile(values, 0.5),
          p90Days: percentile(values, 0.9),
        },
      ]),
    ),
    openCases: {
      asOf: openOn,
      total: ages.length,
      byAge: bands.map(([lo, hi]) => ages.filter((a) => a >= lo && a <= hi).length),
    },
  };
}

/** Drops the zero counts, so a record with every key and an expectation with only the non-zero ones compare. */
const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

// ---- the history ---------------------------------------------------------------------------------------------------

describe('reports over a generated two-year history in four districts', () => {
  let database: MigratedTestDatabase;
  let store: PostgresEventStore;
  let history: GeneratedHistory;
  const projection = new ReportFactsProjection();
  const definition = projection.definition();
  let live: Subscription;

  const catchUp = async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      await live.runOnce();
      if ((await live.lag()) === 0) return;
      if (Date.now() > deadline) throw new Error('the live projection did not catch up within 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const snapshot = async () => {
    const tables: Record<string, unknown[]> = {};
    for (const table of REPORT_FACT_TABLES)
      tables[table] = (await database.db.query(`SELECT t::text AS row FROM ${table} t ORDER BY 1`)).rows;
    return tables;
  };

  const schemaOfTables = async () => ({
    indexes: (
      await database.db.query(
        `SELECT schemaname, tablename, indexdef FROM pg_indexes WHERE tablename = ANY($1) ORDER BY indexdef`,
        [[...REPORT_FACT_TABLES]],
      )
    ).rows,
    constraints: (
      await database.db.query(
        `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE conrelid::regclass::text = ANY($1) ORDER BY 1, 2`,
        [[...REPORT_FACT_TABLES]],
      )
    ).rows,
    schemas: (await database.db.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild%'`)).rows,
    privileges: (
      await database.db.query(`SELECT relname, relacl::text AS acl FROM pg_class WHERE relname = ANY($1) ORDER BY 1`, [
        [...REPORT_FACT_TABLES],
      ])
    ).rows,
  });

  beforeAll(async () => {
    database = await openMigratedTestDatabase({ migrations: reportingMigrations, poolSize: 4 });
    store = new PostgresEventStore(database.db, { schemas: caseEventSchemas() });
    live = new Subscription({
      db: database.db,
      store,
      subscriberId: definition.name,
      eventTypes: definition.eventTypes,
      batchSize: 333,
      handle: definition.handle,
    });
    await addTarget(
      database.db,
      {
        id: 'administrative-interventions',
        title: 'Bestuurlijke interventies',
        event: 'intervention_executed',
        forms: null,
        interventionTypes: null,
        interventionLevels: ['administrative'],
        minimum: 2,
      },
      'admin',
      NOW,
    );
    await addTarget(
      database.db,
      {
        id: 'labour-signals',
        title: 'Signalen arbeidsuitbuiting',
        event: 'signal_received',
        forms: ['labour'],
        interventionTypes: null,
        interventionLevels: null,
        minimum: 5,
      },
      'admin',
      NOW,
    );
    // The live projection follows the log while it is written, in batches that do not line up with the rebuild's.
    history = await generateReportHistory(database.db, store, {
      firstDay: '2024-01-01',
      lastDay: '2025-12-31',
      casesPerDistrict: 160,
      now: NOW,
      afterTransaction: () => live.runOnce().then(() => undefined),
    });
    await catchUp();
  }, 120_000);

  afterAll(async () => {
    await live?.stop();
    await database?.dispose();
  });

  it('generated at least 5,000 events over two years in every district', () => {
    expect(history.events).toBeGreaterThanOrEqual(5000);
    for (const district of DISTRICTS)
      expect(history.cases.filter((c) => c.district === district).length).toBeGreaterThan(50);
    const received = history.cases.map((c) => c.received.on).sort();
    expect(received[0] < '2024-02-01' && received[received.length - 1] > '2025-12-01').toBe(true);
  });

  it('answers every target of every quarter with the independently computed actual and status (asOf today)', async () => {
    const statuses = new Set<string>();
    for (const { year, quarter } of [...QUARTERS, { year: 2026, quarter: 1 as const }]) {
      const report = await quarterlyTargetsReport(database.db, {
        year,
        quarter,
        asOf: TODAY,
        asKnownAt: null,
        districts: DISTRICTS,
      });
      const expected = expectedTargets(history, year, quarter, TODAY, null);
      expect({
        year,
        quarter,
        districts: report.districts.map((d) => ({
          district: d.district,
          targets: d.targets.map(({ title: _, ...t }) => t),
        })),
      }).toEqual({ year, quarter, districts: expected });
      report.districts.forEach((d) => d.targets.forEach((t) => statuses.add(t.status)));
    }
    // The comparison means something only if the history meets some targets and misses others.
    expect([...statuses].sort()).toEqual(expect.arrayContaining(['green', 'orange', 'red']));
  });

  it('answers the targets as they stood on a date within each quarter, as known at the end of that day', async () => {
    const statuses = new Set<string>();
    for (const { year, quarter } of QUARTERS) {
      const asOf = isoDay(dayNumber(quarterBounds(year, quarter).start) + 50);
      const k = new Date(`${asOf}T22:59:59.999Z`);
      const report = await quarterlyTargetsReport(database.db, {
        year,
        quarter,
        asOf,
        asKnownAt: k,
        districts: DISTRICTS,
      });
      expect(
        report.districts.map((d) => ({ district: d.district, targets: d.targets.map(({ title: _, ...t }) => t) })),
      ).toEqual(expectedTargets(history, year, quarter, asOf, k));
      report.districts.forEach((d) => d.targets.forEach((t) => statuses.add(t.status)));
      const before = await quarterlyTargetsReport(database.db, {
        year,
        quarter,
        asOf: isoDay(dayNumber(quarterBounds(year, quarter).start) - 1),
        asKnownAt: null,
        districts: ['zeeland'],
      });
      expect(before.districts[0].targets.map((t) => [t.actual, t.status])).toEqual(
        TARGETS.map(() => [0, 'not_started']),
      );
    }
    expect([...statuses]).toEqual(expect.arrayContaining(['green', 'orange', 'red']));
  });

  it('counts late-recorded work only once it is known: asKnownAt gives lower actuals than today for a past quarter', async () => {
    const q = quarterBounds(2025, 2);
    const k = new Date(`${q.end}T21:00:00Z`);
    const asKnown = await quarterlyTargetsReport(database.db, {
      year: 2025,
      quarter: 2,
      asOf: q.end,
      asKnownAt: k,
      districts: DISTRICTS,
    });
    const corrected = await quarterlyTargetsReport(database.db, {
      year: 2025,
      quarter: 2,
      asOf: q.end,
      asKnownAt: null,
      districts: DISTRICTS,
    });
    const sum = (r: typeof asKnown) =>
      r.districts.flatMap((d) => d.targets.map((t) => t.actual)).reduce((a, b) => a + b, 0);
    expect(sum(asKnown)).toBeLessThan(sum(corrected));
    expect(asKnown.districts.map((d) => d.targets.map(({ title: _, ...t }) => t))).toEqual(
      expectedTargets(history, 2025, 2, q.end, k).map((d) => d.targets),
    );
  });

  it('answers every intervention-effect row as computed independently: per quarter, per district, per form, and as known earlier', async () => {
    const periods = [
      ...QUARTERS.map(({ year, quarter }) => quarterBounds(year, quarter)),
      { start: '2024-01-01', end: '2025-12-31' },
    ];
    let multiEffect = 0;
    for (const { start, end } of periods) {
      for (const [districts, form, k] of [
        [DISTRICTS, null, null],
        [['de-baronie'], null, null],
        [['zeeland', 'hart-van-brabant'], 'labour', null],
        [DISTRICTS, 'sexual', new Date('2025-06-30T12:00:00Z')],
        [['de-markiezaten'], null, new Date(`${end}T12:00:00Z`)],
      ] as [string[], string | null, Date | null][]) {
        const report = await interventionEffectsReport(database.db, {
          from: start,
          to: end,
          districts,
          form,
          asKnownAt: k,
        });
        const expected = expectedEffects(history, start, end, districts, form, k);
        expect({ start, end, districts, form, k, rows: report.rows }).toEqual({
          start,
          end,
          districts,
          form,
          k,
          rows: expected,
        });
        multiEffect += report.rows.filter(
          (r) => Object.values(r.effects).filter((n) => n > 0).length > 1 && r.withEffect < r.executed,
        ).length;
      }
    }
    const whole = await interventionEffectsReport(database.db, {
      from: '2024-01-01',
      to: '2025-12-31',
      districts: DISTRICTS,
      form: null,
      asKnownAt: null,
    });
    expect(whole.rows.length).toBeGreaterThan(8);
    expect(multiEffect).toBeGreaterThan(10);
    // Effects whose latest observation was recorded before an earlier-observed one exist in the history, so the
    // "latest by observedOn" rule is exercised.
    const outOfOrder = history.cases
      .flatMap((c) => c.interventions)
      .filter((i) => i.effects.some((e, n) => n > 0 && e.on < i.effects[n - 1].on));
    expect(outOfOrder.length).toBeGreaterThan(5);
  });

  it('answers the case flow as computed independently, per year and per district, now and as known earlier', async () => {
    for (const [from, to, districts, k, openOn] of [
      ['2024-01-01', '2024-12-31', DISTRICTS, null, '2024-12-31'],
      ['2025-01-01', '2025-12-31', ['de-baronie'], null, '2025-12-31'],
      ['2025-04-01', '2025-06-30', ['zeeland', 'de-markiezaten'], new Date('2025-07-01T06:00:00Z'), '2025-06-30'],
    ] as [string, string, string[], Date | null, string][]) {
      const report = await flowReport(database.db, { from, to, districts, asKnownAt: k, openCasesOn: openOn });
      const expected = expectedFlow(history, from, to, districts, k, openOn);
      expect({
        ...report,
        triageDecisions: { ...report.triageDecisions, byDecision: nonZero(report.triageDecisions.byDecision) },
        casesClosed: { ...report.casesClosed, byOutcome: nonZero(report.casesClosed.byOutcome) },
        reopenings: { ...report.reopenings, byReason: nonZero(report.reopenings.byReason) },
        openCases: { ...report.openCases, byAge: report.openCases.byAge.map((b) => b.count) },
      }).toEqual({
        from,
        to,
        district: districts.length === 1 ? districts[0] : null,
        districts,
        asKnownAt: k?.toISOString() ?? null,
        ...expected,
      });
      expect(report.signalsReceived).toBeGreaterThan(20);
      expect(report.stageDurations.triageToCareTable.count).toBeGreaterThan(5);
      expect(report.proposals.deferred).toBeGreaterThan(0);
      expect(report.openCases.total).toBeGreaterThan(0);
    }
  });

  describe('rebuilding from the log', () => {
    it('reproduces every table row for row, streaming in batches, and ends at the live checkpoint', async () => {
      const before = await snapshot();
      await database.db.exec('GRANT SELECT ON reporting_facts, reporting_cases TO PUBLIC');
      const schemaBefore = await schemaOfTables();
      const liveCheckpoint = await readCheckpoint(database.db, definition.name);
      expect(before.reporting_facts.length).toBeGreaterThan(4000);
      expect(schemaBefore.indexes.length).toBe(11);

      await database.db.query(
        'UPDATE reporting_facts SET outcome = $1 WHERE event_id = (SELECT event_id FROM reporting_facts ORDER BY event_id LIMIT 1)',
        ['tampered'],
      );
      const progress: [number, number][] = [];
      const result = await rebuildProjection(database.db, store, definition, {
        batchSize: 700,
        onProgress: (done, total) => progress.push([done, total]),
      });

      expect(await snapshot()).toEqual(before);
      expect(await readCheckpoint(database.db, definition.name)).toEqual(liveCheckpoint);
      // Rebuilt beside the live tables and swapped in: the same tables with the same indexes, constraints and privileges.
      expect(await schemaOfTables()).toEqual(schemaBefore);
      expect(result.events).toBeGreaterThanOrEqual(5000);
      expect(progress.length).toBe(Math.ceil(result.events / 700));
      expect(progress.every(([done], i) => done === Math.min((i + 1) * 700, result.events))).toBe(true);
      expect(progress[progress.length - 1]).toEqual([result.events, result.events]);
    }, 60_000);

    it('keeps answering reports from the live tables while it runs, and swaps the rebuilt ones in when it commits', async () => {
      const params = { year: 2025, quarter: 2 as const, asOf: TODAY, asKnownAt: null, districts: DISTRICTS };
      const live = await quarterlyTargetsReport(database.db, params);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let paused!: () => void;
      const reachedFirstBatch = new Promise<void>((r) => (paused = r));
      const slow = {
        ...definition,
        shadowRebuild: {
          ...definition.shadowRebuild!,
          handle: async (
            tx: Parameters<typeof definition.handle>[0],
            events: Parameters<typeof definition.handle>[1],
          ) => {
            paused();
            await gate;
            return definition.shadowRebuild!.handle!(tx, events);
          },
        },
      };
      const rebuilding = rebuildProjection(database.db, store, slow, { batchSize: 2000 });
      try {
        await reachedFirstBatch;
        // The rebuild holds its transaction open with the shadow tables half written: reports read the live ones.
        const during = await Promise.race([
          quarterlyTargetsReport(database.db, params),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error('the report waited for the rebuild')), 10_000),
          ),
        ]);
        expect(during).toEqual(live);
      } finally {
        release();
      }
      await rebuilding;
      expect(await quarterlyTargetsReport(database.db, params)).toEqual(live);
    }, 60_000);

    it('lets the live subscriber wait while new events arrive, so that nothing is lost or applied twice', async () => {
      await live.stop();
      const running = new Subscription({
        db: database.db,
        store,
        subscriberId: definition.name,
        eventTypes: definition.eventTypes,
        batchSize: 50,
        pollIntervalMs: 20,
        handle: definition.handle,
      });
      running.start();
      let more: GeneratedHistory;
      try {
        [, more] = await Promise.all([
          rebuildProjection(database.db, store, definition, { batchSize: 500 }),
          generateReportHistory(database.db, store, {
            firstDay: '2025-06-01',
            lastDay: '2025-12-31',
            casesPerDistrict: 8,
            now: NOW,
            seed: 7,
            commandsPerTransaction: 5,
          }),
        ]);
        const deadline = Date.now() + 60_000;
        while ((await running.lag()) > 0) {
          if (Date.now() > deadline) throw new Error('the live subscriber did not catch up within 60 s');
          await new Promise((r) => setTimeout(r, 100));
        }
      } finally {
        await running.stop();
      }
      const afterLive = await snapshot();
      expect(afterLive.reporting_cases.length).toBe(history.cases.length + more!.cases.length);
      await rebuildProjection(database.db, store, definition);
      expect(await snapshot()).toEqual(afterLive);
    }, 120_000);

    it('is what `npm run cli -- projections-rebuild [name]` runs, with its progress on one line', async () => {
      const before = await snapshot();
      await database.db.query('DELETE FROM reporting_facts WHERE kind = $1', ['case_closed']);
      const registry = new SubscriptionRegistry(database.db, store, {
        runSubscriptions: false,
        subscriptionPollMs: 100,
      } as AppConfig);
      registry.register(definition);
      registry.register({ name: 'a-workflow', handle: async () => undefined });
      const context = {
        get: (token: unknown) =>
          token === SubscriptionRegistry
            ? registry
            : token === DATABASE
              ? database.db
              : token === EVENT_STORE
                ? store
                : undefined,
      };
      const output: string[] = [];
      const write = jest
        .spyOn(process.stdout, 'write')
        .mockImplementation((chunk: string | Uint8Array) => output.push(String(chunk)) > 0);
      try {
        await expect(rebuildCommand.run(context as never, ['a-workflow'], {})).rejects.toThrow(
          /is a process, not a projection/,
        );
        await expect(rebuildCommand.run(context as never, ['reporting-fact'], {})).rejects.toThrow(
          /No projection "reporting-fact". Projections: case-read-models, reporting-facts\./,
        );
        expect(await rebuildCommand.run(context as never, ['reporting-facts'], { 'batch-size': '1500' })).toBe(0);
      } finally {
        write.mockRestore();
      }
      expect(await snapshot()).toEqual(before);
      const text = output.join('');
      expect(text).toMatch(/^\rRebuilding reporting-facts: 0\rRebuilding reporting-facts: 1500\/\d+\r/);
      expect(text).toMatch(/\nreporting-facts: \d{4,} events in \d batches, [\d.]+ s\.\n$/);
    }, 60_000);

    it('refuses to rebuild a subscriber that has no reset (a process, not a projection)', async () => {
      await expect(
        rebuildProjection(database.db, store, { name: 'some-workflow', handle: async () => undefined }),
      ).rejects.toThrow(/cannot be rebuilt/);
    });
  });
});
