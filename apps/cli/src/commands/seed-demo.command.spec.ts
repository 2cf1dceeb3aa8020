import type { INestApplicationContext } from '@nestjs/common';
import { CONFIG, loadConfig } from '@baken/platform';
import { UsageError } from '../cli-command';
import { command } from './seed-demo.command';

const OIDC = { OIDC_ISSUER: 'https://login.example.org/realms/baken', OIDC_AUDIENCE: 'baken' };

/** The application as the command sees it: the configuration, and nothing else it may reach for. */
const appWith = (env: NodeJS.ProcessEnv) => {
  const config = loadConfig({
    BAKEN_DATA_DIR: '/nonexistent/baken',
    BAKEN_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
    BAKEN_TOKEN_SECRET: 's',
    ...env,
  });
  return {
    get: (token: unknown) => {
      if (token === CONFIG) return config;
      throw new Error('seed-demo reached past the configuration');
    },
  } as unknown as INestApplicationContext;
};

describe('npm run cli -- seed-demo', () => {
  it('refuses to seed invented cases with NODE_ENV=production, before touching anything', async () => {
    const run = command.run(appWith({ NODE_ENV: 'production', ...OIDC }), [], {});
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow('seed-demo adds invented cases and is refused with NODE_ENV=production.');
  });

  it.each(['development', 'test'])('goes on to seed with NODE_ENV=%s', async (nodeEnv) => {
    await expect(command.run(appWith({ NODE_ENV: nodeEnv }), [], { count: '0' })).rejects.toThrow(
      '--count must be a whole number from 1 to 100000.',
    );
  });
});
