/** The main navigation: each screen is shown only to the roles that may use it (the API enforces the same). */

export interface NavItem {
  path: string;
  label: string;
  roles: readonly string[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/beheer', label: 'Beheer', roles: ['admin'] },
  { path: '/werkvoorraad', label: 'Werkvoorraad', roles: ['coordinator', 'steering_group', 'partner'] },
  { path: '/casussen', label: 'Casussen', roles: ['coordinator', 'liaison', 'partner', 'steering_group', 'auditor'] },
  { path: '/zorgtafels', label: 'Zorgtafels', roles: ['coordinator'] },
  { path: '/signaal-registreren', label: 'Signaal registreren', roles: ['coordinator', 'liaison', 'partner'] },
  { path: '/stuurploeg', label: 'Stuurploeg', roles: ['steering_group', 'coordinator', 'auditor'] },
  {
    path: '/rapportages',
    label: 'Rapportages',
    roles: ['analyst', 'coordinator', 'steering_group', 'auditor', 'programme_lead'],
  },
  { path: '/audit', label: 'Audit', roles: ['auditor'] },
  {
    path: '/programmamonitor',
    label: 'Programmamonitor',
    roles: ['programme_lead', 'coordinator', 'liaison', 'partner', 'steering_group', 'analyst', 'auditor', 'admin'],
  },
];

export function navigationFor(role: string): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}

/** Roles whose own screen is not the first of their navigation: the programme lead's is the monitor. */
const LANDING: Readonly<Record<string, string>> = { programme_lead: '/programmamonitor' };

/** The screen a user lands on after logging in: the role's own, else the first of its navigation. */
export function homeFor(role: string): string {
  return LANDING[role] ?? navigationFor(role)[0]?.path ?? '/geen-toegang';
}

/** Whether the role may open the screen at `path` (case detail pages belong to `Casussen`). */
export function mayOpen(role: string, path: string): boolean {
  const item = NAV_ITEMS.find((i) => path === i.path || path.startsWith(`${i.path}/`));
  return item ? item.roles.includes(role) : true;
}
