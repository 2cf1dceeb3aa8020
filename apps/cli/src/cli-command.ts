import type { INestApplicationContext } from '@nestjs/common';

/** One operator command. Each file in `commands/` exports one as `command`; `main` finds them by reading the folder. */
export interface CliCommand {
  name: string;
  /** One line for the usage text, e.g. `replay <caseId>   replay one case …`. */
  usage: string;
  /** Other names the command answers to (`projections:rebuild` for `projections-rebuild`). */
  aliases?: readonly string[];
  /** Options that take a value (`--count 40` or `--count=40`); any other `--flag` is a boolean. */
  valueOptions?: readonly string[];
  /** Returns the exit code. Throw `UsageError` for wrong arguments. */
  run(
    app: INestApplicationContext,
    args: string[],
    options: Record<string, string | boolean | undefined>,
  ): Promise<number>;
}

export class UsageError extends Error {}

/** Progress on one line for long-running commands. */
export function progress(label: string, done: number, total?: number): void {
  process.stdout.write(`\r${label}: ${done}${total !== undefined ? `/${total}` : ''}`);
}
