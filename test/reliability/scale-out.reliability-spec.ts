import { Queue } from 'bullmq';
import { DEADLINE_QUEUE } from '@baken/case-coordination';
import { businessDateOf } from '@baken/platform';
import { queryDatabase } from '../e2e/support/database';
import { daysAgo } from '../integration/deadlines/support/deadlines';
import { waitFor } from '../integration/deadlines/support/redis-server';
import { apiAppName, startScaleCluster, workerAppName, type ScaleCluster } from './support/scale-cluster';
import { ScaleClient, type SentCommand } from './support/scale-client';
import { GatedRaces, queuedFrom, settledFlag, type StreamGate, type Waiters } from './support/stream-gate';

const SWEEP_MS = 500;
/** Cases left in triage past their deadline: each must be escalated exactly once. */
const OVERDUE_CASES = 6;
/** Cases triaged and discussed under concurrent commands, If-Match races and cross-process cache checks. */
const BUSY_CASES = 3;

const today = () => businessDateOf(new Date());
const signal = (n: number) => ({
  district: 'de-baronie',
  municipality: 'breda',
  receivedOn: daysAgo(20 + (n % 5)),
  source: { type: 'police' },
  forms: ['labour'],
  vulnerabilities: [],
  summary: `Signaal ${n} voor de schaaldrill.`,
  subjects: [],
});
const assign = { coordinator: 'coordinator.de-baronie' };
const triage = (n: number) => ({
  decidedOn: today(),
  urgency: 'high',
  decision: 'refer_to_care_table',
  rationale: `Triage ${n}.`,
});
const meeting = (label: string) => ({
  heldOn: today(),
  participants: ['police_avim'],
  conclusions: label,
  victimInformed: true,
});
const subject = (n: number) => ({ role: 'victim', name: `Persoon ${n}` });

const WORKERS = [workerAppName(0), workerAppName(1)];
/** Appends of API `api` (0 or 1) queued behind a gate. */
const fromApi = (waiters: Waiters, api: number) => queuedFrom(waiters, apiAppName(api));
/** Escalations queued behind a gate, from either worker. */
const fromWorkers = (waiters: Waiters) => queuedFrom(waiters, ...WORKERS);

interface LoggedEvent {
  stream_version: number;
  event_type: string;
  correlation_id: string | null;
  data: Record<string, unknown>;
}

/**
 * Two API processes and two worker processes on one PostgreSQL database and one Redis, as operators scale Baken out.
 * Commands on the same cases arrive through both APIs at once while the workers escalate passed deadlines on those
 * cases: no update is lost, If-Match holds across processes, each deadline is escalated once, every subscription
 * catches up, and the asynchronous projections equal a rebuild from the log. The tests share one cluster and run in
 * order: each checks what the load of the first left behind.
 *
 * The races are forced, not hoped for: a gate (see `StreamGate`) holds a case's stream row while the commands of a
 * race reach their appends, and opens only once the appends it waits for — from both APIs, and the escalation a
 * worker runs on that case — are queued behind it, all decided on the same version. A run in which they never
 * queue there fails instead of passing without a race.
 */
