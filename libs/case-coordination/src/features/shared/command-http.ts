import { createParamDecorator, ParseUUIDPipe, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { unauthorized, type AuthenticatedRequest } from '@baken/access';
import { correlationIdOf, idempotencyOf, ValidationProblem } from '@baken/platform';
import type { CommandMeta, CommandOutcome } from '../../infrastructure/case-command-runner';

const IF_MATCH = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/;

/** Reads If-Match, Idempotency-Key and the correlation id of a command request. */
export const CommandMetaOf = createParamDecorator((_: unknown, context: ExecutionContext): CommandMeta => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.actor) throw unauthorized('Sign in first.');
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  let ifMatch: number | undefined;
  const rawIfMatch = header('if-match');
  if (rawIfMatch !== undefined && rawIfMatch.trim() !== '*') {
    const m = IF_MATCH.exec(rawIfMatch);
    if (!m)
      throw new ValidationProblem([{ field: 'If-Match', message: 'must be the case version as an ETag, e.g. "3"' }]);
    ifMatch = Number(m[1]);
  }
  return {
    actor: request.actor,
    ifMatch,
    correlationId: correlationIdOf(header('x-correlation-id')),
    idempotency: idempotencyOf(header('idempotency-key'), request.method, request.url, request.body),
  };
});

/** Answers a command: ETag with the new version; 201 and Location for creating commands. */
export function answer(reply: FastifyReply, outcome: CommandOutcome, location?: string): CommandOutcome {
  reply.header('ETag', `"${outcome.version}"`);
  if (location) reply.status(201).header('Location', location);
  return outcome;
}

/** A path id that must be a UUID; anything else is a 400 naming the parameter. */
export const uuidParam = (name: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => new ValidationProblem([{ field: name, message: 'must be a UUID' }]) });
