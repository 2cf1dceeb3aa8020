export const ROLES = [
  'coordinator',
  'liaison',
  'partner',
  'steering_group',
  'analyst',
  'programme_lead',
  'auditor',
  'admin',
  'system',
] as const;
export type Role = (typeof ROLES)[number];

/** Whoever acts: a signed-in user, or the system itself (deadline escalations, retention). */
export interface Actor {
  username: string;
  role: Role;
  districts: string[];
  municipality: string | null;
  /**
   * The organisation the person acts for (DOMAIN.md "Organisations"): `riec`, `public_prosecutor`,
   * `municipality:breda`, `shelter:sterk-huis`… From the identity provider's organisation claim in production.
   */
  organisation: string | null;
  /**
   * The person's name as people read it ("Anouk de Vries"), from the identity provider's `name` claim. Optional: a
   * token without it, and the system, have none; screens then show the username.
   */
  displayName?: string;
}

export const SYSTEM_ACTOR: Actor = {
  username: 'system',
  role: 'system',
  districts: [],
  municipality: null,
  organisation: null,
};
