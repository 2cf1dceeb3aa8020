import { randomBytes } from 'node:crypto';
import { hasPersonalData, newDataKey, openPersonalData, pseudonymFor, sealPersonalData } from './personal-data';

describe('personal data encryption', () => {
  const subjectId = '8c0a4a52-6c55-4d1f-9a51-2b0d0b7c1e11';

  it('round-trips the personal fields with the subject key', () => {
    const key = newDataKey();
    const sealed = sealPersonalData(key, subjectId, {
      name: 'Ioana Popescu',
      birthDate: '1999-04-12',
      nationality: 'Roemeens',
    });
    expect(openPersonalData(key, subjectId, sealed)).toEqual({
      name: 'Ioana Popescu',
      birthDate: '1999-04-12',
      nationality: 'Roemeens',
    });
  });

  it('never shows the plain text in the sealed form', () => {
    const sealed = sealPersonalData(newDataKey(), subjectId, { name: 'Ioana Popescu' });
    expect(JSON.stringify(sealed)).not.toContain('Ioana');
    expect(Buffer.from(sealed.ciphertext, 'base64').toString('utf8')).not.toContain('Ioana');
  });

  it('uses a fresh IV each time, so equal data gives different ciphertexts', () => {
    const key = newDataKey();
    const a = sealPersonalData(key, subjectId, { name: 'A' });
    const b = sealPersonalData(key, subjectId, { name: 'A' });
    expect(a.iv).not.toEqual(b.iv);
    expect(a.ciphertext).not.toEqual(b.ciphertext);
  });

  it('refuses another key, another subject or a modified ciphertext', () => {
    const key = newDataKey();
    const sealed = sealPersonalData(key, subjectId, { name: 'A' });
    expect(() => openPersonalData(randomBytes(32), subjectId, sealed)).toThrow();
    expect(() => openPersonalData(key, '00000000-0000-4000-8000-000000000000', sealed)).toThrow();
    const tampered = { ...sealed, ciphertext: Buffer.from('x' + sealed.ciphertext).toString('base64') };
    expect(() => openPersonalData(key, subjectId, tampered)).toThrow();
  });

  it('knows whether any personal field was given', () => {
    expect(hasPersonalData({})).toBe(false);
    expect(hasPersonalData({ name: '' })).toBe(false);
    expect(hasPersonalData({ nationality: 'Pools' })).toBe(true);
  });
});

describe('pseudonyms', () => {
  it('are stable per subject and shaped like S-XXXX', () => {
    const id = '8c0a4a52-6c55-4d1f-9a51-2b0d0b7c1e11';
    expect(pseudonymFor(id)).toEqual(pseudonymFor(id));
    expect(pseudonymFor(id)).toMatch(/^S-[2-9A-HJ-NP-Z]{4}$/);
  });

  it('differ between subjects', () => {
    const names = new Set(Array.from({ length: 200 }, (_, i) => pseudonymFor(`subject-${i}`)));
    expect(names.size).toBeGreaterThan(195);
  });
});
