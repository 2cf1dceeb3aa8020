import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export class MasterKeyMissing extends Error {
  constructor() {
    super('BAKEN_MASTER_KEY is not set. In production set it to 32 random bytes in base64, e.g. `openssl rand -base64 32`.');
  }
}

/**
 * The key that wraps every subject's data key. From `BAKEN_MASTER_KEY` (base64, 32 bytes); outside production a
 * development key is generated once into the data directory when none is given.
 */
export function loadMasterKey(env: NodeJS.ProcessEnv, dataDir: string): Buffer {
  const fromEnv = env.BAKEN_MASTER_KEY;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) throw new Error('BAKEN_MASTER_KEY must be 32 bytes in base64 (44 characters).');
    return key;
  }
  if (env.NODE_ENV === 'production') throw new MasterKeyMissing();
  const file = join(dataDir, 'master.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}
