import fc from 'fast-check';

/**
 * Hostile values for the input drill: odd strings, numbers JSON can only spell as text, dangerous keys, deep
 * nesting. JSON is modelled as a tree that can also hold raw tokens and duplicate keys, which `JSON.stringify`
 * cannot produce, and is written out by `writeJson`.
 */

/** Text written into the JSON document as is: `1e309`, `-0`, `NaN`… */
export class RawJson {
  constructor(readonly text: string) {}
}

/** An object as its list of entries: keeps `__proto__` as an ordinary key, and allows duplicate keys. */
export class JsonEntries {
  constructor(readonly entries: [string, JsonTree][]) {}
}

export type JsonTree = null | boolean | number | string | RawJson | JsonEntries | JsonTree[];

/** Writes the tree as JSON text; lone surrogates become `\udXXX` escapes, as `JSON.stringify` writes them. */
export function writeJson(tree: JsonTree): string {
  if (tree instanceof RawJson) return tree.text;
  if (tree instanceof JsonEntries)
    return `{${tree.entries.map(([k, v]) => `${JSON.stringify(k)}:${writeJson(v)}`).join(',')}}`;
  if (Array.isArray(tree)) return `[${tree.map(writeJson).join(',')}]`;
  return JSON.stringify(tree);
}

/** Turns a plain object into a tree (for the valid bodies built from the schema). */
export function toTree(value: unknown): JsonTree {
  if (value instanceof RawJson || value instanceof JsonEntries) return value;
  if (Array.isArray(value)) return value.map(toTree);
  if (value !== null && typeof value === 'object')
    return new JsonEntries(Object.entries(value).map(([k, v]) => [k, toTree(v)]));
  return value as JsonTree;
}

/** Shared, built once: generating megabyte strings character by character would dominate the run. */
export const MEGABYTE = 'x'.repeat(1 << 20);
/** Under the body limit (256 KiB) as bytes, far over every field's maximum length. */
export const LARGE = 'é'.repeat(100_000);
const EMOJI_WALL = '👩‍👩‍👧‍👦'.repeat(600);

export const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\udfff\ud800',
  '\u202eevil\u202c',
  '\u200f\u200e',
  '\ufeff',
  '\u2028\u2029',
  '😀',
  '👩‍👩‍👧‍👦',
  'e\u0301\u0301\u0301',
  'Ω≈ç√∫',
  '𝕳𝖊𝖑𝖑𝖔',
  '\r\n',
  '\t',
  '\u001b[31m',
  '\\',
  '"',
  "'",
  '`',
  "' OR '1'='1",
  "'; DROP TABLE es_events; --",
  '1; SELECT pg_sleep(10)',
  '$$; DELETE FROM es_streams; $$',
  '%00',
  '%',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '${7*7}',
  '{{7*7}}',
  '#{7*7}',
  '../../../etc/passwd',
  '..%2f..%2f',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'null',
  'undefined',
  'NaN',
  'true',
  '[]',
  '{}',
  '0',
  '-1',
  '1e309',
  'x'.repeat(4001),
  'ä'.repeat(201),
  EMOJI_WALL,
];

export const ODD_DATES = [
  '2026-02-29',
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '0000-00-00',
  '1899-12-31',
  '9999-12-31',
  '+275760-09-13',
  '-000001-01-01',
  '2026-3-3',
  '20260303',
  '2026-03-03T00:00:00Z',
  '2026-03-16T25:00:00Z',
  '2026-03-16T10:00:00',
  '2026-03-16T10:00:00+99:00',
  '1970-01-01T00:00:00.000Z',
  '2026-W11-1',
  'today',
  'yesterday',
  '12/03/2026',
  '2026-03-03\u0000',
  '２０２６-０３-０３',
  'Invalid Date',
  '8.64e15',
];

export const ODD_UUIDS = [
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '6F9619FF-8B86-D011-B42D-00C04FC964FF',
  '{6f9619ff-8b86-d011-b42d-00c04fc964ff}',
  '6f9619ff8b86d011b42d00c04fc964ff',
  '6f9619ff-8b86-d011-b42d-00c04fc964f',
  'urn:uuid:6f9619ff-8b86-d011-b42d-00c04fc964ff',
  'g0000000-0000-4000-8000-000000000000',
  '1',
  '-1',
  '0x10',
  '6f9619ff-8b86-d011-b42d-00c04fc964ff\u0000',
  ' 6f9619ff-8b86-4011-b42d-00c04fc964ff',
];

