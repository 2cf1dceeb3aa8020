import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, type TestDatabase } from '@baken/event-store/testing';
import { FixedClock, loadConfig } from '@baken/platform';
import { createApp } from '../../../apps/api/src/create-app';

/** "Now" in every e2e test unless a test moves the clock: Monday 16 March 2026, 10:00 in Amsterdam. */
export const TEST_NOW = new Date('2026-03-16T09:00:00.000Z');
export const TODAY = '2026-03-16';

export interface ApiResponse<T = any> {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  body: T;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is, with `Content-Type: application/json` unless `headers` says otherwise. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Bearer token; `null` sends no Authorization header. */
  token?: string | null;
}

/** A signed-in demo user: every request carries its token. */
export interface ApiClient {
  readonly username: string;
  readonly token: string;
  get<T = any>(path: string, options?: Omit<RequestOptions, 'token' | 'body' | 'rawBody'>): Promise<ApiResponse<T>>;
  post<T = any>(
    path: string,
    body?: unknown,
    options?: Omit<RequestOptions, 'token' | 'body'>,
  ): Promise<ApiResponse<T>>;
  put<T = any>(path: string, body?: unknown, options?: Omit<RequestOptions, 'token' | 'body'>): Promise<ApiResponse<T>>;
  delete<T = any>(path: string, options?: Omit<RequestOptions, 'token' | 'body' | 'rawBody'>): Promise<ApiResponse<T>>;
  /** A GET whose answer is a file: its raw bytes (the other methods decode bodies as text). */
  download(path: string): Promise<Download>;
}

export interface Download {
  status: number;
  headers: Record<string, string>;
  bytes: Buffer;
}

export interface TestApp {
  app: NestFastifyApplication;
  clock: FixedClock;
  database: TestDatabase;
  /** Base URL when started with `listen: true`; requests then go over real HTTP. */
  baseUrl: string | null;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  /** Signs the demo user in (once per app) and returns a client that acts as that user. */
  as(username: string): Promise<ApiClient>;
  close(): Promise<void>;
}

export interface StartOptions {
  now?: Date;
  /** Listen on a random port and send requests over real HTTP (default: in-process `inject`). */
  listen?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** Starts the API on a fresh PostgreSQL database (migrated at start) with a fixed clock. */
export async function startTestApp(options: StartOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase('baken_e2e');
  const dataDir = mkdtempSync(join(tmpdir(), 'baken-e2e-'));
  const clock = new FixedClock(options.now ?? TEST_NOW);
  let app: NestFastifyApplication | undefined;
  try {
    // Rate limits would throttle the suites' hundreds of requests from one address; their own test switches them on.
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      BAKEN_DATA_DIR: dataDir,
      BAKEN_RATE_LIMIT: 'false',
      ...options.env,
    });
    app = await createApp(config, { clock, logger: false });
    let baseUrl: string | null = null;
    if (options.listen) {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.getHttpServer().address();
      baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    }
    const started = app;
    const request = async <T>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> => {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let payload: string | undefined;
      if (opts.rawBody !== undefined) payload = opts.rawBody;
      else if (opts.body !== undefined) payload = JSON.stringify(opts.body);
      if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
        headers['content-type'] = 'application/json';
      let status: number;
      let text: string;
      let responseHeaders: Record<string, string>;
      if (baseUrl) {
        const res = await fetch(baseUrl + path, { method, headers, body: payload });
        status = res.status;
        text = await res.text();
        responseHeaders = Object.fromEntries(res.headers.entries());
      } else {
        const res = await started.inject({ method: method as 'GET', url: path, headers, payload });
        status = res.statusCode;
        text = res.body;
        responseHeaders = Object.fromEntries(
          Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v)]),
        );
      }
      let body: any;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      return { status, headers: responseHeaders, body, text };
    };
    const tokens = new Map<string, string>();
    const as = async (username: string): Promise<ApiClient> => {
      let token = tokens.get(username);
      if (!token) {
        const res = await request<{ accessToken: string }>('POST', '/api/auth/demo-login', { body: { username } });
        if (res.status !== 200) throw new Error(`demo login of ${username} answered ${res.status}: ${res.text}`);
        token = res.body.accessToken;
        tokens.set(username, token);
      }
      const t = token;
      return {
        username,
        token: t,
        get: (path, o = {}) => request('GET', path, { ...o, token: t }),
        post: (path, body, o = {}) =>
          request('POST', path, { ...o, body: o.rawBody === undefined ? (body ?? {}) : undefined, token: t }),
        put: (path, body, o = {}) =>
          request('PUT', path, { ...o, body: o.rawBody === undefined ? (body ?? {}) : undefined, token: t }),
        delete: (path, o = {}) => request('DELETE', path, { ...o, token: t }),
        download: async (path) => {
          const res = await started.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${t}` } });
          const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
          return { status: res.statusCode, headers, bytes: res.rawPayload };
        },
      };
    };
    return {
      app: started,
      clock,
      database,
      baseUrl,
      request,
      as,
      close: async () => {
        try {
          await started.close();
        } finally {
          await database.drop();
          rmSync(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * One app and one database for the test file: started in `beforeAll`, closed and dropped in `afterAll`.
 * Returns an accessor, because the app exists only once `beforeAll` has run.
 */
export function useTestApp(options: StartOptions = {}): () => TestApp {
  let testApp: TestApp | undefined;
  beforeAll(async () => {
    testApp = await startTestApp(options);
  }, 60_000);
  afterAll(async () => {
    await testApp?.close();
  }, 30_000);
  return () => {
    if (!testApp) throw new Error('The test app is not running (did beforeAll fail?)');
    return testApp;
  };
}
