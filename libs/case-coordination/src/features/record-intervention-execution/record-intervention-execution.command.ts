import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseCommandRunner, type CommandMeta } from '../../infrastructure/case-command-runner';
import type { RecordInterventionExecutionRequest } from './record-intervention-execution.request.dto';

export class RecordInterventionExecution extends CaseCommandMessage {
  constructor(caseId: string, readonly interventionId: string, readonly body: RecordInterventionExecutionRequest, meta: CommandMeta) {
    super(caseId, meta);
  }
}

@CommandHandler(RecordInterventionExecution)
export class RecordInterventionExecutionHandler implements ICommandHandler<RecordInterventionExecution> {
  constructor(private readonly runner: CaseCommandRunner) {}

  execute({ caseId, interventionId, body, meta }: RecordInterventionExecution) {
    return this.runner.run(caseId, meta, 'RecordInterventionExecuted', ({ today }) => ({
      actor: meta.actor.username, today,
      type: 'RecordInterventionExecuted', interventionId, executedOn: body.executedOn, ...(body.notes ? { notes: body.notes } : {}),
    }), { interventionId });
  }
}
