import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** The personal fields of a subject (victim, suspect): special-category and criminal data. */
export interface PersonalData {
  name?: string;
  birthDate?: string;
  nationality?: string;
  notes?: string;
}

/** Ciphertext as stored in events (structurally the domain's `SealedPersonalData`). */
export interface SealedPersonalData {
  alg: 'A256GCM';
  iv: string;
  ciphertext: string;
  tag: string;
}

const KEY_BYTES = 32;

export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** Encrypts with AES-256-GCM; a fresh 96-bit IV every time. `aad` binds the ciphertext to its subject. */
export function sealBytes(key: Buffer, plain: Buffer, aad: string): SealedPersonalData {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    alg: 'A256GCM',
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

export function openBytes(key: Buffer, sealed: SealedPersonalData, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
}

export function sealPersonalData(key: Buffer, subjectId: string, data: PersonalData): SealedPersonalData {
  return sealBytes(key, Buffer.from(JSON.stringify(data), 'utf8'), `subject:${subjectId}`);
}

export function openPersonalData(key: Buffer, subjectId: string, sealed: SealedPersonalData): PersonalData {
  return JSON.parse(openBytes(key, sealed, `subject:${subjectId}`).toString('utf8')) as PersonalData;
}

export function hasPersonalData(data: PersonalData): boolean {
  return [data.name, data.birthDate, data.nationality, data.notes].some(
    (v) => v !== undefined && v !== null && v !== '',
  );
}

const PSEUDONYM_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A stable, non-reversible pseudonym for a subject, e.g. `S-7Q2K`. */
export function pseudonymFor(subjectId: string): string {
  const digest = createHash('sha256').update(`pseudonym:${subjectId}`).digest();
  let out = '';
  for (let i = 0; i < 4; i++) out += PSEUDONYM_ALPHABET[digest[i] % PSEUDONYM_ALPHABET.length];
  return `S-${out}`;
}
