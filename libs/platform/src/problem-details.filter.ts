import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ProblemError } from './problem';

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  408: 'Request timeout',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  417: 'Expectation failed',
  422: 'Unprocessable content',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  [key: string]: unknown;
}

/** Maps another layer's error to a problem, or returns undefined. Registered by the modules that own those errors. */
export type ProblemMapper = (error: unknown) => Problem | undefined;

const mappers: ProblemMapper[] = [];
export function registerProblemMapper(mapper: ProblemMapper): void {
  if (!mappers.includes(mapper)) mappers.push(mapper);
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

/** Nest wraps Fastify's own client errors (bad JSON, body too large) in an HttpException; the cause tells them apart. */
function unwrapFastifyError(error: unknown): unknown {
  const cause = error instanceof HttpException ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' && cause.code.startsWith('FST_') ? cause : error;
}

/** The client errors Fastify raises itself, before or while reading the request, by their code. */
const FASTIFY_PROBLEMS: Record<string, () => Problem> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => ({
    type: '/problems/payload-too-large',
    title: TITLES[413],
    status: 413,
    detail: 'The request body is too large.',
  }),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => ({
    type: '/problems/unsupported-media-type',
    title: TITLES[415],
    status: 415,
    detail: 'Send the body as application/json.',
  }),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => ({
    type: 'about:blank',
    title: TITLES[400],
    status: 400,
    detail: 'The Content-Length header does not match the body that was sent.',
  }),
  FST_ERR_BAD_URL: () => ({
    type: '/problems/validation',
    title: TITLES[400],
    status: 400,
    detail: 'The URL is not valid; see errors.',
    errors: [{ field: 'url', message: 'must be percent-encoded UTF-8 (a % starts an escape such as %20)' }],
  }),
  FST_ERR_MAX_PARAM_LENGTH: () => ({
    type: 'about:blank',
    title: TITLES[414],
    status: 414,
    detail: 'A path segment is longer than any identifier the API uses.',
  }),
};

/** Turns any error into problem details. Never leaks stack traces or SQL. */
export function toProblem(thrown: unknown): Problem {
  const error = unwrapFastifyError(thrown);
  if (error instanceof ProblemError) {
    return { type: error.type, title: error.title, status: error.status, detail: error.message, ...error.extra };
  }
  for (const map of mappers) {
    const problem = map(error);
    if (problem) return problem;
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const detail =
      typeof response === 'string'
        ? response
        : Array.isArray((response as { message?: unknown }).message)
          ? (response as { message: string[] }).message.join('; ')
          : String((response as { message?: unknown }).message ?? error.message);
    return { type: 'about:blank', title: TITLES[status] ?? HttpStatus[status] ?? 'Error', status, detail };
  }
  const e = error as { statusCode?: number; code?: string; message?: string };
  if (e?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    const message =
      e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'is empty but Content-Type is application/json' : 'is not valid JSON';
    return {
      type: '/problems/validation',
      title: 'Invalid request',
      status: 400,
      detail: `The request body ${message}.`,
      errors: [{ field: 'body', message }],
    };
  }
  const known = typeof e?.code === 'string' ? FASTIFY_PROBLEMS[e.code] : undefined;
  if (known) return known();
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    // Another of Fastify's client errors: its status, and words of our own (its message may repeat the input).
    const status = e.statusCode;
    return {
      type: 'about:blank',
      title: TITLES[status] ?? 'Bad request',
      status,
      detail:
        'The request cannot be handled as sent; check the method, URL, headers and body against the API documentation.',
    };
  }
  // A deadlock or serialization failure (a report meeting a projection rebuild's swap): nothing was done; retry.
  if (e?.code === '40P01' || e?.code === '40001') {
    return {
      type: '/problems/unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: 'The request met a conflicting operation and was not carried out. Try again.',
    };
  }
  if (e && typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) {
    return {
      type: '/problems/unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: 'A dependency (the database) is unavailable. Try again shortly.',
    };
  }
  if (
    e?.message &&
    /Connection terminated|connection is closed|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
      e.message,
    )
  ) {
    return {
      type: '/problems/unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: 'A dependency (the database) is unavailable. Try again shortly.',
    };
  }
  return {
    type: 'about:blank',
    title: 'Internal server error',
    status: 500,
    detail: 'Something went wrong on our side. The error has been logged.',
  };
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = toProblem(error);
    if (problem.status === 503) {
      // Expected while a dependency is away (a database restart): one line per request, no stack.
      this.logger.warn(`503: ${error instanceof Error ? error.message : String(error)}`);
    } else if (problem.status >= 500) {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    sendProblem(reply, problem);
  }
}

