import { checkTransactionIds, transactionIdsBehindMessage, type Database } from '@baken/event-store';
import { DATABASE } from '@baken/platform';
import { UsageError, type CliCommand } from '../cli-command';

export const command: CliCommand = {
  name: 'restore-check',
  usage:
    "restore-check           after restoring a backup: check that new transaction ids sort after the log's; exits 1 and prints the fix when not",
  async run(app, args) {
    if (args.length) throw new UsageError('restore-check takes no arguments.');
    const check = await checkTransactionIds(app.get<Database>(DATABASE));
    if (!check.ok) {
      console.error(transactionIdsBehindMessage(check));
      return 1;
    }
    console.log(
      check.highestRecordedTxId === null
        ? `The event log is empty; the next transaction id is ${check.nextTxId} (epoch ${check.currentEpoch}).`
        : `OK: the next transaction id ${check.nextTxId} (epoch ${check.currentEpoch}) is above the highest recorded one, ` +
            `${check.highestRecordedTxId}. Subscribers will neither skip nor repeat events; verify the hash chains with \`npm run cli -- verify\`.`,
    );
    return 0;
  },
};
