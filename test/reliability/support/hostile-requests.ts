import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { abbreviate, headerBytes, headerValue, percentEncode } from './hostile-encoding';
import { DEMO_USERS, type Fixtures } from './hostile-fixtures';
import type { WireRequest } from './hostile-http';
import type { Operation, Parameter, Schema } from './hostile-openapi';
import {
  deepValue,
  hostileJson,
  hostileString,
  JsonEntries,
  LARGE,
  MALFORMED_BODIES,
  MEGABYTE,
  ODD_DATES,
  ODD_NUMBERS,
  ODD_UUIDS,
  pollution,
  toTree,
  writeJson,
  type JsonTree,
} from './hostile-values';

const STANDARD_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const FRAMING_HEADERS = new Set([
  'host',
  'expect',
  'connection',
  'transfer-encoding',
  'content-length',
  'content-encoding',
]);
/** A request target, a header name and a header value as RFC 9110/3986 allow them. */
const TARGET = /^\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/?[\]]*$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** One generated request: what it aims at, as whom, and its bytes. */
export class HostileRequest {
  constructor(
    readonly operation: string,
    readonly actor: string,
    readonly wire: WireRequest,
    /** The server may close the connection instead of answering (broken framing, a body far over the limit). */
    readonly mayDrop: boolean,
    /** The generator set `X-Correlation-Id` itself, so the harness cannot tag the request with its own. */
    readonly ownCorrelation: boolean,
    /** Sent over a plain socket even when an HTTP client would accept it (broken framing). */
    readonly forceRaw = false,
  ) {}

  /**
   * Whether to send it on a connection of its own: the server may close the connection after answering it (odd
   * methods and framing headers end in the HTTP parser), and a pooled connection closed that way could make the
   * next request on it look dropped.
   */
  get isolated(): boolean {
    return (
      this.mayDrop ||
      !STANDARD_METHODS.has(this.wire.method) ||
      !TARGET.test(this.wire.target) ||
      this.wire.headers.some(
        ([name, value]) => FRAMING_HEADERS.has(name.toLowerCase()) || !TOKEN.test(name) || !FIELD_VALUE.test(value),
      )
    );
  }

  [fc.toStringMethod](): string {
    const headers = this.wire.headers.map(
      ([n, v]) => `${n}: ${abbreviate(/^authorization$/i.test(n) && v.length > 40 ? `${v.slice(0, 30)}…` : v, 80)}`,
    );
    const body = this.wire.body ? ` body ${abbreviate(this.wire.body.toString('utf8'), 300)}` : '';
    return `[${this.operation} as ${this.actor}] ${this.wire.method} ${abbreviate(this.wire.target, 200)} {${headers.join('; ')}}${body}`;
  }

  toString(): string {
    return this[fc.toStringMethod]();
  }
}

interface Part {
  headers: [string, string][];
  label?: string;
  mayDrop?: boolean;
  ownCorrelation?: boolean;
}

const weighted = <T>(...entries: [number, fc.Arbitrary<T>][]) =>
  fc.oneof(...entries.map(([weight, arbitrary]) => ({ weight, arbitrary })));

/** Who may do what: most requests go out as a user the endpoint serves, so that they reach validation. */
export function relevantUsers(op: Operation): string[] {
  if (/^\/(api\/)?admin/.test(op.path)) return ['admin'];
  if (op.path.startsWith('/api/audit')) return ['auditor'];
  if (op.path.startsWith('/api/reports')) return ['analyst', 'steering.de-baronie'];
  if (op.path.endsWith('/decision'))
    return ['steering.de-baronie', 'steering2.de-baronie', 'steering.de-baronie.nla', 'steering.de-baronie.om'];
  if (op.path.startsWith('/api/steering')) return ['steering.de-baronie', 'coordinator.de-baronie', 'auditor'];
  if (op.path.startsWith('/api/projections')) return ['admin', 'auditor', 'analyst'];
  return [
    'coordinator.de-baronie',
    'coordinator.de-baronie',
    'steering.de-baronie',
    'liaison.breda',
    'partner.labour-inspectorate',
  ];
}

