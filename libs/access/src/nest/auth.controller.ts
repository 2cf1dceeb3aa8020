import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiFoundResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decodeJwt } from 'jose';
import { CLOCK, CONFIG, ProblemError, type AppConfig, type Clock } from '@baken/platform';
import { ROLES, type Actor } from '../actor';
import { findDemoUser } from '../demo-users';
import { AccessTokenVerifier } from '../identity/access-token.verifier';
import { KnownUsers } from '../identity/known-users';
import { IdentityProviderUnavailable } from '../identity/oidc-token.verifier';
import { LoginFailed, OidcLogin } from '../identity/oidc-login.service';
import { demoTokenIdOf, RevokedTokens } from '../identity/revoked-tokens';
import { csrfTokenMatches, SessionStore } from '../identity/session.store';
import { SecurityEvents } from '../security-events';
import { DEMO_ISSUER, DemoTokenService, InvalidToken } from '../token.service';
import { csrfRefused, identityProviderUnavailable, Public, unauthorized } from './auth.guard';
import { LoginRateLimited } from './rate-limit';
import {
  clearLoginCookie,
  clearSessionCookie,
  loginCookieName,
  readCookie,
  sessionCookieName,
  setLoginCookie,
  setSessionCookie,
} from './session-cookie';

export class DemoLoginRequest {
  @ApiProperty({ example: 'coordinator.de-baronie' })
  @IsString()
  @MaxLength(100)
  username!: string;
}

class UserResponse {
  @ApiProperty() username!: string;
  @ApiProperty({ enum: ROLES.filter((r) => r !== 'system') })
  role!: string;
  @ApiProperty({ type: [String] }) districts!: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) municipality!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'The organisation the user acts for',
    example: 'municipality:breda',
  })
  organisation!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Anouk de Vries',
    description: "The person's name to show; null when the identity provider gave none",
  })
  displayName!: string | null;
}

class DemoLoginResponse {
  @ApiProperty({ description: 'Bearer token for API clients' }) accessToken!: string;
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
  @ApiProperty({ description: 'Send as X-CSRF-Token on POST, PUT, PATCH and DELETE when using the session cookie' })
  csrfToken!: string;
}

class BrowserSessionResponse {
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
  @ApiProperty() csrfToken!: string;
  @ApiProperty({ enum: ['demo', 'oidc'] }) mode!: string;
}

const userView = (a: Actor): UserResponse => ({
  username: a.username,
  role: a.role,
  districts: a.districts,
  municipality: a.municipality,
  organisation: a.organisation,
  displayName: a.displayName ?? null,
});

