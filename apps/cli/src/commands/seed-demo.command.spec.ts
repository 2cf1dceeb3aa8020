import type { INestApplicationContext } from '@nestjs/common';
import { CONFIG, type AppConfig, type NodeEnv } from '@baken/platform';
import { UsageError } from '../cli-command';
import { command } from './seed-demo.command';

/** The application as the command sees it: the configuration, and nothing else it may reach for. */
const appWith = (nodeEnv: NodeEnv) =>
  ({
    get: (token: unknown) => {
      if (token === CONFIG) return { nodeEnv } as AppConfig;
      throw new Error('seed-demo reached past the configuration');
    },
  }) as unknown as INestApplicationContext;

describe('npm run cli -- seed-demo', () => {
  it('refuses to seed invented cases with NODE_ENV=production, before touching anything', async () => {
    const run = command.run(appWith('production'), [], {});
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow('seed-demo adds invented cases and is refused with NODE_ENV=production.');
  });

  it.each<NodeEnv>(['development', 'test'])('goes on to seed with NODE_ENV=%s', async (nodeEnv) => {
    await expect(command.run(appWith(nodeEnv), [], { count: '0' })).rejects.toThrow(
      '--count must be a whole number from 1 to 100000.',
    );
  });
});