describe('scale-out: two APIs and two workers on one database and one Redis', () => {
  let cluster: ScaleCluster;
  let coordinator: ScaleClient;
  const overdue: string[] = [];
  const busy: string[] = [];

  beforeAll(async () => {
    cluster = await startScaleCluster({ apis: 2, workers: 2, sweepMs: SWEEP_MS });
    coordinator = await ScaleClient.signIn(
      cluster.apis.map((a) => a.url),
      'coordinator.de-baronie',
    );
  }, 120_000);

  afterAll(async () => {
    await cluster?.destroy();
  }, 60_000);

  const db = () => cluster.database.url;
  const explain = (error: unknown): never => {
    throw new Error(`${(error as Error).message}\n${cluster.outputs()}`);
  };
  const eventsOf = (caseId: string) =>
    queryDatabase<LoggedEvent & Record<string, unknown>>(
      db(),
      `SELECT stream_version, event_type, metadata->>'correlationId' AS correlation_id, data FROM es_events
     WHERE stream_id = $1 ORDER BY stream_version`,
      [`case-${caseId}`],
    );

  it('loses no update while both APIs take concurrent commands on the same cases', async () => {
    // The escalations wait in the paused queue until the races are set up, so that the workers' appends race the APIs'.
    const [{ prefix }] = await queryDatabase<{ prefix: string }>(db(), 'SELECT prefix FROM job_queue_namespace');
    const escalations = new Queue(DEADLINE_QUEUE, { connection: { url: cluster.redis.url }, prefix });
    const races = new GatedRaces(db());
    let results: (BusyOutcome | undefined)[];
    try {
      await escalations.pause();
      // Registered alternately through each API; the busy cases go to triage at once.
      for (let n = 0; n < OVERDUE_CASES + BUSY_CASES; n++) {
        const caseId = await coordinator.register(n % 2, signal(n));
        (n < OVERDUE_CASES ? overdue : busy).push(caseId);
      }
      for (const caseId of busy) expect((await coordinator.command(0, caseId, '/assign', assign)).status).toBe(200);

      // The sweeps put every case's escalation (job id = deadline id) in the paused queue.
      const cases = [...overdue, ...busy];
      await waitFor(
        async () => {
          const deadlines = await queryDatabase<{ deadline_id: string }>(
            db(),
            `SELECT deadline_id::text FROM deadlines WHERE kind = 'triage' AND case_id = ANY($1::uuid[])`,
            [cases],
          );
          const jobs = await Promise.all(deadlines.map((d) => escalations.getJob(d.deadline_id)));
          return deadlines.length === cases.length && jobs.every((job) => job !== undefined);
        },
        60_000,
        'the workers did not enqueue an escalation for every case',
      ).catch(explain);

      // A gate on every case's stream; then each busy case is triaged four times at once, two through each API.
      const gates = new Map<string, StreamGate>();
      for (const caseId of cases) gates.set(caseId, await races.shut(`case-${caseId}`));
      const triages = busy.map((caseId) =>
        Promise.all(Array.from({ length: 4 }, (_, i) => coordinator.command(i % 2, caseId, '/triage', triage(i)))),
      );
      const triagesAnswered = settledFlag(Promise.all(triages));
      for (const caseId of busy) {
        await gates
          .get(caseId)!
          .waitUntil('the four triages', (w) => fromApi(w, 0) === 2 && fromApi(w, 1) === 2, {
            gaveUp: () => (triagesAnswered() ? 'the triages were answered while the gate was shut' : undefined),
          })
          .catch(explain);
      }

      // Now the workers take the escalations, and each blocks at its case's gate. A busy case's gate opens as soon as
      // its escalation has joined the four triages there. The six overdue cases' escalations stay queued until their
      // storms: a worker runs at most four deadline jobs at once, so both workers hold some of them.
      await escalations.resume();
      await waitFor(
        async () => {
          for (const caseId of busy) {
            const gate = gates.get(caseId)!;
            if (gate.isOpen) continue;
            const waiters = await gate.waiters();
            if (fromWorkers(waiters) > 0) await races.open(`triage of ${caseId} against its escalation`, gate, waiters);
          }
          const atOverdue = await Promise.all(overdue.map((caseId) => gates.get(caseId)!.waiters()));
          return (
            busy.every((caseId) => gates.get(caseId)!.isOpen) &&
            atOverdue.every((w) => fromWorkers(w) === 1) &&
            WORKERS.every((worker) => atOverdue.some((w) => queuedFrom(w, worker) > 0))
          );
        },
        60_000,
        'the escalations did not queue at the gates, from both workers',
      ).catch(explain);

      const load = Promise.all([
        ...overdue.map((caseId) => stormOverdueCase(coordinator, races, gates.get(caseId)!, caseId)),
        ...busy.map((caseId, i) => driveBusyCase(coordinator, races, caseId, triages[i])),
      ]);
      results = await load.catch(explain);
    } finally {
      await races.openAll();
      await escalations.resume();
      await escalations.close();
    }

    // Each race the gates forced had its contestants queued: both APIs (and the escalation, at an overdue case).
    for (const race of races.forced) {
      expect({ race: race.label, fromBothApis: fromApi(race.waiters, 0) > 0 && fromApi(race.waiters, 1) > 0 }).toEqual({
        race: race.label,
        fromBothApis: true,
      });
    }
    expect(
      races.forced.filter((r) => r.label.startsWith('storm') && fromWorkers(r.waiters) !== 1).map((r) => r.label),
    ).toEqual([]);

    // Whatever the interleaving, no command failed with a server error.
    for (const sent of coordinator.sent) expect([200, 201, 409, 412]).toContain(sent.status);
    // Every command without If-Match was accepted: a version conflict is retried on the newer state, not lost.
    const unconditional = coordinator.sent.filter((s) => s.ifMatch === undefined && !s.path.endsWith('/triage'));
    expect(
      unconditional.filter((s) => s.status >= 300).map((s) => `${s.path}: ${s.status} ${JSON.stringify(s.body)}`),
    ).toEqual([]);

    // The workers escalated the overdue cases during the load; once that is in the log, nothing writes to these cases.
    await waitFor(
      async () => {
        const [{ n }] = await queryDatabase<{ n: string }>(
          db(),
          `SELECT count(DISTINCT stream_id)::text AS n FROM es_events WHERE event_type = 'DeadlineMissed' AND stream_id = ANY($1::text[])`,
          [overdue.map((id) => `case-${id}`)],
        );
        return Number(n) === overdue.length;
      },
      60_000,
      'the workers did not escalate every overdue case',
    ).catch(explain);

    for (const caseId of [...overdue, ...busy]) {
      const events = await eventsOf(caseId);
      // The stream has no gap, and the read models and both APIs are at its last version.
      expect(events.map((e) => e.stream_version)).toEqual(events.map((_, i) => i + 1));
      const version = events.length;
      const [detail] = await queryDatabase<{ details: number; list: number }>(
        db(),
        'SELECT d.version AS details, l.version AS list FROM case_details d JOIN case_list l USING (case_id) WHERE case_id = $1',
        [caseId],
      );
      expect(detail).toEqual({ details: version, list: version });
      const views = await Promise.all([0, 1].map((api) => coordinator.get(api, `/api/cases/${caseId}`)));
      for (const view of views) {
        expect(view.etag).toBe(`"${version}"`);
        expect(view.body.version).toBe(version);
      }

      // Each accepted command wrote exactly one event, at the version it was answered; each refused one wrote nothing.
      const byCorrelation = new Map<string, LoggedEvent[]>();
      for (const e of events)
        if (e.correlation_id) byCorrelation.set(e.correlation_id, [...(byCorrelation.get(e.correlation_id) ?? []), e]);
      const sent = coordinator.sent.filter((s) => s.caseId === caseId);
      for (const s of sent) {
        const written = byCorrelation.get(s.correlationId) ?? [];
        if (s.status < 300)
          expect({ path: s.path, versions: written.map((e) => e.stream_version) }).toEqual({
            path: s.path,
            versions: [s.version],
          });
        else
          expect({ path: s.path, status: s.status, written: written.length }).toEqual({
            path: s.path,
            status: s.status,
            written: 0,
          });
      }
      const accepted = sent.filter((s) => s.status < 300);
      expect(new Set(accepted.map((s) => s.version)).size).toBe(accepted.length);

      // The final state holds every accepted change.
      const state = views[1].body;
      const meetings = accepted
        .filter((s) => s.path === '/care-table-meetings')
        .map((s) => (s as SentCommand & { label: string }).label);
      expect(state.careTableMeetings.map((m: { conclusions: string }) => m.conclusions).sort()).toEqual(
        meetings.sort(),
      );
      const subjects = accepted.filter((s) => s.path === '/subjects').map((s) => s.body.subjectId as string);
      expect(state.subjects.map((s: { subjectId: string }) => s.subjectId).sort()).toEqual(subjects.sort());
    }

    // The conditional races had the outcomes a single process would give.
    for (const r of results.filter((x): x is BusyOutcome => x !== undefined)) {
      expect(r.triage.sort()).toEqual([200, 409, 409, 409]);
      expect(r.sameIfMatch.sort()).toEqual([200, 412, 412, 412, 412, 412]);
      expect(r.staleCache).toEqual({ staleIfMatch: 412, freshIfMatch: 200, freshVersion: r.expectedFreshVersion });
    }
  }, 120_000);

  it('escalates each passed deadline exactly once, though both workers sweep and process jobs', async () => {
    await waitFor(
      async () => {
        const rows = await queryDatabase<{ n: string }>(
          db(),
          `SELECT count(*)::text AS n FROM deadlines WHERE case_id = ANY($1::uuid[]) AND kind = 'triage' AND missed_at IS NOT NULL`,
          [overdue],
        );
        return Number(rows[0].n) === overdue.length;
      },
      60_000,
      'the overdue triage deadlines were not all escalated and recorded',
    ).catch(explain);
    // A few more sweeps: both workers enqueue again whatever is still open; none may escalate a second time.
    await new Promise((r) => setTimeout(r, 3 * SWEEP_MS));

    const missed = await queryDatabase<{
      case_id: string;
      kind: string;
      ref: string;
      due_on: string;
      n: string;
      actors: string[];
    }>(
      db(),
      `SELECT substr(stream_id, 6) AS case_id, data->>'kind' AS kind, data->>'ref' AS ref, data->>'dueOn' AS due_on, count(*)::text AS n,
              array_agg(DISTINCT metadata->'actor'->>'username') AS actors
       FROM es_events WHERE event_type = 'DeadlineMissed' GROUP BY 1, 2, 3, 4`,
    );
    expect(missed.filter((m) => m.n !== '1')).toEqual([]);
    expect(
      missed
        .filter((m) => overdue.includes(m.case_id))
        .map((m) => [m.case_id, m.kind, m.ref])
        .sort(),
    ).toEqual(overdue.map((id) => [id, 'triage', id]).sort());
    for (const m of missed) expect(m.actors).toEqual(['system']);

    // A busy case was triaged while its deadline was passing: escalated at most once, and only before the triage.
    for (const caseId of busy) {
      const types = (await eventsOf(caseId)).map((e) => e.event_type);
      const escalated = types.indexOf('DeadlineMissed');
      if (escalated >= 0) expect(escalated).toBeLessThan(types.indexOf('SignalTriaged'));
    }
    const rows = await queryDatabase<{ case_id: string; status: string; missed: boolean }>(
      db(),
      `SELECT case_id::text, status, missed_at IS NOT NULL AS missed FROM deadlines WHERE case_id = ANY($1::uuid[])`,
      [[...overdue, ...busy]],
    );
    expect(rows.filter((r) => overdue.includes(r.case_id)).map((r) => [r.status, r.missed])).toEqual(
      overdue.map(() => ['open', true]),
    );
    expect(rows.filter((r) => busy.includes(r.case_id)).map((r) => r.status)).toEqual(busy.map(() => 'done'));
  }, 120_000);

  it('catches every subscription up, and the projections the workers wrote equal a rebuild from the log', async () => {
    const admin = await ScaleClient.signIn(
      cluster.apis.map((a) => a.url),
      'admin',
    );
    const lags = async (api: number) =>
      (await admin.get(api, '/api/projections')).body as { name: string; lag: number }[];
    await waitFor(
      async () => (await lags(0)).every((p) => p.lag === 0),
      60_000,
      'the subscriptions did not catch up',
    ).catch(explain);
    const names = (await lags(1)).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['deadlines', 'reporting-facts']));
    const checkpoints = await queryDatabase<{ subscriber_id: string }>(
      db(),
      'SELECT subscriber_id FROM es_checkpoints',
    );
    expect(checkpoints.map((c) => c.subscriber_id)).toEqual(expect.arrayContaining(names));

    // Stopped, the workers leave the projections as they wrote them; the operator's rebuild must give the same rows.
    await Promise.all(cluster.workers.map((w) => w.stop()));
    expect((await lags(1)).filter((p) => p.lag !== 0)).toEqual([]);
    const live = await projectionRows(db());
    expect(live.reporting_facts.length).toBeGreaterThan(0);
    expect(live.deadlines.length).toBe(OVERDUE_CASES + BUSY_CASES);
    expect(live.reporting_case_classifications.length).toBeGreaterThan(0);
    expect(live.notifications.length).toBeGreaterThan(0);

    // `projections:rebuild` is another name of `projections-rebuild`.
    const output = await cluster.cli('projections:rebuild');
    expect(output).toMatch(/reporting-facts: \d+ events/);
    expect(output).toMatch(/deadlines: \d+ events/);
    expect(await projectionRows(db())).toEqual(live);
  }, 120_000);
});

