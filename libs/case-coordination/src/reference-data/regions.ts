/** The region's districts and municipalities as seeded; the database holds the live reference data. */
export const SEED_DISTRICTS: readonly { id: string; name: string; municipalities: readonly string[] }[] = [
  {
    id: 'zeeland',
    name: 'Zeeland',
    municipalities: [
      'Borsele',
      'Goes',
      'Hulst',
      'Kapelle',
      'Middelburg',
      'Noord-Beveland',
      'Reimerswaal',
      'Schouwen-Duiveland',
      'Sluis',
      'Terneuzen',
      'Tholen',
      'Veere',
      'Vlissingen',
    ],
  },
  {
    id: 'de-markiezaten',
    name: 'De Markiezaten',
    municipalities: [
      'Bergen op Zoom',
      'Halderberge',
      'Moerdijk',
      'Roosendaal',
      'Rucphen',
      'Steenbergen',
      'Woensdrecht',
    ],
  },
  {
    id: 'de-baronie',
    name: 'De Baronie',
    municipalities: [
      'Alphen-Chaam',
      'Altena',
      'Baarle-Nassau',
      'Breda',
      'Drimmelen',
      'Etten-Leur',
      'Geertruidenberg',
      'Oosterhout',
      'Zundert',
    ],
  },
  {
    id: 'hart-van-brabant',
    name: 'Hart van Brabant',
    municipalities: [
      'Dongen',
      'Gilze en Rijen',
      'Goirle',
      'Heusden',
      'Hilvarenbeek',
      'Loon op Zand',
      'Oisterwijk',
      'Tilburg',
      'Waalwijk',
    ],
  },
];

/** Municipality slug: lowercase, spaces to `-` (`Gilze en Rijen` → `gilze-en-rijen`). */
export function municipalitySlug(name: string): string {
  return name.toLowerCase().replace(/\s+/g, '-');
}

/**
 * The organisations that are neither a municipality (those follow the municipalities) nor anything but reference data:
 * the regional ones by their kind, and the shelters. Administrators maintain them; these are the seed.
 */
export const SEED_ORGANISATIONS: readonly { id: string; kind: string; name: string }[] = [
  { id: 'riec', kind: 'riec', name: 'RIEC Zeeland-West-Brabant' },
  { id: 'police_avim', kind: 'police_avim', name: 'Politie Zeeland-West-Brabant (AVIM)' },
  { id: 'public_prosecutor', kind: 'public_prosecutor', name: 'Openbaar Ministerie' },
  { id: 'labour_inspectorate', kind: 'labour_inspectorate', name: 'Nederlandse Arbeidsinspectie' },
  { id: 'tax_authority', kind: 'tax_authority', name: 'Belastingdienst' },
  { id: 'care_coordinator', kind: 'care_coordinator', name: 'Zorgcoördinatie mensenhandel' },
  { id: 'care_and_safety_house', kind: 'care_and_safety_house', name: 'Zorg- en Veiligheidshuis' },
  { id: 'veilig_thuis', kind: 'veilig_thuis', name: 'Veilig Thuis' },
  { id: 'youth_care', kind: 'youth_care', name: 'Jeugdzorg' },
  { id: 'probation', kind: 'probation', name: 'Reclassering' },
  { id: 'shelter:sterk-huis', kind: 'shelter', name: 'Sterk Huis (opvang)' },
];
