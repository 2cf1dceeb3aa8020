import type { Actor } from './actor';

const DISTRICTS = ['zeeland', 'de-markiezaten', 'de-baronie', 'hart-van-brabant'];

/** The demo users of API.md. Used only in demo mode, never in production. */
export const DEMO_USERS: readonly Actor[] = [
  ...DISTRICTS.map((d): Actor => ({
    username: `coordinator.${d}`,
    role: 'coordinator',
    districts: [d],
    municipality: null,
    organisation: 'care_coordinator',
  })),
  {
    username: 'liaison.breda',
    role: 'liaison',
    districts: ['de-baronie'],
    municipality: 'breda',
    organisation: 'municipality',
  },
  { username: 'partner.police-avim', role: 'partner', districts: [], municipality: null, organisation: 'police_avim' },
  {
    username: 'partner.labour-inspectorate',
    role: 'partner',
    districts: [],
    municipality: null,
    organisation: 'labour_inspectorate',
  },
  ...DISTRICTS.map((d): Actor => ({
    username: `steering.${d}`,
    role: 'steering_group',
    districts: [d],
    municipality: null,
    organisation: 'riec',
  })),
  {
    username: 'steering2.de-baronie',
    role: 'steering_group',
    districts: ['de-baronie'],
    municipality: null,
    organisation: 'riec',
  },
  { username: 'analyst', role: 'analyst', districts: [], municipality: null, organisation: null },
  { username: 'auditor', role: 'auditor', districts: [], municipality: null, organisation: null },
  { username: 'admin', role: 'admin', districts: [], municipality: null, organisation: null },
];

export function findDemoUser(username: string): Actor | undefined {
  return DEMO_USERS.find((u) => u.username === username);
}
