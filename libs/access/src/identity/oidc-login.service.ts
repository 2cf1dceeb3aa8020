import { createHash, randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import * as client from 'openid-client';
import type { Database } from '@baken/event-store';
import type { Clock, OidcConfig } from '@baken/platform';
import type { Actor } from '../actor';
import { InvalidToken } from '../token.service';
import { actorFromClaims, UnusableClaims } from './claims';
import { IdentityProviderUnavailable, type OidcTokenVerifier } from './oidc-token.verifier';
import type { ProviderTokens } from './session.store';

/** The sign-in could not be completed (state or code wrong, expired, replayed, or the provider refused). */
export class LoginFailed extends Error {}

const LOGIN_REQUEST_TTL_MS = 10 * 60_000;
const LOGIN_REQUEST_ID = /^[A-Za-z0-9_-]{43}$/;
const hash = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex');

/** Only a path on this site: `/cases/1?x` yes; `//evil.example`, `https://…` or `/\evil` no. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !/^\/(?![/\\])[^\s\\]*$/.test(value) || value.length > 2000) return '/';
  return value;
}

/**
 * The backend-for-frontend side of OpenID Connect: the authorization-code flow with PKCE, state and nonce. The browser
 * only ever holds the id of a pending sign-in (before) and of its session (after); the verifier, the nonce and the
 * provider's tokens stay on the server.
 */
export class OidcLogin {
  private readonly logger = new Logger('OidcLogin');
  private configuration: Promise<client.Configuration> | null = null;

  constructor(
    private readonly config: OidcConfig & { clientId: string; redirectUri: string },
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly accessTokens: OidcTokenVerifier,
  ) {}

  /** Records a pending sign-in and returns its id (for a short-lived cookie) and the provider URL to send the browser to. */
  async start(returnTo: string): Promise<{ requestId: string; authorizationUrl: string }> {
    const configuration = await this.clientConfiguration();
    const requestId = randomBytes(32).toString('base64url');
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const now = this.clock.now();
    await this.db.query('DELETE FROM access_login_requests WHERE expires_at <= $1', [now]);
    await this.db.query(
      `INSERT INTO access_login_requests (request_hash, state, nonce, code_verifier, return_to, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        hash(requestId),
        state,
        nonce,
        codeVerifier,
        safeReturnPath(returnTo),
        new Date(now.getTime() + LOGIN_REQUEST_TTL_MS),
      ],
    );
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.config.redirectUri,
      scope: this.config.scopes,
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(this.config.resource ? { resource: this.config.resource } : {}),
    });
    return { requestId, authorizationUrl: url.href };
  }

  /**
   * Completes the sign-in from the provider's redirect: the pending sign-in is used up whatever the outcome, the code
   * is exchanged with the PKCE verifier, state and nonce are checked, and the user is taken from the access token (as
   * for bearer requests) or, when that is not a token for this API, from the ID token.
   */
  async finish(
    requestId: string | undefined,
    query: string,
  ): Promise<{ actor: Actor; tokens: ProviderTokens; returnTo: string }> {
    if (!requestId || !LOGIN_REQUEST_ID.test(requestId))
      throw new LoginFailed('No sign-in is in progress in this browser. Start again at /api/auth/login.');
    const { rows } = await this.db.query<{
      state: string;
      nonce: string;
      code_verifier: string;
      return_to: string;
      expires_at: Date;
    }>(
      'DELETE FROM access_login_requests WHERE request_hash = $1 RETURNING state, nonce, code_verifier, return_to, expires_at',
      [hash(requestId)],
    );
    const pending = rows[0];
    if (!pending || new Date(pending.expires_at) <= this.clock.now())
      throw new LoginFailed('The sign-in has expired or was already completed. Start again at /api/auth/login.');
    const configuration = await this.clientConfiguration();
    const callbackUrl = new URL(this.config.redirectUri);
    callbackUrl.search = query;
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.code_verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      this.logger.warn(`Sign-in refused: ${(error as Error).message}`);
      if (isNetworkError(error)) throw new IdentityProviderUnavailable((error as Error).message);
      throw new LoginFailed('The identity provider did not confirm the sign-in. Start again at /api/auth/login.');
    }
    return {
      actor: await this.actorOf(tokens),
      tokens: { accessToken: tokens.access_token, idToken: tokens.id_token, refreshToken: tokens.refresh_token },
      returnTo: pending.return_to,
    };
  }

  private async actorOf(tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers): Promise<Actor> {
    try {
      return await this.accessTokens.verify(tokens.access_token, this.clock.now());
    } catch (error) {
      if (!(error instanceof InvalidToken)) throw error;
    }
    try {
      return actorFromClaims({ ...(tokens.claims() ?? {}) }, this.config.claims);
    } catch (error) {
      if (error instanceof UnusableClaims)
        throw new LoginFailed(`Signed in, but ${error.message}: ask your administrator for access to Baken.`);
      throw error;
    }
  }

  private clientConfiguration(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(
        new URL(this.config.issuer),
        this.config.clientId,
        { redirect_uris: [this.config.redirectUri], response_types: ['code'] },
        this.config.clientSecret ? client.ClientSecretBasic(this.config.clientSecret) : client.None(),
        { execute: this.config.allowInsecureHttp ? [client.allowInsecureRequests] : [], timeout: 10 },
      )
      .catch((error: unknown) => {
        this.configuration = null;
        throw new IdentityProviderUnavailable(
          `The identity provider at ${this.config.issuer} is unreachable: ${(error as Error).message}`,
        );
      });
    return this.configuration;
  }
}

function isNetworkError(error: unknown): boolean {
  const e = error as { name?: string; message?: string; cause?: { code?: string } };
  return (
    (e?.name === 'TypeError' && /fetch failed/i.test(e.message ?? '')) ||
    e?.name === 'TimeoutError' ||
    (typeof e?.cause?.code === 'string' && /^E[A-Z]+/.test(e.cause.code))
  );
}
