import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { SubscriptionRegistry } from './subscription-registry';

export class ProjectionStatusResponse {
  @ApiProperty({ example: 'reporting' }) name!: string;
  @ApiProperty({ description: 'Events of the log not yet processed' }) lag!: number;
  @ApiProperty({ example: 'running', description: 'running, standby, failing or stopped' }) status!: string;
}

@ApiTags('projections')
@ApiBearerAuth()
@Controller('projections')
export class ProjectionsController {
  constructor(private readonly registry: SubscriptionRegistry) {}

  /** How far each asynchronous read model and process is behind the event log (`lag` in events). */
  @Get()
  @ApiOkResponse({ type: [ProjectionStatusResponse] })
  list() {
    return this.registry.status();
  }
}
