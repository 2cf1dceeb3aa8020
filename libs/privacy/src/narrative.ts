import { openBytes, sealBytes } from './personal-data';

/**
 * Free text of a case (a summary, a rationale, conclusions…) as stored: encrypted with the case's narrative key of
 * generation `gen` (AES-256-GCM, bound to the case and the generation). A new generation starts when a subject's name
 * is taken out of every text of the case; older generations are then destroyed.
 */
export interface SealedText {
  sealed: 'A256GCM';
  gen: number;
  iv: string;
  ciphertext: string;
  tag: string;
}

export const isSealedText = (value: unknown): value is SealedText =>
  typeof value === 'object' && value !== null && (value as SealedText).sealed === 'A256GCM';

const aad = (caseId: string, gen: number) => `narrative:${caseId}:${gen}`;

export function sealText(key: Buffer, caseId: string, gen: number, text: string): SealedText {
  const { iv, ciphertext, tag } = sealBytes(key, Buffer.from(text, 'utf8'), aad(caseId, gen));
  return { sealed: 'A256GCM', gen, iv, ciphertext, tag };
}

export function openText(key: Buffer, caseId: string, sealed: SealedText): string {
  return openBytes(key, { alg: 'A256GCM', ...sealed }, aad(caseId, sealed.gen)).toString('utf8');
}

/** Particles of Dutch and other names that are words of their own too: never replaced on their own. */
const PARTICLES = new Set([
  'de',
  'der',
  'den',
  'van',
  'von',
  'het',
  "'t",
  'ten',
  'ter',
  'te',
  'la',
  'le',
  'du',
  'da',
  'di',
  'dos',
  'das',
  'del',
  'al',
  'el',
  'bin',
  'ibn',
  'op',
  'in',
  'zu',
  'und',
  'en',
]);

/** Letters and their accented forms, so that `Ilse` matches `Ílse` and `ILSE`. */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * What of a name may appear in free text: the whole name, the name without its first given name (`de Vries`, with
 * its particles) and every part that is not a particle, longest first.
 */
export function nameForms(name: string): string[] {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const forms = new Set<string>();
  if (parts.length > 0) forms.add(parts.join(' '));
  if (parts.length > 2) forms.add(parts.slice(1).join(' '));
  for (const part of parts) {
    for (const piece of [part, ...part.split('-')])
      if (piece.length >= 2 && !PARTICLES.has(fold(piece))) forms.add(piece);
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * `text` with every occurrence of the name and its parts ({@link nameForms}) replaced by `pseudonym`, ignoring case
 * and accents; only whole words are replaced (`Ilse` not in `Ilsemarie`).
 */
export function redactName(text: string, name: string, pseudonym: string): string {
  const forms = nameForms(name).map(fold);
  if (forms.length === 0) return text;
  // Match on a folded copy of the text; folding keeps one character per character of the text, so indexes carry over.
  const chars = [...text];
  const folded = chars.map(fold);
  const foldedText = folded.join('');
  const offsets: number[] = [];
  let at = 0;
  for (const f of folded) {
    offsets.push(at);
    at += f.length;
  }
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  const cuts: [number, number][] = [];
  for (const match of foldedText.matchAll(pattern)) cuts.push([match.index!, match.index! + match[0].length]);
  if (cuts.length === 0) return text;
  const charAt = (offset: number) => {
    const i = offsets.findIndex((o) => o >= offset);
    return i === -1 ? chars.length : i;
  };
  let out = '';
  let from = 0;
  for (const [start, end] of cuts) {
    const s = charAt(start);
    const e = charAt(end);
    out += chars.slice(from, s).join('') + pseudonym;
    from = e;
  }
  return out + chars.slice(from).join('');
}
