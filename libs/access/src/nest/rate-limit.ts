import { Injectable, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { ProblemError, type AppConfig } from '@baken/platform';
import { SecurityEvents } from '../security-events';

const LOGIN_RATE_LIMITED = 'baken:login-rate-limited';
/** Sign-in routes: a much lower limit than the rest, against guessing and flooding. */
export const LoginRateLimited = () => SetMetadata(LOGIN_RATE_LIMITED, true);

/** A generous limit per client address and route, and a strict one on the sign-in routes; off with BAKEN_RATE_LIMIT=false. */
export function rateLimitOptions(config: AppConfig): ThrottlerModuleOptions {
  const off = () => !config.rateLimit.enabled;
  const ttl = config.rateLimit.windowSeconds * 1000;
  return {
    throttlers: [
      { name: 'default', ttl, limit: config.rateLimit.limit, skipIf: off },
      {
        name: 'login',
        ttl,
        limit: config.rateLimit.loginLimit,
        skipIf: (context: ExecutionContext) =>
          off() || Reflect.getMetadata(LOGIN_RATE_LIMITED, context.getHandler()) !== true,
      },
    ],
  };
}

/** Answers 429 as problem details with `Retry-After`, and records the event. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly events: SecurityEvents,
  ) {
    super(options, storage, reflector);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const request = context
      .switchToHttp()
      .getRequest<{ ip?: string; method?: string; routeOptions?: { url?: string } }>();
    this.events.record('rate_limited', { ip: request.ip, method: request.method, path: request.routeOptions?.url });
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    // The guard names the header after the throttler (`Retry-After-login`); clients look for the standard one.
    context
      .switchToHttp()
      .getResponse<{ header(name: string, value: string): unknown }>()
      .header('Retry-After', String(seconds));
    throw new ProblemError(
      429,
      'Too many requests',
      `Too many requests; try again in ${seconds} seconds.`,
      '/problems/rate-limited',
    );
  }
}
