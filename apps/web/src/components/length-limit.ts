/**
 * The length limit of a text field, counted and said in Dutch. The field shows "n / max tekens" all the time, says so
 * when the limit is reached, and refuses (never cuts) a longer text: a pasted text stays whole until the user
 * shortened it.
 */

const NUMBER = new Intl.NumberFormat('nl-NL');

/** A count as Dutch text: `4.000`, `10.000`. */
export const dutchNumber = (n: number): string => NUMBER.format(n);

/** The characters of a text as the API counts them: a letter outside the basic plane (an emoji) is one. */
export const lengthOf = (text: string): number => [...text].length;

export interface LengthState {
  /** `n / max tekens` */
  counter: string;
  /** `ok`: room left; `full`: exactly at the limit; `over`: too long, refused. */
  state: 'ok' | 'full' | 'over';
  /** What to tell the user at or over the limit; `null` below it. */
  message: string | null;
}

/** Every message of a text over its limit starts so; a field recognises its own message by it. */
export const TOO_LONG_PREFIX = 'Deze tekst is ';

/** The message of a text longer than `max`, or `null` when it fits. */
export function tooLong(text: string, max: number): string | null {
  const length = lengthOf(text);
  if (length <= max) return null;
  return `${TOO_LONG_PREFIX}${dutchNumber(length)} ${length === 1 ? 'teken' : 'tekens'}; er ${
    max === 1 ? 'past er 1' : `passen er ${dutchNumber(max)}`
  } in. Kort de tekst in.`;
}

export function lengthState(text: string, max: number): LengthState {
  const length = lengthOf(text);
  const counter = `${dutchNumber(length)} / ${dutchNumber(max)} tekens`;
  if (length > max) return { counter, state: 'over', message: tooLong(text, max) };
  if (length === max)
    return { counter, state: 'full', message: `U heeft het maximum van ${dutchNumber(max)} tekens bereikt.` };
  return { counter, state: 'ok', message: null };
}

/** The fields whose text is over its limit, with their messages: the check a form does before it sends anything. */
export function tooLongFields(
  values: Readonly<Record<string, string>>,
  limits: Readonly<Record<string, number | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, max] of Object.entries(limits)) {
    const message = max === undefined ? null : tooLong(values[name] ?? '', max);
    if (message) out[name] = message;
  }
  return out;
}
