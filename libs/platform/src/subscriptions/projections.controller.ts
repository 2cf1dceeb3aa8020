import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SubscriptionRegistry } from './subscription-registry';

@ApiTags('projections')
@ApiBearerAuth()
@Controller('projections')
export class ProjectionsController {
  constructor(private readonly registry: SubscriptionRegistry) {}

  /** How far each asynchronous read model and process is behind the event log (`lag` in events). */
  @Get()
  list() {
    return this.registry.status();
  }
}
