const DISTRICT_NAMES: Record<string, string> = {
  zeeland: 'Zeeland',
  'de-markiezaten': 'De Markiezaten',
  'de-baronie': 'De Baronie',
  'hart-van-brabant': 'Hart van Brabant',
};

/** The municipality whose mayor sits in each district's demo stuurploeg. */
const STEERING_MUNICIPALITY: Record<string, string> = {
  zeeland: 'Middelburg',
  'de-markiezaten': 'Roosendaal',
  'de-baronie': 'Breda',
  'hart-van-brabant': 'Tilburg',
};

/** The members of a demo stuurploeg besides its chair: suffix of the username and whom they act for. */
const STEERING_MEMBERS = (district: string): [string, string][] => [
  ['gemeente', `gemeente ${STEERING_MUNICIPALITY[district]}`],
  ['om', 'OM'],
  ['politie', 'politie'],
  ['nla', 'Arbeidsinspectie'],
  ['belastingdienst', 'Belastingdienst'],
];

/** The demo users of the contract (API.md), with who they are in Dutch. */
export const DEMO_USERS: readonly { value: string; label: string }[] = [
  ...Object.entries(DISTRICT_NAMES).map(([id, name]) => ({
    value: `coordinator.${id}`,
    label: `Zorgcoördinator ${name} (coordinator.${id})`,
  })),
  ...Object.entries(DISTRICT_NAMES).flatMap(([id, name]) => [
    { value: `steering.${id}`, label: `Stuurploeg ${name}, voorzitter namens het RIEC (steering.${id})` },
    ...STEERING_MEMBERS(id).map(([suffix, who]) => ({
      value: `steering.${id}.${suffix}`,
      label: `Stuurploeg ${name}, namens ${who} (steering.${id}.${suffix})`,
    })),
  ]),
  {
    value: 'steering2.de-baronie',
    label: 'Stuurploeg De Baronie, tweede lid namens de politie (steering2.de-baronie)',
  },
  { value: 'liaison.breda', label: 'Aandachtsfunctionaris gemeente Breda (liaison.breda)' },
  { value: 'partner.police-avim', label: 'Ketenpartner Politie AVIM (partner.police-avim)' },
  { value: 'partner.labour-inspectorate', label: 'Ketenpartner Arbeidsinspectie (partner.labour-inspectorate)' },
  { value: 'partner.gemeente-breda', label: 'Ketenpartner gemeente Breda (partner.gemeente-breda)' },
  { value: 'partner.opvang', label: 'Ketenpartner opvang Sterk Huis (partner.opvang)' },
  { value: 'programme.lead', label: 'Programmaleider (programme.lead)' },
  { value: 'analyst', label: 'Analist (analyst)' },
  { value: 'auditor', label: 'Auditor (auditor)' },
  { value: 'admin', label: 'Beheerder (admin)' },
];
