import { GROUP_BY_OPTIONS, groupName, isGroupBy, overlapNote } from './group-names';

describe('the groups of a breakdown', () => {
  const names = {
    place: (id: string) => ({ 'de-baronie': 'De Baronie', breda: 'Breda' })[id] ?? id,
    organisation: (id: string) => ({ labour_inspectorate: 'Nederlandse Arbeidsinspectie' })[id] ?? id,
  };

  it('offers every breakdown by its Dutch name', () => {
    expect(GROUP_BY_OPTIONS.map((o) => o.label)).toEqual([
      'District',
      'Gemeente',
      'Kwetsbaarheid',
      'Bron van het signaal',
      'Uitbuitingsvorm',
      'Sector',
      'Leidende organisatie',
    ]);
    expect(isGroupBy('sector')).toBe(true);
    expect(isGroupBy('toString')).toBe(false);
    expect(isGroupBy(null)).toBe(false);
  });

  it('names places and organisations from the reference data, values from the label catalogue, and the group without one', () => {
    expect(groupName('district', 'de-baronie', names)).toBe('De Baronie');
    expect(groupName('municipality', 'breda', names)).toBe('Breda');
    expect(groupName('leadOrganisation', 'labour_inspectorate', names)).toBe('Nederlandse Arbeidsinspectie');
    expect(groupName('vulnerability', 'minor', names)).toBe('Minderjarig');
    expect(groupName('source', 'police', names)).toBe('Politie');
    expect(groupName('form', 'criminal', names)).toBe('Criminele uitbuiting');
    expect(groupName('sector', 'car_wash', names)).toBe('Autowasstraat');
    expect(groupName('vulnerability', null, names)).toBe('Geen kwetsbaarheid vastgelegd');
    expect(groupName('leadOrganisation', null, names)).toBe('Zonder interventie');
  });

  it('says whether the groups sum to the totals', () => {
    expect(overlapNote('district', true)).toBe('Elke telling valt in één groep: de groepen tellen op tot het totaal.');
    expect(overlapNote('vulnerability', false)).toBe(
      'Een casus met meer dan één kwetsbaarheid telt in elk van die groepen mee: de groepen tellen samen op tot meer dan het totaal.',
    );
  });
});
