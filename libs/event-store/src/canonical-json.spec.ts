import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json';
import { hashEvent, type HashableEvent } from './hash-chain';

/** What the store hashed before: the RFC 8785 reference library over the value as JSON would give it back. */
const reference = (value: unknown): string | undefined => {
  const json = JSON.stringify(value);
  return json === undefined ? undefined : canonicalize(JSON.parse(json));
};

/** Values as callers hand them to the store: JSON, plus what JSON.stringify drops or rewrites. */
const callerValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue(),
    fc.string({ unit: 'binary' }),
    fc.double(),
    fc.constantFrom(undefined, null, -0, Number.NaN, Number.POSITIVE_INFINITY, () => 1, Symbol('s')),
    fc.date({ noInvalidDate: true }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string({ unit: 'binary' }), tie('value'), { maxKeys: 6 }),
    fc.object(),
  ),
})).value;

describe('canonicalJson', () => {
  it('writes exactly what the reference canonicalisation of the JSON round trip writes', () => {
    fc.assert(
      fc.property(callerValue, (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('sorts keys by UTF-16 code unit, calls toJSON with the key, and handles what JSON cannot hold like JSON.stringify', () => {
    const withToJson = { toJSON: (key: string) => `key ${key}` };
    expect(
      canonicalJson({
        b: 1,
        a: [undefined, () => 1, Number.NaN],
        é: withToJson,
        '\u{1F600}': 1,
        '\uFB33': 2,
        c: undefined,
      }),
    ).toBe('{"a":[null,null,null],"b":1,"é":"key é","\u{1F600}":1,"\uFB33":2}');
    expect(canonicalJson(new Date(0))).toBe('"1970-01-01T00:00:00.000Z"');
    expect(canonicalJson(Object.assign(Object.create(null) as object, { z: 1, ['__proto__']: 2 }))).toBe(
      '{"__proto__":2,"z":1}',
    );
    expect(canonicalJson(undefined)).toBeUndefined();
    expect(canonicalJson([1e21, 1e-7, -0, 0.1 + 0.2])).toBe('[1e+21,1e-7,0,0.30000000000000004]');
  });

  it('refuses a circular structure and a BigInt, as JSON.stringify does', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    expect(() => canonicalJson(cycle)).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});

describe('hashEvent', () => {
  /** The hash as first defined: one canonicalisation of the whole event; chains stored before must still verify. */
  const referenceHash = (prevHash: string, event: HashableEvent): string => {
    const { hash: _ownHash, ...metadata } = event.metadata;
    const canonical = canonicalize({
      streamId: event.streamId,
      streamVersion: event.streamVersion,
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata,
      recordedAt: event.recordedAt.toISOString(),
    }) as string;
    return createHash('sha256').update(prevHash).update(canonical).digest('hex');
  };

  it('gives the hash of the original definition for every stored event', () => {
    fc.assert(
      fc.property(
        fc.record({
          prevHash: fc.stringMatching(/^[0-9a-f]{64}$/),
          streamId: fc.string({ unit: 'binary' }),
          streamVersion: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          eventId: fc.uuid(),
          type: fc.string({ unit: 'binary' }),
          schemaVersion: fc.integer({ min: 1, max: 1000 }),
          data: fc.jsonValue(),
          metadata: fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 5 }),
          recordedAt: fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(Date.UTC(9999, 0)) }),
        }),
        ({ prevHash, ...event }) => {
          expect(hashEvent(prevHash, event)).toBe(referenceHash(prevHash, event));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
