import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseCommandRunner, type CommandMeta } from '../../infrastructure/case-command-runner';
import type { RecordConsentRequest } from './record-consent.request.dto';

export class RecordConsent extends CaseCommandMessage {
  constructor(caseId: string, readonly subjectId: string, readonly body: RecordConsentRequest, meta: CommandMeta) {
    super(caseId, meta);
  }
}

@CommandHandler(RecordConsent)
export class RecordConsentHandler implements ICommandHandler<RecordConsent> {
  constructor(private readonly runner: CaseCommandRunner) {}

  execute({ caseId, subjectId, body, meta }: RecordConsent) {
    return this.runner.run(caseId, meta, 'RecordConsent', ({ today }) => ({
      actor: meta.actor.username, today,
      type: 'RecordConsent', subjectId, scope: body.scope, given: body.given, recordedOn: body.recordedOn,
    }));
  }
}
