import {
  Injectable,
  Logger,
  type CanActivate,
  type ExecutionContext,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuthGuard, type AuthenticatedRequest } from '@baken/access';
import {
  answerErrorsAsProblems,
  findUnstorableStrings,
  forbidden,
  hashSource,
  ProblemError,
  sendProblem,
  serveWithNonces,
  toProblem,
  ValidationProblem,
} from '@baken/platform';
import { JobQueues } from '@baken/platform';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** Bull Board decodes `activeQueue` and hands query values to Redis unchecked: a stray % or a NUL ended in a 500. */
function checkBoardRequest(request: FastifyRequest, queueNames: string[]): void {
  const query = (request.query ?? {}) as Record<string, unknown>;
  if (query.activeQueue !== undefined && !queueNames.includes(String(query.activeQueue))) {
    throw new ValidationProblem([{ field: 'activeQueue', message: `must be one of: ${queueNames.join(', ')}` }]);
  }
  const unstorable = findUnstorableStrings({ ...query, ...((request.params ?? {}) as Record<string, unknown>) });
  if (unstorable.length) throw new ValidationProblem(unstorable);
}

/**
 * The hashes of the fixed `<style>` texts Bull Board's React UI renders (the colours of its Redis logo): React inserts
 * them without a nonce, so the board's policy allows exactly these texts. Read from the UI's bundles, so that an
 * upgrade of Bull Board brings its own.
 */
function bullBoardStyleHashes(): string[] {
  const scripts = join(dirname(require.resolve('@bull-board/ui/package.json')), 'dist', 'static', 'js');
  const hashes = new Set<string>();
  for (const file of readdirSync(scripts, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(scripts, file), 'utf8');
    // `jsx("style", { children: `…` })` with a literal text: no escapes, no interpolation.
    for (const match of code.matchAll(/"style",\{children:(`[^`\\$]*`|"[^"\\]*")/g))
      hashes.add(hashSource(match[1].slice(1, -1)));
  }
  return [...hashes];
}

/** BullMQ refuses work on a job in another state, or one that is gone, with a negative `code`; Bull Board answered 500. */
function boardErrorStatus(error: { statusCode?: number; code?: unknown }): number {
  if (typeof error.statusCode === 'number') return error.statusCode;
  if (error.code === -1 || error.code === -5) return 404;
  return typeof error.code === 'number' && error.code < 0 ? 409 : 500;
}

/**
 * Bull Board for administrators at `/admin/queues`, outside the `/api` prefix and therefore outside Nest's routing.
 * Every request first passes the application's own global `AuthGuard` (bearer token, or the browser session), and
 * then must come from role `admin`: 401 without a valid sign-in, 403 for any other role. Its page is served with a
 * nonce for its inline parts, under a policy that allows no other inline script or style. Without Redis there is no
 * board: 503 after the same checks.
 */
@Injectable()
export class QueueBoard implements OnApplicationBootstrap {
  private readonly logger = new Logger('Queues');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly applicationConfig: ApplicationConfig,
    private readonly queues: JobQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return;
    await this.queues.start();
    const bullQueues = this.queues.bullQueues();
    const fastify = adapter.getInstance<FastifyInstance>();
    await fastify.register(async (scope) => {
      answerErrorsAsProblems(scope);
      // Bull Board's page sets `<base href>`, has inline styles and its configuration inline, and its UI renders a few
      // fixed `<style>` texts.
      serveWithNonces(scope, {
        directives: { 'base-uri': "'self'" },
        sources: { 'style-src': bullBoardStyleHashes() },
      });
      scope.addHook('onRequest', async (request, reply) => {
        try {
          await this.requireAdmin(request, reply);
          checkBoardRequest(
            request,
            bullQueues.map((queue) => queue.name),
          );
        } catch (error) {
          sendProblem(reply, toProblem(error));
          return reply;
        }
      });
      if (bullQueues.length === 0) {
        const off = async (_request: FastifyRequest, reply: FastifyReply) => {
          sendProblem(
            reply,
            toProblem(
              new ProblemError(
                503,
                'Service unavailable',
                'Background jobs run in-process because no Redis is configured; there are no queues to show.',
                '/problems/unavailable',
              ),
            ),
          );
          return reply;
        };
        scope.get(QUEUE_BOARD_PATH, off);
        scope.get(`${QUEUE_BOARD_PATH}/*`, off);
        return;
      }
      const serverAdapter = new FastifyAdapter();
      serverAdapter.setBasePath(QUEUE_BOARD_PATH);
      createBullBoard({
        queues: bullQueues.map((queue) => new BullMQAdapter(queue)),
        // @bull-board/fastify declares the adapter against its own copy of @bull-board/api's types; same shape.
        serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
        options: { uiConfig: { boardTitle: 'Baken', hideDocsLink: true } },
      });
      // Bull Board's HTTPStatus type lists only the codes it uses itself; Fastify sends any.
      serverAdapter.setErrorHandler((error: Error & { statusCode?: number; code?: unknown }) => {
        const status = boardErrorStatus(error);
        return { status: status as 500, body: { message: status < 500 ? error.message : undefined } };
      });
      await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
    });
    this.logger.log(`Queue dashboard for administrators at ${QUEUE_BOARD_PATH}.`);
  }

  private async requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const guard = this.authGuard();
    const authenticated = request as AuthenticatedRequest;
    const context = {
      getClass: () => QueueBoard,
      getHandler: () => QueueBoard.prototype.onApplicationBootstrap,
      getArgs: () => [request, reply],
      getArgByIndex: (index: number) => [request, reply][index],
      getType: () => 'http',
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply, getNext: () => undefined }),
      switchToRpc: () => {
        throw new Error('not an RPC context');
      },
      switchToWs: () => {
        throw new Error('not a WebSocket context');
      },
    } as unknown as ExecutionContext;
    if (!guard || !(await guard.canActivate(context)) || !authenticated.actor) {
      throw new ProblemError(401, 'Unauthorized', 'Sign in as an administrator first.', '/problems/unauthorized');
    }
    if (authenticated.actor.role !== 'admin') throw forbidden('Only administrators may see the queues.');
  }

  private authGuard(): CanActivate | undefined {
    return [
      ...this.applicationConfig.getGlobalGuards(),
      ...this.applicationConfig.getGlobalRequestGuards().map((wrapper) => wrapper.instance),
    ].find((instance): instance is AuthGuard => instance instanceof AuthGuard);
  }
}
