import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigurationError, loadConfig, systemClock } from '@baken/platform';
import { AppModule } from '../../api/src/app.module';
import { waitForDatabase } from '../../api/src/wait-for-database';

/**
 * The background process: the asynchronous subscribers (projections, the deadline workflow) and the BullMQ
 * processors, without HTTP. Any number may run: one process is active per subscriber (advisory lock), and BullMQ
 * hands each job to one worker at a time.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.databaseUrl)
    await waitForDatabase(config.databaseUrl, { log: (message) => new Logger('Database').warn(message) });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, systemClock, { http: false }), {
    logger: ['log', 'error', 'warn'],
  });
  app.enableShutdownHooks();
  new Logger('Worker').log(
    `Worker started (pid ${process.pid}): subscriptions ${config.runSubscriptions ? 'on' : 'off'}, job processors ${config.runWorkers ? 'on' : 'off'}.`,
  );
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigurationError || error instanceof Error ? error.message : String(error);
  console.error(`Baken worker cannot start: ${message}`);
  process.exit(1);
});