/** Numbers as JSON text: some are valid JSON that parse to Infinity or lose precision, some are not JSON at all. */
export const ODD_NUMBERS = [
  '0',
  '-0',
  '1e309',
  '-1e309',
  '1e-400',
  '9007199254740993',
  '123456789012345678901234567890',
  '2147483648',
  '-2147483649',
  '1.5',
  '-1',
  '0.1e1',
  '1E2',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '01',
  '.5',
  '+1',
  '1_000',
].map((t) => new RawJson(t));

export const DANGEROUS_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '',
  ' ',
  'a.b',
  '$where',
  '$gt',
  '\u0000',
  '\ud800',
  '😀',
  '0',
  'length',
  'then',
  'isAdmin',
  'role',
  'caseId',
  'version',
  'actor',
];

const oddString = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_DATES, ...ODD_UUIDS) },
);

export const hostileString: fc.Arbitrary<string> = oddString;

const scalar: fc.Arbitrary<JsonTree> = fc.oneof(
  { weight: 4, arbitrary: oddString },
  { weight: 2, arbitrary: fc.constantFrom<JsonTree>(...ODD_NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom<JsonTree>(null, true, false, 0, -1, 42, 0.5) },
  { weight: 1, arbitrary: fc.double().map((d) => (Number.isFinite(d) ? d : new RawJson(String(d)))) },
);

/** Any JSON value, hostile at every level, a few levels deep. */
export const hostileJson: fc.Arbitrary<JsonTree> = fc.letrec<{ value: JsonTree }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.tuple(fc.oneof(fc.constantFrom(...DANGEROUS_KEYS), fc.string({ maxLength: 8 })), tie('value')), {
          maxLength: 4,
        })
        .map((entries) => new JsonEntries(entries)),
    },
  ),
})).value;

/** A value nested `depth` levels deep: arrays, objects or both. */
export function nested(depth: number, kind: 'array' | 'object' | 'mixed', leaf: JsonTree = 1): RawJson {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    const array = kind === 'array' || (kind === 'mixed' && i % 2 === 0);
    open += array ? '[' : '{"a":';
    close = (array ? ']' : '}') + close;
  }
  return new RawJson(open + writeJson(leaf) + close);
}

export const deepValue: fc.Arbitrary<JsonTree> = fc
  .tuple(
    fc.constantFrom(17, 17, 40, 40, 1000, 1000, 5000, 60_000),
    fc.constantFrom<'array' | 'object' | 'mixed'>('array', 'object', 'mixed'),
  )
  .map(([depth, kind]) => nested(depth, kind));

/** Prototype-pollution attempts as values of a `__proto__`, `constructor` or `prototype` key. */
export const pollution: fc.Arbitrary<[string, JsonTree]> = fc.constantFrom<[string, JsonTree]>(
  [
    '__proto__',
    new JsonEntries([
      ['isAdmin', true],
      ['role', 'admin'],
    ]),
  ],
  ['__proto__', new JsonEntries([['polluted', 'yes']])],
  ['constructor', new JsonEntries([['prototype', new JsonEntries([['polluted', 'yes']])]])],
  ['prototype', new JsonEntries([['toString', 'x']])],
  ['__proto__', null],
  ['__proto__', []],
);

/** Malformed JSON documents, or JSON that is not an object. */
export const MALFORMED_BODIES = [
  '{',
  '}',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '{a:1}',
  '{"a":1}{"b":2}',
  '{"a":1} x',
  '[1,2',
  '"unterminated',
  'nul',
  'tru',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":01}',
  '{"a":"\\x41"}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '/* c */ {}',
  '\ufeff{}',
  '{"a":1}\u0000',
  '\u0000',
  ' ',
  '\n',
  'null',
  'true',
  '0',
  '-0',
  '1e309',
  '"text"',
  '[]',
  '[{}]',
  '[[[]]]',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"":""}',
  '{"a":"b","a":"c"}',
];
