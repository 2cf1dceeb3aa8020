import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { INTERVENTION_TYPES, PARTNERS, type InterventionType, type Partner } from '../../domain';
import { caseCommand } from '../shared/case-command';

export class PlanInterventionRequest {
  @ApiProperty({ enum: INTERVENTION_TYPES }) @IsIn(INTERVENTION_TYPES) type!: InterventionType;
  @ApiProperty({ enum: PARTNERS }) @IsIn(PARTNERS) leadPartner!: Partner;
  @ApiPropertyOptional({
    enum: PARTNERS,
    isArray: true,
    description: 'Organisations taking part besides the lead (a joint control)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PARTNERS.length)
  @ArrayUnique()
  @IsIn(PARTNERS, { each: true })
  participants?: Partner[];
  @ApiProperty({ format: 'date' }) @IsBusinessDate() plannedOn!: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) description?: string;
}

export const planIntervention = caseCommand({
  type: 'PlanIntervention',
  route: 'POST cases/:caseId/interventions',
  summary: 'Plans an intervention led by one partner organisation.',
  body: PlanInterventionRequest,
  creates: 'interventionId',
  fields: ({ body: { type, description, ...rest }, created }) => ({
    interventionId: created!,
    interventionType: type,
    ...rest,
    ...(description ? { description } : {}),
  }),
});
