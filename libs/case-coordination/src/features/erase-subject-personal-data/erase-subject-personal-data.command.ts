import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SubjectKeyStore } from '@baken/privacy';
import { CaseCommandMessage, CaseCommandRunner, type CommandMeta } from '../../infrastructure/case-command-runner';

export class EraseSubjectPersonalData extends CaseCommandMessage {
  constructor(caseId: string, readonly subjectId: string, meta: CommandMeta) {
    super(caseId, meta);
  }
}

/** Crypto-shredding: records the erasure and destroys the subject's key in the same transaction. */
@CommandHandler(EraseSubjectPersonalData)
export class EraseSubjectPersonalDataHandler implements ICommandHandler<EraseSubjectPersonalData> {
  constructor(private readonly runner: CaseCommandRunner, private readonly keys: SubjectKeyStore) {}

  execute({ caseId, subjectId, meta }: EraseSubjectPersonalData) {
    return this.runner.run(caseId, meta, 'EraseSubjectPersonalData', ({ today }) => ({
      type: 'EraseSubjectPersonalData', actor: meta.actor.username, today, subjectId,
    }), { afterAppend: (tx) => this.keys.erase(tx, subjectId) });
  }
}
