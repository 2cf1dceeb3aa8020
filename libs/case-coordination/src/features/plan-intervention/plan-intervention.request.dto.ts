import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { PARTNERS, INTERVENTION_TYPES, type Partner, type InterventionType } from '../../domain/enumerations';

export class PlanInterventionRequest {
  @ApiProperty({ enum: INTERVENTION_TYPES }) @IsIn(INTERVENTION_TYPES) type!: InterventionType;
  @ApiProperty({ enum: PARTNERS }) @IsIn(PARTNERS) leadPartner!: Partner;
  @ApiProperty({ format: 'date' }) @IsBusinessDate() plannedOn!: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) description?: string;
}
