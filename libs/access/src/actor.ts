export const ROLES = [
  'coordinator',
  'liaison',
  'partner',
  'steering_group',
  'analyst',
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
  /** Partner organisation (a partner enumeration value), for role `partner`. */
  organisation: string | null;
}

export const SYSTEM_ACTOR: Actor = {
  username: 'system',
  role: 'system',
  districts: [],
  municipality: null,
  organisation: null,
};
