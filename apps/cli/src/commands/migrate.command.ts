import { migrate, type Database } from '@baken/event-store';
import { DATABASE } from '@baken/platform';
import { ALL_MIGRATIONS } from '../../../api/src/app.module';
import type { CliCommand } from '../cli-command';

export const command: CliCommand = {
  name: 'migrate',
  usage: 'migrate                 apply pending database migrations',
  async run(app) {
    const applied = await migrate(app.get<Database>(DATABASE), ALL_MIGRATIONS);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    return 0;
  },
};
