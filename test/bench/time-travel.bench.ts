import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { findDemoUser, type Actor } from '@baken/access';
import {
  CaseQueries,
  CaseReadModelProjection,
  evolve,
  caseStreamId,
  type CaseEvent,
  type CaseState,
  type OpenCase,
} from '@baken/case-coordination';
import { type Database, type EventStore } from '@baken/event-store';
import { createTestDatabase } from '@baken/event-store/testing';
import { DATABASE, EVENT_STORE, loadConfig, systemClock } from '@baken/platform';
import { AppModule } from '../../apps/api/src/app.module';
import { alternatingMediansMs, type BenchContext } from './harness';

/** A case with `total` events: registered, assigned, referred to the care table, then many care-table meetings. */
export function longCaseEvents(caseId: string, total: number): CaseEvent[] {
  const events: CaseEvent[] = [
    {
      type: 'SignalRegistered',
      data: {
        caseId,
        reference: 'ZWB-2026-99999',
        district: 'de-baronie',
        municipality: 'breda',
        receivedOn: '2026-01-05',
        source: { type: 'police' },
        forms: ['labour'],
        vulnerabilities: [],
        summary: 'Lange casus voor de meting.',
        subjects: [],
        registeredBy: 'coordinator.de-baronie',
      },
    },
    { type: 'CoordinatorAssigned', data: { coordinator: 'coordinator.de-baronie' } },
    {
      type: 'SignalTriaged',
      data: { decidedOn: '2026-01-06', urgency: 'normal', decision: 'refer_to_care_table', rationale: 'Meting.' },
    },
  ];
  while (events.length < total) {
    events.push({
      type: 'CareTableMeetingRecorded',
      data: {
        meetingId: randomUUID(),
        heldOn: '2026-01-07',
        participants: ['care_coordinator', 'police_avim'],
        conclusions: 'Voortgang besproken; afspraken over vervolgstappen gemaakt met alle ketenpartners aan tafel.',
        victimInformed: true,
      },
    });
  }
  return events;
}

/** Time travel to the last version of a 1,000-event case against the raw read of its stream. */
export async function benchTimeTravel(ctx: BenchContext): Promise<void> {
  const total = 1000;
  const database = await createTestDatabase('baken_bench');
  const dataDir = mkdtempSync(join(tmpdir(), 'baken-bench-'));
  const config = {
    ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, BAKEN_DATA_DIR: dataDir }),
    runSubscriptions: false,
  };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, systemClock), { logger: ['error'] });
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    const db = app.get<Database>(DATABASE);
    const caseId = randomUUID();
    const events = longCaseEvents(caseId, total);
    ctx.log(`time travel: writing a ${total}-event case`);
    for (let i = 0; i < events.length; i += 100) {
      const batch = events.slice(i, i + 100);
      await store.appendToStream(
        caseStreamId(caseId),
        batch.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data })),
        { expectedVersion: i === 0 ? 'no_stream' : i },
      );
    }
    const state = events.reduce<CaseState>(evolve, null) as OpenCase;
    await app.get(CaseReadModelProjection).apply(db, state, total);
    const auditor = findDemoUser('auditor') as Actor;
    const queries = app.get(CaseQueries);
    const repeat = ctx.quick ? 3 : 25;
    ctx.log('time travel: raw stream read and GET /api/cases/{id}?version=1000 (query service), taking turns');
    // Taking turns, so that a burst of load from elsewhere on the machine falls on both sides alike.
    const [rawMs, travelMs] = await alternatingMediansMs(repeat, [
      () => store.readStream(caseStreamId(caseId)),
      async () => {
        const result = await queries.detail(auditor, caseId, { version: total });
        if (result.version !== total) throw new Error('time travel returned the wrong version');
      },
    ]);
    const ratio = travelMs / rawMs;
    ctx.figures.push({
      id: 'time-travel',
      figure: `time travel to the last version of a ${total}-event case`,
      measured: `${travelMs.toFixed(1)} ms`,
      baseline: `raw stream read of those events: ${rawMs.toFixed(1)} ms`,
      ratio,
      goal: '≤ 2× (ratio is time ÷ baseline)',
      met: ratio <= 2,
    });
  } finally {
    await app.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const benchmarks = { 'time-travel': benchTimeTravel };
