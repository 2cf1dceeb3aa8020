import type { Database, EventStore } from '@baken/event-store';
import { DATABASE, EVENT_STORE } from '@baken/platform';
import { progress, UsageError, type CliCommand } from '../cli-command';

export const command: CliCommand = {
  name: 'verify',
  usage:
    'verify                  check the hash chain of every stream; exits 1 and names the first bad version when one is broken',
  async run(app, args) {
    if (args.length) throw new UsageError('verify takes no arguments.');
    const db = app.get<Database>(DATABASE);
    const store = app.get<EventStore>(EVENT_STORE);
    // Streams by their row and by their events: an event written under a stream id without a row is found too.
    const { rows } = await db.query<{ stream_id: string }>(
      'SELECT stream_id FROM es_streams UNION SELECT DISTINCT stream_id FROM es_events ORDER BY 1',
    );
    const broken: { streamId: string; version: number | null }[] = [];
    let events = 0;
    for (const [i, { stream_id: streamId }] of rows.entries()) {
      const result = await store.verifyStream(streamId);
      events += result.checkedEvents;
      if (!result.valid) broken.push({ streamId, version: result.firstInvalidVersion });
      progress('Verifying hash chains', i + 1, rows.length);
    }
    process.stdout.write('\n');
    for (const b of broken)
      console.error(`BROKEN  ${b.streamId}: the first version that does not match is ${b.version}`);
    console.log(
      broken.length === 0
        ? `All ${rows.length} streams intact (${events} events checked).`
        : `${broken.length} of ${rows.length} streams have a broken hash chain.`,
    );
    return broken.length === 0 ? 0 : 1;
  },
};
