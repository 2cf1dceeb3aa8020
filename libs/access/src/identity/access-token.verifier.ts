import { Inject, Injectable } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { CLOCK, CONFIG, type AppConfig, type Clock } from '@baken/platform';
import type { Actor } from '../actor';
import { DEMO_ISSUER, DemoTokenService, InvalidToken } from '../token.service';
import { KnownUsers } from './known-users';
import { OidcTokenVerifier } from './oidc-token.verifier';
import { RevokedTokens } from './revoked-tokens';
import { VerifiedTokenCache } from './verified-token-cache';

export type AuthenticationMode = 'demo' | 'oidc';

/** Who a bearer token signs in and how; of a demo token also its id and expiry, for revocation. */
export interface VerifiedAccessToken {
  actor: Actor;
  mode: AuthenticationMode;
  demoToken?: { tokenId: string; expiresAt: Date };
}

/**
 * Verifies a bearer token: the app's own demo tokens in demo mode, the identity provider's access tokens when one is
 * configured. The unverified `iss` only chooses which verifier checks the token; each checks everything itself.
 * A token verified in the last minute is not checked again until it expires (see {@link VerifiedTokenCache}): clients
 * send the same token on every request, and the signature check was a large share of each request's work. Whether a
 * demo token was revoked (logout) is asked of the database on every request, so a logout holds in every process at once.
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly verified = new VerifiedTokenCache<VerifiedAccessToken>();

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly demo: DemoTokenService,
    @Inject(OidcTokenVerifier) private readonly oidc: OidcTokenVerifier | null,
    private readonly knownUsers: KnownUsers,
    private readonly revoked: RevokedTokens,
  ) {}

  async verify(token: string): Promise<VerifiedAccessToken> {
    const now = this.clock.now();
    const result = this.verified.get(token, now.getTime()) ?? (await this.verifyAndRemember(token, now));
    if (result.demoToken && (await this.revoked.isRevoked(result.demoToken.tokenId)))
      throw new InvalidToken('token revoked');
    return copyOf(result);
  }

  private async verifyAndRemember(token: string, now: Date): Promise<VerifiedAccessToken> {
    let claims: { iss?: unknown; exp?: unknown };
    try {
      claims = decodeJwt(token);
    } catch {
      throw new InvalidToken('malformed token');
    }
    const result = await this.verifyFully(token, claims.iss, now);
    if (typeof claims.exp === 'number')
      this.verified.set(token, { value: copyOf(result), verifiedAt: now.getTime(), expiresAt: claims.exp * 1000 });
    return result;
  }

  private async verifyFully(token: string, issuer: unknown, now: Date): Promise<VerifiedAccessToken> {
    if (this.config.demoMode && issuer === DEMO_ISSUER) {
      const { actor, tokenId, expiresAt } = await this.demo.verify(token, now);
      return { actor, mode: 'demo', demoToken: { tokenId, expiresAt } };
    }
    if (this.oidc) {
      const actor = await this.oidc.verify(token, now);
      await this.knownUsers.remember(actor);
      return { actor, mode: 'oidc' };
    }
    throw new InvalidToken('no identity provider accepts this token');
  }
}

/** Each request gets its own actor object: nothing one request does to it can reach another. */
function copyOf({ actor, mode, demoToken }: VerifiedAccessToken): VerifiedAccessToken {
  return {
    actor: { ...actor, districts: [...actor.districts] },
    mode,
    ...(demoToken ? { demoToken: { ...demoToken } } : {}),
  };
}
