import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEADLINE_KINDS } from '../domain';

export class TaskResponse {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'ZWB-2026-00042' }) reference!: string;
  @ApiProperty({ enum: DEADLINE_KINDS }) kind!: string;
  @ApiProperty({ format: 'date', example: '2026-03-23' }) dueOn!: string;
  @ApiProperty({ description: 'The due date has passed and the work is still open.' }) overdue!: boolean;
  @ApiPropertyOptional({ format: 'uuid', description: 'For an action point: its id' }) actionPointId?: string;
  @ApiPropertyOptional({ description: 'For an action point: what was agreed' }) description?: string;
}

export class WorkQueueResponse {
  @ApiProperty({ type: [TaskResponse] }) items!: TaskResponse[];
}