interface BusyOutcome {
  triage: number[];
  sameIfMatch: number[];
  staleCache: { staleIfMatch: number; freshIfMatch: number; freshVersion: number | undefined };
  expectedFreshVersion: number;
}

/** Commands each API sends in a storm without If-Match: four reassignments and three new subjects. */
const STORM_UNCONDITIONAL_PER_API = 7;

/**
 * Reassignments and new subjects through both APIs at once, and If-Match taken from one API and sent to the other,
 * raced at the gate where the case's escalation already waits: the gate opens once at least as many appends as each
 * API sends without If-Match are queued from each.
 */
async function stormOverdueCase(
  client: ScaleClient,
  races: GatedRaces,
  gate: StreamGate,
  caseId: string,
): Promise<undefined> {
  await races.race(
    `storm on ${caseId}`,
    gate,
    () =>
      Promise.all([
        ...Array.from({ length: 8 }, (_, i) => client.command(i % 2, caseId, '/assign', assign)),
        ...Array.from({ length: 6 }, (_, i) => client.command((i + 1) % 2, caseId, '/subjects', subject(i))),
        ...Array.from({ length: 6 }, async (_, i) => {
          const seen = await client.get(i % 2, `/api/cases/${caseId}`);
          return client.command((i + 1) % 2, caseId, '/assign', assign, Number(JSON.parse(seen.etag!)));
        }),
      ]),
    (w) => fromApi(w, 0) >= STORM_UNCONDITIONAL_PER_API && fromApi(w, 1) >= STORM_UNCONDITIONAL_PER_API,
  );
  return undefined;
}

