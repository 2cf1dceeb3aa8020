import { laterPosition, lsnValue } from './read-position';

describe('the position a read must reflect', () => {
  it('compares LSNs by both halves, not as text', () => {
    expect(lsnValue('0/16B3748')).toBe(0x16b3748n);
    expect(lsnValue('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(lsnValue('A/0')! > lsnValue('9/FFFFFFFF')!).toBe(true);
  });

  it('refuses what is no LSN', () => {
    for (const value of ['', '12', '0/XYZ', '1/2/3', '123456789/0']) expect(lsnValue(value)).toBeNull();
  });

  it('keeps the latest position the API answered', () => {
    expect(laterPosition(null, '0/100')).toBe('0/100');
    expect(laterPosition('0/100', '0/FF')).toBe('0/100');
    expect(laterPosition('0/FF', '1/0')).toBe('1/0');
    expect(laterPosition('0/100', 'rubbish')).toBe('0/100');
  });
});
