import type { Database } from '@baken/event-store';
import { CLOCK, DATABASE, type Clock } from '@baken/platform';
import { KeyCustody } from '@baken/privacy';
import { progress, UsageError, type CliCommand } from '../cli-command';

export const command: CliCommand = {
  name: 'keys',
  usage:
    'keys status|rotate|retire [--force]   the key-encryption keys: what each wraps; rotate to a new one (wrapping every data key again); retire those past the backup retention (--force: every rotated-out one)',
  async run(app, args, options) {
    const [action, ...rest] = args;
    if (!['status', 'rotate', 'retire'].includes(action ?? '') || rest.length)
      throw new UsageError('Usage: keys status | keys rotate | keys retire [--force]');
    const db = app.get<Database>(DATABASE);
    const custody = app.get(KeyCustody);
    const now = app.get<Clock>(CLOCK).now();
    if (action === 'rotate') {
      const { kekId, rewrapped } = await custody.rotate(db, now, (done) => progress('Wrapping data keys again', done));
      process.stdout.write('\n');
      console.log(`Key-encryption key ${kekId} is current; ${rewrapped} data key(s) wrapped again.`);
      console.log('The older keys are retired after the backup retention (keys retire).');
      return 0;
    }
    if (action === 'retire') {
      const retired = await custody.retireDue(db, now, { force: options.force === true });
      console.log(
        retired.length
          ? `Retired ${retired.join(', ')}: what they wrapped (in backups, WAL, old pages) can no longer be read.`
          : 'Nothing to retire: no rotated-out key-encryption key is past the backup retention (use --force when the backups are gone).',
      );
      return 0;
    }
    const status = await custody.status(db, now);
    for (const kek of status.keks)
      console.log(
        `${kek.id}  created ${kek.createdAt}  ${
          kek.retiredAt
            ? `retired ${kek.retiredAt}`
            : kek.rotatedOutAt
              ? `rotated out ${kek.rotatedOutAt}, retires ${kek.retiresAt}`
              : 'current'
        }  wraps ${kek.wraps} data key(s)`,
      );
    if (status.legacyKeys) console.log(`${status.legacyKeys} data key(s) are still wrapped by the master key.`);
    console.log(status.rotationDue ? `A rotation is due: ${status.rotationDue}.` : 'No rotation is due.');
    return 0;
  },
};
