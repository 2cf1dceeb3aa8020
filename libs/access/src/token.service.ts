import { errors, jwtVerify, SignJWT } from 'jose';
import { ROLES, type Actor, type Role } from './actor';

export const DEMO_ISSUER = 'urn:baken:demo';
export const API_AUDIENCE = 'baken-api';

export class InvalidToken extends Error {}

/** Issues and verifies the app's own demo tokens (HS256). */
export class DemoTokenService {
  constructor(
    private readonly secret: Uint8Array,
    private readonly ttlSeconds = 8 * 3600,
  ) {}

  async issue(actor: Actor, now: Date): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({
      role: actor.role,
      districts: actor.districts,
      municipality: actor.municipality,
      organisation: actor.organisation,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(actor.username)
      .setIssuer(DEMO_ISSUER)
      .setAudience(API_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.ttlSeconds)
      .sign(this.secret);
  }

  async verify(token: string, now: Date): Promise<Actor> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: DEMO_ISSUER,
        audience: API_AUDIENCE,
        currentDate: now,
      });
      const role = payload.role as Role;
      if (!payload.sub || !ROLES.includes(role) || role === 'system')
        throw new InvalidToken('token lacks a valid subject or role');
      return {
        username: payload.sub,
        role,
        districts: Array.isArray(payload.districts) ? payload.districts.map(String) : [],
        municipality: typeof payload.municipality === 'string' ? payload.municipality : null,
        organisation: typeof payload.organisation === 'string' ? payload.organisation : null,
      };
    } catch (e) {
      if (e instanceof InvalidToken) throw e;
      if (e instanceof errors.JOSEError) throw new InvalidToken(e.code);
      throw new InvalidToken('malformed token');
    }
  }
}
