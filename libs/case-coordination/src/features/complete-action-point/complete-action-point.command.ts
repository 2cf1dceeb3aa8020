import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { caseCommand } from '../shared/case-command';

export class CompleteActionPointRequest {
  @ApiProperty({ format: 'date' }) @IsBusinessDate() completedOn!: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) note?: string;
}

export const completeActionPoint = caseCommand({
  type: 'CompleteActionPoint',
  route: 'POST cases/:caseId/action-points/:actionPointId/completion',
  summary: 'Records that an action point of the care table was done, by its owner or the coordinator.',
  body: CompleteActionPointRequest,
});
