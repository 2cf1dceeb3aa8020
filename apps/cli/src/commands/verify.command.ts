import { describeSealCheck, Sealer, type Database, type EventStore } from '@baken/event-store';
import { DATABASE, EVENT_STORE } from '@baken/platform';
import { progress, UsageError, type CliCommand } from '../cli-command';

export const command: CliCommand = {
  name: 'verify',
  usage:
    'verify                  check the hash chain of every stream and every stream against the latest seal; exits 1 and names each stream that was rewritten or truncated',
  async run(app, args) {
    if (args.length) throw new UsageError('verify takes no arguments.');
    const db = app.get<Database>(DATABASE);
    const store = app.get<EventStore>(EVENT_STORE);
    const sealer = app.get(Sealer);
    // Streams by their row and by their events: an event written under a stream id without a row is found too.
    const { rows } = await db.query<{ stream_id: string }>(
      'SELECT stream_id FROM es_streams UNION SELECT DISTINCT stream_id FROM es_events ORDER BY 1',
    );
    const problems: string[] = [];
    const lengths = new Map<string, number>();
    let events = 0;
    for (const [i, { stream_id: streamId }] of rows.entries()) {
      const result = await store.verifyStream(streamId);
      events += result.checkedEvents;
      if (result.valid) lengths.set(streamId, result.checkedEvents);
      else problems.push(`BROKEN  ${streamId}: the first version that does not match is ${result.firstInvalidVersion}`);
      progress('Verifying hash chains', i + 1, rows.length);
    }
    process.stdout.write('\n');
    // A chain recomputed after a change, or cut short, is intact in itself: the seal, kept outside the database, is not.
    const history = sealer.read();
    for (const problem of history.problems) problems.push(`SEAL LOG  ${problem}`);
    const chainsBroken = problems.length - history.problems.length;
    const present = new Set(rows.map((r) => r.stream_id));
    // A stream whose chain is broken is still compared at its sealed version; one that is gone has no events.
    const findings = await sealer.checkAll(
      db,
      (streamId) => lengths.get(streamId) ?? (present.has(streamId) ? Number.MAX_SAFE_INTEGER : 0),
    );
    for (const { streamId, check } of findings)
      problems.push(
        `${check.status === 'truncated' ? 'TRUNCATED' : 'REWRITTEN'}  ${describeSealCheck(streamId, check)}`,
      );
    for (const p of problems) console.error(p);
    const sealNote = history.latest
      ? `Checked against ${history.latest.sealId} of ${history.latest.at} (${history.latest.streams} streams).`
      : 'Nothing has been sealed yet (npm run cli -- seal).';
    console.log(
      problems.length === 0
        ? `All ${rows.length} streams intact (${events} events checked). ${sealNote}`
        : `${chainsBroken} of ${rows.length} streams have a broken hash chain, ${findings.length} no longer match the seal${history.problems.length ? ', and the seal log does not hold up' : ''}. ${sealNote}`,
    );
    return problems.length === 0 ? 0 : 1;
  },
};