/**
 * Sign-in for the browser (backend-for-frontend) and for demo use. The browser gets an httpOnly, SameSite=Strict
 * session cookie (Secure unless configured off for plain http://localhost); tokens stay on the server.
 */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly demoTokens: DemoTokenService,
    private readonly sessions: SessionStore,
    @Inject(OidcLogin) private readonly oidc: OidcLogin | null,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly events: SecurityEvents,
    private readonly knownUsers: KnownUsers,
    private readonly accessTokens: AccessTokenVerifier,
    private readonly revokedTokens: RevokedTokens,
  ) {}

  /**
   * Signs in as a demo user (demo mode only): a bearer token for API clients, and the session cookie for the browser.
   * The token belongs to the session: ending the session (logout, a new sign-in in this browser) revokes it too.
   */
  @Public()
  @LoginRateLimited()
  @Post('demo-login')
  @HttpCode(200)
  @ApiOkResponse({ type: DemoLoginResponse })
  async demoLogin(
    @Body() body: DemoLoginRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (!this.config.demoMode)
      throw new ProblemError(404, 'Not found', 'Demo login is switched off on this installation.');
    const user = findDemoUser(body.username);
    if (!user) {
      this.events.record('authentication_failed', { by: 'demo', reason: 'not a demo user', ip: request.ip });
      throw new ProblemError(
        401,
        'Unauthorized',
        `"${body.username}" is not a demo user. Try coordinator.de-baronie.`,
        '/problems/unauthorized',
      );
    }
    await this.endSessionOf(request);
    const session = await this.sessions.create(user, 'demo');
    const accessToken = await this.demoTokens.issue(user, this.clock.now(), demoTokenIdOf(session.id));
    this.events.record('authentication_succeeded', {
      by: 'demo',
      username: user.username,
      role: user.role,
      ip: request.ip,
    });
    setSessionCookie(reply, this.config, session.id);
    return { accessToken, user: userView(user), csrfToken: session.csrfToken };
  }

  /** The signed-in user of this browser, the CSRF token to send with changes, and how they signed in. 401 without a session. */
  @Public()
  @Get('session')
  @ApiCookieAuth()
  @ApiOkResponse({ type: BrowserSessionResponse })
  async session(@Req() request: FastifyRequest) {
    const id = readCookie(request, sessionCookieName(this.config));
    const session = id ? await this.sessions.find(id) : null;
    if (!session) throw unauthorized('Not signed in, or the session has ended.');
    return { user: userView(session.actor), csrfToken: session.csrfToken, mode: session.mode };
  }

  /**
   * Ends this browser's session and clears its cookie (with the session's X-CSRF-Token), and revokes the demo token
   * sent as `Authorization: Bearer` or issued with the session: it is refused from then on, by every API process.
   * Always 204.
   */
  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiNoContentResponse()
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const id = readCookie(request, sessionCookieName(this.config));
    const session = id ? await this.sessions.find(id) : null;
    if (session && !csrfTokenMatches(request.headers['x-csrf-token'], session.csrfToken)) {
      this.events.record('csrf_token_refused', {
        username: session.actor.username,
        method: 'POST',
        path: '/api/auth/logout',
        ip: request.ip,
      });
      throw csrfRefused();
    }
    await this.revokeBearerOf(request);
    const ended = id ? await this.sessions.end(id) : null;
    if (id && ended) {
      if (ended.mode === 'demo') await this.revokeTokenOfSession(id);
      this.events.record('session_ended', { username: session?.actor.username, reason: 'logout', ip: request.ip });
    }
    clearSessionCookie(reply, this.config);
    reply.header('Clear-Site-Data', '"cache", "storage"');
  }

  /** Starts signing in with the identity provider: redirects there (authorization code with PKCE). */
  @Public()
  @LoginRateLimited()
  @Get('login')
  @ApiQuery({
    name: 'returnTo',
    required: false,
    description: 'A path of this site to return to afterwards, e.g. /cases',
  })
  @ApiFoundResponse({ description: 'Redirect to the identity provider' })
  async login(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const oidc = this.requireOidc();
    const { requestId, authorizationUrl } = await this.providerCall(() =>
      oidc.start(String((request.query as Record<string, unknown>)?.returnTo ?? '/')),
    );
    setLoginCookie(reply, this.config, requestId);
    await reply.redirect(authorizationUrl, 302);
  }

  /** Where the identity provider sends the browser back: completes the sign-in, sets the session cookie, redirects on. */
  @Public()
  @LoginRateLimited()
  @Get('callback')
  @ApiFoundResponse({ description: 'Redirect to the page the sign-in started from' })
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const oidc = this.requireOidc();
    const requestId = readCookie(request, loginCookieName(this.config));
    clearLoginCookie(reply, this.config);
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    let signedIn: Awaited<ReturnType<OidcLogin['finish']>>;
    try {
      signedIn = await this.providerCall(() => oidc.finish(requestId, query));
    } catch (error) {
      this.events.record('authentication_failed', { by: 'oidc', reason: (error as Error).message, ip: request.ip });
      throw error;
    }
    const { actor, tokens, returnTo } = signedIn;
    await this.knownUsers.remember(actor);
    await this.endSessionOf(request);
    const session = await this.sessions.create(actor, 'oidc', tokens);
    this.events.record('authentication_succeeded', {
      by: 'oidc',
      username: actor.username,
      role: actor.role,
      ip: request.ip,
    });
    setSessionCookie(reply, this.config, session.id);
    await reply.redirect(returnTo, 303);
  }

  private requireOidc(): OidcLogin {
    if (!this.oidc)
      throw new ProblemError(
        404,
        'Not found',
        'Sign-in with an identity provider is not configured on this installation.',
      );
    return this.oidc;
  }

  private async providerCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof LoginFailed) throw unauthorized(error.message);
      if (error instanceof IdentityProviderUnavailable) throw identityProviderUnavailable();
      throw error;
    }
  }

  /** A new sign-in always gets a new session id; the browser's previous session ends, and its demo token with it. */
  private async endSessionOf(request: FastifyRequest): Promise<void> {
    const id = readCookie(request, sessionCookieName(this.config));
    if (id && (await this.sessions.end(id))?.mode === 'demo') await this.revokeTokenOfSession(id);
  }

  /** The demo token of a session ended now: revoked for as long as any token issued with the session could live. */
  private async revokeTokenOfSession(sessionId: string): Promise<void> {
    const until = new Date(this.clock.now().getTime() + this.demoTokens.ttlSeconds * 1000);
    await this.revokedTokens.revoke(demoTokenIdOf(sessionId), until);
  }

  /**
   * Revokes a valid demo token sent as the bearer. Any other token, or none, changes nothing: the identity provider's
   * tokens are the provider's to revoke, and it is not even asked about them here.
   */
  private async revokeBearerOf(request: FastifyRequest): Promise<void> {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match || !this.config.demoMode || issuerOf(match[1]) !== DEMO_ISSUER) return;
    try {
      const { actor, demoToken } = await this.accessTokens.verify(match[1]);
      if (!demoToken) return;
      await this.revokedTokens.revoke(demoToken.tokenId, demoToken.expiresAt);
      this.events.record('session_ended', { username: actor.username, reason: 'logout', by: 'bearer', ip: request.ip });
    } catch (error) {
      if (!(error instanceof InvalidToken)) throw error;
    }
  }
}

/** The unverified `iss` of a token: only chooses whether it could be a demo token at all. */
function issuerOf(token: string): unknown {
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}
