import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseCommandRunner, type CommandMeta } from '../../infrastructure/case-command-runner';
import type { RecordInterventionEffectRequest } from './record-intervention-effect.request.dto';

export class RecordInterventionEffect extends CaseCommandMessage {
  constructor(caseId: string, readonly interventionId: string, readonly body: RecordInterventionEffectRequest, meta: CommandMeta) {
    super(caseId, meta);
  }
}

@CommandHandler(RecordInterventionEffect)
export class RecordInterventionEffectHandler implements ICommandHandler<RecordInterventionEffect> {
  constructor(private readonly runner: CaseCommandRunner) {}

  execute({ caseId, interventionId, body, meta }: RecordInterventionEffect) {
    return this.runner.run(caseId, meta, 'RecordInterventionEffect', ({ today }) => ({
      actor: meta.actor.username, today,
      type: 'RecordInterventionEffect', interventionId, observedOn: body.observedOn, effect: body.effect, ...(body.description ? { description: body.description } : {}),
    }), { interventionId });
  }
}
