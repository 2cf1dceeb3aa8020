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
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuthGuard, SecurityEvents, type Actor, type AuthenticatedRequest } from '@baken/access';
import {
  answerErrorsAsProblems,
  findUnstorableStrings,
  forbidden,
  hashSource,
  notFound,
  ProblemError,
  sendProblem,
  serveWithNonces,
  toProblem,
  ValidationProblem,
} from '@baken/platform';
import { JobQueues } from '@baken/platform';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Bull Board's UI sends its requests (axios, XMLHttpRequest) without the session's CSRF token, so a retry from the
 * browser was refused. This script, loaded before the board's own, reads the token from `/api/auth/session` and adds
 * it to every changing same-origin request. A file of this origin, so the policy needs no inline script for it.
 */
const CSRF_SCRIPT = `(() => {
  const token = fetch('/api/auth/session', { credentials: 'same-origin' })
    .then((res) => (res.ok ? res.json() : null))
    .then((body) => (body && typeof body.csrfToken === 'string' ? body.csrfToken : null))
    .catch(() => null);
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.bakenChanging = !/^(GET|HEAD|OPTIONS)$/i.test(String(method)) && new URL(url, location.href).origin === location.origin;
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (body) {
    if (!this.bakenChanging) return send.call(this, body);
    token.then((value) => {
      if (value) this.setRequestHeader('X-CSRF-Token', value);
      send.call(this, body);
    });
  };
})();
`;
const CSRF_SCRIPT_PATH = `${QUEUE_BOARD_PATH}/baken-csrf.js`;

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
 * What the board lets an administrator do: look at the queues and jobs, and retry failed jobs — one, or every failed
 * job of a queue. Anything else (adding a job, pausing, resuming, cleaning, promoting, removing, emptying, changing a
 * job's data, delay or priority, obliterating, job schedulers, rate limits, concurrency) could make the system act
 * outside the command path or stop it acting, and is refused. `route` is the route Fastify matched (with or without
 * the board's path in front); Bull Board sends its retries as PUT.
 */
export type BoardAction =
  | { kind: 'view' }
  | { kind: 'retry_job'; queue: string; jobId: string }
  | { kind: 'retry_failed'; queue: string }
  | { kind: 'refused' };

export function boardAction(method: string, route: string | undefined, params: Record<string, unknown>): BoardAction {
  const verb = method.toUpperCase();
  if (verb === 'GET' || verb === 'HEAD') return { kind: 'view' };
  const path = route?.startsWith(QUEUE_BOARD_PATH) ? route.slice(QUEUE_BOARD_PATH.length) : route;
  const queue = String(params.queueName ?? '');
  if (verb === 'PUT' && path === '/api/queues/:queueName/:jobId/retry')
    return { kind: 'retry_job', queue, jobId: String(params.jobId ?? '') };
  if (verb === 'PUT' && path === '/api/queues/:queueName/retry/:queueStatus' && params.queueStatus === 'failed')
    return { kind: 'retry_failed', queue };
  return { kind: 'refused' };
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
 * then must come from role `admin`: 401 without a valid sign-in, 403 for any other role. The board is read-only but
 * for retrying failed jobs ({@link boardAction}): everything else answers 403, checked here before Bull Board sees
 * the request and again in Bull Board's own handler hook. Each retry and each refused attempt is a security event
 * with the administrator's name. Its page is served with a nonce for its inline parts, under a policy that allows no
 * other inline script or style. Without Redis there is no board: 503 after the same checks.
 */
@Injectable()
export class QueueBoard implements OnApplicationBootstrap {
  private readonly logger = new Logger('Queues');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly applicationConfig: ApplicationConfig,
    private readonly queues: JobQueues,
    private readonly events: SecurityEvents,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return;
    await this.queues.start();
    const bullQueues = this.queues.bullQueues();
    const fastify = adapter.getInstance<FastifyInstance>();
    const retries = new WeakMap<FastifyRequest, { actor: Actor; action: BoardAction }>();
    await fastify.register(async (scope) => {
      answerErrorsAsProblems(scope);
      // Before the nonces are added (hooks run in order): the script loaded first gets one like every other.
      scope.addHook('onSend', async (_request, reply, payload) => {
        if (!/^text\/html\b/i.test(String(reply.getHeader('content-type') ?? ''))) return payload;
        const html = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
        if (html === null) return payload;
        return html.replace(/<head(\s[^>]*)?>/i, (head) => `${head}<script src="${CSRF_SCRIPT_PATH}"></script>`);
      });
      // Bull Board's page sets `<base href>`, has inline styles and its configuration inline, and its UI renders a few
      // fixed `<style>` texts.
      serveWithNonces(scope, {
        directives: { 'base-uri': "'self'" },
        sources: { 'style-src': bullBoardStyleHashes() },
      });
      scope.addHook('onRequest', async (request, reply) => {
        try {
          const actor = await this.requireAdmin(request, reply);
          checkBoardRequest(
            request,
            bullQueues.map((queue) => queue.name),
          );
          const action = await this.allowed(actor, request, bullQueues);
          if (action.kind !== 'view') retries.set(request, { actor, action });
        } catch (error) {
          sendProblem(reply, toProblem(error));
          return reply;
        }
      });
      scope.addHook('onResponse', async (request, reply) => {
        const retry = retries.get(request);
        if (!retry || reply.statusCode >= 300) return;
        const { actor, action } = retry;
        this.events.record('queue_job_retried', {
          username: actor.username,
          role: actor.role,
          queue: action.kind === 'retry_job' || action.kind === 'retry_failed' ? action.queue : undefined,
          job: action.kind === 'retry_job' ? action.jobId : 'every failed job',
        });
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
      // Bull Board's own read-only mode (9.10) refuses retries too, so the adapters allow retries of failed jobs only
      // (the UI then offers no retry of completed ones), and the handler hook below and the `onRequest` check above
      // refuse every other change. `allowCompletedRetries` is read by the base adapter but missing from its typings.
      const adapterOptions = { readOnlyMode: false, allowRetries: true, allowCompletedRetries: false };
      createBullBoard({
        queues: bullQueues.map((queue) => new BullMQAdapter(queue, adapterOptions)),
        // @bull-board/fastify declares the adapter against its own copy of @bull-board/api's types; same shape.
        serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
        options: {
          uiConfig: { boardTitle: 'Baken', hideDocsLink: true },
          handlerHooks: {
            before: ({ method, route, request }) =>
              boardAction(method, route, request.params ?? {}).kind === 'refused'
                ? { allow: false, status: 403, message: 'The queue board is read-only.' }
                : undefined,
          },
        },
      });
      // Bull Board's HTTPStatus type lists only the codes it uses itself; Fastify sends any.
      serverAdapter.setErrorHandler((error: Error & { statusCode?: number; code?: unknown }) => {
        const status = boardErrorStatus(error);
        return { status: status as 500, body: { message: status < 500 ? error.message : undefined } };
      });
      scope.get(CSRF_SCRIPT_PATH, async (_request, reply) =>
        reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-store').send(CSRF_SCRIPT),
      );
      await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
    });
    this.logger.log(`Queue dashboard for administrators at ${QUEUE_BOARD_PATH}.`);
  }

  /**
   * The action the request asks for, if an administrator may take it: looking, or retrying a job that failed (or
   * every failed job of a queue). A refusal answers 403 and is recorded as a security event.
   */
  private async allowed(actor: Actor, request: FastifyRequest, bullQueues: Queue[]): Promise<BoardAction> {
    const params = (request.params ?? {}) as Record<string, unknown>;
    const action = boardAction(request.method, request.routeOptions.url, params);
    const refuse = (reason: string) => {
      this.events.record('access_refused', {
        username: actor.username,
        role: actor.role,
        action: 'change_queue',
        decision: 'deny',
        method: request.method,
        path: request.routeOptions.url,
        queue: typeof params.queueName === 'string' ? params.queueName : undefined,
      });
      return forbidden(reason);
    };
    if (action.kind === 'refused')
      throw refuse('The queue board is read-only: administrators may look at the queues and retry failed jobs.');
    if (action.kind === 'retry_job') {
      const queue = bullQueues.find((q) => q.name === action.queue);
      const state = queue ? await queue.getJobState(action.jobId) : 'unknown';
      if (state === 'unknown') throw notFound('The job');
      if (state !== 'failed') throw refuse(`Only failed jobs may be retried; this one is ${state}.`);
    }
    return action;
  }

  private async requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<Actor> {
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
    return authenticated.actor;
  }

  private authGuard(): CanActivate | undefined {
    return [
      ...this.applicationConfig.getGlobalGuards(),
      ...this.applicationConfig.getGlobalRequestGuards().map((wrapper) => wrapper.instance),
    ].find((instance): instance is AuthGuard => instance instanceof AuthGuard);
  }
}
