import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { CONFIG, ProblemError, type AppConfig } from '@baken/platform';
import type { Actor } from '../actor';
import { AccessTokenVerifier } from '../identity/access-token.verifier';
import { IdentityProviderUnavailable } from '../identity/oidc-token.verifier';
import { csrfTokenMatches, SessionStore, type Session } from '../identity/session.store';
import { SecurityEvents } from '../security-events';
import { InvalidToken } from '../token.service';
import { readCookie, sessionCookieName } from './session-cookie';

const PUBLIC = 'baken:public';
/** Marks a route that needs no token (health, sign-in, API docs). */
export const Public = () => SetMetadata(PUBLIC, true);

export type AuthenticatedRequest = FastifyRequest & {
  actor?: Actor;
  /** How the actor was authenticated: a bearer token, or the browser's session cookie (which needs CSRF tokens). */
  authenticatedBy?: 'bearer' | 'session';
  session?: Session;
};

export const unauthorized = (detail: string) => new ProblemError(401, 'Unauthorized', detail, '/problems/unauthorized');

export const identityProviderUnavailable = () =>
  new ProblemError(
    503,
    'Service unavailable',
    'The identity provider cannot be reached to check your sign-in. Try again shortly.',
    '/problems/unavailable',
  );

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const csrfRefused = () =>
  new ProblemError(
    403,
    'Forbidden',
    "Requests signed in with the session cookie must send the session's CSRF token in the X-CSRF-Token header.",
    '/problems/csrf-token-missing',
  );

/**
 * Every route needs an actor unless marked `@Public()`: from `Authorization: Bearer <token>` (demo or identity
 * provider token), else from the session cookie. Cookie-authenticated POST, PUT, PATCH and DELETE requests must also
 * carry the session's CSRF token in `X-CSRF-Token`; bearer requests need none (a browser never adds the header by itself).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenVerifier,
    private readonly sessions: SessionStore,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly events: SecurityEvents,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const where = {
      method: request.method,
      path: request.routeOptions?.url ?? request.url.split('?')[0],
      ip: request.ip,
    };
    if (header !== undefined) {
      const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
      if (!match) {
        this.events.record('authentication_failed', { by: 'bearer', reason: 'not a bearer token', ...where });
        throw unauthorized('Send an access token: Authorization: Bearer <token>.');
      }
      request.actor = await this.verifyBearer(match[1], where);
      request.authenticatedBy = 'bearer';
      return true;
    }
    const sessionId = readCookie(request, sessionCookieName(this.config));
    if (!sessionId) {
      this.events.record('authentication_failed', { by: 'none', reason: 'no token or session cookie', ...where });
      throw unauthorized('Sign in first: send Authorization: Bearer <token>, or sign in with the browser.');
    }
    const session = await this.sessions.find(sessionId);
    if (!session) {
      this.events.record('authentication_failed', { by: 'session', reason: 'unknown or ended session', ...where });
      throw unauthorized('Your session has ended. Sign in again.');
    }
    if (STATE_CHANGING.has(request.method) && !csrfTokenMatches(request.headers['x-csrf-token'], session.csrfToken)) {
      this.events.record('csrf_token_refused', { username: session.actor.username, ...where });
      throw csrfRefused();
    }
    request.actor = session.actor;
    request.authenticatedBy = 'session';
    request.session = session;
    return true;
  }

  private async verifyBearer(token: string, where: Record<string, string>): Promise<Actor> {
    try {
      return (await this.tokens.verify(token)).actor;
    } catch (e) {
      if (e instanceof InvalidToken) {
        this.events.record('authentication_failed', { by: 'bearer', reason: e.message, ...where });
        throw unauthorized('The access token is invalid or has expired. Sign in again.');
      }
      if (e instanceof IdentityProviderUnavailable) throw identityProviderUnavailable();
      throw e;
    }
  }
}

/** The authenticated actor of the request. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw unauthorized('Sign in first.');
  return actor;
});
