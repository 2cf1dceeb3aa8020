import type { FastifyInstance } from 'fastify';
import { ProblemError, ValidationProblem } from './problem';

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

/**
 * Runs after parsing and before any handler: bodies must be JSON (Nest also parses form and text bodies, which the
 * API does not speak) and shallow enough for the recursive steps after it (validation, hashing, storing) to be safe.
 */
export function guardRequestBodies(fastify: FastifyInstance, maxDepth = MAX_BODY_DEPTH): void {
  fastify.addHook('preValidation', async (request) => {
    const body = request.body;
    if (body === undefined || body === null || body === '') return;
    const contentType = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (contentType !== 'application/json') {
      throw new ProblemError(415, 'Unsupported media type', 'Send the body as application/json.', '/problems/unsupported-media-type');
    }
    if (nestsDeeperThan(body, maxDepth)) {
      throw new ValidationProblem([{ field: 'body', message: `is nested more than ${maxDepth} levels deep` }]);
    }
  });
}