const GARBAGE_TOKENS = [
  'Basic dXNlcjpwYXNz',
  'Bearer',
  'Bearer ',
  'Bearer  ',
  'Bearer a b',
  'Bearer null',
  'Bearer undefined',
  'Token abc',
  'bearer',
  'Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJhZG1pbiJ9.',
  'Bearer eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo',
  'Bearer ....',
  'Bearer %00',
  `Bearer ${'A'.repeat(8000)}`,
  'Bearer ' + 'é'.repeat(20),
  'Bearer eyJ',
  'Bearer {"role":"admin"}',
];

function authArbitrary(op: Operation, fixtures: Fixtures): fc.Arbitrary<Part> {
  const fx = op.path.startsWith('/api/auth/') ? { ...fixtures, ...fixtures.disposable } : fixtures;
  const bearer = (user: string): Part => ({ headers: [['Authorization', `Bearer ${fx.tokens[user]}`]], label: user });
  return weighted<Part>(
    [15, fc.constantFrom(...relevantUsers(op)).map(bearer)],
    [4, fc.constantFrom(...DEMO_USERS).map(bearer)],
    [
      1,
      fc.constantFrom(...DEMO_USERS).map((user) => ({
        headers: [['Authorization', `bearer   ${fx.tokens[user]}`]],
        label: `${user} (odd spacing)`,
      })),
    ],
    [
      1,
      fc.constant<Part>({
        headers: [
          ['Cookie', fx.session.cookie],
          ['X-CSRF-Token', fx.session.csrfToken],
        ],
        label: 'browser session',
      }),
    ],
    [
      1,
      fc.oneof(hostileString, fc.constant('')).map((csrf): Part => ({
        headers: [
          ['Cookie', fx.session.cookie],
          ['X-CSRF-Token', headerValue(csrf)],
        ],
        label: 'browser session, bad CSRF token',
      })),
    ],
    [1, fc.constant<Part>({ headers: [], label: 'anonymous' })],
    [
      1,
      fc
        .constantFrom(...GARBAGE_TOKENS)
        .map((value): Part => ({ headers: [['Authorization', value]], label: 'garbage token' })),
    ],
    [
      1,
      hostileString.map((s): Part => ({
        headers: [['Authorization', `Bearer ${headerValue(s)}`]],
        label: 'garbage token',
      })),
    ],
    [
      1,
      fc.constantFrom(...DEMO_USERS).map((user): Part => {
        const token = fx.tokens[user];
        const last = token.at(-1) === 'A' ? 'B' : 'A';
        return {
          headers: [['Authorization', `Bearer ${token.slice(0, -1)}${last}`]],
          label: `${user}, forged signature`,
        };
      }),
    ],
    [
      1,
      fc.constant<Part>({
        headers: [
          ['Authorization', `Bearer ${fx.tokens.admin}`],
          ['Authorization', 'Bearer x'],
        ],
        label: 'two tokens',
      }),
    ],
    [
      1,
      fc
        .oneof(hostileString, fc.constantFrom('s'.repeat(5000), '%00abc', '%ED%A0%80', '%', 'a%2500'))
        .map((s): Part => ({
          headers: [['Cookie', `${fx.session.cookie.split('=')[0]}=${headerValue(s)}; __proto__=x; constructor=y`]],
          label: 'garbage session cookie',
        })),
    ],
  );
}

