import type { Actor } from '@baken/access';

export type ReportScope = { kind: 'allow'; districts: string[] } | { kind: 'deny' } | { kind: 'not_found' };

/**
 * Who may read reports, and over which districts. Analysts, auditors and the programme lead (DOMAIN.md roles: "the
 * monitor, all reports, no case content"): the region. Coordinators and steering
 * groups: their own district(s) — asking for another district answers `not_found` (404), as cases outside scope do,
 * rather than an empty report that would read as "nothing happened there". Admins, liaisons, partners and the system
 * may not read reports at all (`deny`, 403).
 *
 * `known` lists the districts of the reference data; `requested` must be one of them (checked by the caller).
 */
export function reportScope(actor: Actor, requested: string | undefined, known: readonly string[]): ReportScope {
  switch (actor.role) {
    case 'analyst':
    case 'auditor':
    case 'programme_lead':
      return { kind: 'allow', districts: requested ? [requested] : [...known] };
    case 'coordinator':
    case 'steering_group': {
      const own = known.filter((d) => actor.districts.includes(d));
      if (requested) return own.includes(requested) ? { kind: 'allow', districts: [requested] } : { kind: 'not_found' };
      return { kind: 'allow', districts: own };
    }
    default:
      return { kind: 'deny' };
  }
}
