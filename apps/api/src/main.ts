import { Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CareTableSessions, seedDemoCases } from '@baken/case-coordination';
import type { Database } from '@baken/event-store';
import { ConfigurationError, DATABASE, loadConfig, systemClock } from '@baken/platform';
import { createApp } from './create-app';
import { DatabaseUnreachable, waitForDatabase } from './wait-for-database';

/** In demo mode an empty database gets the demo cases, so a first `npm start` shows a working region. */
async function seedDemoDataIfEmpty(app: NestFastifyApplication): Promise<void> {
  const { rows } = await app
    .get<Database>(DATABASE)
    .query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM case_list) AS any');
  if (rows[0].any) return;
  await seedDemoCases(
    app.get(CommandBus),
    systemClock.now(),
    40,
    (done, total) => {
      if (done % 10 === 0) console.log(`Seeding demo cases: ${done}/${total}`);
    },
    app.get(CareTableSessions),
  );
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.databaseUrl)
    await waitForDatabase(config.databaseUrl, { log: (message) => new Logger('Database').warn(message) });
  const app = await createApp(config);
  app.enableShutdownHooks();
  if (config.demoMode && config.seedDemo) await seedDemoDataIfEmpty(app);
  await app.listen({ port: config.port, host: config.host });
  console.log(`Baken listens on http://localhost:${config.port} (API docs: http://localhost:${config.port}/api/docs)`);
  console.log(
    config.databaseUrl
      ? 'Database: PostgreSQL (DATABASE_URL)'
      : `Database: embedded PGlite in ${config.dataDir}/pglite`,
  );
  if (config.oidc)
    console.log(
      `Sign-in: OpenID provider ${config.oidc.issuer}${config.oidc.clientId ? ' (browser sign-in at /api/auth/login)' : ' (bearer tokens only)'}`,
    );
  const logger = new Logger('Baken');
  if (config.demoMode) logger.warn('Demo mode: demo login is on. Never use demo mode in production.');
  if (!config.session.secureCookie)
    logger.warn('BAKEN_COOKIE_SECURE=false: the session cookie is sent over plain HTTP. Only for http://localhost.');
  if (!config.rateLimit.enabled) logger.warn('BAKEN_RATE_LIMIT=false: requests are not rate-limited.');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError || error instanceof DatabaseUnreachable) {
    console.error(`Baken cannot start: ${error.message}`);
  } else {
    console.error('Baken cannot start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
