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

/**
 * The invented people behind the demo usernames, so that screens can show a name as they would with an identity
 * provider's `name` claim. Every demo user has one.
 */
const DEMO_NAMES: Readonly<Record<string, string>> = {
  'coordinator.zeeland': 'Marieke Verhulst',
  'coordinator.de-markiezaten': 'Sanne Hoogendoorn',
  'coordinator.de-baronie': 'Anouk de Vries',
  'coordinator.hart-van-brabant': 'Jeroen van den Berg',
  'liaison.breda': 'Fatima el Amrani',
  'partner.police-avim': 'Ruud Jansen',
  'partner.labour-inspectorate': 'Ingrid Smits',
  'partner.gemeente-breda': 'Bart Vermeulen',
  'partner.opvang': 'Lotte Kuijpers',
  'steering.zeeland': 'Hans Dekker',
  'steering.zeeland.gemeente': 'Ellen Bosman',
  'steering.zeeland.om': 'Pieter de Wit',
  'steering.zeeland.politie': 'Karin Mulder',
  'steering.zeeland.nla': 'Wouter Maas',
  'steering.zeeland.belastingdienst': 'Yvonne Schouten',
  'steering.de-markiezaten': 'Erik Verbeek',
  'steering.de-markiezaten.gemeente': 'Monique Claassen',
  'steering.de-markiezaten.om': 'Ahmed Bakkali',
  'steering.de-markiezaten.politie': 'Linda van Dijk',
  'steering.de-markiezaten.nla': 'Tom Hendriks',
  'steering.de-markiezaten.belastingdienst': 'Esther Koster',
  'steering.de-baronie': 'Martijn Peeters',
  'steering.de-baronie.gemeente': 'Sabine van Loon',
  'steering.de-baronie.om': 'Rob Timmermans',
  'steering.de-baronie.politie': 'Nicole Willems',
  'steering.de-baronie.nla': 'Dennis Aarts',
  'steering.de-baronie.belastingdienst': 'Marloes de Bruijn',
  'steering2.de-baronie': 'Kees van Gils',
  'steering.hart-van-brabant': 'Geert van Rooij',
  'steering.hart-van-brabant.gemeente': 'Annemiek Wouters',
  'steering.hart-van-brabant.om': 'Sander Smulders',
  'steering.hart-van-brabant.politie': 'Priya Ramdin',
  'steering.hart-van-brabant.nla': 'Joost van Esch',
  'steering.hart-van-brabant.belastingdienst': 'Carla Prinsen',
  'programme.lead': 'Ilse van der Heijden',
  analyst: 'Mehmet Yilmaz',
  auditor: 'Judith Vos',
  admin: 'Frank Meijer',
};

const user = (username: string, role: Actor['role'], organisation: string, extra: Partial<Actor> = {}): Actor => ({
  username,
  role,
  districts: [],
  municipality: null,
  organisation,
  displayName: DEMO_NAMES[username],
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
