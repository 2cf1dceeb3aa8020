import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ConfigurationError, type OidcConfig } from '@baken/platform';
import { ROLES, type Actor } from '../actor';
import { InvalidToken } from '../token.service';
import { actorFromClaims, UnusableClaims } from './claims';

/** The identity provider (its metadata or its keys) could not be reached: tokens cannot be checked now (HTTP 503). */
export class IdentityProviderUnavailable extends Error {}

/** Fetches the provider's metadata (`/.well-known/openid-configuration`) once and checks that it names our issuer. */
export async function discoverJwksUri(config: OidcConfig): Promise<string> {
  if (config.jwksUri) return config.jwksUri;
  const metadataUrl = `${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let metadata: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const response = await fetch(metadataUrl, {
      signal: AbortSignal.timeout(5000),
      redirect: 'manual',
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    metadata = (await response.json()) as typeof metadata;
  } catch (error) {
    throw new IdentityProviderUnavailable(
      `The identity provider's metadata at ${metadataUrl} is unreachable: ${(error as Error).message}`,
    );
  }
  if (metadata.issuer !== config.issuer) {
    throw new IdentityProviderUnavailable(
      `The identity provider's metadata names issuer "${String(metadata.issuer)}", not the configured "${config.issuer}".`,
    );
  }
  if (typeof metadata.jwks_uri !== 'string')
    throw new IdentityProviderUnavailable('The identity provider publishes no jwks_uri.');
  return metadata.jwks_uri;
}

/**
 * Verifies access tokens of the organisation's OpenID provider: signature against the provider's published keys
 * (JWKS, cached and refreshed on an unknown key id), an asymmetric algorithm from the allow-list (so never `none`
 * or an HMAC made with a public key), issuer, audience and expiry (with a small clock tolerance); then maps the
 * claims to an actor.
 */
export class OidcTokenVerifier {
  private keys: Promise<JWTVerifyGetKey> | null = null;

  constructor(private readonly config: OidcConfig) {
    const unknown = Object.values(config.claims.roleValues).filter(
      (role) => !(ROLES as readonly string[]).includes(role) || role === 'system',
    );
    if (unknown.length)
      throw new ConfigurationError(
        `OIDC_ROLE_MAP maps to roles Baken does not have: ${unknown.join(', ')} (roles: ${ROLES.filter((r) => r !== 'system').join(', ')}).`,
      );
  }

  async verify(token: string, now: Date): Promise<Actor> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, await this.keySet(), {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: this.config.algorithms,
        currentDate: now,
        clockTolerance: this.config.clockToleranceSeconds,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      if (error instanceof IdentityProviderUnavailable || error instanceof errors.JWKSTimeout)
        throw new IdentityProviderUnavailable((error as Error).message);
      if (error instanceof errors.JOSEError) throw new InvalidToken(error.code);
      if (error instanceof TypeError && /fetch/i.test(error.message))
        throw new IdentityProviderUnavailable(error.message);
      throw new InvalidToken('malformed token');
    }
    try {
      return actorFromClaims(payload, this.config.claims);
    } catch (error) {
      if (error instanceof UnusableClaims) throw new InvalidToken(error.message);
      throw error;
    }
  }

  private keySet(): Promise<JWTVerifyGetKey> {
    this.keys ??= discoverJwksUri(this.config).then(
      (uri) =>
        createRemoteJWKSet(new URL(uri), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 }),
      (error: unknown) => {
        this.keys = null;
        throw error;
      },
    );
    return this.keys;
  }
}
