import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@baken/access';
import { WorkQueueResponse } from './work-queue.response.dto';
import { WorkQueue } from './work-queue.service';

@ApiTags('work queue')
@ApiBearerAuth()
@Controller('me')
export class WorkQueueController {
  constructor(private readonly workQueue: WorkQueue) {}

  /**
   * The actor's open deadlines, soonest first: coordinators triage (of cases assigned to them, or unassigned in their
   * district), follow-ups, evaluations, forward feedback and overdue action points of their district; steering groups
   * decisions and revisits of their district; partners effect follow-ups, forward feedback and action points of their
   * organisation. Other roles own no deadlines: an empty list.
   */
  @Get('tasks')
  @ApiOkResponse({ type: WorkQueueResponse })
  async tasks(@CurrentActor() actor: Actor): Promise<WorkQueueResponse> {
    return { items: await this.workQueue.tasksOf(actor) };
  }
}