/** Values a valid request would carry for a field or parameter, by schema and by name. */
export function plausible(schema: Schema, name: string, fx: Fixtures): fc.Arbitrary<unknown> {
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (schema.type === 'array') {
    const items = schema.items ?? { type: 'string' };
    const size = { minLength: Math.max(schema.minItems ?? 0, 1), maxLength: 3 };
    // Lists of enumerated values must not repeat one.
    return items.enum?.length
      ? fc.uniqueArray(fc.constantFrom(...items.enum), size)
      : fc.array(plausible(items, name, fx), size);
  }
  if (schema.type === 'object' || schema.properties) {
    const properties = schema.properties ?? {};
    const required = new Set(schema.required ?? []);
    return fc.record(Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, plausible(s, key, fx)])), {
      requiredKeys: Object.keys(properties).filter((k) => required.has(k) || k === 'subjects'),
    });
  }
  if (schema.type === 'boolean') return fc.boolean();
  if (schema.type === 'number' || schema.type === 'integer') {
    if (/year/i.test(name)) return fc.integer({ min: 2024, max: 2027 });
    const min = schema.minimum ?? 1;
    return fc.integer({ min, max: Math.min(schema.maximum ?? min + 50, min + 50) });
  }
  if (schema.format === 'date-time' || name === 'asKnownAt')
    return fc.constantFrom(new Date().toISOString(), `${fx.dates[2]}T08:00:00Z`, '2026-01-05T08:00:00+01:00');
  // Recent days mostly; now and then the first and the last day a date field accepts, which the domain may refuse.
  if (schema.format === 'date' || /On$|^from$|^to$/.test(name))
    return weighted([12, fc.constantFrom(...fx.dates)], [1, fc.constantFrom('1900-01-01', '9999-12-31')]);
  if (name === 'asOf') return fc.constantFrom(...fx.dates, new Date().toISOString());
  if (schema.format === 'uuid' || /Id$/.test(name)) return fc.oneof(fc.constantFrom(...fx.caseIds), fc.uuid());
  // Mostly the district of the users the requests go out as, so that they are allowed to act in it.
  if (name === 'district')
    return fc.constantFrom(
      'de-baronie',
      'de-baronie',
      'de-baronie',
      'de-baronie',
      'zeeland',
      'de-markiezaten',
      'hart-van-brabant',
    );
  if (name === 'municipality') return fc.constantFrom('breda', 'zundert', 'oosterhout');
  if (name === 'username' || name === 'coordinator') return fc.constantFrom(...DEMO_USERS);
  if (name === 'activeQueue' || name === 'queueName') return fc.constant('deadlines');
  // Counts the queue board takes as text.
  if (/^(page|jobsPerPage|depth|maxChildren)$/.test(name)) return fc.integer({ min: 1, max: 20 }).map(String);
  if (name === 'id') return fc.stringMatching(/^[a-z]{3,10}(-[a-z]{2,8}){0,2}$/);
  if (schema.example !== undefined) return fc.constant(schema.example);
  return fc
    .string({ minLength: 1, maxLength: Math.min(schema.maxLength ?? 40, 40) })
    .filter((s) => s.trim().length > 0);
}

// ---------------------------------------------------------------------------------------------------- path

function pathValue(param: Parameter, fx: Fixtures): fc.Arbitrary<{ text: string; encode: boolean }> {
  const pools: Record<string, string[]> = {
    caseId: fx.caseIds,
    proposalId: fx.proposalIds,
    interventionId: fx.interventionIds,
    subjectId: fx.subjectIds,
    id: fx.targetIds,
    queueName: ['deadlines'],
    jobId: ['1', '2', 'repeat:x'],
    queueStatus: ['failed', 'completed', 'delayed', 'waiting', 'active'],
    schedulerId: ['daily'],
  };
  const own = pools[param.name] ?? fx.caseIds;
  const others = [...fx.proposalIds, ...fx.interventionIds, ...fx.subjectIds, ...fx.caseIds];
  const encoded = (text: fc.Arbitrary<string>) => text.map((t) => ({ text: t, encode: true }));
  return weighted(
    [16, encoded(fc.constantFrom(...(own.length ? own : fx.caseIds)))],
    [1, encoded(fc.constantFrom(...others))],
    [2, encoded(fc.uuid())],
    [2, encoded(fc.constantFrom(...ODD_UUIDS))],
    [3, encoded(hostileString)],
    [
      1,
      encoded(
        fc.constantFrom('x'.repeat(101), 'x'.repeat(101), 'x'.repeat(20_000), `${randomUUID()}${'0'.repeat(100)}`),
      ),
    ],
    // Sent as they are, not encoded: broken escapes, encoded slashes and dots, spaces.
    [
      1,
      fc
        .constantFrom(
          '%',
          '%zz',
          '%E0%A4%A',
          '%ff%fe',
          '%C0%AF',
          '%00',
          '..',
          '.',
          '..%2F..%2F',
          '%2e%2e',
          'a%2Fb',
          '',
          ' ',
          'a b',
          '\u00e9',
          '%u0041',
        )
        .map((text) => ({ text, encode: false })),
    ],
  );
}

