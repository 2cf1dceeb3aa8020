import { randomUUID } from 'node:crypto';

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
