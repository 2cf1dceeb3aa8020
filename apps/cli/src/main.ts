import 'reflect-metadata';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { CaseReadModelProjection, evolve, seedDemoCases, streamIdOf, type CaseEvent, type CaseState } from '@baken/case-coordination';
import { migrate, type Database, type EventStore } from '@baken/event-store';
import { ConfigurationError, DATABASE, EVENT_STORE, loadConfig, systemClock } from '@baken/platform';
import { ALL_MIGRATIONS, AppModule } from '../../api/src/app.module';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                 apply pending database migrations
  seed-demo [--count N]   add N realistic demo cases (default 40) with invented people
  replay <caseId>         replay one case from its events, check its hash chain and compare with the read model

Configuration comes from the environment, as for the API (DATABASE_URL, BAKEN_DATA_DIR, BAKEN_MASTER_KEY).`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { count: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, systemClock), { logger: ['error', 'warn'] });
  try {
    const db = app.get<Database>(DATABASE);
    switch (command) {
      case 'migrate': {
        const applied = await migrate(db, ALL_MIGRATIONS);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
        return 0;
      }
      case 'seed-demo': {
        const count = Number(values.count ?? 40);
        if (!Number.isInteger(count) || count < 1 || count > 100000) throw new UsageError('--count must be a whole number from 1 to 100000.');
        await seedDemoCases(app.get(CommandBus), systemClock.now(), count, (done, total) => {
          if (done === total || done % 10 === 0) process.stdout.write(`\rSeeding demo cases: ${done}/${total}`);
        });
        process.stdout.write('\n');
        return 0;
      }
      case 'replay':
        return await replay(app.get<EventStore>(EVENT_STORE), db, rest[0]);
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } finally {
    await app.close();
  }
}

async function replay(store: EventStore, db: Database, caseId: string | undefined): Promise<number> {
  if (!caseId || !/^[0-9a-f-]{36}$/i.test(caseId)) throw new UsageError('replay needs a case id (a UUID), e.g. npm run cli -- replay 3f0c…');
  const events = await store.readStream(streamIdOf(caseId));
  if (events.length === 0) {
    console.error(`No case ${caseId} in the event log.`);
    return 1;
  }
  let state: CaseState = null;
  for (const e of events) {
    state = evolve(state, { type: e.type, data: e.data } as CaseEvent);
    const who = (e.metadata.actor as { username?: string } | undefined)?.username ?? '?';
    console.log(`${String(e.streamVersion).padStart(4)}  ${e.recordedAt.toISOString()}  ${e.type.padEnd(28)} ${who.padEnd(30)} → ${state?.status}`);
  }
  const chain = await store.verifyStream(streamIdOf(caseId));
  console.log(chain.valid ? `Hash chain intact over ${chain.checkedEvents} events.` : `Hash chain BROKEN at version ${chain.firstInvalidVersion}.`);
  const stored = await new CaseReadModelProjection().load(db, caseId);
  const same = stored !== null && stored.version === events.length && isDeepStrictEqual(stored.state, JSON.parse(JSON.stringify(state)));
  console.log(same ? 'Read model equals the replayed state.' : 'Read model DIFFERS from the replayed state: rebuild the read models.');
  return chain.valid && same ? 0 : 1;
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else if (error instanceof ConfigurationError) console.error(`Configuration: ${error.message}`);
    else console.error('Failed:', error instanceof Error ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