function pathArbitrary(op: Operation, fx: Fixtures): fc.Arbitrary<string> {
  const params = op.parameters.filter((p) => p.in === 'path');
  const values = fc.tuple(...params.map((p) => pathValue(p, fx)));
  const shape = weighted<string>(
    [24, fc.constant('')],
    [1, fc.constantFrom('/', '//', '/.', '?', '#frag', ';x=1', '/%2e%2e')],
  );
  return fc.tuple(values, shape).map(([vals, tail]) => {
    let path = op.path;
    params.forEach((p, i) => {
      const v = vals[i];
      path = path.replace(`{${p.name}}`, v.encode ? percentEncode(v.text) : headerBytes(v.text));
    });
    return path + tail;
  });
}

// ---------------------------------------------------------------------------------------------------- query

function queryValue(param: Parameter, fx: Fixtures): fc.Arbitrary<string[]> {
  const one = (a: fc.Arbitrary<unknown>) =>
    a.map((v) => [typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v))]);
  return weighted<string[]>(
    [6, one(plausible(param.schema, param.name, fx))],
    [3, one(hostileString)],
    [1, fc.constantFrom(...ODD_DATES, ...ODD_UUIDS).map((v) => [v])],
    [1, fc.constantFrom(...ODD_NUMBERS).map((n) => [n.text])],
    [1, fc.constantFrom('', 'true', 'false', '1', '0', 'yes', '[]', '{}', 'null').map((v) => [v])],
    [1, fc.tuple(plausible(param.schema, param.name, fx), hostileString).map(([a, b]) => [String(a), b])],
  );
}

const EXTRA_QUERIES = [
  '__proto__=1',
  '__proto__[isAdmin]=true',
  'constructor[prototype][polluted]=1',
  'prototype=x',
  'unknown=1',
  '=x',
  '&&&',
  'a',
  'a=%',
  'a=%E0%A4%A',
  'a=%zz',
  'a[]=1&a[]=2',
  'a[b][c]=1',
  `q=${'x'.repeat(20_000)}`,
  'x=%00',
  'page=1&page=2',
  ';',
  '?',
];

function queryArbitrary(op: Operation, fx: Fixtures): fc.Arbitrary<string> {
  const params = op.parameters.filter((p) => p.in === 'query');
  const declared = fc.tuple(...params.map((p) => fc.option(queryValue(p, fx), { freq: 2 })));
  const name = (p: Parameter) =>
    fc.constantFrom(
      p.name,
      p.name,
      p.name,
      p.name,
      p.name,
      `${p.name}[]`,
      `${p.name}[__proto__]`,
      p.name.toUpperCase(),
    );
  const names = fc.tuple(...params.map(name));
  const extra = weighted<string[]>(
    [240, fc.constant([])],
    [60, fc.subarray(EXTRA_QUERIES, { maxLength: 2 })],
    [1, fc.constant([`big=${MEGABYTE}`])],
  );
  return fc.tuple(declared, names, extra).map(([values, keys, more]) => {
    const pairs: string[] = [];
    params.forEach((p, i) => {
      for (const v of values[i] ?? []) pairs.push(`${percentEncode(keys[i])}=${percentEncode(v)}`);
    });
    pairs.push(...more);
    return pairs.length ? `?${pairs.join('&')}` : '';
  });
}

