import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { CLOCK, ProblemError, type Clock } from '@baken/platform';
import type { Actor } from '../actor';
import { InvalidToken, DemoTokenService } from '../token.service';

const PUBLIC = 'baken:public';
/** Marks a route that needs no token (health, demo login, API docs). */
export const Public = () => SetMetadata(PUBLIC, true);

export type AuthenticatedRequest = FastifyRequest & { actor?: Actor };

export const unauthorized = (detail: string) =>
  new ProblemError(401, 'Unauthorized', detail, '/problems/unauthorized');

/** Every route needs a valid bearer token unless marked `@Public()`. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: DemoTokenService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthorized('Send an access token: Authorization: Bearer <token>.');
    try {
      request.actor = await this.tokens.verify(match[1], this.clock.now());
    } catch (e) {
      if (e instanceof InvalidToken) throw unauthorized('The access token is invalid or has expired. Sign in again.');
      throw e;
    }
    return true;
  }
}

/** The authenticated actor of the request. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw unauthorized('Sign in first.');
  return actor;
});
