import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '@baken/platform';

/** With `Secure`, the `__Host-` prefix makes the browser refuse the cookie unless it is Secure, host-only and for `/`. */
export const sessionCookieName = (config: AppConfig) =>
  config.session.secureCookie ? '__Host-baken_session' : 'baken_session';
/** The pending sign-in, between `/api/auth/login` and the provider's redirect to `/api/auth/callback`. */
export const loginCookieName = (config: AppConfig) =>
  config.session.secureCookie ? '__Host-baken_login' : 'baken_login';

const base = (config: AppConfig): CookieSerializeOptions => ({
  httpOnly: true,
  secure: config.session.secureCookie,
  path: '/',
});

/** `Max-Age` rather than `Expires`, so a browser whose clock is off keeps it as long as the server does. */
export function setSessionCookie(reply: FastifyReply, config: AppConfig, id: string): void {
  reply.setCookie(sessionCookieName(config), id, {
    ...base(config),
    sameSite: 'strict',
    maxAge: config.session.ttlSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: AppConfig): void {
  reply.clearCookie(sessionCookieName(config), { ...base(config), sameSite: 'strict' });
}

/**
 * `SameSite=Lax`, not Strict: the provider sends the browser back with a top-level cross-site redirect, on which a
 * Strict cookie would not be sent. It holds only the id of the pending sign-in and lives ten minutes.
 */
export function setLoginCookie(reply: FastifyReply, config: AppConfig, id: string): void {
  reply.setCookie(loginCookieName(config), id, { ...base(config), sameSite: 'lax', maxAge: 600 });
}

export function clearLoginCookie(reply: FastifyReply, config: AppConfig): void {
  reply.clearCookie(loginCookieName(config), { ...base(config), sameSite: 'lax' });
}

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const value = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies?.[name];
  return value || undefined;
}
