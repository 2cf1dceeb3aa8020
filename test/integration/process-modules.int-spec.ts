import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory, ModulesContainer } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '@baken/event-store/testing';
import { loadConfig, systemClock } from '@baken/platform';
import { AppModule } from '../../apps/api/src/app.module';

/** The worker and the operator commands build the application without HTTP: no controller is made there. */
describe('the modules a process is built from', () => {
  let database: TestDatabase;
  let dataDir: string;

  beforeAll(async () => {
    database = await createTestDatabase('baken_modules');
    dataDir = mkdtempSync(join(tmpdir(), 'baken-modules-'));
  });

  afterAll(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const controllersOf = (app: INestApplicationContext) =>
    [...app.get(ModulesContainer).values()].flatMap((module) =>
      [...module.controllers.keys()].map((c) => (c as { name: string }).name),
    );

  const build = (http: boolean) =>
    NestFactory.createApplicationContext(
      AppModule.forRoot(
        loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, BAKEN_DATA_DIR: dataDir }),
        systemClock,
        { http },
      ),
      { logger: false },
    );

  it('builds no controller for the worker and the operator commands', async () => {
    const app = await build(false);
    try {
      expect(controllersOf(app)).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it("builds the API's controllers for the API", async () => {
    const app = await build(true);
    try {
      expect(controllersOf(app)).toEqual(
        expect.arrayContaining(['CaseQueriesController', 'CaseCommandsController', 'WorkQueueController']),
      );
    } finally {
      await app.close();
    }
  });
});
