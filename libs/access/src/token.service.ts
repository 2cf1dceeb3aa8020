import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { ROLES, type Actor, type Role } from './actor';

export const DEMO_ISSUER = 'urn:baken:demo';
export const API_AUDIENCE = 'baken-api';

export class InvalidToken extends Error {}

/** A verified demo token: who it signs in, its id (`jti`, what a logout revokes) and when it expires. */
export interface VerifiedDemoToken {
  actor: Actor;
  tokenId: string;
  expiresAt: Date;
}

/**
 * Issues and verifies the app's own demo tokens (HS256). Every token has an id (`jti`) and expires at most `ttlSeconds`
 * after it was issued; a token without `exp`, `iat` or `jti`, or with a longer lifetime, is refused even when its
 * signature is good. Revocation (logout) is checked by the caller against the stored revocations.
 */
export class DemoTokenService {
  constructor(
    private readonly secret: Uint8Array,
    readonly ttlSeconds = 8 * 3600,
  ) {}

  async issue(actor: Actor, now: Date, tokenId: string = randomUUID()): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({
      role: actor.role,
      districts: actor.districts,
      municipality: actor.municipality,
      organisation: actor.organisation,
      ...(actor.displayName ? { name: actor.displayName } : {}),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(actor.username)
      .setIssuer(DEMO_ISSUER)
      .setAudience(API_AUDIENCE)
      .setJti(tokenId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.ttlSeconds)
      .sign(this.secret);
  }

  async verify(token: string, now: Date): Promise<VerifiedDemoToken> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: DEMO_ISSUER,
        audience: API_AUDIENCE,
        currentDate: now,
        requiredClaims: ['exp', 'iat', 'jti', 'sub'],
      });
      // The lifetime, not the age: another process's clock may run a little behind the one that issued the token.
      if (payload.exp! - payload.iat! > this.ttlSeconds)
        throw new InvalidToken('token lives longer than demo tokens do');
      const role = payload.role as Role;
      if (!payload.sub || !payload.jti || !ROLES.includes(role) || role === 'system')
        throw new InvalidToken('token lacks a valid subject, id or role');
      return {
        actor: {
          username: payload.sub,
          role,
          districts: Array.isArray(payload.districts) ? payload.districts.map(String) : [],
          municipality: typeof payload.municipality === 'string' ? payload.municipality : null,
          organisation: typeof payload.organisation === 'string' ? payload.organisation : null,
          ...(typeof payload.name === 'string' ? { displayName: payload.name } : {}),
        },
        tokenId: payload.jti,
        expiresAt: new Date(payload.exp! * 1000),
      };
    } catch (e) {
      if (e instanceof InvalidToken) throw e;
      if (e instanceof errors.JOSEError) throw new InvalidToken(e.code);
      throw new InvalidToken('malformed token');
    }
  }
}