/** A meeting command remembers its conclusions, to find it in the final state. */
async function meetingCommand(client: ScaleClient, api: number, caseId: string, label: string, ifMatch?: number) {
  const sent = await client.command(api, caseId, '/care-table-meetings', meeting(label), ifMatch);
  return Object.assign(sent, { label });
}

/**
 * The triage raced through both APIs against the escalation (set up by the test), then meetings without and with
 * If-Match from both, each raced at a gate that opens only when all of them are queued behind it, then the
 * stream-head cache check: an API that wrote version v caches that head; after the other API writes v+1, If-Match v
 * must still be refused and If-Match v+1 accepted at v+2 by the API with the stale cache.
 */
async function driveBusyCase(
  client: ScaleClient,
  races: GatedRaces,
  caseId: string,
  triaged: Promise<SentCommand[]>,
): Promise<BusyOutcome> {
  const triage4 = await triaged;
  const stream = `case-${caseId}`;
  await races.race(
    `meetings on ${caseId}`,
    stream,
    () =>
      Promise.all(Array.from({ length: 8 }, (_, i) => meetingCommand(client, i % 2, caseId, `${caseId} free ${i}`))),
    (w) => fromApi(w, 0) === 4 && fromApi(w, 1) === 4,
  );

  const version = Number(JSON.parse((await client.get(0, `/api/cases/${caseId}`)).etag!));
  // All six pass the If-Match check on the same version and queue at the gate: five lose at the append, across processes.
  const same = await races.race(
    `if-match meetings on ${caseId}`,
    stream,
    () =>
      Promise.all(
        Array.from({ length: 6 }, (_, i) => meetingCommand(client, i % 2, caseId, `${caseId} if-match ${i}`, version)),
      ),
    (w) => fromApi(w, 0) === 3 && fromApi(w, 1) === 3,
  );

  const cached = await meetingCommand(client, 0, caseId, `${caseId} cached`);
  const moved = await meetingCommand(client, 1, caseId, `${caseId} moved`);
  const stale = await meetingCommand(client, 0, caseId, `${caseId} stale`, cached.version);
  const fresh = await meetingCommand(client, 0, caseId, `${caseId} fresh`, moved.version);
  return {
    triage: triage4.map((r) => r.status),
    sameIfMatch: same.map((r) => r.status),
    staleCache: { staleIfMatch: stale.status, freshIfMatch: fresh.status, freshVersion: fresh.version },
    expectedFreshVersion: moved.version! + 1,
  };
}

/** Every row of the asynchronous projections' tables, as text, in key order. */
async function projectionRows(url: string): Promise<Record<string, string[]>> {
  const tables: Record<string, string> = {
    reporting_cases: 'case_id',
    reporting_interventions: 'intervention_id',
    reporting_facts: 'event_id',
    reporting_case_spells: 'opened_event_id',
    reporting_case_classifications: 'event_id',
    deadlines: 'deadline_id',
    deadline_cases: 'case_id',
    notifications: 'notification_id',
    notification_cases: 'case_id',
    notification_programme_actions: 'action_id',
  };
  const rows: Record<string, string[]> = {};
  for (const [table, key] of Object.entries(tables)) {
    rows[table] = (
      await queryDatabase<{ row: string }>(url, `SELECT t::text AS row FROM ${table} t ORDER BY ${key}`)
    ).map((r) => r.row);
  }
  return rows;
}
