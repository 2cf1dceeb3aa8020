import type { OidcClaimMapping } from '@baken/platform';
import { ROLES, type Actor, type Role } from '../actor';

/** The token is genuine but does not say who the user is in Baken (no username, no role, or more than one role). */
export class UnusableClaims extends Error {}

/** A claim by its exact name (names may contain dots, e.g. URLs), else by a dotted path into nested objects. */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let current: unknown = claims;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** A claim that holds one or more values: an array of strings, or one string separated by commas or spaces. */
function values(value: unknown): string[] {
  if (Array.isArray(value))
    return value
      .filter((v): v is string => typeof v === 'string')
      .map((v) => v.trim())
      .filter(Boolean);
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The organisation claim's values an administrator mapped to an organisation (its `identityClaim`, ADR 62), where the
 * value is not the organisation's id. The reference data of this process keeps it current; a value not in it is taken
 * as the organisation's id, as before.
 */
let organisationByClaim: ReadonlyMap<string, string> = new Map();

/** Replaces the mapping of organisation claim values to organisation ids (see {@link actorFromClaims}). */
export function useOrganisationClaims(mapping: ReadonlyMap<string, string>): void {
  organisationByClaim = new Map(mapping);
}
const ASSIGNABLE: readonly Role[] = ROLES.filter((r) => r !== 'system');

/**
 * Maps an access token's claims to the actor: username, exactly one Baken role after
 * `roleValues` (values that are not Baken roles are ignored, so a provider's own roles may sit in the same claim),
 * districts, municipality, organisation (through the administrator's claim mapping) and the person's display name. The system role is never taken from a token.
 */
export function actorFromClaims(claims: Record<string, unknown>, mapping: OidcClaimMapping): Actor {
  const username = text(claimAt(claims, mapping.username));
  if (!username || username.length > 200 || CONTROL.test(username))
    throw new UnusableClaims('the token names no usable username');
  const roles = [...new Set(values(claimAt(claims, mapping.role)).map((v) => mapping.roleValues[v] ?? v))].filter(
    (v): v is Role => (ASSIGNABLE as readonly string[]).includes(v),
  );
  if (roles.length === 0) throw new UnusableClaims('the token carries no Baken role');
  if (roles.length > 1) throw new UnusableClaims(`the token carries more than one Baken role (${roles.join(', ')})`);
  const displayName = text(claimAt(claims, mapping.displayName));
  const organisation = text(claimAt(claims, mapping.organisation));
  return {
    username,
    role: roles[0],
    districts: [...new Set(values(claimAt(claims, mapping.districts)))],
    municipality: text(claimAt(claims, mapping.municipality)),
    organisation: organisation === null ? null : (organisationByClaim.get(organisation) ?? organisation),
    // A name only shows who someone is; one that cannot be shown is left out rather than refusing the sign-in.
    ...(displayName && displayName.length <= 200 && !CONTROL.test(displayName) ? { displayName } : {}),
  };
}
