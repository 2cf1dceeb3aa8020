import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ValidationProblem } from '@baken/platform';

export const MAX_ACCESS_REASON_LENGTH = 500;
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Why the user reads a case, from the optional `X-Access-Reason` header, for the access log. Header values are
 * Latin-1, so a client may percent-encode the reason (`Melding%20van%20Pi%C3%ABt`); it is decoded when it decodes.
 */
export const AccessReason = createParamDecorator((_: unknown, context: ExecutionContext): string | null => {
  const raw = context.switchToHttp().getRequest<FastifyRequest>().headers['x-access-reason'];
  const value = Array.isArray(raw) ? raw.join(', ') : raw;
  if (value === undefined || value.trim() === '') return null;
  let reason = value.trim();
  if (/%[0-9a-f]{2}/i.test(reason)) {
    try {
      reason = decodeURIComponent(reason);
    } catch {
      // Not percent-encoded after all: keep it as sent.
    }
  }
  if (reason.length > MAX_ACCESS_REASON_LENGTH)
    throw new ValidationProblem([
      { field: 'X-Access-Reason', message: `must be at most ${MAX_ACCESS_REASON_LENGTH} characters` },
    ]);
  if (CONTROL.test(reason) || /[\ud800-\udfff]/.test(reason.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) {
    throw new ValidationProblem([{ field: 'X-Access-Reason', message: 'contains control characters' }]);
  }
  return reason;
});
