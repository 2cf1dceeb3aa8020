import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { EFFECTS, type Effect } from '../../domain';
import { caseCommand } from '../shared/case-command';

export class RecordInterventionEffectRequest {
  @ApiProperty({ format: 'date' }) @IsBusinessDate() observedOn!: string;
  @ApiProperty({ enum: EFFECTS }) @IsIn(EFFECTS) effect!: Effect;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) description?: string;
}

export const recordInterventionEffect = caseCommand({
  type: 'RecordInterventionEffect',
  route: 'POST cases/:caseId/interventions/:interventionId/effects',
  summary: 'Records an effect observed of an executed intervention; effects may follow one another over time.',
  body: RecordInterventionEffectRequest,
});
