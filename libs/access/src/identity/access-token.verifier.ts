import { Inject, Injectable } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { CLOCK, CONFIG, type AppConfig, type Clock } from '@baken/platform';
import type { Actor } from '../actor';
import { DEMO_ISSUER, DemoTokenService, InvalidToken } from '../token.service';
import { KnownUsers } from './known-users';
import { OidcTokenVerifier } from './oidc-token.verifier';
import { VerifiedTokenCache } from './verified-token-cache';

export type AuthenticationMode = 'demo' | 'oidc';

/**
 * Verifies a bearer token: the app's own demo tokens in demo mode, the identity provider's access tokens when one is
 * configured. The unverified `iss` only chooses which verifier checks the token; each checks everything itself.
 * A token verified in the last minute is not checked again until it expires (see {@link VerifiedTokenCache}): clients
 * send the same token on every request, and the signature check was a large share of each request's work.
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly verified = new VerifiedTokenCache<{ actor: Actor; mode: AuthenticationMode }>();

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly demo: DemoTokenService,
    @Inject(OidcTokenVerifier) private readonly oidc: OidcTokenVerifier | null,
    private readonly knownUsers: KnownUsers,
  ) {}

  async verify(token: string): Promise<{ actor: Actor; mode: AuthenticationMode }> {
    const now = this.clock.now();
    const cached = this.verified.get(token, now.getTime());
    if (cached) return copyOf(cached);
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

  private async verifyFully(
    token: string,
    issuer: unknown,
    now: Date,
  ): Promise<{ actor: Actor; mode: AuthenticationMode }> {
    if (this.config.demoMode && issuer === DEMO_ISSUER)
      return { actor: await this.demo.verify(token, now), mode: 'demo' };
    if (this.oidc) {
      const actor = await this.oidc.verify(token, now);
      await this.knownUsers.remember(actor);
      return { actor, mode: 'oidc' };
    }
    throw new InvalidToken('no identity provider accepts this token');
  }
}

/** Each request gets its own actor object: nothing one request does to it can reach another. */
function copyOf({ actor, mode }: { actor: Actor; mode: AuthenticationMode }): {
  actor: Actor;
  mode: AuthenticationMode;
} {
  return { actor: { ...actor, districts: [...actor.districts] }, mode };
}