// ---------------------------------------------------------------------------------------------------- headers

const odd = (...values: string[]) => fc.oneof(fc.constantFrom(...values), hostileString.map(headerValue));

const HEADER_CHOICES: [number, fc.Arbitrary<Part>][] = [
  [
    9,
    odd('"1"', '1', '*', 'W/"2"', '"99999999999"', '"-1"', '"1", "2"', '""', 'W/', '"0"', '"2147483648"').map((v) => ({
      headers: [['If-Match', v]],
    })),
  ],
  [
    9,
    fc
      .oneof(fc.uuid(), odd('', 'k'.repeat(201), 'k'.repeat(200), ' ', 'same-key'))
      .map((v) => ({ headers: [['Idempotency-Key', v]] })),
  ],
  [
    6,
    odd(
      'application/json',
      'application/problem+json',
      'text/html',
      'application/xml',
      '*/*',
      'text/csv',
      'application/json;q=0',
      '',
      'image/png',
    ).map((v) => ({ headers: [['Accept', v]] })),
  ],
  [3, odd('because', '', 'x'.repeat(5000)).map((v) => ({ headers: [['X-Access-Reason', v]] }))],
  [
    3,
    odd('abc', '', 'x'.repeat(101), 'hx-1').map((v): Part => ({
      headers: [['X-Correlation-Id', v]],
      ownCorrelation: true,
    })),
  ],
  [3, odd('1.2.3.4', '1.2.3.4, ::1', 'garbage', 'unknown').map((v) => ({ headers: [['X-Forwarded-For', v]] }))],
  [3, odd('gzip, br, zstd', 'identity;q=0', '*;q=0', 'compress').map((v) => ({ headers: [['Accept-Encoding', v]] }))],
  [3, odd('nl-NL', '*', 'xx;q=2').map((v) => ({ headers: [['Accept-Language', v]] }))],
  [3, odd('https://evil.example', 'null', '*').map((v) => ({ headers: [['Origin', v]] }))],
  [3, odd('bytes=0-10', 'bytes=-1', 'bytes=999999999-').map((v) => ({ headers: [['Range', v]] }))],
  [3, odd('gzip', 'deflate', 'br', 'identity', 'x-unknown').map((v) => ({ headers: [['Content-Encoding', v]] }))],
  [3, odd('evil.example', '', '127.0.0.1:1').map((v) => ({ headers: [['Host', v]] }))],
  [3, odd('100-continue').map((v) => ({ headers: [['Expect', v]] }))],
  [
    1,
    fc.constant<Part>({
      headers: Array.from({ length: 60 }, (_, i): [string, string] => [`X-Filler-${i}`, 'y'.repeat(100)]),
    }),
  ],
  [
    1,
    fc.constantFrom<Part>(
      { headers: [['X-Huge', 'h'.repeat(20_000)]], mayDrop: true },
      { headers: [['X-Large', 'h'.repeat(8_000)]] },
    ),
  ],
  [
    1,
    fc
      .constantFrom('X-Ünicode', 'X Space', 'X:Colon', '', 'X-Tab\t')
      .map((n): Part => ({ headers: [[headerBytes(n), 'v']] })),
  ],
  [
    1,
    fc
      .constantFrom('a\u0000b', 'a\rb', 'a\nInjected: yes', '\u007f')
      .map((v): Part => ({ headers: [['X-Control', v]] })),
  ],
];

const headersArbitrary: fc.Arbitrary<Part> = fc.array(weighted(...HEADER_CHOICES), { maxLength: 3 }).map((parts) => ({
  headers: parts.flatMap((p) => p.headers),
  mayDrop: parts.some((p) => p.mayDrop),
  ownCorrelation: parts.some((p) => p.ownCorrelation),
}));

