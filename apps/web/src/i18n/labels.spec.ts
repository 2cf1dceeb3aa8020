import { countOf, phraseOf } from './labels';

describe('labels in a sentence', () => {
  it('says a count with the singular for one and the plural otherwise', () => {
    expect(`${countOf(1, 'bespreking', 'besprekingen')} over ${countOf(1, 'casus', 'casussen')}`).toBe(
      '1 bespreking over 1 casus',
    );
    expect(`${countOf(3, 'bespreking', 'besprekingen')} over ${countOf(2, 'casus', 'casussen')}`).toBe(
      '3 besprekingen over 2 casussen',
    );
    expect(countOf(0, 'casus', 'casussen')).toBe('0 casussen');
  });

  it('joins labels as one phrase: no capitals after the first, abbreviations kept', () => {
    expect(phraseOf(['Seksuele uitbuiting', 'Arbeidsuitbuiting'])).toBe('Seksuele uitbuiting en arbeidsuitbuiting');
    expect(phraseOf(['Minderjarig', 'Arbeidsmigrant', 'Sekswerker'])).toBe('Minderjarig, arbeidsmigrant en sekswerker');
    expect(phraseOf(['Politie (AVIM)', 'RIEC'])).toBe('Politie (AVIM) en RIEC');
    expect(phraseOf([])).toBe('');
  });
});
