import type { Actor } from './actor';

const DISTRICTS = ['zeeland', 'de-markiezaten', 'de-baronie', 'hart-van-brabant'];

/** The municipality whose mayor sits in each district's stuurploeg in the demo. */
const STEERING_MUNICIPALITY: Record<string, string> = {
  zeeland: 'middelburg',
  'de-markiezaten': 'roosendaal',
  'de-baronie': 'breda',
  'hart-van-brabant': 'tilburg',
};

/** The members of each district's stuurploeg besides its chair (`steering.<district>`, RIEC): suffix and organisation. */
const STEERING_MEMBERS = (district: string): [string, string][] => [
  ['gemeente', `municipality:${STEERING_MUNICIPALITY[district]}`],
  ['om', 'public_prosecutor'],
  ['politie', 'police_avim'],
  ['nla', 'labour_inspectorate'],
  ['belastingdienst', 'tax_authority'],
];

const user = (username: string, role: Actor['role'], organisation: string, extra: Partial<Actor> = {}): Actor => ({
  username,
  role,
  districts: [],
  municipality: null,
  organisation,
  ...extra,
});

/** The demo users of API.md, each acting for one organisation. Used only in demo mode, never in production. */
export const DEMO_USERS: readonly Actor[] = [
  ...DISTRICTS.map((d) => user(`coordinator.${d}`, 'coordinator', 'care_coordinator', { districts: [d] })),
  user('liaison.breda', 'liaison', 'municipality:breda', { districts: ['de-baronie'], municipality: 'breda' }),
  user('partner.police-avim', 'partner', 'police_avim'),
  user('partner.labour-inspectorate', 'partner', 'labour_inspectorate'),
  user('partner.gemeente-breda', 'partner', 'municipality:breda'),
  user('partner.opvang', 'partner', 'shelter:sterk-huis'),
  ...DISTRICTS.flatMap((d) => [
    user(`steering.${d}`, 'steering_group', 'riec', { districts: [d] }),
    ...STEERING_MEMBERS(d).map(([suffix, organisation]) =>
      user(`steering.${d}.${suffix}`, 'steering_group', organisation, { districts: [d] }),
    ),
  ]),
  user('steering2.de-baronie', 'steering_group', 'police_avim', { districts: ['de-baronie'] }),
  user('programme.lead', 'programme_lead', 'riec'),
  user('analyst', 'analyst', 'riec'),
  user('auditor', 'auditor', 'riec'),
  user('admin', 'admin', 'riec'),
];

export function findDemoUser(username: string): Actor | undefined {
  return DEMO_USERS.find((u) => u.username === username);
}
