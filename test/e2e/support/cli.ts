import type { INestApplicationContext } from '@nestjs/common';
import type { CliCommand } from '../../../apps/cli/src/cli-command';

/** Runs an operator command (`npm run cli -- <name>`) against a test app; its exit code and everything it printed. */
export async function runCli(
  command: CliCommand,
  app: INestApplicationContext,
  args: string[] = [],
  options: Record<string, string | boolean | undefined> = {},
): Promise<{ code: number; output: string }> {
  const out: string[] = [];
  const spies = [
    jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true)),
    jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' '))),
    jest.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' '))),
  ];
  try {
    return { code: await command.run(app, args, options), output: out.join('\n') };
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
}
