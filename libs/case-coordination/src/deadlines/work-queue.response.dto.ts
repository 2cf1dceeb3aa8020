import { ApiProperty } from '@nestjs/swagger';
import { DEADLINE_KINDS } from '../domain';

export class TaskResponse {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'ZWB-2026-00042' }) reference!: string;
  @ApiProperty({ enum: DEADLINE_KINDS }) kind!: string;
  @ApiProperty({ format: 'date', example: '2026-03-23' }) dueOn!: string;
  @ApiProperty({ description: 'The due date has passed and the work is still open.' }) overdue!: boolean;
}

export class WorkQueueResponse {
  @ApiProperty({ type: [TaskResponse] }) items!: TaskResponse[];
}
