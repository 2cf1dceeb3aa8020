import { RetentionService } from '@baken/case-coordination';
import { progress, UsageError, type CliCommand } from '../cli-command';

export const command: CliCommand = {
  name: 'retention-run',
  usage:
    'retention-run           erase the personal data of cases closed longer than BAKEN_RETENTION_YEARS (default 5) ago',
  async run(app, args) {
    if (args.length) throw new UsageError('retention-run takes no arguments.');
    const run = await app.get(RetentionService).run((done, total) => progress('Erasing subjects', done, total));
    if (!run) {
      console.error('Another retention run is in progress; nothing was done.');
      return 1;
    }
    process.stdout.write('\n');
    console.log(`Retention run ${run.runId}: cases closed before ${run.closedBefore} (${run.retentionYears} years).`);
    console.log(`Erased ${run.subjectsErased} subjects in ${run.caseIds.length} cases.`);
    for (const f of run.failures) console.error(`FAILED  case ${f.caseId}, subject ${f.subjectId}: ${f.error}`);
    return run.failures.length === 0 ? 0 : 1;
  },
};
