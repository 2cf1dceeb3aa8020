import Fastify, { type FastifyInstance } from 'fastify';
import { connect } from 'node:net';
import { ProblemError } from './problem';
import { answerClientError, answerErrorsAsProblems, answerFrameworkError, toProblem } from './problem-details.filter';
import { guardRequestBodies } from './request-body';

/** Writes raw bytes on a fresh connection and returns everything the server sends before it closes. */
function exchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      chunks.length ? resolve(Buffer.concat(chunks).toString('latin1')) : reject(error),
    );
    socket.setTimeout(10_000, () => socket.destroy());
    socket.write(bytes, 'latin1');
  });
}

function answer(raw: string): { status: number; headers: string; body: Record<string, unknown> } {
  const end = raw.indexOf('\r\n\r\n');
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1]),
    headers: raw.slice(0, end).toLowerCase(),
    body: JSON.parse(raw.slice(end + 4)),
  };
}

function expectProblem(raw: string, status: number): Record<string, unknown> {
  const { status: actual, headers, body } = answer(raw);
  expect({ actual, headers }).toEqual({
    actual: status,
    headers: expect.stringContaining('content-type: application/problem+json'),
  });
  expect(body).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title: expect.any(String),
      status,
      detail: expect.any(String),
    }),
  );
  return body;
}

describe('problems for errors Fastify and Node raise before any route', () => {
  let fastify: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    fastify = Fastify({ frameworkErrors: answerFrameworkError, clientErrorHandler: answerClientError });
    guardRequestBodies(fastify);
    fastify.get('/items/:id', async () => ({ ok: true }));
    fastify.post('/items', async () => ({ ok: true }));
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    port = (fastify.server.address() as { port: number }).port;
  });
  afterAll(() => fastify.close());

  it('answers a URL that is not valid percent-encoded UTF-8 with a validation problem that does not repeat it', async () => {
    for (const path of ['/items/%zz', '/items/%E0%A4%A', '/items/%ED%A0%80<script>']) {
      const raw = await exchange(port, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(expectProblem(raw, 400)).toEqual(
        expect.objectContaining({
          type: '/problems/validation',
          errors: [{ field: 'url', message: expect.any(String) }],
        }),
      );
      expect(raw).not.toContain('script');
    }
  });

  it('answers an over-long path segment with 414', async () => {
    expectProblem(
      await exchange(port, `GET /items/${'x'.repeat(500)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`),
      414,
    );
  });

  it.each([
    ['a NUL byte in a header', 'GET /items/1 HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n'],
    ['a header line without a colon', 'GET /items/1 HTTP/1.1\r\nHost: x\r\nno colon\r\n\r\n'],
    ['an unknown method', 'FOO /items/1 HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a space in the path', 'GET /items/a b HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a Content-Length that is not a number', 'POST /items HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}'],
    [
      'Content-Length and chunked encoding together',
      'POST /items HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n',
    ],
  ])(
    'answers %s, which the HTTP parser refuses, with a 400 problem and closes the connection',
    async (_label, request) => {
      const raw = await exchange(port, request);
      expectProblem(raw, 400);
      expect(answer(raw).headers).toContain('connection: close');
    },
  );

  it('answers headers over the size limit with 431', async () => {
    expectProblem(
      await exchange(port, `GET /items/1 HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`),
      431,
    );
  });

  it('answers an Expect header other than 100-continue with a 417 problem', async () => {
    const raw = await exchange(
      port,
      'POST /items HTTP/1.1\r\nHost: x\r\nExpect: the-impossible\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
    );
    expectProblem(raw, 417);
  });

  it('still serves well-formed requests, and 100-continue as usual', async () => {
    expect(answer(await exchange(port, 'GET /items/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'))).toEqual(
      expect.objectContaining({ status: 200, body: { ok: true } }),
    );
    const raw = await exchange(
      port,
      'POST /items HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
    );
    expect(raw).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK/);
  });
});

