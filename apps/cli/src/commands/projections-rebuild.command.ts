import { CaseReadModelProjection } from '@baken/case-coordination';
import type { Database, EventStore } from '@baken/event-store';
import { DATABASE, EVENT_STORE, SubscriptionRegistry } from '@baken/platform';
import { DEFAULT_REBUILD_BATCH_SIZE, rebuildProjection } from '@baken/reporting';
import { progress, UsageError, type CliCommand } from '../cli-command';

/** The inline case list and case detail: folded again from every case's stream, beside live commands. */
const CASE_READ_MODELS = 'case-read-models';

export const command: CliCommand = {
  name: 'projections-rebuild',
  aliases: ['projections:rebuild'],
  usage: `projections-rebuild [name] [--batch-size N]   rebuild the case read models (${CASE_READ_MODELS}) and the asynchronous projections from the event log, or only the one named (N events per batch, default ${DEFAULT_REBUILD_BATCH_SIZE})`,
  valueOptions: ['batch-size'],
  async run(app, [name, ...rest], options) {
    if (rest.length)
      throw new UsageError(
        `projections-rebuild takes one projection name at most (got ${[name, ...rest].join(' ')}); write options as --batch-size N.`,
      );
    const raw = options['batch-size'];
    const batchSize = raw === undefined ? DEFAULT_REBUILD_BATCH_SIZE : typeof raw === 'string' ? Number(raw) : NaN;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100000)
      throw new UsageError('--batch-size N: a whole number from 1 to 100000.');
    const registry = app.get(SubscriptionRegistry);
    const rebuildable = registry.all().filter((d) => d.reset !== undefined);
    const db = app.get<Database>(DATABASE);
    if (name === undefined || name === CASE_READ_MODELS) {
      const started = Date.now();
      const label = `Rebuilding ${CASE_READ_MODELS}`;
      progress(label, 0);
      const cases = await app.get(CaseReadModelProjection).rebuild(db, (done, total) => progress(label, done, total));
      process.stdout.write(`\n${CASE_READ_MODELS}: ${cases} cases, ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
      if (name === CASE_READ_MODELS) return 0;
    }
    let chosen = rebuildable;
    if (name !== undefined) {
      const definition = registry.get(name);
      if (!definition) {
        throw new UsageError(
          `No projection "${name}". Projections: ${[CASE_READ_MODELS, ...rebuildable.map((d) => d.name)].join(', ')}.`,
        );
      }
      if (!definition.reset) throw new UsageError(`"${name}" is a process, not a projection; it cannot be rebuilt.`);
      chosen = [definition];
    }
    if (chosen.length === 0) {
      console.log('There are no projections to rebuild.');
      return 0;
    }
    const store = app.get<EventStore>(EVENT_STORE);
    for (const definition of chosen) {
      const started = Date.now();
      const label = `Rebuilding ${definition.name}`;
      progress(label, 0);
      const result = await rebuildProjection(db, store, definition, {
        batchSize,
        onProgress: (done, total) => progress(label, done, total),
      });
      process.stdout.write(
        `\n${definition.name}: ${result.events} events in ${result.batches} batches, ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
      );
    }
    return 0;
  },
};
