import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FixedClock, loadConfig } from '@baken/platform';
import { createApp } from '../../apps/api/src/create-app';
import { TEST_NOW } from './support/test-app';

/** `npm start` without configuration: embedded PGlite in the data directory, development keys generated there. */
describe('the embedded start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'baken-embedded-'));
  const config = () => loadConfig({ NODE_ENV: 'development', BAKEN_DATA_DIR: dataDir });
  const start = () => createApp(config(), { clock: new FixedClock(TEST_NOW), logger: false });
  const call = async (
    app: NestFastifyApplication,
    method: 'GET' | 'POST',
    url: string,
    token?: string,
    payload?: unknown,
  ) => {
    const res = await app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method,
        url,
        payload: payload as object,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    return { status: res.statusCode, body: res.json() };
  };

  let app: NestFastifyApplication | undefined;
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Migrating a fresh embedded database twice takes a while on a busy machine: the limit is generous.
  it('serves the API on PGlite and keeps the data across a restart', async () => {
    app = await start();
    const login = await call(app, 'POST', '/api/auth/demo-login', undefined, { username: 'coordinator.zeeland' });
    const token = login.body.accessToken as string;
    const created = await call(app, 'POST', '/api/signals', token, {
      district: 'zeeland',
      municipality: 'goes',
      receivedOn: '2026-03-10',
      source: { type: 'police' },
      forms: ['labour'],
      summary: 'Arbeidsmigranten in een loods.',
      subjects: [{ role: 'victim', name: 'Elena Petrova' }],
    });
    expect(created.status).toBe(201);
    expect((await call(app, 'GET', '/api/health/ready')).body).toMatchObject({
      status: 'ready',
      checks: { database: 'up' },
    });
    await app.close();
    app = undefined;
    app = await start();
    const again = await call(app, 'POST', '/api/auth/demo-login', undefined, { username: 'coordinator.zeeland' });
    const detail = await call(app, 'GET', `/api/cases/${created.body.caseId}`, again.body.accessToken);
    expect(detail.status).toBe(200);
    expect(detail.body.subjects[0].name).toBe('Elena Petrova');
    expect(detail.body.status).toBe('signal_received');
  }, 180_000);
});