describe('toProblem for Fastify client errors', () => {
  const fastifyError = (code: string, statusCode: number, message: string) =>
    Object.assign(new Error(message), { code, statusCode });

  it('keeps the status of other client errors but not their message, which may repeat the input', () => {
    expect(toProblem(fastifyError('FST_ERR_SOMETHING_NEW', 400, "'<b>input</b>' is odd"))).toEqual({
      type: 'about:blank',
      title: 'Invalid request',
      status: 400,
      detail: expect.not.stringContaining('input'),
    });
    expect(toProblem(fastifyError('FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400, 'x')).detail).toMatch(/Content-Length/);
    expect(toProblem(fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413, 'x'))).toEqual(
      expect.objectContaining({ status: 413, type: '/problems/payload-too-large' }),
    );
  });
});

describe('toProblem for a database that is away or busy', () => {
  const pgError = (code: string) => Object.assign(new Error('database said no'), { code });

  it('answers 503 for an unreachable host, a deadlock and a serialization failure, without their message', () => {
    for (const code of ['EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNREFUSED', '57P01', '40P01', '40001']) {
      expect(toProblem(pgError(code))).toEqual(
        expect.objectContaining({
          status: 503,
          type: '/problems/unavailable',
          detail: expect.not.stringContaining('said no'),
        }),
      );
    }
    expect(toProblem(pgError('23505')).status).toBe(500);
  });
});

describe('routes of a plugin with an error handler of its own (the queue board)', () => {
  let fastify: FastifyInstance;

  beforeAll(async () => {
    fastify = Fastify();
    guardRequestBodies(fastify);
    await fastify.register(async (scope) => {
      answerErrorsAsProblems(scope);
      // Like Bull Board: its own JSON errors, and any other error as a 500 unless it carries a statusCode.
      scope.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) =>
        reply
          .status(error.statusCode ?? 500)
          .send({ error: { key: 'ERRORS.INTERNAL_SERVER_ERROR' }, message: error.message }),
      );
      scope.get('/board/missing', async (_request, reply) =>
        reply.status(404).send({ error: { key: 'ERRORS.JOB_NOT_FOUND' } }),
      );
      scope.get('/board/broken', async () => {
        throw new Error('URI malformed at /secret/path');
      });
      scope.post('/board/jobs', async () => ({ added: true }));
      scope.get('/board/ok', async () => ({ ok: true }));
    });
    await fastify.ready();
  });
  afterAll(() => fastify.close());

  it("answers their client errors as problems with the same status and the plugin's message", async () => {
    const res = await fastify.inject({ method: 'GET', url: '/board/missing' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toEqual({
      type: 'about:blank',
      title: 'Not found',
      status: 404,
      detail: 'ERRORS.JOB_NOT_FOUND',
    });
  });

  it('answers their server errors as problems that say nothing about the cause', async () => {
    const res = await fastify.inject({ method: 'GET', url: '/board/broken' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      type: 'about:blank',
      title: 'Internal server error',
      status: 500,
      detail: expect.any(String),
    });
    expect(res.body).not.toContain('secret');
  });

  it('refuses a body that is not JSON, or too deep, with the right status there too (it used to become a 500)', async () => {
    const text = await fastify.inject({
      method: 'POST',
      url: '/board/jobs',
      headers: { 'content-type': 'text/plain' },
      payload: '{}',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json()).toEqual(expect.objectContaining({ type: '/problems/unsupported-media-type', status: 415 }));
    const deep = await fastify.inject({
      method: 'POST',
      url: '/board/jobs',
      headers: { 'content-type': 'application/json' },
      payload: '['.repeat(40) + ']'.repeat(40),
    });
    expect(deep.statusCode).toBe(400);
    expect(deep.json().errors).toEqual([{ field: 'body', message: 'is nested more than 16 levels deep' }]);
  });

  it('leaves successful answers alone', async () => {
    const res = await fastify.inject({ method: 'GET', url: '/board/ok' });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ ok: true });
  });

  it('gives problem errors the statusCode such handlers look for', () => {
    expect(new ProblemError(415, 'Unsupported media type', 'Send JSON.').statusCode).toBe(415);
  });
});
