import type { Database } from '@baken/event-store';
import { businessDateOf, DATABASE, JobQueues, systemClock } from '@baken/platform';
import { DeadlineSweeper } from '@baken/case-coordination';
import { UsageError, type CliCommand } from '../cli-command';

export const command: CliCommand = {
  name: 'deadlines',
  usage: 'deadlines [--sweep]      open deadlines per kind; --sweep enqueues every open deadline on Redis again',
  async run(app, args, options) {
    if (args.length) throw new UsageError(`deadlines takes no arguments (got ${args.join(' ')}).`);
    const { rows } = await app
      .get<Database>(DATABASE)
      .query<{ kind: string; open: string; overdue: string; escalated: string }>(
        `SELECT kind, count(*)::text AS open, count(*) FILTER (WHERE due_on < $1::date)::text AS overdue,
              count(*) FILTER (WHERE missed_at IS NOT NULL)::text AS escalated
       FROM deadlines WHERE status = 'open' GROUP BY kind ORDER BY kind`,
        [businessDateOf(systemClock.now())],
      );
    if (rows.length === 0) console.log('No open deadlines.');
    for (const r of rows)
      console.log(
        `${r.kind.padEnd(18)} ${r.open.padStart(6)} open, ${r.overdue.padStart(6)} overdue, ${r.escalated.padStart(6)} recorded as missed`,
      );
    if (!options.sweep) return 0;
    const queues = app.get(JobQueues);
    if ((await queues.start()) !== 'redis') {
      console.error('No Redis (set REDIS_URL): without it deadlines are escalated by the running application itself.');
      return 1;
    }
    if (!queues.redisAvailable) {
      console.error('Redis is unreachable; try again when it is back (the application also does this by itself then).');
      return 1;
    }
    console.log(
      `Enqueued ${await app.get(DeadlineSweeper).sweep('all')} open deadline(s); existing jobs were left as they were.`,
    );
    return 0;
  },
};
