import { dutchNumber, lengthOf, lengthState, tooLong, tooLongFields } from './length-limit';

describe('the length limit of a text field', () => {
  it('counts as "n / max tekens" with Dutch thousands', () => {
    expect(lengthState('', 4000)).toEqual({ counter: '0 / 4.000 tekens', state: 'ok', message: null });
    expect(lengthState('abc', 200).counter).toBe('3 / 200 tekens');
    expect(dutchNumber(10000)).toBe('10.000');
  });

  it('says so when the limit is reached', () => {
    expect(lengthState('x'.repeat(4000), 4000)).toEqual({
      counter: '4.000 / 4.000 tekens',
      state: 'full',
      message: 'U heeft het maximum van 4.000 tekens bereikt.',
    });
  });

  it('refuses a pasted text that is too long, with its length and the limit, instead of cutting it', () => {
    expect(lengthState('x'.repeat(10000), 4000)).toEqual({
      counter: '10.000 / 4.000 tekens',
      state: 'over',
      message: 'Deze tekst is 10.000 tekens; er passen er 4.000 in. Kort de tekst in.',
    });
    expect(tooLong('x'.repeat(201), 200)).toBe('Deze tekst is 201 tekens; er passen er 200 in. Kort de tekst in.');
    expect(tooLong('x'.repeat(200), 200)).toBeNull();
  });

  it('counts a character outside the basic plane once, as the API does', () => {
    expect(lengthOf('😀a')).toBe(2);
    expect(tooLong('😀'.repeat(100), 100)).toBeNull();
  });

  it('names the fields over their limits', () => {
    expect(
      tooLongFields({ summary: 'x'.repeat(11), name: 'ok', notes: '' }, { summary: 10, name: 10, other: 5 }),
    ).toEqual({ summary: 'Deze tekst is 11 tekens; er passen er 10 in. Kort de tekst in.' });
  });
});