// ---------------------------------------------------------------------------------------------------- body

interface BodyPart {
  bytes?: Buffer;
  contentType?: string;
  mayDrop?: boolean;
}

type Mutation =
  | { kind: 'drop' | 'wrap' | 'objectify'; at: number }
  | { kind: 'replace'; at: number; value: JsonTree }
  | { kind: 'add'; key: string; value: JsonTree }
  | { kind: 'duplicate'; at: number; value: JsonTree };

const KEYS = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'isAdmin',
    'caseId',
    'version',
    'actor',
    '',
    '\u0000',
    '\ud800',
    '😀',
  ),
  fc.string({ maxLength: 10 }),
);

const mutationArbitrary: fc.Arbitrary<Mutation> = weighted<Mutation>(
  [3, fc.nat().map((at) => ({ kind: 'drop', at }))],
  [
    6,
    fc
      .tuple(
        fc.nat(),
        weighted<JsonTree>(
          [12, hostileJson],
          [3, deepValue],
          [3, fc.constantFrom<JsonTree>(...ODD_NUMBERS)],
          [1, fc.constant(LARGE)],
        ),
      )
      .map(([at, value]) => ({ kind: 'replace', at, value })),
  ],
  [1, fc.nat().map((at) => ({ kind: 'wrap', at }))],
  [1, fc.nat().map((at) => ({ kind: 'objectify', at }))],
  [2, fc.tuple(KEYS, hostileJson).map(([key, value]) => ({ kind: 'add', key, value }))],
  [2, pollution.map(([key, value]) => ({ kind: 'add', key, value }))],
  [1, fc.tuple(fc.nat(), hostileJson).map(([at, value]) => ({ kind: 'duplicate', at, value }))],
);

/** Applies a mutation to the object, or to an object inside it (a signal's source or subjects) when `at` says so. */
function mutate(tree: JsonEntries, mutation: Mutation): JsonEntries {
  const entries = [...tree.entries];
  const index = 'at' in mutation && entries.length ? mutation.at % entries.length : -1;
  const at = 'at' in mutation && mutation.kind !== 'duplicate' ? mutation.at : -1;
  const nestedTarget =
    at % 3 === 2
      ? entries.findIndex(([, v]) => v instanceof JsonEntries || (Array.isArray(v) && v[0] instanceof JsonEntries))
      : -1;
  if (nestedTarget >= 0) {
    const [key, value] = entries[nestedTarget];
    const inner = { ...mutation, at: Math.floor(at / 3) } as Mutation;
    entries[nestedTarget] = [
      key,
      value instanceof JsonEntries
        ? mutate(value, inner)
        : [mutate((value as JsonEntries[])[0], inner), ...(value as JsonTree[]).slice(1)],
    ];
    return new JsonEntries(entries);
  }
  switch (mutation.kind) {
    case 'drop':
      if (index >= 0) entries.splice(index, 1);
      break;
    case 'replace':
      if (index >= 0) entries[index] = [entries[index][0], mutation.value];
      break;
    case 'wrap':
      if (index >= 0) entries[index] = [entries[index][0], [entries[index][1]]];
      break;
    case 'objectify':
      if (index >= 0) entries[index] = [entries[index][0], new JsonEntries([['value', entries[index][1]]])];
      break;
    case 'add':
      entries.push([mutation.key, mutation.value]);
      break;
    case 'duplicate':
      if (index >= 0) entries.push([entries[index][0], mutation.value]);
      break;
  }
  return new JsonEntries(entries);
}

const JSON_TYPE = 'application/json';
const contentTypeArbitrary: fc.Arbitrary<string | undefined> = weighted<string | undefined>(
  [24, fc.constant(JSON_TYPE)],
  [
    2,
    fc.constantFrom(
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json;charset=UTF-8',
      'Application/Json ; charset="utf-8"',
    ),
  ],
  [
    3,
    fc.constantFrom(
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/merge-patch+json',
      'application/problem+json',
      '*/*',
      '',
      'application/json, text/plain',
      ';',
      'json',
      'application/',
      'application/json; boundary',
      'text/json',
      'application/octet-stream',
    ),
  ],
  [1, hostileString.map(headerValue)],
  [1, fc.constant(undefined)],
);

