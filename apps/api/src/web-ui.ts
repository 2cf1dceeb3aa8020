import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export interface WebUiOptions {
  /** The built web UI (`apps/web` → `dist/web`). */
  root: string;
  /** No source maps in production, even when a build left some behind. */
  production: boolean;
}

/** A request for a source map: it never gets the web UI's page instead. */
const SOURCE_MAP = /\.map$/i;

/**
 * The built web UI, served at `/` with the SPA's index for unknown non-API paths. The production build emits no
 * source maps (`apps/web/vite.config.mts`); in production any found in the build are not served either, and a
 * request for one answers 404.
 */
export async function serveWebUi(fastify: FastifyInstance, { root, production }: WebUiOptions): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) return;
  const indexHtml = readFileSync(join(root, 'index.html'));
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    decorateReply: false,
    ...(production ? { globIgnore: ['**/*.map'] } : {}),
  });
  const sendIndex = (_request: unknown, reply: { type(t: string): { send(b: Buffer): unknown } }) =>
    reply.type('text/html; charset=utf-8').send(indexHtml);
  fastify.get('/', sendIndex);
  fastify.get('/*', (request, reply) => {
    const path = request.url.split('?')[0];
    return path.startsWith('/api/') || SOURCE_MAP.test(path) ? reply.callNotFound() : sendIndex(request, reply);
  });
}
