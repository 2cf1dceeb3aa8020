import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ProblemError, ValidationProblem } from './problem';
import { sendProblem, toProblem } from './problem-details.filter';

/** Request bodies are shallow (a signal with its subjects is three levels deep); anything deeper is refused. */
export const MAX_BODY_DEPTH = 16;

/** Whether a parsed JSON value nests deeper than `max` objects/arrays. Iterative: a hostile body cannot overflow the stack. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Why a parsed body cannot go on to a handler, or undefined when it can. */
export function refusedBody(
  body: unknown,
  contentTypeHeader: string | string[] | undefined,
  maxDepth = MAX_BODY_DEPTH,
): ProblemError | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  const contentType = String(contentTypeHeader ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (contentType !== 'application/json') {
    return new ProblemError(
      415,
      'Unsupported media type',
      'Send the body as application/json.',
      '/problems/unsupported-media-type',
    );
  }
  if (nestsDeeperThan(body, maxDepth))
    return new ValidationProblem([{ field: 'body', message: `is nested more than ${maxDepth} levels deep` }]);
  return undefined;
}

/**
 * An `Expect` header other than `100-continue`: Node answers it itself with a bare 417 unless someone listens. The
 * answer says what the API supports, as a problem, and closes the connection (the body may still be on its way).
 */
export function answerUnmetExpectation(_request: IncomingMessage, response: ServerResponse): void {
  const body = JSON.stringify({
    type: 'about:blank',
    title: 'Expectation failed',
    status: 417,
    detail: 'The only Expect header the API supports is "Expect: 100-continue"; send the request without it.',
  });
  response.writeHead(417, {
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    Connection: 'close',
  });
  response.end(body);
}

/**
 * Runs after parsing and before any handler: bodies must be JSON (Nest also parses form and text bodies, which the
 * API does not speak) and shallow enough for the recursive steps after it (validation, hashing, storing) to be safe.
 * An `Expect` header announcing anything but `100-continue` is answered 417 as a problem.
 */
export function guardRequestBodies(fastify: FastifyInstance, maxDepth = MAX_BODY_DEPTH): void {
  if (fastify.server.listenerCount('checkExpectation') === 0)
    fastify.server.on('checkExpectation', answerUnmetExpectation);
  fastify.addHook('preValidation', async (request, reply) => {
    const refused = refusedBody(request.body, request.headers['content-type'], maxDepth);
    if (!refused) return;
    // Answered here rather than thrown: routes of plugins (the queue board) have error handlers of their own.
    sendProblem(reply, toProblem(refused));
    return reply;
  });
}