function bodyArbitrary(op: Operation, fx: Fixtures): fc.Arbitrary<BodyPart> {
  const schema = op.body ?? { type: 'object', properties: {} };
  const valid = plausible(schema, 'body', fx).map((v) => toTree(v) as JsonEntries);
  const json = (tree: fc.Arbitrary<JsonTree>) =>
    fc
      .tuple(tree, contentTypeArbitrary)
      .map(([t, ct]): BodyPart => ({ bytes: Buffer.from(writeJson(t)), contentType: ct }));
  const withBody = weighted<BodyPart>(
    [40, json(valid)],
    [
      100,
      json(
        fc
          .tuple(valid, fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }))
          .map(([tree, ms]) => ms.reduce(mutate, tree)),
      ),
    ],
    [20, json(hostileJson)],
    [10, json(deepValue)],
    [10, json(valid.map((t) => [t]))],
    [
      20,
      fc
        .constantFrom(...MALFORMED_BODIES)
        .map((text): BodyPart => ({ bytes: Buffer.from(text), contentType: JSON_TYPE })),
    ],
    // Over the body limit: refused with 413, possibly before the body has been read.
    [
      1,
      valid.map((t): BodyPart => ({
        bytes: Buffer.from(writeJson(new JsonEntries([...t.entries, ['summary', MEGABYTE]]))),
        contentType: JSON_TYPE,
        mayDrop: true,
      })),
    ],
    [
      10,
      fc
        .constantFrom(
          Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
          Buffer.from('{"summary":"\xff\xfe\xc0\xaf"}', 'latin1'),
          Buffer.from([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d]),
        )
        .map((bytes): BodyPart => ({ bytes, contentType: JSON_TYPE })),
    ],
    [
      10,
      fc.constantFrom<BodyPart>(
        { bytes: Buffer.alloc(0), contentType: JSON_TYPE },
        {},
        { contentType: JSON_TYPE },
        { bytes: Buffer.from('username=admin'), contentType: 'application/x-www-form-urlencoded' },
      ),
    ],
  );
  if (op.body) return withBody;
  // Operations without a body: mostly none, sometimes one anyway.
  return weighted<BodyPart>([8, fc.constant({})], [1, withBody]);
}

// ---------------------------------------------------------------------------------------------------- requests

const methodArbitrary = (op: Operation) =>
  weighted<string>(
    [40, fc.constant(op.method)],
    [2, fc.constantFrom('HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE', 'POST', 'GET')],
    [1, fc.constantFrom('TRACE', 'PROPFIND', 'FOO', 'get', 'M-SEARCH')],
  );

export function requestArbitrary(op: Operation, fx: Fixtures): fc.Arbitrary<HostileRequest> {
  return fc
    .record({
      method: methodArbitrary(op),
      path: pathArbitrary(op, fx),
      query: queryArbitrary(op, fx),
      auth: authArbitrary(op, fx),
      headers: headersArbitrary,
      body: bodyArbitrary(op, fx),
    })
    .map(({ method, path, query, auth, headers, body }) => {
      const all: [string, string][] = [...auth.headers, ...headers.headers];
      if (body.contentType !== undefined) all.push(['Content-Type', body.contentType]);
      // Far over the limits (body 256 KiB, head 16 KiB): the server answers early and closes, maybe mid-upload.
      const headSize = path.length + query.length + all.reduce((n, [k, v]) => n + k.length + v.length, 0);
      const tooLarge = (body.bytes?.length ?? 0) > 300_000 || headSize > 16_000;
      return new HostileRequest(
        op.id,
        auth.label ?? '?',
        { method, target: path + query, headers: all, body: body.bytes },
        Boolean(headers.mayDrop || body.mayDrop || tooLarge),
        Boolean(headers.ownCorrelation),
      );
    });
}

