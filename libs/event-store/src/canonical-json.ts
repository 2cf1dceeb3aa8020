/**
 * `value` as RFC 8785 (JCS) canonical JSON, exactly as `canonicalize(JSON.parse(JSON.stringify(value)))` would give
 * it, in one pass and without building the intermediate copy: `toJSON` is honoured (dates become ISO strings),
 * `undefined`, functions and symbols are left out of objects and become `null` in arrays, non-finite numbers become
 * `null`, and object keys are sorted by UTF-16 code units at every level. Strings and numbers are written by
 * `JSON.stringify`, which is what JCS prescribes for ECMAScript.
 *
 * The result is also the value's JSON as stored: what `jsonb` gives back parses to the same value, so a hash over
 * this text can be recomputed from the stored row. Returns `undefined` where `JSON.stringify` would (a top-level
 * `undefined`, function or symbol).
 *
 * @throws TypeError on a circular structure or a BigInt, as `JSON.stringify` does.
 */
export function canonicalJson(value: unknown): string | undefined {
  return serialise(value, '', []);
}

function serialise(input: unknown, key: string, ancestors: object[]): string | undefined {
  let value = input;
  if (value !== null && (typeof value === 'object' || typeof value === 'bigint')) {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') value = (toJSON as (key: string) => unknown).call(value, key);
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object':
      break;
    default:
      // undefined, function, symbol
      return undefined;
  }
  if (value === null) return 'null';
  // Boxed primitives are written as their primitive value, as JSON.stringify does.
  if (value instanceof Number || value instanceof String || value instanceof Boolean)
    return serialise(value.valueOf(), key, ancestors);
  if (ancestors.includes(value)) throw new TypeError('Converting circular structure to JSON');
  ancestors.push(value);
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += serialise(value[i], String(i), ancestors) ?? 'null';
    }
    out += ']';
  } else {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    out = '{';
    let first = true;
    for (const name of keys) {
      const member = serialise(record[name], name, ancestors);
      if (member === undefined) continue;
      out += `${first ? '' : ','}${JSON.stringify(name)}:${member}`;
      first = false;
    }
    out += '}';
  }
  ancestors.pop();
  return out;
}
