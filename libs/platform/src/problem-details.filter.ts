import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ProblemError } from './problem';

const TITLES: Record<number, string> = {
  400: 'Invalid request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed',
  406: 'Not acceptable', 409: 'Conflict', 412: 'Precondition failed', 413: 'Payload too large',
  415: 'Unsupported media type', 422: 'Unprocessable content', 429: 'Too many requests', 503: 'Service unavailable',
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

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);

/** Nest wraps Fastify's own client errors (bad JSON, body too large) in an HttpException; the cause tells them apart. */
function unwrapFastifyError(error: unknown): unknown {
  const cause = error instanceof HttpException ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' && cause.code.startsWith('FST_') ? cause : error;
}

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
    const detail = typeof response === 'string' ? response
      : Array.isArray((response as { message?: unknown }).message) ? ((response as { message: string[] }).message).join('; ')
      : String((response as { message?: unknown }).message ?? error.message);
    return { type: 'about:blank', title: TITLES[status] ?? HttpStatus[status] ?? 'Error', status, detail };
  }
  const e = error as { statusCode?: number; code?: string; message?: string };
  if (e?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    const message = e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'is empty but Content-Type is application/json' : 'is not valid JSON';
    return { type: '/problems/validation', title: 'Invalid request', status: 400, detail: `The request body ${message}.`, errors: [{ field: 'body', message }] };
  }
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const status = e.statusCode;
    const detail = e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'The request body is too large.'
      : e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'Send the body as application/json.'
      : status === 400 ? 'The request body is not valid JSON.' : (e.message ?? 'Bad request');
    const type = e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? '/problems/payload-too-large'
      : e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? '/problems/unsupported-media-type' : 'about:blank';
    return { type, title: TITLES[status] ?? 'Bad request', status, detail };
  }
  if (e && typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) {
    return { type: '/problems/unavailable', title: 'Service unavailable', status: 503, detail: 'A dependency (the database) is unavailable. Try again shortly.' };
  }
  if (e?.message && /Connection terminated|connection is closed|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(e.message)) {
    return { type: '/problems/unavailable', title: 'Service unavailable', status: 503, detail: 'A dependency (the database) is unavailable. Try again shortly.' };
  }
  return { type: 'about:blank', title: 'Internal server error', status: 500, detail: 'Something went wrong on our side. The error has been logged.' };
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = toProblem(error);
    if (problem.status >= 500) this.logger.error(error instanceof Error ? error.stack ?? error.message : String(error));
    sendProblem(reply, problem);
  }
}

export function sendProblem(reply: FastifyReply, problem: Problem): void {
  if (problem.status === 503) reply.header('Retry-After', '5');
  if (problem.status === 401) reply.header('WWW-Authenticate', 'Bearer realm="baken"');
  reply.status(problem.status).header('Content-Type', 'application/problem+json; charset=utf-8').send(JSON.stringify(problem));
}
