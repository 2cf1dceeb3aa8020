import { Inject, Injectable } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { CLOCK, CONFIG, type AppConfig, type Clock } from '@baken/platform';
import type { Actor } from '../actor';
import { DEMO_ISSUER, DemoTokenService, InvalidToken } from '../token.service';
import { KnownUsers } from './known-users';
import { OidcTokenVerifier } from './oidc-token.verifier';

export type AuthenticationMode = 'demo' | 'oidc';

/**
 * Verifies a bearer token: the app's own demo tokens in demo mode, the identity provider's access tokens when one is
 * configured. The unverified `iss` only chooses which verifier checks the token; each checks everything itself.
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly demo: DemoTokenService,
    @Inject(OidcTokenVerifier) private readonly oidc: OidcTokenVerifier | null,
    private readonly knownUsers: KnownUsers,
  ) {}

  async verify(token: string): Promise<{ actor: Actor; mode: AuthenticationMode }> {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new InvalidToken('malformed token');
    }
    if (this.config.demoMode && issuer === DEMO_ISSUER) return { actor: await this.demo.verify(token, this.clock.now()), mode: 'demo' };
    if (this.oidc) {
      const actor = await this.oidc.verify(token, this.clock.now());
      await this.knownUsers.remember(actor);
      return { actor, mode: 'oidc' };
    }
    throw new InvalidToken('no identity provider accepts this token');
  }
}
