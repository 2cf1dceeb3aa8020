import type { Database } from '@baken/event-store';
import { CONFIG, DATABASE, ensureRuntimeRole, runtimeRolePassword, type AppConfig } from '@baken/platform';
import { UsageError, type CliCommand } from '../cli-command';

export const command: CliCommand = {
  name: 'db-roles',
  usage:
    'db-roles                create or update the least-privileged role the API and workers serve as (run as the owner or a superuser)',
  async run(app, args) {
    if (args.length) throw new UsageError('db-roles takes no arguments.');
    const config = app.get<AppConfig>(CONFIG);
    const given = config.databaseRoles.runtimeDatabaseUrl;
    const role = given ? decodeURIComponent(new URL(given).username) : config.databaseRoles.runtimeRole;
    await ensureRuntimeRole(app.get<Database>(DATABASE), role, given ? null : runtimeRolePassword(config.masterKey));
    console.log(
      `Role ${role} may append events and access-log lines, read everything and write the read models; it may not ` +
        'update or delete events, truncate, alter tables or switch triggers off.',
    );
    console.log(
      given
        ? 'Its password is the one in BAKEN_RUNTIME_DATABASE_URL (set it with ALTER ROLE).'
        : 'Its password is derived from BAKEN_MASTER_KEY; every process of this deployment finds it without storing it.',
    );
    return 0;
  },
};
