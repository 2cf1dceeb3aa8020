import { Logger } from '@nestjs/common';
import { ConfigurationError, loadConfig } from '@baken/platform';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  app.enableShutdownHooks();
  await app.listen({ port: config.port, host: config.host });
  console.log(`Baken listens on http://localhost:${config.port} (API docs: http://localhost:${config.port}/api/docs)`);
  console.log(config.databaseUrl ? 'Database: PostgreSQL (DATABASE_URL)' : `Database: embedded PGlite in ${config.dataDir}/pglite`);
  if (config.demoMode) new Logger('Baken').warn('Demo mode: demo login is on. Never use demo mode in production.');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    console.error(`Baken cannot start: ${error.message}`);
  } else {
    console.error('Baken cannot start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
