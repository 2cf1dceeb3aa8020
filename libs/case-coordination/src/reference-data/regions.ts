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
