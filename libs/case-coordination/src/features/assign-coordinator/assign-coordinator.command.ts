import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseCommandRunner, type CommandMeta } from '../../infrastructure/case-command-runner';
import { UserDirectory } from '../../infrastructure/user-directory.service';
import type { AssignCoordinatorRequest } from './assign-coordinator.request.dto';

export class AssignCoordinator extends CaseCommandMessage {
  constructor(caseId: string, readonly body: AssignCoordinatorRequest, meta: CommandMeta) {
    super(caseId, meta);
  }
}

@CommandHandler(AssignCoordinator)
export class AssignCoordinatorHandler implements ICommandHandler<AssignCoordinator> {
  constructor(private readonly runner: CaseCommandRunner, private readonly users: UserDirectory) {}

  async execute({ caseId, body, meta }: AssignCoordinator) {
    const coordinatorDistricts = await this.users.coordinatorDistricts(body.coordinator);
    return this.runner.run(caseId, meta, 'AssignCoordinator', ({ today }) => ({
      type: 'AssignCoordinator', actor: meta.actor.username, today,
      coordinator: body.coordinator,
      coordinatorDistricts,
    }));
  }
}
