import { Sealer, SealRefused, type Database } from '@baken/event-store';
import { DATABASE } from '@baken/platform';
import { UsageError, type CliCommand } from '../cli-command';

export const command: CliCommand = {
  name: 'seal',
  usage:
    'seal                    seal the event log now: a signed Merkle root over every stream head, appended to the seal log',
  async run(app, args) {
    if (args.length) throw new UsageError('seal takes no arguments.');
    try {
      const seal = await app.get(Sealer).seal(app.get<Database>(DATABASE));
      console.log(
        `${seal.sealId} at ${seal.at}: ${seal.streams} streams up to position ${seal.globalPosition}, root ${seal.root}.`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof SealRefused)) throw error;
      console.error(`NOT SEALED: ${error.message}`);
      console.error(
        'Find out who changed the log (verify names each stream), restore it from a backup, then seal again.',
      );
      return 1;
    }
  },
};
