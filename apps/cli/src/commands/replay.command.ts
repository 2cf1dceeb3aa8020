import { isDeepStrictEqual } from 'node:util';
import {
  apply,
  CaseNarrative,
  CaseReadModelProjection,
  caseStreamId,
  type CaseEvent,
  type CaseState,
} from '@baken/case-coordination';
import type { Database, EventStore } from '@baken/event-store';
import { DATABASE, EVENT_STORE } from '@baken/platform';
import { UsageError, type CliCommand } from '../cli-command';

export const command: CliCommand = {
  name: 'replay',
  usage: 'replay <caseId>         replay one case from its events, check its hash chain, compare with the read model',
  async run(app, [caseId]) {
    if (!caseId || !/^[0-9a-f-]{36}$/i.test(caseId)) throw new UsageError('replay needs a case id (a UUID).');
    const store = app.get<EventStore>(EVENT_STORE);
    const db = app.get<Database>(DATABASE);
    // The events with their free text opened (and restated after a redaction), as every reader sees them.
    const events = await app.get(CaseNarrative).readEvents(db, caseId);
    if (events.length === 0) {
      console.error(`No case ${caseId} in the event log. Check the id, or the DATABASE_URL it should be read from.`);
      return 1;
    }
    // One draft, owned here, that every event changes in turn: the same `apply` that `evolve` and `fold` are made of.
    let state: CaseState = null;
    for (const e of events) {
      state = apply(state, { type: e.type, data: e.data } as CaseEvent);
      const who = (e.metadata.actor as { username?: string } | undefined)?.username ?? '?';
      console.log(
        `${String(e.streamVersion).padStart(4)}  ${e.recordedAt.toISOString()}  ${e.type.padEnd(28)} ${who.padEnd(30)} → ${state?.status}`,
      );
    }
    const chain = await store.verifyStream(caseStreamId(caseId));
    console.log(
      chain.valid
        ? `Hash chain intact over ${chain.checkedEvents} events.`
        : `Hash chain BROKEN at version ${chain.firstInvalidVersion}.`,
    );
    const stored = await app.get(CaseReadModelProjection).stored(db, caseId);
    const same =
      stored !== null &&
      stored.version === events.length &&
      isDeepStrictEqual(stored.state, JSON.parse(JSON.stringify(state)));
    console.log(
      same
        ? 'Read model equals the replayed state.'
        : 'Read model DIFFERS from the replayed state. Rebuild it: npm run cli -- projections-rebuild case-read-models',
    );
    return chain.valid && same ? 0 : 1;
  },
};
