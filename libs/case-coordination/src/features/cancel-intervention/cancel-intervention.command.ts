import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { caseCommand } from '../shared/case-command';

export class CancelInterventionRequest {
  @ApiProperty({ format: 'date' }) @IsBusinessDate() cancelledOn!: string;
  @ApiProperty({ maxLength: 4000 }) @IsString() @IsNotEmpty() @MaxLength(4000) reason!: string;
}

export const cancelIntervention = caseCommand({
  type: 'CancelIntervention',
  route: 'POST cases/:caseId/interventions/:interventionId/cancellation',
  summary: 'Cancels a planned intervention that will not happen, with the reason.',
  body: CancelInterventionRequest,
});
