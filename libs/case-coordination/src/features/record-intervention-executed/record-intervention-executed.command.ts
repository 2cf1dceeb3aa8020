import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { caseCommand } from '../shared/case-command';

export class RecordInterventionExecutedRequest {
  @ApiProperty({ format: 'date' }) @IsBusinessDate() executedOn!: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) notes?: string;
}

export const recordInterventionExecuted = caseCommand({
  type: 'RecordInterventionExecuted',
  route: 'POST cases/:caseId/interventions/:interventionId/execution',
  summary: 'Records that a planned intervention was carried out.',
  body: RecordInterventionExecutedRequest,
});
