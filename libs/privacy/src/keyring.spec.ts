import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileKeyring, KeyringError, MemoryKeyring } from './keyring';
import { KeyUnavailable, KeyWrapping } from './key-wrapping';
import { sealBytes } from './personal-data';

describe('the keyring of key-encryption keys', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'baken-keyring-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a keyring file readable by its owner only, with one current key', () => {
    const path = join(dir, 'keyring.json');
    const keyring = new FileKeyring(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(keyring.list()).toEqual([
      { id: expect.stringMatching(/^kek-\d{8}-[0-9a-f]{8}$/), createdAt: expect.any(String) },
    ]);
    expect(keyring.current().key).toHaveLength(32);
    expect(JSON.stringify(keyring.list())).not.toContain(keyring.current().key.toString('base64'));
  });

  it('rotates to a new current key, and retiring destroys the old key material in the file', () => {
    const path = join(dir, 'keyring.json');
    const keyring = new FileKeyring(path);
    const first = keyring.current();
    const secondId = keyring.rotate(new Date('2026-12-01T00:00:00Z'));
    expect(keyring.current().id).toBe(secondId);
    expect(keyring.get(first.id)).toEqual(first.key);
    expect(() => keyring.retire(secondId, new Date())).toThrow(KeyringError);
    keyring.retire(first.id, new Date('2026-12-02T00:00:00Z'));
    expect(keyring.get(first.id)).toBeUndefined();
    expect(readFileSync(path, 'utf8')).not.toContain(first.key.toString('base64'));
    expect(keyring.list()[0]).toMatchObject({
      id: first.id,
      rotatedOutAt: '2026-12-01T00:00:00.000Z',
      retiredAt: '2026-12-02T00:00:00.000Z',
    });
  });

  it('sees a rotation made by another process that shares the file', () => {
    const path = join(dir, 'keyring.json');
    let now = 0;
    const here = new FileKeyring(path, () => now);
    const there = new FileKeyring(path);
    const id = there.rotate(new Date());
    // A key it does not know is looked up at once; the current key within a second.
    expect(here.get(id)).toEqual(there.get(id));
    now += 1_500;
    expect(here.current().id).toBe(id);
  });

  it('refuses a keyring whose keys are all retired, and one that is not a keyring', () => {
    const path = join(dir, 'keyring.json');
    writeFileSync(
      path,
      JSON.stringify({
        keys: [{ id: 'kek-old', createdAt: '2020-01-01T00:00:00Z', retiredAt: '2021-01-01T00:00:00Z' }],
      }),
    );
    expect(() => new FileKeyring(path)).toThrow(/no usable key-encryption key/);
    writeFileSync(path, 'not json');
    expect(() => new FileKeyring(path)).toThrow(/cannot be read/);
  });

  it('wraps with the current key, unwraps with the one named, and the master key only for keys from before the keyring', () => {
    const master = randomBytes(32);
    const keyring = new MemoryKeyring();
    const wrapping = new KeyWrapping(keyring, master);
    const dataKey = randomBytes(32);
    const wrapped = wrapping.wrap(dataKey, 'key:a');
    expect(wrapped.kekId).toBe(keyring.current().id);
    expect(wrapping.unwrap(wrapped.wrapped, wrapped.kekId, 'key:a')).toEqual(dataKey);
    expect(() => wrapping.unwrap(wrapped.wrapped, wrapped.kekId, 'key:b')).toThrow();
    const legacy = sealBytes(master, dataKey, 'key:a');
    expect(wrapping.unwrap(legacy, null, 'key:a')).toEqual(dataKey);
    keyring.rotate(new Date());
    keyring.retire(wrapped.kekId, new Date());
    expect(() => wrapping.unwrap(wrapped.wrapped, wrapped.kekId, 'key:a')).toThrow(KeyUnavailable);
    expect(() => new KeyWrapping(keyring).unwrap(legacy, null, 'key:a')).toThrow(KeyUnavailable);
  });
});
