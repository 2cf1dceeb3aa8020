import { newDataKey } from './personal-data';
import { isSealedText, nameForms, openText, redactName, sealText } from './narrative';

describe('narrative text', () => {
  const caseId = '2f1e4c8a-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

  it('round-trips with the case key of its generation, and never shows the text', () => {
    const key = newDataKey();
    const sealed = sealText(key, caseId, 2, 'Ilse woont boven de garage.');
    expect(isSealedText(sealed)).toBe(true);
    expect(sealed.gen).toBe(2);
    expect(JSON.stringify(sealed)).not.toContain('Ilse');
    expect(openText(key, caseId, sealed)).toBe('Ilse woont boven de garage.');
  });

  it('is bound to its case and generation: another key, case or generation cannot open it', () => {
    const key = newDataKey();
    const sealed = sealText(key, caseId, 1, 'x');
    expect(() => openText(newDataKey(), caseId, sealed)).toThrow();
    expect(() => openText(key, '00000000-0000-4000-8000-000000000000', sealed)).toThrow();
    expect(() => openText(key, caseId, { ...sealed, gen: 2 })).toThrow();
  });
});

describe('taking a name out of free text', () => {
  it('knows the forms of a name that appear in text, without particles on their own', () => {
    expect(nameForms('Ilse de Vries-Bakker')).toEqual([
      'Ilse de Vries-Bakker',
      'de Vries-Bakker',
      'Vries-Bakker',
      'Bakker',
      'Vries',
      'Ilse',
    ]);
    expect(nameForms('  ')).toEqual([]);
  });

  it('replaces the name and its parts, whatever their case and accents, by the pseudonym', () => {
    const text = 'Gesprek met Ilse de Vries; ÍLSE vertelt dat mevrouw de Vries bang is. Vries zegt: ilse is veilig.';
    expect(redactName(text, 'Ilse de Vries', 'S-7Q2K')).toBe(
      'Gesprek met S-7Q2K; S-7Q2K vertelt dat mevrouw S-7Q2K bang is. S-7Q2K zegt: S-7Q2K is veilig.',
    );
  });

  it('keeps words that merely contain the name, and the particles as words of their own', () => {
    expect(redactName('Ilsemarie en de buurman van Ilse.', 'Ilse de Vries', 'S-1')).toBe(
      'Ilsemarie en de buurman van S-1.',
    );
  });

  it('matches a name written with accents in the text, and keeps the text around it as it was', () => {
    expect(redactName('Zoë Müller-Öztürk (café) meldt zich.', 'Zoe Muller-Ozturk', 'S-X')).toBe(
      'S-X (café) meldt zich.',
    );
  });

  it('leaves a text without the name unchanged', () => {
    expect(redactName('Niets over haar.', 'Ilse de Vries', 'S-1')).toBe('Niets over haar.');
  });
});
