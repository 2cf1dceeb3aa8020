import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseCommandRunner, type CommandMeta } from '../../infrastructure/case-command-runner';
import type { PlanInterventionRequest } from './plan-intervention.request.dto';

export class PlanIntervention extends CaseCommandMessage {
  constructor(caseId: string, readonly body: PlanInterventionRequest, meta: CommandMeta) {
    super(caseId, meta);
  }
}

@CommandHandler(PlanIntervention)
export class PlanInterventionHandler implements ICommandHandler<PlanIntervention> {
  constructor(private readonly runner: CaseCommandRunner) {}

  execute({ caseId, body, meta }: PlanIntervention) {
    const interventionId = randomUUID();
    return this.runner.run(caseId, meta, 'PlanIntervention', ({ today }) => ({
      actor: meta.actor.username, today,
      type: 'PlanIntervention', interventionId, interventionType: body.type, leadPartner: body.leadPartner, plannedOn: body.plannedOn, ...(body.description ? { description: body.description } : {}),
    }), { created: { interventionId } });
  }
}