/** Paths no endpoint serves, under the API and beside it. */
export function strayPathArbitrary(fx: Fixtures): fc.Arbitrary<HostileRequest> {
  return fc
    .tuple(
      fc.constantFrom('/api/', '/api/cases/', '/api/signals/', '/', '/api/admin/', '/admin/queues/api/'),
      hostileString,
      fc.constantFrom('GET', 'POST', 'DELETE'),
    )
    .map(
      ([prefix, tail, method]) =>
        new HostileRequest(
          'stray path',
          'coordinator.de-baronie',
          {
            method,
            target: prefix + percentEncode(tail),
            headers: [['Authorization', `Bearer ${fx.tokens['coordinator.de-baronie']}`]],
          },
          tail.length > 4000,
          false,
        ),
    );
}

/** Requests whose framing is broken: only a plain socket sends them. */
export function brokenFramingArbitrary(fx: Fixtures): fc.Arbitrary<HostileRequest> {
  const token = fx.tokens['coordinator.de-baronie'];
  const base = (headers: [string, string][], body?: string, method = 'POST', target = '/api/signals') =>
    new HostileRequest(
      'broken framing',
      'coordinator.de-baronie',
      {
        method,
        target,
        headers: [['Authorization', `Bearer ${token}`], ...headers],
        body: body === undefined ? undefined : Buffer.from(body, 'latin1'),
      },
      true,
      false,
      true,
    );
  return fc.constantFrom(
    base(
      [
        ['Content-Type', JSON_TYPE],
        ['Content-Length', 'abc'],
      ],
      '{}',
    ),
    base(
      [
        ['Content-Type', JSON_TYPE],
        ['Content-Length', '-1'],
      ],
      '{}',
    ),
    base(
      [
        ['Content-Type', JSON_TYPE],
        ['Content-Length', '2'],
        ['Content-Length', '3'],
      ],
      '{}',
    ),
    base(
      [
        ['Content-Type', JSON_TYPE],
        ['Content-Length', '2'],
        ['Transfer-Encoding', 'chunked'],
      ],
      '{}',
    ),
    base(
      [
        ['Content-Type', JSON_TYPE],
        ['Transfer-Encoding', 'chunked'],
      ],
      'zz\r\n{}\r\n0\r\n\r\n',
    ),
    base(
      [
        ['Content-Type', JSON_TYPE],
        ['Transfer-Encoding', 'chunked'],
      ],
      '2\r\n{}\r\n0\r\n\r\n',
    ),
    base(
      [
        ['Content-Type', JSON_TYPE],
        ['Transfer-Encoding', 'gzip, chunked'],
      ],
      '2\r\n{}\r\n0\r\n\r\n',
    ),
    base(
      [
        ['Content-Type', JSON_TYPE],
        ['Content-Length', '1'],
      ],
      '{}GET / HTTP/1.1\r\n\r\n',
    ),
    base(
      [
        ['Content-Type', JSON_TYPE],
        ['X-Folded', 'a\r\n continued'],
      ],
      undefined,
      'GET',
      '/api/cases',
    ),
    base([['X-Before', 'a\r\nA header line without a colon']], undefined, 'GET', '/api/cases'),
    base([['X-Nul', 'a\u0000b']], undefined, 'GET', '/api/cases'),
    base([], undefined, 'GET', '/api/cases HTTP/1.1 extra'),
    base([], undefined, 'GET', '/api/ca ses'),
    base([], undefined, 'GET', 'api/cases'),
    base([], undefined, 'GET', '*'),
    base([], undefined, 'GET', 'http://evil.example/api/cases'),
    base([], undefined, 'GET\u0000', '/api/cases'),
    base([['Content-Type', JSON_TYPE]], '{"district":"\u0000"}', 'POST', '/api/signals'),
  );
}
