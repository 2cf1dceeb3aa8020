import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { TransactionIdsBehindLog } from '@baken/event-store';
import { ConfigurationError, loadConfig, systemClock } from '@baken/platform';
import { AppModule } from '../../api/src/app.module';
import { UsageError, type CliCommand } from './cli-command';

function loadCommands(): CliCommand[] {
  const dir = join(__dirname, 'commands');
  return (
    readdirSync(dir)
      .filter((f) => /\.command\.(js|ts)$/.test(f))
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- commands are found at run time
      .map((f) => (require(join(dir, f)) as { command: CliCommand }).command)
      .sort((a, b) => a.name.localeCompare(b.name))
  );
}

function usage(commands: CliCommand[]): string {
  return `Usage: npm run cli -- <command> [options]\n\nCommands:\n${commands.map((c) => `  ${c.usage}`).join('\n')}\n
Configuration comes from the environment, as for the API (DATABASE_URL — the owner's —, BAKEN_DATA_DIR, BAKEN_MASTER_KEY, BAKEN_KEYRING_FILE, BAKEN_SEAL_KEY_FILE, BAKEN_SEAL_LOG, REDIS_URL).`;
}

async function main(argv: string[]): Promise<number> {
  const commands = loadCommands();
  const valueOptions = Object.fromEntries(
    commands.flatMap((c) => c.valueOptions ?? []).map((name) => [name, { type: 'string' as const }]),
  );
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: valueOptions,
  });
  const [name, ...args] = positionals;
  if (!name || values.help) {
    console.log(usage(commands));
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name || c.aliases?.includes(name));
  if (!command) throw new UsageError(`Unknown command "${name}".\n\n${usage(commands)}`);
  // Operator commands never start the background subscribers; they act and exit, as the database's owner
  // (migrations, rebuilds, roles): DATABASE_URL must be the owner's.
  const loaded = loadConfig();
  const config = {
    ...loaded,
    runSubscriptions: false,
    runWorkers: false,
    databaseRoles: { ...loaded.databaseRoles, serveAsRuntimeRole: false },
  };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, systemClock, { http: false }), {
    logger: ['error', 'warn'],
  });
  try {
    return await command.run(app, args, values as Record<string, string | boolean | undefined>);
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof TransactionIdsBehindLog) console.error(error.message);
    else if (error instanceof ConfigurationError) console.error(`Configuration: ${error.message}`);
    else console.error('Failed:', error instanceof Error ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
