import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseCommandRunner, type CommandMeta } from '../../infrastructure/case-command-runner';
import { SubjectSealer } from '../../infrastructure/subject-sealer';
import type { SubjectRequest } from '../shared/subject.request.dto';

export class AddSubject extends CaseCommandMessage {
  constructor(caseId: string, readonly body: SubjectRequest, meta: CommandMeta) {
    super(caseId, meta);
  }
}

@CommandHandler(AddSubject)
export class AddSubjectHandler implements ICommandHandler<AddSubject> {
  constructor(private readonly runner: CaseCommandRunner, private readonly sealer: SubjectSealer) {}

  execute({ caseId, body, meta }: AddSubject) {
    const subjectId = randomUUID();
    return this.runner.run(caseId, meta, 'AddSubject', async ({ tx, today }) => ({
      type: 'AddSubject', actor: meta.actor.username, today,
      ...(await this.sealer.seal(tx, subjectId, body.role, body)),
    }), { created: { subjectId } });
  }
}
