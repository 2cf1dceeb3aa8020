import { EFFECTS, INTERVENTION_TYPES, caseEventSchemas } from '@baken/case-coordination';
import fc from 'fast-check';
import {
  PostgresEventStore,
  readCheckpoint,
  Subscription,
  type Checkpoint,
  type Database,
  type EventStore,
  type StoredEvent,
} from '@baken/event-store';
import { openMigratedTestDatabase, type MigratedTestDatabase } from '@baken/event-store/testing';
import {
  executeTargetCommand,
  flowReport,
  GROUP_BY,
  listTargets,
  interventionEffectsReport,
  quarterlyTargetsReport,
  REPORT_FACT_TABLES,
  rebuildProjection,
  ReportFactsProjection,
  reportingMigrations,
  type NewTarget,
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
/** The case's classification as known at k: the last one recorded by then. */
const classifiedAt = (c: GeneratedCase, k: Date | null) => {
  const recorded = c.classifications.filter((x) => known(x, k));
  return recorded[recorded.length - 1] ?? c.classifications[0];
};
const formsAt = (c: GeneratedCase, k: Date | null): string[] => classifiedAt(c, k).forms;
const within = (on: string, from: string, to: string) => on >= from && on <= to;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const isoDay = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/** Targets added for the test are known from before the history starts, so every asKnownAt reads them. */
const TARGETS_DEFINED_AT = new Date('2023-12-01T09:00:00Z');
const defineTarget = (db: Database, store: EventStore, t: NewTarget) =>
  db.transaction((tx) =>
    executeTargetCommand(
      store,
      tx,
      {
        type: 'DefineTarget',
        targetId: t.id,
        by: 'admin',
        fields: {
          title: t.title,
          event: t.event,
          period: t.period ?? 'quarter',
          forms: t.forms ?? null,
          vulnerabilities: t.vulnerabilities ?? null,
          interventionTypes: t.interventionTypes ?? null,
          interventionLevels: t.interventionLevels ?? null,
          organisations: t.organisations ?? null,
          minimum: t.minimum,
          validFrom: t.validFrom ?? null,
          validUntil: t.validUntil ?? null,
        },
      },
      TARGETS_DEFINED_AT,
      { username: 'admin', role: 'admin' },
    ),
  );
/**
 * Migration reporting/007 conditions the labour norm on the labour inspectorate taking part, recorded when it ran:
 * a report as known before then counts without that condition.
 */
let labourNormConditionedAt: Date;
const labourNormConditioned = (k: Date | null) => k === null || k.getTime() >= labourNormConditionedAt.getTime();

function quarterBounds(year: number, q: number) {
  const start = isoDay(Date.UTC(year, (q - 1) * 3, 1) / 86_400_000);
  const nextStart = isoDay(Date.UTC(year, q * 3, 1) / 86_400_000);
  return { start, nextStart, end: isoDay(dayNumber(nextStart) - 1) };
}

interface TargetSpec {
  id: string;
  minimum: number;
  /** The dated, recorded facts this target counts in one case, the case classified as known at k. */
  count: (c: GeneratedCase, k: Date | null) => Recorded[];
}

const TARGETS: TargetSpec[] = [
  {
    id: 'proposals-sexual-criminal',
    minimum: 1,
    count: (c, k) =>
      formsAt(c, k).some((f) => f === 'sexual' || f === 'criminal')
        ? c.proposals.flatMap((p) => (p.submitted ? [p.submitted] : []))
        : [],
  },
  {
    id: 'labour-inspections',
    minimum: 4,
    count: (c, k) =>
      formsAt(c, k).includes('labour')
        ? c.interventions
            .filter(
              (i) =>
                i.type === 'labour_inspection' &&
                (!labourNormConditioned(k) ||
                  i.leadOrganisation === 'labour_inspectorate' ||
                  i.participants.includes('labour_inspectorate')),
            )
            .flatMap((i) => (i.executed ? [i.executed] : []))
        : [],
  },
  {
    id: 'administrative-interventions',
    minimum: 2,
    count: (c) =>
      c.interventions.filter((i) => i.level === 'administrative').flatMap((i) => (i.executed ? [i.executed] : [])),
  },
  { id: 'labour-signals', minimum: 5, count: (c, k) => (formsAt(c, k).includes('labour') ? [c.received] : []) },
  {
    // Joint controls count for every organisation in them: the labour inspectorate leading or taking part.
    id: 'inspectorate-interventions',
    minimum: 3,
    count: (c) =>
      c.interventions
        .filter((i) => i.leadOrganisation === 'labour_inspectorate' || i.participants.includes('labour_inspectorate'))
        .flatMap((i) => (i.executed ? [i.executed] : [])),
  },
  {
    id: 'minors-signals',
    minimum: 2,
    count: (c, k) => (classifiedAt(c, k).vulnerabilities.includes('minor') ? [c.received] : []),
  },
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
              .flatMap((c) => t.count(c, k))
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
      return { targetId: t.id, actual, target: t.minimum, status, targetPeriod: 'quarter' };
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
    if (!districts.includes(c.district) || (form !== null && !formsAt(c, k).includes(form as never))) continue;
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

/** Of two linked cases, the one received later (on one day, the one registered later): the new case of the pair. */
const newerOf = (a: GeneratedCase, b: GeneratedCase) =>
  a.received.on !== b.received.on
    ? a.received.on > b.received.on
      ? a
      : b
    : a.received.recordedAt.getTime() !== b.received.recordedAt.getTime()
      ? a.received.recordedAt > b.received.recordedAt
        ? a
        : b
      : a.caseId > b.caseId
        ? a
        : b;

/** Whether the case was closed just before an instant: its last closure or reopening recorded before it was a closure. */
function closedBefore(c: GeneratedCase, at: Date): boolean {
  const changes = [
    ...c.closures.map((x) => ({ at: x.recordedAt.getTime(), closed: true })),
    ...c.reopenings.map((x) => ({ at: x.recordedAt.getTime(), closed: false })),
  ]
    .filter((x) => x.at < at.getTime())
    .sort((a, b) => a.at - b.at);
  return changes.length > 0 && changes[changes.length - 1].closed;
}

/**
 * The new cases of victims known from a closed case, as known at k: a `same_victim` link recorded by then from or to
 * the case, made while the earlier case of the pair was closed.
 */
function casesOfKnownVictims(history: GeneratedHistory, k: Date | null): Set<GeneratedCase> {
  const byId = new Map(history.cases.map((c) => [c.caseId, c]));
  const found = new Set<GeneratedCase>();
  for (const c of history.cases)
    for (const link of c.links) {
      const other = byId.get(link.linkedCaseId);
      if (link.reason !== 'same_victim' || !known(link, k) || !other) continue;
      if (other.received.recordedAt >= link.recordedAt) continue;
      const newer = newerOf(c, other);
      if (closedBefore(newer === c ? other : c, link.recordedAt)) found.add(newer);
    }
  return found;
}

/**
 * Interventions planned for `on` or earlier that had not ended by then, as known at k. An intervention ends at its
 * execution, its cancellation, or the first closure of its case after it was planned, whichever was recorded first.
 */
function openInterventions(cases: GeneratedCase[], on: string, k: Date | null): number {
  return cases
    .flatMap((c) => c.interventions.map((i) => ({ c, i })))
    .filter(({ c, i }) => {
      if (!known(i.planned, k) || i.planned.on > on) return false;
      const ends = [i.executed, i.cancelled, c.closures.find((x) => x.recordedAt > i.planned.recordedAt) ?? null]
        .filter((x): x is Recorded => x !== null)
        .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
      const end = ends[0] ?? null;
      return !(known(end, k) && (end.on > i.planned.on ? end.on : i.planned.on) <= on);
    }).length;
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
  const revictimised = cases.filter(
    (c) => casesOfKnownVictimsAt.get(k)!.has(c) && within(c.received.on, from, to),
  ).length;
  const revictimisationReopenings = reopenings.filter((r) => r.reason === 'revictimization').length;
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
    interventions: {
      planned: cases.flatMap((c) => inPeriod(c.interventions.map((i) => i.planned))).length,
      executed: cases.flatMap((c) => inPeriod(c.interventions.flatMap((i) => (i.executed ? [i.executed] : [])))).length,
      cancelled: cases.flatMap((c) => inPeriod(c.interventions.flatMap((i) => (i.cancelled ? [i.cancelled] : []))))
        .length,
      open: openInterventions(cases, openOn, k),
    },
    repeatVictimisation: {
      total: revictimisationReopenings + revictimised,
      reopenings: revictimisationReopenings,
      newCasesOfKnownVictims: revictimised,
    },
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

/** The new cases of known victims per asKnownAt, computed once per instant. */
const casesOfKnownVictimsAt = {
  history: null as GeneratedHistory | null,
  cache: new Map<number, Set<GeneratedCase>>(),
  get(k: Date | null) {
    const key = k?.getTime() ?? Infinity;
    let found = this.cache.get(key);
    if (!found) this.cache.set(key, (found = casesOfKnownVictims(this.history!, k)));
    return found;
  },
};

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
    labourNormConditionedAt = (
      await database.db.query<{ recorded_at: Date }>(
        `SELECT recorded_at FROM reporting_target_versions WHERE target_id = 'labour-inspections' AND version = 2`,
      )
    ).rows[0].recorded_at;
    live = new Subscription({
      db: database.db,
      store,
      subscriberId: definition.name,
      eventTypes: definition.eventTypes,
      batchSize: 333,
      handle: definition.handle,
    });
    await defineTarget(database.db, store, {
      id: 'administrative-interventions',
      title: 'Bestuurlijke interventies',
      event: 'intervention_executed',
      forms: null,
      interventionTypes: null,
      interventionLevels: ['administrative'],
      minimum: 2,
    });
    await defineTarget(database.db, store, {
      id: 'labour-signals',
      title: 'Signalen arbeidsuitbuiting',
      event: 'signal_received',
      forms: ['labour'],
      interventionTypes: null,
      interventionLevels: null,
      minimum: 5,
    });
    await defineTarget(database.db, store, {
      id: 'inspectorate-interventions',
      title: 'Interventies met de Arbeidsinspectie',
      event: 'intervention_executed',
      organisations: ['labour_inspectorate'],
      minimum: 3,
    });
    await defineTarget(database.db, store, {
      id: 'minors-signals',
      title: 'Signalen over minderjarigen',
      event: 'signal_received',
      vulnerabilities: ['minor'],
      minimum: 2,
    });
    // The live projection follows the log while it is written, in batches that do not line up with the rebuild's.
    history = await generateReportHistory(database.db, store, {
      firstDay: '2024-01-01',
      lastDay: '2025-12-31',
      casesPerDistrict: 160,
      now: NOW,
      afterTransaction: () => live.runOnce().then(() => undefined),
    });
    casesOfKnownVictimsAt.history = history;
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
    // What the reports must get right is in it: reclassifications that change a target's forms, cancelled plans,
    // joint controls, sectors, vulnerabilities, and new cases of victims known from a closed case.
    const reclassified = history.cases.filter((c) => c.classifications.length > 1);
    expect(reclassified.length).toBeGreaterThan(40);
    expect(
      reclassified.filter(
        (c) =>
          c.proposals.some((p) => p.submitted) &&
          c.classifications.some((x) => x.forms.includes('sexual') || x.forms.includes('criminal')) &&
          c.classifications.some((x) => !x.forms.includes('sexual') && !x.forms.includes('criminal')),
      ).length,
    ).toBeGreaterThan(5);
    const interventions = history.cases.flatMap((c) => c.interventions);
    expect(interventions.filter((i) => i.cancelled).length).toBeGreaterThan(10);
    expect(interventions.filter((i) => i.participants.length > 0 && i.executed).length).toBeGreaterThan(20);
    expect(history.cases.filter((c) => c.classifications[0].sector !== null).length).toBeGreaterThan(50);
    expect(casesOfKnownVictimsAt.get(null).size).toBeGreaterThan(3);
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
    // Known today (NOW) rather than now: with the targets as they were today, before migration 007 changed one.
    const corrected = await quarterlyTargetsReport(database.db, {
      year: 2025,
      quarter: 2,
      asOf: q.end,
      asKnownAt: NOW,
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
        asOf: null,
        groupBy: null,
        groupsExclusive: null,
        groups: [],
        ...expected,
      });
      expect(report.signalsReceived).toBeGreaterThan(20);
      expect(report.stageDurations.triageToCareTable.count).toBeGreaterThan(5);
      expect(report.proposals.deferred).toBeGreaterThan(0);
      expect(report.openCases.total).toBeGreaterThan(0);
    }
  });

  describe('breakdowns', () => {
    const counts = (figures: object, path = ''): Record<string, number> =>
      Object.entries(figures).reduce<Record<string, number>>((acc, [key, value]) => {
        if (['group', 'medianDays', 'p90Days', 'asOf', 'minDays', 'maxDays', 'band'].includes(key)) return acc;
        if (typeof value === 'number') return { ...acc, [`${path}${key}`]: value };
        if (value && typeof value === 'object') return { ...acc, ...counts(value, `${path}${key}.`) };
        return acc;
      }, {});
    const sumOf = (groups: object[]) =>
      groups
        .map((g) => counts(g))
        .reduce<Record<string, number>>((acc, c) => {
          for (const [k, v] of Object.entries(c)) acc[k] = (acc[k] ?? 0) + v;
          return acc;
        }, {});
    const figuresOf = <T extends object>(r: T) => {
      const {
        from: _f,
        to: _t,
        asOf: _a,
        district: _d,
        districts: _ds,
        asKnownAt: _k,
        groupBy: _g,
        groupsExclusive: _e,
        groups: _gs,
        ...rest
      } = r as Record<string, unknown>;
      return rest;
    };

    it.each(GROUP_BY)(
      'splits the flow by %s into groups that sum to the totals where every fact has one group',
      async (groupBy) => {
        for (const k of [null, new Date('2025-07-01T06:00:00Z')]) {
          const report = await flowReport(database.db, {
            from: '2025-01-01',
            to: '2025-06-30',
            districts: DISTRICTS,
            asKnownAt: k,
            asOf: '2025-06-30',
            groupBy,
          });
          const total = await flowReport(database.db, {
            from: '2025-01-01',
            to: '2025-06-30',
            districts: DISTRICTS,
            asKnownAt: k,
            asOf: '2025-06-30',
          });
          expect(figuresOf(report)).toEqual(figuresOf(total));
          expect(report.groups.length).toBeGreaterThan(1);
          const summed = sumOf(report.groups);
          const totals = counts(figuresOf(report));
          if (report.groupsExclusive) expect(summed).toEqual(totals);
          else for (const [key, n] of Object.entries(totals)) expect([key, summed[key] >= n]).toEqual([key, true]);
        }
      },
    );

    it('counts a case in every vulnerability and form it has as known then, and one without any apart', async () => {
      const k = new Date('2025-04-01T00:00:00Z');
      for (const groupBy of ['vulnerability', 'form'] as const) {
        const report = await flowReport(database.db, {
          from: '2024-01-01',
          to: '2025-03-31',
          districts: DISTRICTS,
          asKnownAt: k,
          asOf: '2025-03-31',
          groupBy,
        });
        expect(report.groupsExclusive).toBe(false);
        const received = history.cases.filter(
          (c) => known(c.received, k) && within(c.received.on, '2024-01-01', '2025-03-31'),
        );
        const valuesOf = (c: GeneratedCase): (string | null)[] => {
          const values: string[] = groupBy === 'form' ? classifiedAt(c, k).forms : classifiedAt(c, k).vulnerabilities;
          return values.length ? values : [null];
        };
        const expected = new Map<string | null, number>();
        for (const c of received) for (const v of valuesOf(c)) expected.set(v, (expected.get(v) ?? 0) + 1);
        expect(
          new Map(report.groups.filter((g) => g.signalsReceived > 0).map((g) => [g.group, g.signalsReceived])),
        ).toEqual(expected);
        expect(received.some((c) => valuesOf(c).length > 1)).toBe(true);
      }
    });

    it.each(GROUP_BY)(
      'splits the intervention effects by %s, every group with the rows of its interventions',
      async (groupBy) => {
        const params = { from: '2024-07-01', to: '2025-06-30', districts: DISTRICTS, form: null, asKnownAt: null };
        const report = await interventionEffectsReport(database.db, { ...params, groupBy });
        const total = await interventionEffectsReport(database.db, params);
        expect(report.rows).toEqual(total.rows);
        expect(report.groups.length).toBeGreaterThan(1);
        const executed = (rows: { executed: number }[]) => rows.reduce((n, r) => n + r.executed, 0);
        const summed = report.groups.reduce((n, g) => n + executed(g.rows), 0);
        if (report.groupsExclusive) expect(summed).toBe(executed(total.rows));
        else expect(summed).toBeGreaterThan(executed(total.rows));
        if (groupBy === 'leadOrganisation') {
          const byLead = new Map<string, number>();
          for (const i of history.cases.flatMap((c) => c.interventions))
            if (i.executed && within(i.executed.on, params.from, params.to))
              byLead.set(i.leadOrganisation, (byLead.get(i.leadOrganisation) ?? 0) + 1);
          expect(new Map(report.groups.map((g) => [g.group, executed(g.rows)]))).toEqual(byLead);
        }
      },
    );

    it('never counts a cancelled intervention as open, and counts it as cancelled', async () => {
      const cancelled = history.cases
        .flatMap((c) => c.interventions.map((i) => ({ c, i })))
        .filter(({ i }) => i.cancelled && i.cancelled.on >= i.planned.on && i.cancelled.on < '2025-12-01');
      expect(cancelled.length).toBeGreaterThan(3);
      for (const { c, i } of cancelled.slice(0, 5)) {
        const on = i.cancelled!.on;
        const flow = await flowReport(database.db, {
          from: on,
          to: on,
          districts: [c.district],
          asKnownAt: null,
          asOf: on,
        });
        const others = history.cases.filter((x) => x.district === c.district);
        expect(flow.interventions.open).toBe(openInterventions(others, on, null));
        expect(flow.interventions.cancelled).toBeGreaterThanOrEqual(1);
      }
    });
  });

  describe('as known at an instant', () => {
    let prefix: MigratedTestDatabase;
    let logged: StoredEvent[];

    beforeAll(async () => {
      prefix = await openMigratedTestDatabase({ migrations: reportingMigrations });
      for (const target of (
        await database.db.query<{ id: string }>('SELECT id FROM reporting_targets ORDER BY position')
      ).rows) {
        const definition = (await listTargets(database.db)).find((t) => t.id === target.id)!;
        if (definition.createdBy !== 'actieprogramma')
          await defineTarget(prefix.db, new PostgresEventStore(prefix.db), definition);
      }
      logged = [];
      let after: Checkpoint | undefined;
      for (;;) {
        const batch = await store.readAll({ after, eventTypes: definition.eventTypes, limit: 2000 });
        if (batch.length === 0) break;
        logged.push(...batch);
        after = { txId: batch[batch.length - 1].txId, globalPosition: batch[batch.length - 1].globalPosition };
      }
    }, 60_000);

    afterAll(async () => {
      await prefix?.dispose();
    });

    /** The projection of only the events recorded up to t, in a database of its own. */
    const projectPrefix = (t: Date) =>
      prefix.db.transaction(async (tx) => {
        await projection.reset(tx);
        const events = logged.filter((e) => e.recordedAt.getTime() <= t.getTime());
        for (let i = 0; i < events.length; i += 1000) await projection.handle(tx, events.slice(i, i + 1000));
      });

    const day = (n: number) => isoDay(dayNumber('2024-01-01') + n);
    const DAYS = dayNumber('2026-01-15') - dayNumber('2024-01-01');

    it('every report at asKnownAt = t equals the report computed from only the events recorded up to t', async () => {
      // The log is appended in the order of its recording instants: the events recorded up to t are a prefix of it.
      expect(logged.every((e, i) => i === 0 || logged[i - 1].recordedAt <= e.recordedAt)).toBe(true);
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 20, max: DAYS }),
          fc.integer({ min: 0, max: 86_399 }),
          fc.integer({ min: 0, max: DAYS }),
          fc.integer({ min: 0, max: 200 }),
          fc.constantFrom(null, ...GROUP_BY),
          fc.subarray(DISTRICTS, { minLength: 1 }),
          fc.constantFrom(null, 'labour', 'sexual', 'criminal', 'unknown'),
          fc.constantFrom<'quarter' | 'year'>('quarter', 'year'),
          async (tDay, tSecond, fromDay, length, groupBy, districts, form, period) => {
            const t = new Date(Date.parse(`${day(tDay)}T00:00:00Z`) + tSecond * 1000);
            await projectPrefix(t);
            const from = day(fromDay);
            const to = day(Math.min(fromDay + length, DAYS));
            const asOf = day(Math.min(tDay, DAYS));
            const { year, quarter } = {
              year: Number(from.slice(0, 4)),
              quarter: (Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1) as 1 | 2 | 3 | 4,
            };
            // The targets are known from events too: in the prefix database, reading as known at t keeps every fact
            // (all were recorded by t) and picks the targets as they were then.
            const pairs = [
              (db: typeof database.db, k: Date | null) =>
                quarterlyTargetsReport(db, { year, quarter, period, asOf, asKnownAt: k ?? t, districts }),
              (db: typeof database.db, k: Date | null) =>
                interventionEffectsReport(db, { from, to, districts, form, asKnownAt: k, asOf, groupBy }),
              (db: typeof database.db, k: Date | null) =>
                flowReport(db, { from, to, districts, asKnownAt: k, asOf, groupBy }),
            ];
            for (const report of pairs) {
              const asKnown = await report(database.db, t);
              const fromPrefix = await report(prefix.db, null);
              expect({ ...fromPrefix, asKnownAt: t.toISOString() }).toEqual(asKnown);
            }
          },
        ),
        { numRuns: 12, seed: 16 },
      );
    }, 300_000);

    it('counts a reclassified case by its classification as known: the correction changes a past quarter from the moment it is recorded', async () => {
      // A case whose proposal was submitted while its forms left it out of the sexual/criminal norm, reclassified later.
      const c = history.cases.find((x) =>
        x.classifications.slice(1).some((r, n) => {
          const before = x.classifications[n].forms;
          const submitted = x.proposals.find((p) => p.submitted && p.submitted.recordedAt < r.recordedAt)?.submitted;
          const counts = (forms: string[]) => forms.includes('sexual') || forms.includes('criminal');
          return submitted !== undefined && counts(before) !== counts(r.forms);
        }),
      )!;
      expect(c).toBeDefined();
      const n = c.classifications.slice(1).findIndex((r, i) => {
        const counts = (forms: string[]) => forms.includes('sexual') || forms.includes('criminal');
        return counts(c.classifications[i].forms) !== counts(r.forms);
      });
      const correction = c.classifications[n + 1];
      const submitted = c.proposals.find((p) => p.submitted)!.submitted!;
      const { year, quarter } = {
        year: Number(submitted.on.slice(0, 4)),
        quarter: (Math.floor((Number(submitted.on.slice(5, 7)) - 1) / 3) + 1) as 1 | 2 | 3 | 4,
      };
      const actual = async (k: Date) =>
        (
          await quarterlyTargetsReport(database.db, {
            year,
            quarter,
            asOf: TODAY,
            asKnownAt: k,
            districts: [c.district],
          })
        ).districts[0].targets.find((t) => t.targetId === 'proposals-sexual-criminal')!.actual;
      const before = new Date(correction.recordedAt.getTime() - 1);
      const after = correction.recordedAt;
      const beforeWith = await actual(before);
      const afterWith = await actual(after);
      expect(afterWith - beforeWith).not.toBe(0);
      expect(beforeWith).toBe(
        expectedTargets(history, year, quarter, TODAY, before).find((d) => d.district === c.district)!.targets[0]
          .actual,
      );
      expect(afterWith).toBe(
        expectedTargets(history, year, quarter, TODAY, after).find((d) => d.district === c.district)!.targets[0].actual,
      );
    });
  });

  describe('rebuilding from the log', () => {
    it('reproduces every table row for row, streaming in batches, and ends at the live checkpoint', async () => {
      const before = await snapshot();
      await database.db.exec('GRANT SELECT ON reporting_facts, reporting_cases TO PUBLIC');
      const schemaBefore = await schemaOfTables();
      const liveCheckpoint = await readCheckpoint(database.db, definition.name);
      expect(before.reporting_facts.length).toBeGreaterThan(4000);
      expect(schemaBefore.indexes.length).toBe(16);

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
