import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

const PLAIN_TOKEN = /^[\w.:-]{1,100}$/;

/**
 * The correlation id of a request: its `X-Correlation-Id` when that is a plain token (letters, digits, `_.:-`, at most
 * 100), else a fresh one. Every event a request writes carries it in its metadata, so what was written can be traced
 * to the request that wrote it.
 */
export function correlationIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && PLAIN_TOKEN.test(value) ? value : randomUUID();
}

/**
 * The request's correlation id as a route parameter (`@CorrelationId() correlationId: string`), from
 * `X-Correlation-Id` as {@link correlationIdOf} reads it. Optional for the client, so it is not part of the OpenAPI
 * document's required parameters.
 */
export const CorrelationId = createParamDecorator((_: unknown, context: ExecutionContext): string =>
  correlationIdOf(
    context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers[
      'x-correlation-id'
    ],
  ),
);
