import { CommandBus } from '@nestjs/cqrs';
import { CareTableSessions, seedDemoCases } from '@baken/case-coordination';
import { CONFIG, isProduction, systemClock, type AppConfig } from '@baken/platform';
import { progress, UsageError, type CliCommand } from '../cli-command';

export const command: CliCommand = {
  name: 'seed-demo',
  usage: 'seed-demo [--count N]   add N realistic demo cases (default 40) with invented people; not in production',
  valueOptions: ['count'],
  async run(app, _args, options) {
    // Invented people among real cases: demo data goes only where demo mode may run (NODE_ENV development or test).
    const { nodeEnv } = app.get<AppConfig>(CONFIG);
    if (isProduction(nodeEnv))
      throw new UsageError(`seed-demo adds invented cases and is refused with NODE_ENV=${nodeEnv}.`);
    const count = Number(options.count ?? 40);
    if (!Number.isInteger(count) || count < 1 || count > 100000)
      throw new UsageError('--count must be a whole number from 1 to 100000.');
    await seedDemoCases(
      app.get(CommandBus),
      systemClock.now(),
      count,
      (done, total) => progress('Seeding demo cases', done, total),
      app.get(CareTableSessions),
    );
    process.stdout.write('\n');
    return 0;
  },
};