export function sendProblem(reply: FastifyReply, problem: Problem): void {
  if (problem.status === 503) reply.header('Retry-After', '5');
  if (problem.status === 401) reply.header('WWW-Authenticate', 'Bearer realm="baken"');
  reply
    .status(problem.status)
    .header('Content-Type', 'application/problem+json; charset=utf-8')
    .send(JSON.stringify(problem));
}

/**
 * Fastify's `frameworkErrors` option: errors Fastify meets before it has a route (a URL that is not valid
 * percent-encoded UTF-8, an over-long path segment) are answered as problems, like every other error.
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  // No route, so none of the hooks that add these headers run.
  reply.header('X-Content-Type-Options', 'nosniff').header('Cache-Control', 'no-store');
  sendProblem(reply, toProblem(error));
}

/**
 * Fastify's `clientErrorHandler` option: a request that Node's HTTP parser refuses (broken framing, invalid
 * characters, headers over the size limit) gets a problem answer before the connection closes. `Connection: close`
 * tells the client not to send another request on this connection.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request headers are larger than the server accepts (16 KiB).']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request did not arrive in time; send it again.']
        : [
            400,
            'The request is not valid HTTP/1.1: check the request line, the header names and values, and the body framing.',
          ];
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(rawProblemResponse({ type: 'about:blank', title: TITLES[status], status, detail }));
  // Ending lets the answer reach the client before the connection goes; a client that keeps it open is cut off.
  setTimeout(() => socket.destroy(), 5_000).unref();
}

/** A complete HTTP/1.1 answer carrying the problem, for places that only have the socket or the raw response. */
export function rawProblemResponse(problem: Problem): string {
  const body = JSON.stringify(problem);
  return (
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? problem.title}\r\n` +
    `Content-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`
  );
}

/**
 * For routes a plugin serves with error answers of its own (the queue board answers plain JSON): every error
 * answer in `scope` leaves as problem details with the same status. A client error keeps the plugin's message; a
 * server error says only that it was ours, as the filter does.
 */
export function answerErrorsAsProblems(scope: FastifyInstance): void {
  scope.addHook('onSend', async (_request, reply, payload) => {
    const status = reply.statusCode;
    if (status < 400 || /^application\/problem\+json/i.test(String(reply.getHeader('content-type') ?? '')))
      return payload;
    const title = TITLES[status] ?? STATUS_CODES[status] ?? 'Error';
    const detail =
      status >= 500 ? 'Something went wrong on our side; try again later.' : (pluginMessage(payload) ?? title);
    reply.header('Content-Type', 'application/problem+json; charset=utf-8');
    return JSON.stringify({ type: 'about:blank', title, status, detail });
  });
}

/** The message of a plugin's JSON error answer (`message`, or a Bull Board `error.key`), if it has one. */
function pluginMessage(payload: unknown): string | undefined {
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return undefined;
  try {
    const body = JSON.parse(String(payload)) as { message?: unknown; error?: { key?: unknown } | unknown };
    if (typeof body.message === 'string' && body.message) return body.message;
    const key = (body.error as { key?: unknown } | undefined)?.key;
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}
